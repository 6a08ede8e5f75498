# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hmp_recording through ansible-playbook: start, pause, resume, stop, and refusals that write nothing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from hmp_helpers import hmp_play, open_sessions, session_by_title, task, writes

CAM1 = {"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}
CAM2 = {"name": "cam2", "type": "UDP", "host": "239.1.1.2", "port": 4900, "multicast": True}
LOGIN = "/apis/authentication/login"


def seed(hmp, sessions=None):
    created = hmp.seed({"sources": [CAM1, CAM2],
                        "sessions": sessions or [{"title": "Town hall", "sources": ["cam1", "cam2"]}]})
    return dict(zip(("cam1", "cam2"), created["sources"])), created["sessions"]


def recordings(hmp):
    return list(hmp.state()["recordings"].values())


def bodies(hmp):
    return [json.loads(r["body"]) if r["body"] else None for r in hmp.writes()]


def test_start_pause_resume_stop_each_one_write_and_converged_runs_write_nothing(clean, ansible):
    hmp = clean.hmp
    sources, (session_id,) = seed(hmp)

    preview = ansible(hmp_play(task("start", "hmp_recording", session="Town hall")), check=True, diff=True)
    result = preview.task("start")
    assert result["status"] == "changed", preview.output
    assert result["result"]["action"] == "create"
    assert result["result"]["recording"]["id"] is None
    assert result["result"]["diff"] == {"before": {"state": "stopped"},
                                        "after": {"state": "recording", "recorders": ["cam1", "cam2"]}}
    assert writes(hmp) == [] and recordings(hmp) == []

    run = ansible(hmp_play(task("start", "hmp_recording", session="Town hall"),
                           task("start again", "hmp_recording", session=session_id)))
    assert [run.task(t)["status"] for t in ("start", "start again")] == ["changed", "ok"], run.output
    (recording,) = recordings(hmp)
    assert recording["state"] == "RECORDING" and recording["session"] == session_id
    assert sorted(r["source"] for r in recording["recorders"]) == sorted(sources.values())
    assert writes(hmp) == [("POST", "/apis/sessions/%s/recordings" % session_id)]
    started = run.task("start")["result"]["recording"]
    assert started["id"] == recording["id"] and started["state"] == "recording" and started["session"] == session_id
    assert sorted(r["name"] for r in started["recorders"]) == ["cam1", "cam2"]
    assert run.task("start again")["result"]["recording"]["id"] == recording["id"]

    hmp.clear_log()
    paused = ansible(hmp_play(task("pause", "hmp_recording", session="Town hall", state="paused"),
                              task("pause again", "hmp_recording", session="Town hall", state="paused")), diff=True)
    assert [paused.task(t)["status"] for t in ("pause", "pause again")] == ["changed", "ok"], paused.output
    assert paused.task("pause")["result"]["action"] == "update"
    assert writes(hmp) == [("PUT", "/apis/recordings/%s" % recording["id"])]
    assert bodies(hmp) == [{"state": "PAUSED"}]
    assert recordings(hmp)[0]["state"] == "PAUSED"

    hmp.clear_log()
    resumed = ansible(hmp_play(task("resume", "hmp_recording", session="Town hall")))
    assert resumed.task("resume")["status"] == "changed", resumed.output
    assert bodies(hmp) == [{"state": "RECORDING"}] and recordings(hmp)[0]["state"] == "RECORDING"

    hmp.clear_log()
    check_stop = ansible(hmp_play(task("stop", "hmp_recording", session="Town hall", state="stopped")), check=True)
    assert check_stop.task("stop")["status"] == "changed" and writes(hmp) == []
    stopped = ansible(hmp_play(task("stop", "hmp_recording", session="Town hall", state="stopped"),
                               task("stop again", "hmp_recording", session="Town hall", state="stopped")))
    assert [stopped.task(t)["status"] for t in ("stop", "stop again")] == ["changed", "ok"], stopped.output
    assert writes(hmp) == [("DELETE", "/apis/recordings/%s" % recording["id"])]
    assert stopped.task("stop")["result"]["stopped_recordings"] == [recording["id"]]
    assert stopped.task("stop again")["result"]["recording"]["state"] == "stopped"
    assert recordings(hmp) == [] and session_by_title(hmp, "Town hall")["recording"] is False
    assert [v["recording"] for v in hmp.state()["videos"].values()] == [False]


def test_recorders_pick_sources_and_an_active_recording_of_others_is_refused(clean, ansible):
    hmp = clean.hmp
    sources, (session_id,) = seed(hmp)
    run = ansible(hmp_play(task("cam1 only", "hmp_recording", session="Town hall", recorders=["cam1"]),
                           task("cam1 by id", "hmp_recording", session="Town hall", recorders=[sources["cam1"]]),
                           dict(task("both", "hmp_recording", session="Town hall", recorders=["cam1", "cam2"]),
                                ignore_errors=True),
                           task("stop cam2", "hmp_recording", session="Town hall", state="stopped", recorders=["cam2"])))
    statuses = [run.task(t)["status"] for t in ("cam1 only", "cam1 by id", "both", "stop cam2")]
    assert statuses == ["changed", "ok", "ignored", "ok"], run.output
    assert bodies(hmp) == [{"recorders": [{"source": sources["cam1"]}]}]
    assert "records other sources than recorders lists" in run.task("both")["result"]["msg"]
    (recording,) = recordings(hmp)
    assert [r["source"] for r in recording["recorders"]] == [sources["cam1"]]

    hmp.clear_log()
    stop = ansible(hmp_play(task("stop cam1", "hmp_recording", session=session_id, state="stopped", recorders=["cam1"])))
    assert stop.task("stop cam1")["status"] == "changed", stop.output
    assert writes(hmp) == [("DELETE", "/apis/recordings/%s" % recording["id"])]


def test_paused_with_no_recording_starts_one_and_pauses_it(clean, ansible):
    hmp = clean.hmp
    _sources, (session_id,) = seed(hmp)
    preview = ansible(hmp_play(task("paused", "hmp_recording", session="Town hall", state="paused")), check=True)
    assert preview.task("paused")["status"] == "changed" and writes(hmp) == []
    run = ansible(hmp_play(task("paused", "hmp_recording", session="Town hall", state="paused")))
    assert run.task("paused")["status"] == "changed", run.output
    (recording,) = recordings(hmp)
    assert recording["state"] == "PAUSED"
    assert writes(hmp) == [("POST", "/apis/sessions/%s/recordings" % session_id),
                           ("PUT", "/apis/recordings/%s" % recording["id"])]
    assert run.task("paused")["result"]["recording"]["id"] == recording["id"]


def test_refusals_write_nothing_and_log_out(clean, ansible):
    hmp = clean.hmp
    seed(hmp, sessions=[{"title": "Town hall", "sources": ["cam1"]}, {"title": "Empty"},
                        {"title": "Twice"}, {"title": "Twice"}])
    run = ansible(hmp_play(*[dict(task(name, "hmp_recording", **args), ignore_errors=True) for name, args in (
        ("no sources", dict(session="Empty")),
        ("not a session source", dict(session="Town hall", recorders=["cam1", "cam2"])),
        ("unknown source", dict(session="Town hall", recorders=["nowhere"])),
        ("unknown session", dict(session="Nowhere")),
        ("ambiguous session", dict(session="Twice", state="stopped")),
    )]))
    messages = dict((r["task"], r["result"]["msg"]) for r in run.results)
    assert all(r["status"] == "ignored" for r in run.results) and len(messages) == 5, run.output
    assert "has no sources to record" in messages["no sources"]
    assert "'cam2' is neither the name nor the id of one of session 'Town hall''s sources (cam1)" in \
        messages["not a session source"]
    assert "'nowhere'" in messages["unknown source"]
    assert "session 'Nowhere' is neither the title nor the id" in messages["unknown session"]
    assert "ambiguous" in messages["ambiguous session"] and "give the id" in messages["ambiguous session"]
    assert writes(hmp) == [] and recordings(hmp) == []
    logins = [r["method"] for r in hmp.requests() if r["path"] == LOGIN]
    assert logins == ["POST", "DELETE"] * 5 and open_sessions(hmp) == 0


def test_bad_input_sends_no_request(clean, ansible):
    hmp = clean.hmp
    seed(hmp)
    run = ansible(hmp_play(dict(task("bad state", "hmp_recording", session="Town hall", state="started"), ignore_errors=True),
                           dict(task("empty recorder", "hmp_recording", session="Town hall", recorders=[" "]),
                                ignore_errors=True)))
    assert run.task("bad state")["status"] == "ignored", run.output
    assert "recording, paused, stopped" in run.task("bad state")["result"]["msg"]
    assert "recorders[0] is empty" in run.task("empty recorder")["result"]["msg"]
    assert hmp.requests() == []
