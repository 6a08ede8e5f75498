# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Plays and platform look-ups shared by the HMP end-to-end tests."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

HMP_DEFAULTS = {
    "group/haivision.media.hmp": {
        "hmp_url": "{{ hmp_url }}", "hmp_username": "{{ hmp_username }}", "hmp_password": "{{ hmp_password }}",
        "ca_path": "{{ sim_ca_path }}",
    }
}
SRT_PASSPHRASE = "srt-passphrase-0123"


def hmp_play(*tasks):
    """One play on localhost with the HMP connection set once for the group."""
    return [{"name": "hmp", "hosts": "localhost", "gather_facts": False, "module_defaults": HMP_DEFAULTS,
             "tasks": list(tasks)}]


def task(task_name, module_name, **args):
    """A task of one collection module (``task_name``, not ``title``: sessions have a ``title`` option)."""
    return {"name": task_name, "haivision.media." + module_name: args}


def source_by_name(device, name):
    """The simulator's own record of a source (passphrase in clear), or None."""
    matches = [s for s in device.state()["sources"].values() if s["name"] == name]
    assert len(matches) <= 1
    return matches[0] if matches else None


def session_by_title(device, title):
    matches = [s for s in device.state()["sessions"].values() if s["title"] == title]
    assert len(matches) <= 1
    return matches[0] if matches else None


def metadata_map(record):
    """A record's metadata as {name: [values]} (the fields' values, whatever their type)."""
    return dict((e["name"], [f.get("valueString", f.get("valueInt32", f.get("valueUint32"))) for f in e["field"]])
                for e in record["metadata"])


def share_map(record):
    return dict(("%s:%s" % (s["shareType"], s["name"]), s["permission"]) for s in record["shares"])


def writes(device):
    """(method, path) of each write since the log was cleared, login and logout left out."""
    return [(r["method"], r["path"]) for r in device.writes()]


def open_sessions(device):
    return device.admin("GET", "hmp/sessions")["open"]


def without(record, *keys):
    return dict((k, v) for k, v in record.items() if k not in keys)
