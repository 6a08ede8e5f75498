# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hmp_source through ansible-playbook, checked on the simulator's own state and request log."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from hmp_helpers import SRT_PASSPHRASE, hmp_play, open_sessions, source_by_name, task, without, writes

CAM = {"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True, "description": "studio"}
LIVE_KEYS = ("mtime", "bitrate", "active")


def test_source_lifecycle(clean, ansible):
    hmp = clean.hmp
    preview = ansible(hmp_play(task("create", "hmp_source", **CAM)), check=True, diff=True)
    result = preview.task("create")
    assert result["status"] == "changed", preview.output
    assert result["result"]["diff"]["after"]["name"] == "cam1"
    assert writes(hmp) == [] and source_by_name(hmp, "cam1") is None

    created = ansible(hmp_play(task("create", "hmp_source", **CAM)))
    assert created.task("create")["status"] == "changed", created.output
    record = source_by_name(hmp, "cam1")
    assert (record["host"], record["port"], record["multicast"], record["description"]) == ("239.1.1.1", 4900, True, "studio")
    assert created.task("create")["result"]["id"] == record["id"]

    hmp.clear_log()
    again = ansible(hmp_play(task("again", "hmp_source", **CAM)))
    assert again.task("again")["status"] == "ok", again.output
    assert writes(hmp) == []

    # One field given: only that field changes; the PUT carries the full state (HMP resets unsent fields).
    update = ansible(hmp_play(task("update", "hmp_source", name="cam1", description="north studio")), diff=True)
    result = update.task("update")
    assert result["status"] == "changed", update.output
    assert result["result"]["diff"] == {"before": {"description": "studio"}, "after": {"description": "north studio"}}
    after = source_by_name(hmp, "cam1")
    assert after["description"] == "north studio"
    assert without(after, "description", *LIVE_KEYS) == without(record, "description", *LIVE_KEYS)
    assert writes(hmp) == [("PUT", "/apis/sources/" + record["id"])]

    hmp.clear_log()
    gone = ansible(hmp_play(task("remove", "hmp_source", name="cam1", state="absent"),
                            task("remove again", "hmp_source", name="cam1", state="absent")))
    assert gone.task("remove")["status"] == "changed", gone.output
    assert gone.task("remove again")["status"] == "ok"
    assert source_by_name(hmp, "cam1") is None
    assert writes(hmp) == [("DELETE", "/apis/sources/" + record["id"])]
    assert open_sessions(hmp) == 0


def test_srt_passphrase_change_is_detected_and_never_shown(clean, ansible):
    hmp = clean.hmp
    srt = {"name": "contrib", "type": "SRT", "mode": "LISTENER", "port": 9000, "latency": 250, "passphrase": SRT_PASSPHRASE}
    first = ansible(hmp_play(task("create", "hmp_source", **srt)), diff=True, verbosity=3)
    assert first.task("create")["status"] == "changed", first.output
    assert first.task("create")["result"]["source"]["passphrase"] == "********"
    new_passphrase = "srt-passphrase-4567"
    second = ansible(hmp_play(task("same", "hmp_source", **srt),
                              task("rotate", "hmp_source", name="contrib", passphrase=new_passphrase)),
                     diff=True, verbosity=3)
    assert second.task("same")["status"] == "ok", second.output
    rotate = second.task("rotate")
    assert rotate["status"] == "changed"
    assert rotate["result"]["diff"]["after"] == {"passphrase": "******** (changed)"}
    record = source_by_name(hmp, "contrib")
    assert record["passphrase"] == new_passphrase and record["latency"] == 250 and record["mode"] == "LISTENER"
    for run in (first, second):
        for secret in (SRT_PASSPHRASE, new_passphrase, clean.extra_vars()["hmp_password"]):
            assert secret not in run.output


def test_invalid_input_fails_before_any_request(clean, ansible):
    bad = {
        "latency out of range": ("hmp_source", dict(name="s1", type="SRT", mode="LISTENER", port=9000, latency=10)),
        "UDP without multicast": ("hmp_source", dict(name="s2", type="UDP", host="239.1.1.2", port=4900)),
        "SRT without mode": ("hmp_source", dict(name="s3", type="SRT", port=9000)),
        "latency on a UDP source": ("hmp_source", dict(name="s4", type="UDP", host="239.1.1.3", port=4900, multicast=True, latency=200)),
        "short passphrase": ("hmp_source", dict(name="s5", type="SRT", mode="LISTENER", port=9000, passphrase="short")),
        "bad type": ("hmp_source", dict(name="s6", type="RTP", port=9000)),
        "INT32 not a number": ("hmp_session", dict(title="t", metadata={"count": {"value": "many", "type": "INT32"}})),
        "weekly without days": ("hmp_session", dict(title="t", schedule=[{"start_time": 0, "type": "weekly-recurring"}])),
        "share without principal": ("hmp_session", dict(title="t", shares=[{"permission": "WATCH"}])),
        "share without permission": ("hmp_session", dict(title="t", shares=[{"name": "viewer"}])),
        "category twice": ("hmp_session", dict(title="t", categories={"Room": ["1"]}, metadata={"calypso:category:Room": "2"})),
        "purge with absent": ("hmp_source_share", dict(source="cam1", shares=[{"name": "viewer"}], state="absent", purge=True)),
    }
    tasks = [dict(task(title, module, **args), ignore_errors=True) for title, (module, args) in bad.items()]
    run = ansible(hmp_play(*tasks))
    assert all(run.task(title)["status"] == "ignored" for title in bad), run.output
    messages = dict((title, run.task(title)["result"]["msg"]) for title in bad)
    expected = {
        "latency out of range": "latency must be between 20 and 8000, got 10",
        "UDP without multicast": "type is UDP but all of the following are missing: multicast",
        "SRT without mode": "type is SRT but all of the following are missing: mode",
        "latency on a UDP source": "latency does not apply to UDP sources",
        "short passphrase": "passphrase must be 10 to 79 characters long, got a value of 5 characters",
        "bad type": "value of type must be one of: UDP, SRT, got: RTP",
        "INT32 not a number": "metadata.count: a INT32 value must be an integer",
        "weekly without days": "following are missing: days found in schedule",
        "share without principal": "one of the following is required: name, id found in shares",
        "share without permission": "shares[0].permission is required: WATCH, EDIT, OWN",
        "category twice": "categories.Room and metadata.calypso:category:Room set the same entry",
        "purge with absent": "purge applies to state=present only",
    }
    for title, text in expected.items():
        assert text in messages[title], (title, messages[title])
    assert clean.hmp.requests() == []


def test_duplicate_names_fail_listing_ids_and_an_id_renames(clean, ansible):
    ids = clean.hmp.seed({"sources": [
        {"name": "twin", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True},
        {"name": "twin", "type": "UDP", "host": "239.1.1.2", "port": 4900, "multicast": True},
    ]})["sources"]
    run = ansible(hmp_play(dict(task("by name", "hmp_source", name="twin", description="x"), ignore_errors=True),
                           task("by id", "hmp_source", id=ids[1], name="twin-b")))
    failure = run.task("by name")
    assert failure["status"] == "ignored", run.output
    assert "2 sources have the name 'twin'" in failure["result"]["msg"]
    assert all(i in failure["result"]["msg"] for i in ids)
    assert run.task("by id")["status"] == "changed"
    names = sorted(s["name"] for s in clean.hmp.state()["sources"].values())
    assert names == ["twin", "twin-b"]
    assert writes(clean.hmp) == [("PUT", "/apis/sources/" + ids[1])]
