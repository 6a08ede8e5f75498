# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fault matrix: the simulators' fault injection against real ansible-playbook runs of the modules.

For every fault the module either succeeds correctly or fails with a clear
message; the next run without the fault converges and a third run writes
nothing; and no write reaches the device twice (counted in the request log).
Each test pairs a Kraken case with an HMP case where both apply, in one play,
to keep the number of ansible-playbook runs low.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time

from hmp_helpers import HMP_DEFAULTS, open_sessions, session_by_title, source_by_name
from kraken_helpers import KRAKEN_DEFAULTS, by_name

WRITE_METHODS = ("POST", "PUT", "DELETE", "PATCH")
LOGIN_PATH = "/apis/authentication/login"
MAYBE_APPLIED = ("the device may have applied this write before the connection was lost, so it was not repeated: "
                 "run the task again to converge")
CAM = {"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}
CAMS = [dict(CAM, name="cam%d" % i, host="239.1.1.%d" % i) for i in (1, 2, 3)]


def play(*tasks):
    """Kraken tasks and HMP tasks in one play, each product's connection set once for its group."""
    defaults = dict(KRAKEN_DEFAULTS)
    defaults.update(HMP_DEFAULTS)
    return [{"name": "faults", "hosts": "localhost", "gather_facts": False, "module_defaults": defaults,
             "tasks": list(tasks)}]


def task(task_name, module, **args):
    """A task that may fail without stopping the play (its status is asserted by the test)."""
    return {"name": task_name, "haivision.media." + module: args, "ignore_errors": True}


def applied(device, method, path, prefix=False):
    """Requests the device applied: answered below 400, and not answered by an injected status fault."""
    return [r for r in device.requests() if r["method"] == method and (r["path"].startswith(path) if prefix else r["path"] == path)
            and r["status"] is not None and r["status"] < 400 and r["fault"] != "status"]


def sent(device, method, path):
    return [r for r in device.requests() if r["method"] == method and r["path"] == path]


def failure(run, task_name):
    result = run.task(task_name)
    assert result["status"] == "ignored", "%s: %s\n%s" % (task_name, result, run.output[-3000:])
    return result["result"]["msg"]


def next_runs_converge(ansible, plays, devices):
    """Without the fault, the next run succeeds; the one after reports all ok and sends no write."""
    second = ansible(plays)
    assert second.rc == 0 and all(s in ("ok", "changed") for s in second.statuses().values()), second.output
    marks = [len(device.requests()) for device in devices]
    third = ansible(plays)
    assert third.rc == 0 and set(third.statuses().values()) == {"ok"}, third.output
    for device, mark in zip(devices, marks):
        new_writes = [(r["method"], r["path"]) for r in device.requests()[mark:]
                      if r["method"] in WRITE_METHODS and r["path"] != LOGIN_PATH]
        assert new_writes == []
    return second


def wait_until(predicate, seconds=10):
    deadline = time.time() + seconds
    while not predicate():
        assert time.time() < deadline, "condition not met within %s s" % seconds
        time.sleep(0.05)


def test_503_burst_within_the_retry_budget_is_retried_and_written_once(clean, ansible):
    kraken, hmp = clean.kraken, clean.hmp
    kraken.fault(kind="status", status=503, count=2, method="POST", path="/apis/kraken/inputs")
    hmp.fault(kind="status", status=503, count=2, method="POST", path="/apis/sources")
    plays = play(task("kraken input", "kraken_input", name="cam1", url="udp://239.1.1.1:5000"),
                 task("hmp source", "hmp_source", **CAM))
    run = ansible(plays)
    assert run.statuses() == {"kraken input": "changed", "hmp source": "changed"}, run.output
    assert [r["status"] for r in sent(kraken, "POST", "/apis/kraken/inputs")] == [503, 503, 201]
    assert [r["status"] for r in sent(hmp, "POST", "/apis/sources")] == [503, 503, 201]
    next_runs_converge(ansible, plays, [kraken, hmp])
    assert len(applied(kraken, "POST", "/apis/kraken/inputs")) == 1
    assert len(applied(hmp, "POST", "/apis/sources")) == 1
    assert len(kraken.state()["inputs"]) == 1 and len(hmp.state()["sources"]) == 1
    assert open_sessions(hmp) == 0


def test_503_burst_beyond_the_budget_and_504_to_a_write_fail_clearly_and_write_nothing(clean, ansible):
    kraken, hmp = clean.kraken, clean.hmp
    hmp.seed({"sources": CAMS[:2]})
    # 1 try + 4 retries (0.5 + 1 + 2 + 4 s of backoff), all refused: the 503 says the write was not taken.
    kraken.fault(kind="status", status=503, count=5, method="POST", path="/apis/kraken/outputs")
    # A gateway timeout to a write may hide an applied write: never repeated.
    hmp.fault(kind="status", status=504, count=1, method="POST", path="/apis/sessions")
    plays = play(task("kraken output", "kraken_output", name="out1", url="udp://239.2.2.1:4900", ttl=16),
                 task("hmp session", "hmp_session", title="Gateway", sources=["cam1", "cam2"]))
    run = ansible(plays)
    assert failure(run, "kraken output") == ("Kraken API error 1016 (HTTP 503) on POST /apis/kraken/outputs: "
                                             "Service provider for this API is unavailable")
    # nginx's HTML page, not HMP's JSON error object: named as such, with its content type.
    assert failure(run, "hmp session").startswith("HMP answered POST /apis/sessions (HTTP 504) with an unreadable body: "
                                                  "not HMP's JSON error object (code, name, message) but ")
    assert "of Content-Type text/html" in failure(run, "hmp session")
    assert len(sent(kraken, "POST", "/apis/kraken/outputs")) == 5 and applied(kraken, "POST", "/apis/kraken/outputs") == []
    assert len(sent(hmp, "POST", "/apis/sessions")) == 1
    assert by_name(kraken, "outputs", "out1") is None and session_by_title(hmp, "Gateway") is None
    assert open_sessions(hmp) == 0
    next_runs_converge(ansible, plays, [kraken, hmp])
    assert by_name(kraken, "outputs", "out1")["ttl"] == 16
    assert len(session_by_title(hmp, "Gateway")["sources"]) == 2
    assert len(applied(kraken, "POST", "/apis/kraken/outputs")) == 1 and len(applied(hmp, "POST", "/apis/sessions")) == 1


def test_latency_beyond_the_timeout_fails_without_repeating_the_write(clean, ansible):
    kraken, hmp = clean.kraken, clean.hmp
    uuid = kraken.seed({"transcoders": [{"name": "HD", "videoBitrate": "4000", "gopSize": "60"}]})["transcoders"][0]
    hmp.seed({"sources": CAMS[:2]})
    kraken.fault(kind="latency", seconds=2, method="PUT", path="/apis/kraken/transcoders/")
    hmp.fault(kind="latency", seconds=4, method="POST", path="/apis/sessions")  # after the logout, with margin on a busy machine
    plays = play(task("kraken transcoder", "kraken_transcoder", name="HD", video_bitrate=5000, timeout=1),
                 task("hmp session", "hmp_session", title="Slow", sources=["cam1", "cam2"], timeout=1))
    run = ansible(plays)
    message = failure(run, "kraken transcoder")
    assert message.startswith("PUT /apis/kraken/transcoders/transcoder-%s failed: no answer within 1 seconds (" % uuid)
    assert message.endswith(MAYBE_APPLIED)
    message = failure(run, "hmp session")
    assert message.startswith("POST /apis/sessions failed: no answer within 1 seconds (") and message.endswith(MAYBE_APPLIED)
    # The slow Kraken applies the PUT after the client gave up. The slow HMP gets the POST after the
    # module logged out (also when it fails), so it refuses it: nothing half-done is left behind.
    wait_until(lambda: applied(kraken, "PUT", "/apis/kraken/transcoders/", prefix=True) and sent(hmp, "POST", "/apis/sessions"))
    assert [r["status"] for r in sent(hmp, "POST", "/apis/sessions")] == [401]
    assert session_by_title(hmp, "Slow") is None and open_sessions(hmp) == 0
    second = next_runs_converge(ansible, plays, [kraken, hmp])
    assert second.statuses() == {"kraken transcoder": "ok", "hmp session": "changed"}
    assert len(applied(kraken, "PUT", "/apis/kraken/transcoders/", prefix=True)) == 1
    assert len(applied(hmp, "POST", "/apis/sessions")) == 1  # one session, not two
    record = kraken.state()["transcoders"][uuid]
    assert (record["videoBitrate"], record["gopSize"]) == (5000, 60)
    assert len(session_by_title(hmp, "Slow")["sources"]) == 2


def test_connection_dropped_after_the_write_was_received(clean, ansible):
    kraken, hmp = clean.kraken, clean.hmp
    kraken.seed({"inputs": [{"name": "cam1", "url": "udp://239.1.1.1:5000"}], "transcoders": [{"name": "HD"}],
                 "outputs": [{"name": "out1", "url": "udp://239.2.2.1:4900", "ttl": "3"}]})
    board = hmp.seed({"sources": [CAM], "sessions": [{"title": "Board", "metadata": {"code": "B0"}}]})["sessions"][0]
    kraken.fault(kind="drop_after", method="POST", path="/apis/kraken/streams")
    kraken.fault(kind="drop_after", method="PUT", path="/apis/kraken/outputs/")
    hmp.fault(kind="drop_after", method="PUT", path="/apis/sessions/")
    hmp.fault(kind="drop_before", method="GET", path="/apis/sources")  # a read lost before its answer is retried
    plays = play(task("kraken stream", "kraken_stream", name="ch1", input="cam1", transcoder="HD", outputs=["out1"],
                      state="started"),
                 task("kraken lineup", "kraken_lineup", inputs=[{"name": "in9", "url": "udp://239.1.1.9:5000"}],
                      outputs=[{"name": "out1", "ttl": 16}]),
                 task("hmp session", "hmp_session", title="Board", metadata={"code": "B1"}),
                 task("hmp source", "hmp_source", name="cam1", description="after a dropped read"))
    run = ansible(plays)
    message = failure(run, "kraken stream")
    assert message.startswith("POST /apis/kraken/streams failed: connection lost (") and message.endswith(MAYBE_APPLIED)
    message = failure(run, "kraken lineup")
    assert message.startswith("outputs out1: PUT /apis/kraken/outputs/output-") and MAYBE_APPLIED in message
    assert message.endswith("Applied: inputs in9. Not applied: outputs out1. The next run converges from here.")
    message = failure(run, "hmp session")
    assert message.startswith("PUT /apis/sessions/%s/metadata failed: connection lost (" % board)
    assert message.endswith(MAYBE_APPLIED)
    assert run.task("hmp source")["status"] == "changed"
    assert [r["status"] for r in sent(hmp, "GET", "/apis/sources")][:2] == [None, 200]
    # The writes were applied although the client never heard back.
    stream = by_name(kraken, "streams", "ch1")
    assert stream["state"] == "stopped"  # the separate start PUT was never sent
    assert by_name(kraken, "outputs", "out1")["ttl"] == 16
    assert open_sessions(hmp) == 0
    second = next_runs_converge(ansible, plays, [kraken, hmp])
    assert second.statuses() == {"kraken stream": "changed", "kraken lineup": "ok", "hmp session": "ok", "hmp source": "ok"}
    assert by_name(kraken, "streams", "ch1")["state"] == "active"
    assert len(applied(kraken, "POST", "/apis/kraken/streams")) == 1
    assert len(applied(kraken, "PUT", "/apis/kraken/outputs/", prefix=True)) == 1
    assert len(applied(hmp, "PUT", "/apis/sessions/%s/metadata" % board)) == 1
    assert len(kraken.state()["streams"]) == 1


def test_malformed_bodies_are_clear_protocol_errors(clean, ansible):
    kraken, hmp = clean.kraken, clean.hmp
    hmp.seed({"sources": [CAM]})
    kraken.fault(kind="malformed", method="POST", path="/apis/kraken/inputs")  # applied, answered with garbage
    hmp.fault(kind="malformed", method="GET", path="/apis/sources")
    plays = play(task("kraken input", "kraken_input", name="cam1", url="udp://239.1.1.1:5000"),
                 task("hmp source", "hmp_source", name="cam1", description="studio"))
    run = ansible(plays)
    assert failure(run, "kraken input").startswith(
        "POST /apis/kraken/inputs was answered with HTTP 201 (content type application/xml) by something that is not "
        "the Kraken API: the body is not XML.")
    assert failure(run, "hmp source").startswith(
        "HMP answered GET /apis/sources (HTTP 200) with an unreadable body: malformed JSON (")
    assert hmp.writes() == [] and open_sessions(hmp) == 0
    second = next_runs_converge(ansible, plays, [kraken, hmp])
    assert second.statuses() == {"kraken input": "ok", "hmp source": "changed"}
    assert len(applied(kraken, "POST", "/apis/kraken/inputs")) == 1 and len(kraken.state()["inputs"]) == 1
    assert source_by_name(hmp, "cam1")["description"] == "studio"


def test_xml_with_a_dtd_is_refused_not_expanded(clean, ansible, tmp_path):
    kraken = clean.kraken
    marker = tmp_path / "marker.txt"
    marker.write_text("XXE-MARKER-5d1e")
    xxe = ('<?xml version="1.0"?><!DOCTYPE response [<!ENTITY xxe SYSTEM "file://%s">]>'
           '<response><inputs><input><uuid>&xxe;</uuid><name>&xxe;</name></input></inputs></response>' % marker)
    laughs = '<!ENTITY l0 "lol">' + "".join('<!ENTITY l%d "%s">' % (i, "&l%d;" % (i - 1) * 10) for i in range(1, 10))
    bomb = '<?xml version="1.0"?><!DOCTYPE response [%s]><response><streams>&l9;</streams></response>' % laughs
    kraken.seed({"inputs": [{"name": "cam1", "url": "udp://239.1.1.1:5000"}],
                 "streams": [{"name": "ch1", "input": "cam1"}]})
    kraken.fault(kind="malformed", method="GET", path="/apis/kraken/inputs", body=xxe)
    kraken.fault(kind="malformed", method="GET", path="/apis/kraken/streams", body=bomb)
    # Entity markup in a value the user gives is text: escaped on the way out, stored and compared literally.
    markup = '<!DOCTYPE x [<!ENTITY e SYSTEM "file://%s">]>&e;' % marker
    plays = play(task("xxe", "kraken_input", name="cam1", description="studio"),
                 task("bomb", "kraken_info", gather=["streams"]),
                 task("markup", "kraken_input", name="cam2", url="udp://239.1.1.2:5000", description=markup))
    started = time.time()
    run = ansible(plays)
    refused = "with an unreadable body: the document declares a DTD or entities, which are refused"
    assert failure(run, "xxe") == "Kraken answered GET /apis/kraken/inputs (HTTP 200) %s" % refused
    assert failure(run, "bomb") == "Kraken answered GET /apis/kraken/streams (HTTP 200) %s" % refused
    assert run.task("markup")["status"] == "changed"
    assert time.time() - started < 60
    assert "XXE-MARKER-5d1e" not in run.output and "lollol" not in run.output
    assert by_name(kraken, "inputs", "cam2")["description"] == markup
    assert kraken.writes()[0]["body"].count("&lt;!DOCTYPE") == 1
    second = next_runs_converge(ansible, plays, [kraken])
    assert second.statuses() == {"xxe": "changed", "bomb": "ok", "markup": "ok"}
    assert by_name(kraken, "inputs", "cam1")["description"] == "studio"


def test_hmp_session_expiry_mid_module_logs_in_once_more(clean, ansible):
    hmp = clean.hmp
    renewed, lost = hmp.seed({"sessions": [{"title": "Renewed", "metadata": {"code": "R0"}},
                                           {"title": "Lost twice", "metadata": {"code": "L0"}}]})["sessions"]
    # The auth session dies 1 s after its last request; the PUT arrives 1.5 s late.
    hmp.admin("POST", "hmp/ttl", {"seconds": 1})
    hmp.fault(kind="latency", seconds=1.5, count=1, method="PUT", path="/apis/sessions/%s/metadata" % renewed)
    hmp.fault(kind="latency", seconds=1.5, count=2, method="PUT", path="/apis/sessions/%s/metadata" % lost)
    plays = play(task("renewed", "hmp_session", title="Renewed", metadata={"code": "R1"}),
                 task("lost twice", "hmp_session", title="Lost twice", metadata={"code": "L1"}))
    run = ansible(plays)
    assert run.task("renewed")["status"] == "changed", run.output
    # One new login, then the same request again (a 401 means it was not applied)...
    assert [r["status"] for r in sent(hmp, "PUT", "/apis/sessions/%s/metadata" % renewed)] == [401, 200]
    # ...but only one: expired again, the task fails with the platform's answer.
    assert failure(run, "lost twice") == ("HMP API error 020001 UserNotAuthorized (HTTP 401) on PUT /apis/sessions/%s/metadata: "
                                          "User is not authorized" % lost)
    assert [r["status"] for r in sent(hmp, "PUT", "/apis/sessions/%s/metadata" % lost)] == [401, 401]
    counters = hmp.admin("GET", "hmp/sessions")
    assert counters["logins"] == 4 and counters["open"] == 0
    hmp.admin("POST", "hmp/ttl", {"seconds": 1800})
    second = next_runs_converge(ansible, plays, [hmp])
    assert second.statuses() == {"renewed": "ok", "lost twice": "changed"}
    for session_id in (renewed, lost):
        assert len(applied(hmp, "PUT", "/apis/sessions/%s/metadata" % session_id)) == 1
    assert open_sessions(hmp) == 0


def test_recording_in_progress_409_fails_clearly_and_the_next_run_converges(clean, ansible):
    hmp = clean.hmp
    ids = hmp.seed({"sources": CAMS, "sessions": [{"title": "Live", "sources": ["cam1", "cam2"]},
                                                  {"title": "Race", "sources": ["cam1"]}]})
    cam2, cam3 = ids["sources"][1], ids["sources"][2]
    live, race = ids["sessions"]
    hmp.admin("POST", "hmp/record", {"session": live})
    # The race: a recording starts after the module checked for one, before its write arrives.
    hmp.fault(kind="latency", seconds=2, method="POST", path="/apis/sessions/%s/sources" % race)
    plays = play(task("delete recorded source", "hmp_source", name="cam2", state="absent"),
                 task("race", "hmp_session", title="Race", sources=["cam1", "cam3"]))
    runs = []
    worker = threading.Thread(target=lambda: runs.append(ansible(plays)))
    worker.start()
    try:
        wait_until(lambda: sent(hmp, "GET", "/apis/sessions/%s/recordings" % race), seconds=60)
        hmp.admin("POST", "hmp/record", {"session": race})
    finally:
        worker.join(120)
    run = runs[0]
    assert failure(run, "delete recorded source") == ("HMP API error 060003 RecordingInProgress (HTTP 409) on DELETE "
                                                      "/apis/sources/%s: Recording currently in progress" % cam2)
    assert failure(run, "race") == ("HMP API error 060003 RecordingInProgress (HTTP 409) on POST /apis/sessions/%s/sources: "
                                    "Recording currently in progress" % race)
    assert source_by_name(hmp, "cam2") is not None and len(session_by_title(hmp, "Race")["sources"]) == 1
    assert open_sessions(hmp) == 0
    for session_id in (live, race):
        hmp.admin("POST", "hmp/stop", {"session": session_id})
    second = next_runs_converge(ansible, plays, [hmp])
    assert second.statuses() == {"delete recorded source": "changed", "race": "changed"}
    assert source_by_name(hmp, "cam2") is None
    assert session_by_title(hmp, "Race")["sources"] == [ids["sources"][0], cam3]
    assert len(applied(hmp, "DELETE", "/apis/sources/%s" % cam2)) == 1
    assert len(applied(hmp, "POST", "/apis/sessions/%s/sources" % race)) == 1
