# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Change control through ansible-playbook (SPEC 6d): the plan is what the run sends, its digest pins a review,
a purge leaves what is on air, max_deletes bounds the blast radius; checked on the simulators' request logs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from hmp_helpers import SRT_PASSPHRASE, hmp_play, session_by_title
from kraken_helpers import by_name, kraken_play

KRAKEN_PASSPHRASE = "change-control-srt-pass-31"
HMP_PASSPHRASE = SRT_PASSPHRASE
UDP = {"type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}


def lineup_task(module, register="result", check=None, **args):
    entry = {"name": register, "haivision.media." + module: args, "register": register}
    if check is not None:
        entry["check_mode"] = check
    return entry


def assert_sent_as_planned(plan, device):
    """The plan's writes are the device's write requests, one for one and in order; ``(new)`` is the id the
    device assigned."""
    sent = [(r["method"], r["path"]) for r in device.writes()]
    planned = [(w["method"], w["path"]) for w in plan]
    assert len(planned) == len(sent), (planned, sent)
    for (method, path), (sent_method, sent_path) in zip(planned, sent):
        assert method == sent_method and re.match("^%s$" % re.escape(path).replace(re.escape("(new)"), "[^/]+"),
                                                  sent_path), (planned, sent)


def result_of(run, name="result"):
    return run.task(name)["result"]


# -- the Kraken line-up ------------------------------------------------------------------------------------


def kraken_lineup(reverse=False, **extra):
    """A line-up with creates, an update, run states and a purge, its items in the given or reversed order."""
    args = {
        "inputs": [{"name": "cam", "url": "udp://239.40.0.1:5000"},
                   {"name": "srt-in", "stream_type": "SRT", "srt_mode": "listener", "srt_local_port": 9000,
                    "srt_passphrase": KRAKEN_PASSPHRASE}],
        "outputs": [{"name": "out%d" % i, "url": "udp://239.41.0.%d:4900" % i, "ttl": 16} for i in range(3)],
        "transcoders": [{"name": "tc", "video_bitrate": 3000}],
        "streams": [{"name": "main", "input": "cam", "transcoder": "tc", "outputs": ["out0", "out1"], "state": "started"},
                    {"name": "backup", "input": "srt-in", "outputs": ["out2"], "state": "stopped"}],
        "purge": True,
    }
    if reverse:
        args = dict((k, list(reversed(v)) if isinstance(v, list) else v) for k, v in args.items())
    args.update(extra)
    return args


def seed_kraken(device):
    """A device the line-up partly matches: out0 drifted, a stray output and a stopped stray stream to purge."""
    parts = device.seed({"outputs": [{"name": "out0", "url": "udp://239.41.0.0:4900", "ttl": 3},
                                     {"name": "stray-out", "url": "udp://239.9.9.9:1"}],
                         "inputs": [{"name": "stray-in", "url": "udp://239.9.9.8:1"}]})
    device.seed({"streams": [{"name": "stray", "input": parts["inputs"][0], "outputs": [parts["outputs"][1]],
                              "state": "stop"}]})


def test_kraken_lineup_check_mode_plan_is_what_the_run_sends_and_its_digest_holds(clean, ansible):
    kraken = clean.kraken
    seed_kraken(kraken)
    kraken.clear_log()
    check = ansible(kraken_play(lineup_task("kraken_lineup", **kraken_lineup())), check=True, verbosity=3)
    planned = result_of(check)
    assert kraken.writes() == []
    assert planned["plan_digest"] and re.match("^[0-9a-f]{64}$", planned["plan_digest"])
    kinds = [(w["kind"], w["action"]) for w in planned["plan"]]
    assert ("streams", "delete") in kinds and ("outputs", "update") in kinds and ("inputs", "create") in kinds
    assert {"method": "PUT", "path": "/apis/kraken/streams/stream-(new)", "kind": "streams", "name": "main",
            "action": "create", "note": "state start"} in planned["plan"]
    # Equal across runs and whatever the order of the items.
    again = ansible(kraken_play(lineup_task("kraken_lineup", **kraken_lineup(reverse=True))), check=True)
    assert result_of(again)["plan_digest"] == planned["plan_digest"]
    assert KRAKEN_PASSPHRASE not in check.output + again.output

    run = ansible(kraken_play(lineup_task("kraken_lineup", **kraken_lineup())))
    applied = result_of(run)
    assert_sent_as_planned(planned["plan"], kraken)
    assert applied["plan_digest"] == planned["plan_digest"] and len(applied["plan"]) == len(planned["plan"])
    assert by_name(kraken, "streams", "stray") is None and by_name(kraken, "outputs", "out0")["ttl"] == 16
    converged = ansible(kraken_play(lineup_task("kraken_lineup", **kraken_lineup())), check=True)
    assert result_of(converged)["plan"] == [] and result_of(converged)["plan_digest"] is None


def test_kraken_pinned_apply_refuses_a_drifted_device_with_zero_writes_then_applies_the_new_plan(clean, ansible):
    kraken = clean.kraken
    ansible(kraken_play(lineup_task("kraken_lineup", **kraken_lineup())))
    out1 = by_name(kraken, "outputs", "out1")
    kraken.admin("POST", "kraken/edit", {"kind": "outputs", "uuid": out1["uuid"], "fields": {"ttl": 5}})
    reviewed = result_of(ansible(kraken_play(lineup_task("kraken_lineup", **kraken_lineup())), check=True))
    assert [(w["method"], w["name"]) for w in reviewed["plan"]] == [("PUT", "out1")]
    # Behind Ansible's back, after the review: another output drifts too.
    out2 = by_name(kraken, "outputs", "out2")
    kraken.admin("POST", "kraken/edit", {"kind": "outputs", "uuid": out2["uuid"], "fields": {"ttl": 7}})
    kraken.clear_log()
    pinned = kraken_lineup(expect_plan_digest=reviewed["plan_digest"])
    refused = ansible(kraken_play(lineup_task("kraken_lineup", **pinned)))
    result = result_of(refused)
    assert refused.task("result")["status"] == "failed"
    assert "differs from the reviewed one" in result["msg"] and "nothing was written" in result["msg"]
    assert kraken.writes() == []
    assert sorted(w["name"] for w in result["plan"]) == ["out1", "out2"]
    assert result["plan_digest"] not in (None, reviewed["plan_digest"])
    # The drift changed the digest; the plan made now, pinned, applies exactly.
    kraken.clear_log()
    applied = ansible(kraken_play(lineup_task("kraken_lineup", **kraken_lineup(expect_plan_digest=result["plan_digest"]))))
    assert applied.task("result")["status"] == "changed", applied.output
    assert_sent_as_planned(result["plan"], kraken)
    # A reviewed empty plan pins as "empty".
    empty = ansible(kraken_play(lineup_task("kraken_lineup", **kraken_lineup(expect_plan_digest="empty"))))
    assert empty.task("result")["status"] == "ok", empty.output


def seed_channel(device, name, state):
    parts = device.seed({"inputs": [{"name": name + "-in", "url": "udp://239.1.1.1:1"}],
                         "outputs": [{"name": name + "-out", "url": "udp://239.2.2.2:1"}],
                         "transcoders": [{"name": name + "-tc"}]})
    device.seed({"streams": [{"name": name, "input": parts["inputs"][0], "transcoder": parts["transcoders"][0],
                              "outputs": parts["outputs"], "state": state}]})


EVERYTHING = {"inputs": [], "outputs": [], "transcoders": [], "streams": [], "purge": True}


def test_a_purge_leaves_a_running_stream_and_what_it_uses(clean, ansible):
    kraken = clean.kraken
    seed_channel(kraken, "live", "start")
    seed_channel(kraken, "idle", "stop")
    live = by_name(kraken, "streams", "live")
    kraken.clear_log()
    run = ansible(kraken_play(lineup_task("kraken_lineup", **EVERYTHING)))
    result = result_of(run)
    assert result["kept_on_air"] == [
        {"kind": "inputs", "name": "live-in", "id": live["input"]},
        {"kind": "outputs", "name": "live-out", "id": live["outputs"][0]},
        {"kind": "transcoders", "name": "live-tc", "id": live["transcoder"]},
        {"kind": "streams", "name": "live", "id": live["uuid"]}]
    assert sorted(r["name"] for r in result["resources"] if r["action"] == "delete") == [
        "idle", "idle-in", "idle-out", "idle-tc"]
    state = kraken.state()
    assert [(s["name"], s["state"]) for s in state["streams"].values()] == [("live", "active")]
    assert sorted(r["name"] for kind in ("inputs", "outputs", "transcoders") for r in state[kind].values()) == [
        "live-in", "live-out", "live-tc"]
    assert not [w for w in kraken.writes() if live["uuid"] in w["path"]]


def test_an_item_asking_for_the_running_stream_absent_is_obeyed_and_purge_on_air_removes_it(clean, ansible):
    kraken = clean.kraken
    seed_channel(kraken, "live", "start")
    absent = dict(EVERYTHING)
    absent["streams"] = [{"name": "live", "state": "absent"}]
    result = result_of(ansible(kraken_play(lineup_task("kraken_lineup", **absent))))
    assert result["kept_on_air"] == []
    assert kraken.state()["streams"] == {} and kraken.state()["inputs"] == {}
    seed_channel(kraken, "live", "start")
    result = result_of(ansible(kraken_play(lineup_task("kraken_lineup", purge_on_air=True, **EVERYTHING))))
    assert result["kept_on_air"] == [] and len([r for r in result["resources"] if r["action"] == "delete"]) == 4
    assert all(not kraken.state()[kind] for kind in ("inputs", "outputs", "transcoders", "streams"))


def test_max_deletes_refuses_before_any_write_listing_the_deletes(clean, ansible):
    kraken = clean.kraken
    kraken.seed({"outputs": [{"name": "old%d" % i, "url": "udp://239.2.2.%d:1" % i} for i in range(3)]})
    kraken.clear_log()
    for check in (True, False):
        run = ansible(kraken_play(lineup_task("kraken_lineup", outputs=[], purge=True, max_deletes=2)), check=check)
        result = result_of(run)
        assert run.task("result")["status"] == "failed"
        assert re.search(r"deletes 3 resources, more than max_deletes 2: outputs old0 \(.*outputs old1 \(.*outputs old2 \(",
                         result["msg"]), result["msg"]
        assert [w["name"] for w in result["plan"]] == ["old0", "old1", "old2"]
    assert kraken.writes() == []
    assert len(kraken.state()["outputs"]) == 3


def test_kraken_stream_check_mode_plan_is_what_the_run_sends(clean, ansible):
    kraken = clean.kraken
    kraken.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:5000"}],
                 "outputs": [{"name": "out", "url": "udp://239.2.2.1:4900"}]})
    stream = {"name": "ch", "input": "cam", "outputs": ["out"], "description": "news", "state": "started"}
    task = {"name": "stream", "haivision.media.kraken_stream": stream, "register": "result"}
    for args in (stream, dict(stream, description="sport", state="stopped")):
        task["haivision.media.kraken_stream"] = args
        kraken.clear_log()
        planned = ansible(kraken_play(task), check=True).task("stream")["result"]
        assert planned["plan"] and kraken.writes() == []
        applied = ansible(kraken_play(task)).task("stream")["result"]
        assert_sent_as_planned(planned["plan"], kraken)
        assert planned["plan_digest"] is not None and applied["plan_digest"] == planned["plan_digest"]
    assert ansible(kraken_play(task), check=True).task("stream")["result"]["plan_digest"] is None


