# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""kraken_stream through ansible-playbook: references, run state, idempotence, checked on the simulator."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
from lxml import etree

from kraken_helpers import by_name, kraken_play, task


@pytest.fixture
def parts(clean):
    """Two inputs, a transcoder and three outputs to build streams from."""
    return clean.kraken.seed({
        "inputs": [{"name": "cam1", "url": "udp://239.1.1.1:5000"}, {"name": "cam2", "url": "udp://239.1.1.2:5000"}],
        "transcoders": [{"name": "HD"}],
        "outputs": [{"name": "out1", "url": "udp://239.2.2.1:4900"}, {"name": "out2", "url": "udp://239.2.2.2:4900"},
                    {"name": "out3", "url": "udp://239.2.2.3:4900"}],
    })


def stream(**args):
    args.setdefault("name", "ch1")
    return task("stream", "kraken_stream", **args)


def put_bodies(device):
    return [etree.fromstring(w["body"].encode()) for w in device.writes() if w["method"] == "PUT"]


def test_create_by_names_then_converged_in_any_order(clean, ansible, parts):
    run = ansible(kraken_play(stream(input="cam1", transcoder="HD", outputs=["out1", "out2"], description="main")))
    assert run.task("stream")["status"] == "changed", run.output
    record = by_name(clean.kraken, "streams", "ch1")
    assert record["input"] == parts["inputs"][0]
    assert sorted(record["outputs"]) == sorted(parts["outputs"][:2])
    clean.kraken.clear_log()
    # Same set in another order, references mixing a uuid and a name: nothing to do.
    again = ansible(kraken_play(stream(input=parts["inputs"][0], transcoder="HD", outputs=["out2", parts["outputs"][0]])))
    assert again.task("stream")["status"] == "ok", again.output
    assert clean.kraken.writes() == []


def test_output_set_change_is_one_put_with_the_new_set(clean, ansible, parts):
    ansible(kraken_play(stream(input="cam1", transcoder="HD", outputs=["out1", "out2"])))
    clean.kraken.clear_log()
    run = ansible(kraken_play(stream(outputs=["out1", "out3"])), diff=True)
    result = run.task("stream")
    assert result["status"] == "changed", run.output
    assert list(result["result"]["diff"]["after"]) == ["outputs"]
    assert sorted(by_name(clean.kraken, "streams", "ch1")["outputs"]) == sorted([parts["outputs"][0], parts["outputs"][2]])
    assert [w["method"] for w in clean.kraken.writes()] == ["PUT"]


def test_started_sends_the_state_alone_after_the_field_edit(clean, ansible, parts):
    ansible(kraken_play(stream(input="cam1", transcoder="HD", outputs=["out1"])))
    clean.kraken.clear_log()
    run = ansible(kraken_play(stream(input="cam2", state="started", wait=True)))
    assert run.task("stream")["status"] == "changed", run.output
    bodies = put_bodies(clean.kraken)
    assert len(bodies) == 2
    assert "state" not in [c.tag for c in bodies[0]]  # the field edit carries no state
    assert [(c.tag, c.text) for c in bodies[1]] == [("state", "start")]  # the state goes alone
    record = by_name(clean.kraken, "streams", "ch1")
    assert record["state"] == "active" and record["input"] == parts["inputs"][1]
    assert run.task("stream")["result"]["stream"]["state"] == "active"
    clean.kraken.clear_log()
    again = ansible(kraken_play(stream(input="cam2", state="started")))
    assert again.task("stream")["status"] == "ok"
    assert clean.kraken.writes() == []


def test_auto_start_stream_asked_stopped_ends_stopped(clean, ansible, parts):
    run = ansible(kraken_play(stream(input="cam1", transcoder="HD", outputs=["out1"], auto_start=True, state="stopped")))
    assert run.task("stream")["status"] == "changed", run.output
    assert by_name(clean.kraken, "streams", "ch1")["state"] == "stopped"
    assert [(c.tag, c.text) for c in put_bodies(clean.kraken)[-1]] == [("state", "stop")]


def test_absent_stops_a_running_stream_then_removes_it(clean, ansible, parts):
    ansible(kraken_play(stream(input="cam1", transcoder="HD", outputs=["out1"], state="started")))
    run = ansible(kraken_play(stream(state="absent"), task("again", "kraken_stream", name="ch1", state="absent")))
    assert run.task("stream")["status"] == "changed", run.output
    assert run.task("again")["status"] == "ok"
    assert by_name(clean.kraken, "streams", "ch1") is None


def test_check_mode_writes_nothing_and_predicts(clean, ansible, parts):
    run = ansible(kraken_play(stream(input="cam1", transcoder="HD", outputs=["out1"], state="started")), check=True, diff=True)
    result = run.task("stream")
    assert result["status"] == "changed", run.output
    assert result["result"]["stream"]["state"] == "active"
    assert result["result"]["diff"]["after"]["input"] == "cam1"
    assert result["result"]["stream"]["input"] == {"name": "cam1", "uuid": parts["inputs"][0]}
    assert clean.kraken.writes() == []
    assert by_name(clean.kraken, "streams", "ch1") is None


def test_unknown_reference_fails_clearly_and_writes_nothing(clean, ansible, parts):
    run = ansible(kraken_play(stream(input="no-such-input", transcoder="HD")))
    result = run.task("stream")
    assert result["status"] == "failed"
    assert "input 'no-such-input'" in result["result"]["msg"]
    assert clean.kraken.writes() == []
