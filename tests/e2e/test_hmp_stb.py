# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hmp_stb through ansible-playbook: only the commands that differ, tags, offline boxes, refusals that send nothing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from hmp_helpers import hmp_play, open_sessions, task, writes

CAM1 = {"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}
LOGIN = "/apis/authentication/login"
BOXES = [
    {"name": "lobby1", "tags": ["Lobby"], "volume": 0.5},
    {"name": "lobby2", "tags": ["Lobby"], "online": False},
    {"name": "room", "tags": ["Meeting Room"], "standby": True, "volume": 0.3, "muted": True},
]


def seed(hmp, boxes=None):
    created = hmp.seed({"sources": [CAM1], "sessions": [{"title": "Town hall", "sources": ["cam1"]}],
                        "stbs": boxes or BOXES, "tags": ["Spare"]})
    names = [b["name"] for b in boxes or BOXES]
    return created["sources"][0], created["sessions"][0], dict(zip(names, created["stbs"]))


def box(hmp, name):
    (match,) = [b for b in hmp.state()["stbs"].values() if b["name"] == name]
    return match


def sent(hmp):
    """(box id, command body) of each command since the log was cleared."""
    return [(r["path"].split("/")[4], json.loads(r["body"])) for r in hmp.writes()]


def commands(result):
    return dict((entry["name"], [c["command"] for c in entry["commands"]]) for entry in result["stbs"])


def test_one_box_sends_only_what_differs(clean, ansible):
    hmp = clean.hmp
    _cam, session_id, ids = seed(hmp)
    wanted = dict(name="lobby1", standby=False, volume=0.8, muted=True, channel="Town hall")
    preview = ansible(hmp_play(task("tune", "hmp_stb", **wanted)), check=True, diff=True)
    result = preview.task("tune")
    assert result["status"] == "changed", preview.output
    assert commands(result["result"]) == {"lobby1": ["set-volume", "mute", "set-channel"]}
    assert result["result"]["diff"]["after"] == {"lobby1 (%s)" % ids["lobby1"]: {"volume": 0.8, "muted": True,
                                                                                 "channel": "Town hall"}}
    assert writes(hmp) == [] and box(hmp, "lobby1")["volume"] == 0.5

    by_id = dict((k, v) for k, v in wanted.items() if k != "name")
    run = ansible(hmp_play(task("tune", "hmp_stb", **wanted), task("tune again", "hmp_stb", id=ids["lobby1"], **by_id)))
    assert [run.task(t)["status"] for t in ("tune", "tune again")] == ["changed", "ok"], run.output
    path = "/apis/devices/stbs/%s/commands" % ids["lobby1"]
    assert writes(hmp) == [("POST", path)] * 3
    assert [body for _id, body in sent(hmp)] == [
        {"command": "set-volume", "parameters": {"volume": 0.8}},
        {"command": "mute"},
        {"command": "set-channel", "parameters": {"id": session_id, "name": None, "type": "session"}}]
    state = box(hmp, "lobby1")
    assert (state["volume"], state["muted"], state["channelId"], state["channelType"]) == (0.8, True, session_id, "session")
    assert run.task("tune again")["result"]["stbs"] == [{"id": ids["lobby1"], "name": "lobby1", "status": "Online",
                                                         "commands": []}]

    hmp.clear_log()
    quieter = dict(wanted)
    quieter["volume"] = 0.25
    volume = ansible(hmp_play(task("volume", "hmp_stb", **quieter)))
    assert volume.task("volume")["status"] == "changed", volume.output
    assert sent(hmp) == [(ids["lobby1"], {"command": "set-volume", "parameters": {"volume": 0.25}})]


def test_standby_wakes_first_and_sleeps_last(clean, ansible):
    hmp = clean.hmp
    cam, _session, ids = seed(hmp)
    run = ansible(hmp_play(task("wake", "hmp_stb", name="room", standby=False, muted=False, channel=cam),
                           task("sleep", "hmp_stb", name="room", standby=True, volume=0.9)))
    assert commands(run.task("wake")["result"]) == {"room": ["standby-off", "unmute", "set-channel"]}, run.output
    assert [c["command"] for _id, c in sent(hmp)] == ["standby-off", "unmute", "set-channel", "set-volume", "standby-on"]
    assert commands(run.task("sleep")["result"]) == {"room": ["set-volume", "standby-on"]}
    state = box(hmp, "room")
    assert (state["standby"], state["status"], state["volume"], state["channelId"]) == (True, "Standby", 0.9, cam)
    assert all(box_id == ids["room"] for box_id, _body in sent(hmp))


def test_tag_targets_every_box_and_offline_ones_are_skipped_or_fail(clean, ansible):
    hmp = clean.hmp
    _cam, _session, ids = seed(hmp)
    run = ansible(hmp_play(task("lobby standby", "hmp_stb", tag="Lobby", standby=True),
                           task("lobby again", "hmp_stb", tag="Lobby", standby=True),
                           task("spare tag", "hmp_stb", tag="Spare", standby=True)))
    assert [run.task(t)["status"] for t in ("lobby standby", "lobby again", "spare tag")] == ["changed", "ok", "ok"], \
        run.output
    result = run.task("lobby standby")["result"]
    assert commands(result) == {"lobby1": ["standby-on"]}
    assert result["skipped_offline"] == [{"id": ids["lobby2"], "name": "lobby2", "status": "Offline"}]
    assert sent(hmp) == [(ids["lobby1"], {"command": "standby-on"})]
    assert run.task("spare tag")["result"]["stbs"] == []

    hmp.clear_log()
    strict = ansible(hmp_play(dict(task("strict", "hmp_stb", tag="Lobby", standby=False, require_online=True),
                                   ignore_errors=True)))
    assert strict.task("strict")["status"] == "ignored", strict.output
    assert "lobby2 (%s) is Offline" % ids["lobby2"] in strict.task("strict")["result"]["msg"]
    assert writes(hmp) == [] and box(hmp, "lobby1")["standby"] is True


def test_message_and_reboot_are_sent_on_every_run(clean, ansible):
    hmp = clean.hmp
    _cam, _session, ids = seed(hmp)
    args = dict(name="room", text_message={"text": "Town hall in 5 minutes", "seconds": 30}, reboot=True)
    preview = ansible(hmp_play(task("announce", "hmp_stb", **args)), check=True)
    assert preview.task("announce")["status"] == "changed" and writes(hmp) == []
    run = ansible(hmp_play(task("announce", "hmp_stb", **args), task("announce again", "hmp_stb", **args)))
    assert [run.task(t)["status"] for t in ("announce", "announce again")] == ["changed", "changed"], run.output
    assert [body["command"] for _id, body in sent(hmp)] == ["show-text-message", "reboot"] * 2
    message = sent(hmp)[0][1]["parameters"]
    assert message["data"][0]["message"] == "Town hall in 5 minutes" and message["data"][0]["duration"] == 30000
    assert {box_id for box_id, _body in sent(hmp)} == {ids["room"]}


def test_refusals_send_nothing_and_log_out(clean, ansible):
    hmp = clean.hmp
    seed(hmp, BOXES + [{"name": "twin"}, {"name": "twin"}])
    run = ansible(hmp_play(*[dict(task(name, "hmp_stb", **args), ignore_errors=True) for name, args in (
        ("unknown channel", dict(tag="Lobby", volume=0.1, channel="Nowhere")),
        ("unknown box", dict(name="nobody", muted=True)),
        ("unknown id", dict(id="no-such-box", muted=True)),
        ("unknown tag", dict(tag="Kitchen", muted=True)),
        ("ambiguous name", dict(name="twin", muted=True)),
    )]))
    messages = dict((r["task"], r["result"]["msg"]) for r in run.results)
    assert all(r["status"] == "ignored" for r in run.results) and len(messages) == 5, run.output
    assert "channel 'Nowhere' is neither the name or id of a source nor the title or id of a session" in \
        messages["unknown channel"]
    assert "no set-top box named 'nobody'" in messages["unknown box"] and "lobby1" in messages["unknown box"]
    assert "no set-top box with id no-such-box" in messages["unknown id"]
    assert "'Kitchen' is neither the name nor the id of a device tag" in messages["unknown tag"]
    assert "Lobby" in messages["unknown tag"]
    assert "2 STBs have the name 'twin'" in messages["ambiguous name"] and "give id" in messages["ambiguous name"]
    assert writes(hmp) == []
    assert [r["method"] for r in hmp.requests() if r["path"] == LOGIN] == ["POST", "DELETE"] * 5
    assert open_sessions(hmp) == 0


def test_bad_input_sends_no_request(clean, ansible):
    hmp = clean.hmp
    seed(hmp)
    run = ansible(hmp_play(*[dict(task(name, "hmp_stb", **args), ignore_errors=True) for name, args in (
        ("volume too high", dict(name="lobby1", volume=1.5)),
        ("two targets", dict(name="lobby1", tag="Lobby", muted=True)),
        ("no target", dict(muted=True)),
        ("zero seconds", dict(name="lobby1", text_message={"text": "hi", "seconds": 0})),
    )]))
    messages = dict((r["task"], r["result"]["msg"]) for r in run.results)
    assert all(r["status"] == "ignored" for r in run.results) and len(messages) == 4, run.output
    assert "volume must be between 0.0 and 1.0, got 1.5" in messages["volume too high"]
    assert "mutually exclusive" in messages["two targets"]
    assert "one of the following is required" in messages["no target"]
    assert "text_message.seconds must be at least 1" in messages["zero seconds"]
    assert hmp.requests() == []


def test_hmp_info_gathers_boxes_and_tags(clean, ansible):
    hmp = clean.hmp
    _cam, _session, ids = seed(hmp)
    run = ansible(hmp_play(task("info", "hmp_info", gather=["stbs", "tags"])))
    info = run.task("info")["result"]
    assert sorted((b["_id"], b["name"], b["status"]) for b in info["stbs"]) == sorted(
        [(ids["lobby1"], "lobby1", "Online"), (ids["lobby2"], "lobby2", "Offline"), (ids["room"], "room", "Standby")])
    assert sorted(t["name"] for t in info["tags"]) == ["Lobby", "Meeting Room", "Spare"]

    clean.hmp.reset()
    empty = ansible(hmp_play(task("info", "hmp_info", gather=["stbs", "tags"])))
    assert empty.task("info")["result"]["stbs"] == [] and empty.task("info")["result"]["tags"] == [], empty.output