# -- the HMP line-up ---------------------------------------------------------------------------------------


def hmp_lineup(reverse=False, **extra):
    args = {
        "sources": [dict(UDP, name="cam%d" % i, host="239.50.0.%d" % i) for i in range(3)] + [
            {"name": "guest", "type": "SRT", "mode": "LISTENER", "port": 9000, "passphrase": HMP_PASSPHRASE}],
        "sessions": [{"title": "Show %d" % i, "sources": ["cam%d" % i, "guest"], "categories": {"Department": ["Sales"]},
                      "shares": [{"name": "Operators", "type": "GROUP", "permission": "EDIT"}]} for i in range(2)],
        "purge": True,
    }
    if reverse:
        args = dict((k, list(reversed(v)) if isinstance(v, list) else v) for k, v in args.items())
    args.update(extra)
    return args


def hmp_task(**args):
    return lineup_task("hmp_lineup", **args)


def test_hmp_lineup_check_mode_plan_is_what_the_run_sends_and_its_digest_holds(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": [dict(UDP, name="cam0", host="239.50.0.0", port=5000), dict(UDP, name="stray", host="239.9.9.9")],
              "sessions": [{"title": "Show 0", "sources": ["cam0"]}, {"title": "Old show", "sources": ["stray"]}]})
    hmp.clear_log()
    check = ansible(hmp_play(hmp_task(**hmp_lineup())), check=True, verbosity=3)
    planned = result_of(check)
    assert hmp.writes() == [] and planned["plan_digest"]
    actions = set((w["kind"], w["action"]) for w in planned["plan"])
    assert actions == {("sources", "create"), ("sources", "update"), ("sources", "delete"), ("sessions", "create"),
                       ("sessions", "update"), ("sessions", "delete")}
    again = ansible(hmp_play(hmp_task(**hmp_lineup(reverse=True))), check=True)
    assert result_of(again)["plan_digest"] == planned["plan_digest"]
    run = ansible(hmp_play(hmp_task(**hmp_lineup())))
    assert_sent_as_planned(planned["plan"], hmp)
    assert result_of(run)["plan_digest"] == planned["plan_digest"]
    assert HMP_PASSPHRASE not in check.output + again.output + run.output
    # A drift behind Ansible's back changes the digest; pinned to the old one, nothing is written.
    cam1 = next(s for s in hmp.state()["sources"].values() if s["name"] == "cam1")
    hmp.admin("POST", "hmp/edit", {"kind": "sources", "id": cam1["id"], "fields": {"port": 6000}})
    drifted = result_of(ansible(hmp_play(hmp_task(**hmp_lineup())), check=True))
    assert drifted["plan_digest"] is not None and [(w["method"], w["name"]) for w in drifted["plan"]] == [("PUT", "cam1")]
    # Another value of the drifted port: the write sets the same, so the reviewed plan still applies ...
    hmp.admin("POST", "hmp/edit", {"kind": "sources", "id": cam1["id"], "fields": {"port": 6001}})
    assert result_of(ansible(hmp_play(hmp_task(**hmp_lineup())), check=True))["plan_digest"] == drifted["plan_digest"]
    # ... but a drift that adds a write does not.
    cam2 = next(s for s in hmp.state()["sources"].values() if s["name"] == "cam2")
    hmp.admin("POST", "hmp/edit", {"kind": "sources", "id": cam2["id"], "fields": {"port": 6002}})
    hmp.clear_log()
    refused = ansible(hmp_play(hmp_task(**hmp_lineup(expect_plan_digest=drifted["plan_digest"]))))
    assert refused.task("result")["status"] == "failed" and hmp.writes() == []
    assert sorted(w["name"] for w in result_of(refused)["plan"]) == ["cam1", "cam2"]
    assert result_of(refused)["plan_digest"] != drifted["plan_digest"]


