# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""kraken_lineup: a whole device in one task, checked on the simulator's state and request log."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from kraken_helpers import by_name, kraken_play, task

PASSPHRASE = "lineup-srt-passphrase-9"


def lineup(count=5, **extra):
    """``count`` channels of input, transcoder, output and started stream: 4 x count resources."""
    args = {
        "inputs": [{"name": "in%d" % i, "url": "udp://239.40.0.%d:5000" % i} for i in range(count)],
        "transcoders": [{"name": "tc%d" % i, "video_bitrate": 1000 + i} for i in range(count)],
        "outputs": [{"name": "out%d" % i, "url": "udp://239.41.0.%d:4900" % i, "ttl": 16} for i in range(count)],
        "streams": [{"name": "ch%d" % i, "input": "in%d" % i, "transcoder": "tc%d" % i, "outputs": ["out%d" % i],
                     "state": "started"} for i in range(count)],
    }
    args["inputs"].append({"name": "srt-in", "stream_type": "SRT", "srt_mode": "listener", "srt_local_port": 9000,
                           "srt_passphrase": PASSPHRASE})
    args.update(extra)
    return task("lineup", "kraken_lineup", **args)


def test_twenty_resources_created_in_order_then_converged_with_zero_writes(clean, ansible):
    run = ansible(kraken_play(lineup()), diff=True, verbosity=3)
    result = run.task("lineup")
    assert result["status"] == "changed", run.output
    actions = [(r["kind"], r["action"], r["applied"]) for r in result["result"]["resources"]]
    assert len(actions) == 21 and all(a[1] == "create" and a[2] for a in actions)
    state = clean.kraken.state()
    assert sorted(s["name"] for s in state["streams"].values()) == ["ch%d" % i for i in range(5)]
    assert all(s["state"] == "active" for s in state["streams"].values())
    # A stream refers to parts created in the same run.
    assert by_name(clean.kraken, "streams", "ch3")["input"] == by_name(clean.kraken, "inputs", "in3")["uuid"]
    # Parts were created before the streams that use them; run states came last, each alone.
    writes = clean.kraken.writes()
    first_stream = min(i for i, w in enumerate(writes) if w["path"].startswith("/apis/kraken/streams"))
    assert all(not w["path"].startswith("/apis/kraken/streams") for w in writes[:first_stream])
    state_puts = [i for i, w in enumerate(writes) if "<state>" in w["body"]]
    assert len(state_puts) == 5 and min(state_puts) > max(i for i, w in enumerate(writes) if w["method"] == "POST")
    assert PASSPHRASE not in run.output
    clean.kraken.clear_log()
    again = ansible(kraken_play(lineup()))
    assert again.task("lineup")["status"] == "ok", again.output
    assert clean.kraken.writes() == []
    # Each collection listed once, details read once each.
    gets = [r["path"] for r in clean.kraken.requests()]
    for kind in ("inputs", "outputs", "transcoders", "streams"):
        assert gets.count("/apis/kraken/%s" % kind) == 1


def test_one_drifted_field_is_corrected_with_one_write(clean, ansible):
    ansible(kraken_play(lineup(count=2)))
    out = by_name(clean.kraken, "outputs", "out1")
    clean.kraken.admin("POST", "kraken/edit", {"kind": "outputs", "uuid": out["uuid"], "fields": {"ttl": 3}})
    clean.kraken.clear_log()
    check = ansible(kraken_play(lineup(count=2)), check=True, diff=True)
    entries = [r for r in check.task("lineup")["result"]["resources"] if r["action"] != "none"]
    assert [(r["kind"], r["name"], r["diff"]["after"]) for r in entries] == [("outputs", "out1", {"ttl": 16})]
    assert clean.kraken.writes() == []
    run = ansible(kraken_play(lineup(count=2)))
    assert run.task("lineup")["status"] == "changed"
    assert [w["method"] for w in clean.kraken.writes()] == ["PUT"]
    assert by_name(clean.kraken, "outputs", "out1")["ttl"] == 16


def test_purge_removes_only_unnamed_resources_of_the_given_kinds(clean, ansible):
    ansible(kraken_play(lineup(count=2)))
    clean.kraken.seed({"outputs": [{"name": "stray-out", "url": "udp://239.9.9.9:1"}],
                       "transcoders": [{"name": "stray-tc"}]})
    run = ansible(kraken_play(task("purge", "kraken_lineup", purge=True,
                                   outputs=[{"name": "out0"}, {"name": "out1"}])))
    result = run.task("purge")
    assert result["status"] == "changed", run.output
    deleted = [(r["kind"], r["name"]) for r in result["result"]["resources"] if r["action"] == "delete"]
    assert deleted == [("outputs", "stray-out")]
    assert by_name(clean.kraken, "transcoders", "stray-tc") is not None  # transcoders were not given


def test_check_mode_writes_nothing(clean, ansible):
    run = ansible(kraken_play(lineup(count=2)), check=True, diff=True)
    result = run.task("lineup")
    assert result["status"] == "changed"
    assert all(not r["applied"] for r in result["result"]["resources"])
    assert clean.kraken.writes() == []


def test_partial_failure_reports_what_was_applied_and_next_run_converges(clean, ansible):
    clean.kraken.fault(kind="status", status=500, method="POST", path="/apis/kraken/outputs", count=1)
    run = ansible(kraken_play(lineup(count=2)))
    result = run.task("lineup")
    assert result["status"] == "failed"
    msg = result["result"]["msg"]
    assert "Applied: inputs in0" in msg and "Not applied:" in msg and "streams ch0" in msg
    applied = dict(((r["kind"], r["name"]), r["applied"]) for r in result["result"]["resources"])
    assert applied[("inputs", "in0")] and not applied[("streams", "ch0")]
    again = ansible(kraken_play(lineup(count=2)))
    assert again.task("lineup")["status"] == "changed", again.output
    assert by_name(clean.kraken, "streams", "ch1")["state"] == "active"
    final = ansible(kraken_play(lineup(count=2)))
    assert final.task("lineup")["status"] == "ok"
