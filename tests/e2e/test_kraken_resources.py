# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""kraken_input, kraken_output and kraken_transcoder through ansible-playbook, checked on the simulator."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from kraken_helpers import by_name, kraken_play, task

# module, collection, create options, one-field update (option, value, wire name, wire value)
CASES = [
    ("kraken_input", "inputs",
     {"name": "cam1", "url": "udp://239.1.1.1:5000", "description": "studio", "interface": "eth1"},
     ("description", "north studio", "description", "north studio")),
    ("kraken_output", "outputs",
     {"name": "out1", "url": "udp://239.2.2.2:4900", "ttl": 16, "tos": 128,
      "sap": {"transmit_sap": True, "address": "224.2.127.254", "port": 9875, "session_name": "ch1"}},
     ("mtu", 1316, "mtu", 1316)),
    ("kraken_transcoder", "transcoders",
     {"name": "HD", "video_bitrate": 4000, "gop_size": 60, "audio": True, "audio_bitrate": 128,
      "resolution_mode": 1, "resolution": {"width": 1280, "height": 720}},
     ("video_bitrate", 5000, "videoBitrate", 5000)),
]
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize("module,kind,create,update", CASES, ids=IDS)
def test_create_then_converged_run_sends_no_write(clean, ansible, module, kind, create, update):
    first = ansible(kraken_play(task("create", module, **create)))
    assert first.task("create")["status"] == "changed", first.output
    assert by_name(clean.kraken, kind, create["name"]) is not None
    clean.kraken.clear_log()
    second = ansible(kraken_play(task("again", module, **create)))
    assert second.task("again")["status"] == "ok", second.output
    assert clean.kraken.writes() == []


@pytest.mark.parametrize("module,kind,create,update", CASES, ids=IDS)
def test_check_mode_create_writes_nothing(clean, ansible, module, kind, create, update):
    run = ansible(kraken_play(task("create", module, **create)), check=True, diff=True)
    result = run.task("create")
    assert result["status"] == "changed", run.output
    assert result["result"]["diff"]["after"]["name"] == create["name"]
    assert clean.kraken.writes() == []
    assert by_name(clean.kraken, kind, create["name"]) is None


@pytest.mark.parametrize("module,kind,create,update", CASES, ids=IDS)
def test_one_field_changed_changes_only_that_field(clean, ansible, module, kind, create, update):
    option, value, wire, wire_value = update
    ansible(kraken_play(task("create", module, **create)))
    before = by_name(clean.kraken, kind, create["name"])
    clean.kraken.clear_log()
    run = ansible(kraken_play(task("update", module, name=create["name"], **{option: value})), diff=True)
    result = run.task("update")
    assert result["status"] == "changed", run.output
    assert list(result["result"]["diff"]["after"]) == [option]
    assert result["result"]["diff"]["after"][option] == value
    after = by_name(clean.kraken, kind, create["name"])
    assert after[wire] == wire_value
    assert dict((k, v) for k, v in after.items() if k != wire) == dict((k, v) for k, v in before.items() if k != wire)
    assert [w["method"] for w in clean.kraken.writes()] == ["PUT"]


@pytest.mark.parametrize("module,kind,create,update", CASES, ids=IDS)
def test_absent_removes_then_reports_unchanged(clean, ansible, module, kind, create, update):
    ansible(kraken_play(task("create", module, **create)))
    run = ansible(kraken_play(task("remove", module, name=create["name"], state="absent"),
                              task("remove again", module, name=create["name"], state="absent")))
    assert run.task("remove")["status"] == "changed", run.output
    assert run.task("remove again")["status"] == "ok"
    assert by_name(clean.kraken, kind, create["name"]) is None
