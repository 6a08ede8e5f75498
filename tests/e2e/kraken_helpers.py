# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Plays and device look-ups shared by the Kraken end-to-end tests."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

KRAKEN_DEFAULTS = {
    "group/haivision.media.kraken": {
        "kraken_url": "{{ kraken_url }}", "kraken_consumer_key": "{{ kraken_consumer_key }}",
        "kraken_consumer_secret": "{{ kraken_consumer_secret }}", "ca_path": "{{ sim_ca_path }}",
    }
}


def kraken_play(*tasks):
    """One play on localhost with the Kraken connection set once for the group."""
    return [{"name": "kraken", "hosts": "localhost", "gather_facts": False, "module_defaults": KRAKEN_DEFAULTS,
             "tasks": list(tasks)}]


def task(title, module, **args):
    return {"name": title, "haivision.media." + module: args}


def by_name(device, kind, name):
    """The simulator's own record of a resource (wire names), or None."""
    matches = [r for r in device.state()[kind].values() if r.get("name") == name]
    assert len(matches) <= 1
    return matches[0] if matches else None