def test_a_purge_leaves_a_session_that_records_and_the_source_it_records(clean, ansible):
    hmp = clean.hmp
    ids = hmp.seed({"sources": [dict(UDP, name="cam"), dict(UDP, name="spare", host="239.1.1.2")],
                    "sessions": [{"title": "Live", "sources": ["cam"], "recording": True},
                                 {"title": "Old", "sources": ["spare"]}]})
    hmp.clear_log()
    result = result_of(ansible(hmp_play(hmp_task(sources=[], sessions=[], purge=True))))
    assert result["kept_on_air"] == [{"kind": "sources", "name": "cam", "id": ids["sources"][0]},
                                     {"kind": "sessions", "name": "Live", "id": ids["sessions"][0]}]
    assert session_by_title(hmp, "Live")["recording"] is True and session_by_title(hmp, "Old") is None
    assert not [w for w in hmp.writes() if ids["sessions"][0] in w["path"] or ids["sources"][0] in w["path"]]
    # An item asking for it absent (with force, as hmp_session needs) is obeyed.
    absent = result_of(ansible(hmp_play(hmp_task(sources=[], sessions=[{"title": "Live", "state": "absent", "force": True}],
                                                 purge=True))))
    assert absent["kept_on_air"] == []
    assert hmp.state()["sessions"] == {} and hmp.state()["sources"] == {}


