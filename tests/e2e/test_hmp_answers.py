# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Only HMP's own answers count: a proxy's sign-in page or an empty 200 is never taken for the platform's word.

Each case puts something in front of the simulated platform (its ``answer``
fault: the platform never sees the request) and checks that the module fails
naming method, path, status and content type, and that the platform's state is
what it was.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from hmp_helpers import hmp_play, open_sessions, task

CAM = {"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}
SIGN_IN = "<html><head><title>Sign in</title></head><body><form action='/login'>Please sign in</form></body></html>"


def intercept(device, method, path, body=SIGN_IN, status=200, content_type="text/html"):
    device.fault(kind="answer", method=method, path=path, status=status, body=body, content_type=content_type, count=-1)


def failure(run, name):
    result = run.task(name)
    assert result["status"] == "failed", run.output
    return result["result"]["msg"]


def test_hmp_info_fails_on_a_proxy_page_instead_of_listing_nothing(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": [CAM]})
    intercept(hmp, "GET", "/apis/sources")
    run = ansible(hmp_play(task("info", "hmp_info", gather=["sources"])))
    message = failure(run, "info")
    assert message.startswith("HMP answered GET /apis/sources (HTTP 200) with an unreadable body: not HMP's JSON "
                              "success envelope (an object with data) but %d bytes of Content-Type text/html"
                              % len(SIGN_IN)), message
    assert "sources" not in run.task("info")["result"]
    assert open_sessions(hmp) == 0


def test_absent_with_intercepted_reads_fails_and_the_source_stays(clean, ansible):
    hmp = clean.hmp
    source_id = hmp.seed({"sources": [CAM]})["sources"][0]
    before = hmp.state()["sources"]
    intercept(hmp, "GET", "/apis/sources", body="", content_type="application/json")
    run = ansible(hmp_play(task("remove", "hmp_source", name="cam1", state="absent")))
    assert "(HTTP 200) with an unreadable body: not HMP's JSON success envelope (an object with data) but an empty " \
           "body of Content-Type application/json" in failure(run, "remove")
    assert hmp.state()["sources"] == before and source_id in before
    assert [r for r in hmp.writes() if r["path"] != "/apis/authentication/login"] == []


def test_absent_by_id_with_a_proxy_404_fails_instead_of_reporting_ok(clean, ansible):
    hmp = clean.hmp
    source_id = hmp.seed({"sources": [CAM]})["sources"][0]
    intercept(hmp, "GET", "/apis/sources/", status=404, body="<html><h1>404 Not Found</h1></html>")
    run = ansible(hmp_play(task("remove", "hmp_source", id=source_id, state="absent")))
    message = failure(run, "remove")
    assert message.startswith("HMP answered GET /apis/sources/%s (HTTP 404) with an unreadable body: not HMP's JSON "
                              "error object" % source_id), message
    assert "Content-Type text/html" in message
    assert source_id in hmp.state()["sources"]


def test_present_with_intercepted_reads_posts_nothing(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": [CAM]})
    before = hmp.state()["sources"]
    intercept(hmp, "GET", "/apis/sources", body="")
    run = ansible(hmp_play(task("create", "hmp_source", **CAM)))
    assert "but an empty body of Content-Type text/html" in failure(run, "create")
    assert [r["method"] for r in hmp.requests() if r["path"] == "/apis/sources"] == ["GET"]
    assert hmp.state()["sources"] == before


def test_a_put_answered_by_a_proxy_or_an_empty_200_fails(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": [CAM, dict(CAM, name="cam2", host="239.1.1.2")]})
    before = hmp.state()["sources"]
    hmp.fault(kind="answer", method="PUT", path="/apis/sources/", status=200, body=SIGN_IN, content_type="text/html",
              count=1)
    hmp.fault(kind="answer", method="PUT", path="/apis/sources/", status=200, body="", content_type="application/json",
              count=1)
    run = ansible(hmp_play(dict(task("edit cam1", "hmp_source", name="cam1", description="north"), ignore_errors=True),
                           dict(task("edit cam2", "hmp_source", name="cam2", description="south"), ignore_errors=True)))
    for name, received in (("edit cam1", "%d bytes of Content-Type text/html" % len(SIGN_IN)),
                           ("edit cam2", "an empty body of Content-Type application/json")):
        result = run.task(name)
        assert result["status"] == "ignored", run.output  # failed, not changed
        assert result["result"]["msg"].startswith("HMP answered PUT /apis/sources/") and received in result["result"]["msg"]
    # The platform never saw either PUT: the proxy answered them.
    assert [r["fault"] for r in hmp.requests() if r["method"] == "PUT"] == ["answer", "answer"]
    assert hmp.state()["sources"] == before


def test_a_delete_answered_by_a_proxy_fails(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": [CAM], "sessions": [{"title": "Town hall"}]})
    intercept(hmp, "DELETE", "/apis/sources/")
    intercept(hmp, "DELETE", "/apis/sessions/", status=200, body="OK", content_type="text/plain")
    run = ansible(hmp_play(dict(task("remove source", "hmp_source", name="cam1", state="absent"), ignore_errors=True),
                           dict(task("remove session", "hmp_session", title="Town hall", state="absent"),
                                ignore_errors=True)))
    assert run.task("remove source")["status"] == "ignored", run.output
    assert run.task("remove source")["result"]["msg"].startswith("HMP answered DELETE /apis/sources/")
    assert run.task("remove session")["status"] == "ignored"
    assert "2 bytes of Content-Type text/plain" in run.task("remove session")["result"]["msg"]
    state = hmp.state()
    assert len(state["sources"]) == 1 and len(state["sessions"]) == 1


def test_a_login_answered_by_a_sign_in_page_fails(clean, ansible):
    hmp = clean.hmp
    intercept(hmp, "POST", "/apis/authentication/login")
    run = ansible(hmp_play(task("create", "hmp_source", **CAM)))
    message = failure(run, "create")
    assert message.startswith("HMP answered POST /apis/authentication/login (HTTP 200) with an unreadable body: "
                              "not HMP's JSON success envelope"), message
    assert clean.extra_vars()["hmp_password"] not in run.output
    assert [(r["method"], r["path"]) for r in hmp.requests()] == [("POST", "/apis/authentication/login")]
    assert hmp.state()["sources"] == {}
