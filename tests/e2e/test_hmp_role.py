# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The hmp_live_session role and the HMP demo playbook: a first run builds, a second run is all ok."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from hmp_helpers import HMP_DEFAULTS, SRT_PASSPHRASE, metadata_map, session_by_title, share_map, writes

DEMO_PLAYBOOK = os.path.join(os.path.dirname(__file__), "..", "..", "demo", "hmp.yml")
LIVE_SESSION = {
    "title": "Town hall",
    "description": "Quarterly all-hands",
    "sources": [{"name": "stage-cam", "type": "UDP", "host": "239.10.0.1", "port": 4900, "multicast": True},
                {"name": "remote-guest", "type": "SRT", "mode": "LISTENER", "port": 9000, "latency": 250,
                 "passphrase": SRT_PASSPHRASE}],
    "categories": {"Department": ["Engineering", "Sales"]},
    "metadata": {"event-code": "TH-1"},
    "shares": [{"name": "Operators", "type": "GROUP", "permission": "EDIT"}, {"name": "viewer", "permission": "WATCH"}],
    "schedule": [{"start_time": 1893456000, "duration": 3600, "type": "weekly-recurring", "days": ["THU", "MON"],
                  "record": True}],
}


ROLE = "haivision.media.hmp_live_session"


def role_play(live_session):
    return [{"name": "live session", "hosts": "localhost", "gather_facts": False, "module_defaults": HMP_DEFAULTS,
             "roles": [{"role": ROLE, "vars": {"hmp_live_session": live_session}}]}]


def role_task_names(names):
    """The names the role gives its tasks: from ansible-core 2.21 on, a result names the task "<role> : <name>"."""
    return [name[len(ROLE + " : "):] if name.startswith(ROLE + " : ") else name for name in names]


def test_role_builds_then_second_run_is_all_ok(clean, ansible):
    hmp = clean.hmp
    first = ansible(role_play(LIVE_SESSION), diff=True, verbosity=3)
    assert first.rc == 0, first.output
    assert first.changed and not first.failed
    record = session_by_title(hmp, "Town hall")
    assert len(record["sources"]) == 2 and record["active"] is True
    assert metadata_map(record)["calypso:category:Department"] == ["Engineering", "Sales"]
    assert share_map(record) == {"GROUP:Operators": "EDIT", "USER:viewer": "WATCH"}
    [event] = record["events"]
    assert (event["type"], event["typeData"]["days"], event["parameters"], event["active"]) == \
        ("weekly-recurring", ["MON", "THU"], {"record": True}, True)
    assert SRT_PASSPHRASE not in first.output and clean.extra_vars()["hmp_password"] not in first.output

    hmp.clear_log()
    second = ansible(role_play(LIVE_SESSION))
    assert second.rc == 0 and second.changed == [], second.output
    assert writes(hmp) == []

    # A moved slot is the same event edited in place (HMP cannot delete events).
    moved = dict(LIVE_SESSION, schedule=[dict(LIVE_SESSION["schedule"][0], start_time=1893459600)])
    third = ansible(role_play(moved))
    assert role_task_names(third.changed) == [
        "Create or update the session with its sources, metadata, categories, shares and schedule"], third.output
    assert writes(hmp) == [("PUT", "/apis/sessions/%s/events/%s" % (record["id"], event["id"]))]
    [event] = session_by_title(hmp, "Town hall")["events"]
    assert event["startTime"] == 1893459600 and event["active"] is True


def test_demo_playbook_builds_then_second_run_is_all_ok(clean, ansible):
    with open(DEMO_PLAYBOOK) as handle:
        demo = handle.read()
    first = ansible(demo)
    assert first.rc == 0 and first.changed, first.output
    state = clean.hmp.state()
    assert sorted(s["name"] for s in state["sources"].values()) == ["demo-remote-guest", "demo-stage-cam"]
    record = session_by_title(clean.hmp, "Demo town hall")
    assert len(record["sources"]) == 2 and len(record["shares"]) == 2
    clean.hmp.clear_log()
    second = ansible(demo)
    assert second.rc == 0 and second.changed == [], second.output
    assert writes(clean.hmp) == []