def test_purge_on_air_stops_the_recording_and_removes_the_session(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": [dict(UDP, name="cam")], "sessions": [{"title": "Live", "sources": ["cam"], "recording": True}]})
    hmp.clear_log()
    result = result_of(ansible(hmp_play(hmp_task(sources=[], sessions=[], purge=True, purge_on_air=True))))
    assert result["kept_on_air"] == []
    assert [w[0] + " " + w[1].split("/")[2] for w in [(r["method"], r["path"]) for r in hmp.writes()]] == [
        "DELETE recordings", "DELETE sessions", "DELETE sources"]
    assert hmp.state()["sessions"] == {}


def test_hmp_max_deletes_refuses_with_zero_writes(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": [dict(UDP, name="s%d" % i, host="239.1.1.%d" % i) for i in range(2)]})
    hmp.clear_log()
    run = ansible(hmp_play(hmp_task(sources=[], purge=True, max_deletes=1)))
    assert run.task("result")["status"] == "failed"
    assert "deletes 2 resources, more than max_deletes 1: sources s0 (" in result_of(run)["msg"]
    assert hmp.writes() == []


def test_hmp_session_check_mode_plan_is_what_the_run_sends(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": [dict(UDP, name="cam1"), dict(UDP, name="cam2", host="239.1.1.2")]})
    session = {"title": "Town hall", "description": "all hands", "sources": ["cam1", "cam2"],
               "metadata": {"event-code": "TH1"}, "categories": {"Department": ["Sales"]},
               "shares": [{"name": "Operators", "type": "GROUP", "permission": "EDIT"}], "public_share": True}
    task = {"name": "session", "haivision.media.hmp_session": session, "register": "result"}
    for args in (session, dict(session, description="quarterly", sources=["cam2"], metadata={"event-code": "TH2"})):
        task["haivision.media.hmp_session"] = args
        hmp.clear_log()
        planned = ansible(hmp_play(task), check=True).task("session")["result"]
        assert planned["plan"] and hmp.writes() == []
        applied = ansible(hmp_play(task)).task("session")["result"]
        assert_sent_as_planned(planned["plan"], hmp)
        assert planned["plan_digest"] is not None and applied["plan_digest"] == planned["plan_digest"]
