# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of the HMP 3.5 simulator, driven through its real HTTPS server with ``requests``.

These pin down the API behaviour the HMP modules rely on (and must survive):
cookie sessions, paging, NoResults, PUT resetting unsent fields, whole-set
metadata PUT, 409 while recording, and the admin side channel.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys
import threading
import time

import pytest
import requests

# The simulator lives in the collection's tests/ tree, imported as a package from the collection root.
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.simulator.common import RunningSim  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator.hmp import HMPDevice  # noqa: E402  pylint: disable=wrong-import-position

LOGIN = "/apis/authentication/login"
ADMIN = {"username": "haiadmin", "password": "hmp-admin-pass"}
UDP = {"name": "cam-udp", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}
SRT = {"name": "cam-srt", "type": "SRT", "host": "10.1.2.3", "port": 9000, "mode": "CALLER",
       "latency": 400, "passphrase": "secret-passphrase", "description": "stage left"}


@pytest.fixture(name="sim", scope="module")
def fixture_sim(tmp_path_factory):
    """One simulated platform on a fresh port and CA for the whole module."""
    running = RunningSim(HMPDevice(), str(tmp_path_factory.mktemp("hmp-tls")))
    yield running
    running.stop()


class Client:
    """A ``requests.Session`` bound to the simulator.

    ``verify`` goes with every request: a session-level ``verify`` loses to
    ``REQUESTS_CA_BUNDLE`` when that is set in the environment.
    """

    def __init__(self, sim_):
        self.sim = sim_
        self.http = requests.Session()

    def call(self, method, path, **kwargs):
        return self.http.request(method, self.sim.url + path, verify=self.sim.ca_path, timeout=10, **kwargs)

    def login(self, username="haiadmin", password="hmp-admin-pass"):
        return self.call("POST", LOGIN, json={"username": username, "password": password})

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.call("POST", path, json=body, **kwargs)

    def put(self, path, body, **kwargs):
        return self.call("PUT", path, json=body, **kwargs)

    def delete(self, path, **kwargs):
        return self.call("DELETE", path, **kwargs)


def admin(sim_, method, path, body=None):
    response = requests.request(method, sim_.url + path, json=body, verify=sim_.ca_path, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def assert_error(response, status, code, name):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert (body["code"], body["name"], body["httpStatusCode"]) == (code, name, status), body
    return body


@pytest.fixture(name="hmp")
def fixture_hmp(sim):
    """A fresh platform and an admin client logged in to it."""
    admin(sim, "POST", "/_sim/reset")
    client = Client(sim)
    assert client.login().status_code == 200
    return client


def created(response):
    assert response.status_code == 201, response.text
    return response.json()["data"]


# -- authentication ---------------------------------------------------------
@pytest.mark.usefixtures("hmp")
def test_login_sets_session_cookie(sim):
    client = Client(sim)
    response = client.login()
    assert response.status_code == 200
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("calypso-session-id=")
    for attribute in ("Path=/", "Secure", "HttpOnly"):
        assert attribute in cookie
    data = response.json()["data"]
    assert data["username"] == "haiadmin" and data["admin"] is True
    assert client.http.cookies["calypso-session-id"] == data["sessionId"]
    info = client.get(LOGIN)
    assert info.status_code == 200 and info.json()["data"]["sessionId"] == data["sessionId"]


def test_requests_without_a_valid_cookie_are_401(hmp, sim):
    anonymous = Client(sim)
    assert_error(anonymous.get("/apis/sources"), 401, "020001", "UserNotAuthorized")
    assert_error(anonymous.get(LOGIN), 401, "020001", "UserNotAuthorized")
    forged = Client(sim)
    forged.http.cookies.set("calypso-session-id", "00000000-0000-0000-0000-000000000000")
    assert_error(forged.get("/apis/system/version"), 401, "020001", "UserNotAuthorized")
    assert hmp.get("/apis/system/version").json() == {"data": {"version": "3.5.0", "build": "35017"}}


@pytest.mark.usefixtures("hmp")
def test_bad_logins(sim):
    client = Client(sim)
    assert_error(client.login(password="wrong"), 401, "020002", "InvalidCredentials")
    assert_error(client.login(username="nobody"), 401, "020002", "InvalidCredentials")
    body = assert_error(client.login("norole", "hmp-norole-pass"), 401, "020001", "UserNotAuthorized")
    assert body["message"] == "User has no roles assigned"
    assert_error(client.post(LOGIN, {"username": "haiadmin"}), 400, "010001", "InputValidation")
    assert "calypso-session-id" not in client.http.cookies
    assert client.login("viewer", "hmp-viewer-pass").status_code == 200  # role through the Viewers group


@pytest.mark.usefixtures("hmp")
def test_logout_and_session_counts(sim):
    second = Client(sim)
    assert second.login().status_code == 200
    assert second.delete(LOGIN).status_code == 200
    assert_error(second.get("/apis/system/version"), 401, "020001", "UserNotAuthorized")
    stale = Client(sim)
    stale.http.cookies.set("calypso-session-id", "gone")
    assert_error(stale.delete(LOGIN), 404, "040022", "AuthSessionNotFound")
    counts = admin(sim, "GET", "/_sim/hmp/sessions")
    assert (counts["open"], counts["logins"], counts["logouts"]) == (1, 2, 1)


def test_expiry_and_relogin(hmp, sim):
    admin(sim, "POST", "/_sim/hmp/ttl", {"seconds": 0.3})
    assert hmp.get("/apis/system/version").status_code == 200
    time.sleep(0.45)
    assert_error(hmp.get("/apis/system/version"), 401, "020001", "UserNotAuthorized")
    assert_error(hmp.delete(LOGIN), 404, "040022", "AuthSessionNotFound")  # "has already expired"
    admin(sim, "POST", "/_sim/hmp/ttl", {"seconds": 60})
    assert hmp.login().status_code == 200
    assert hmp.get("/apis/system/version").status_code == 200
    assert admin(sim, "POST", "/_sim/hmp/expire") == {"expired": 1}
    assert_error(hmp.get("/apis/system/version"), 401, "020001", "UserNotAuthorized")
    counts = admin(sim, "GET", "/_sim/hmp/sessions")
    assert (counts["open"], counts["logins"], counts["expired"]) == (0, 2, 2)


# -- paging and empty collections ---------------------------------------------
def test_empty_collections_are_404_no_results(hmp):
    for path in ("/apis/sources", "/apis/sessions", "/apis/recordings", "/apis/events", "/apis/assets"):
        body = assert_error(hmp.get(path), 404, "040012", "NoResults")
        assert body["message"] == "No results"


def test_paging_of_250_sessions(hmp, sim):
    started = time.time()
    seeded = admin(sim, "POST", "/_sim/seed", {"sessions": [{"title": "Session %03d" % i} for i in range(250)]})
    assert time.time() - started < 5
    assert len(seeded["sessions"]) == 250

    first = hmp.get("/apis/sessions").json()
    assert len(first["data"]) == 15 and first["paging"]["pageSize"] == 15 and first["paging"]["results"] == 250

    ids, pages, url = [], 0, "/apis/sessions?pageSize=100"
    while url:
        page = hmp.get(url).json()
        pages += 1
        ids.extend(s["id"] for s in page["data"])
        assert page["paging"]["results"] == 250 and page["paging"]["pageSize"] == 100
        nxt = page["paging"].get("next")
        if nxt:
            assert nxt.startswith(sim.url + "/apis/sessions?") and "page=%d" % (pages + 1) in nxt
        url = nxt[len(sim.url):] if nxt else None
    assert pages == 3 and ids == seeded["sessions"]  # stable creation order, nothing lost

    capped = hmp.get("/apis/sessions", params={"pageSize": 500}).json()
    assert capped["paging"]["pageSize"] == 100 and len(capped["data"]) == 100
    assert "pageSize=100" in capped["paging"]["next"]

    last = hmp.get("/apis/sessions", params={"page": 3, "pageSize": 100}).json()
    assert len(last["data"]) == 50 and "next" not in last["paging"]
    assert_error(hmp.get("/apis/sessions", params={"page": 4, "pageSize": 100}), 404, "040012", "NoResults")
    assert_error(hmp.get("/apis/sessions", params={"page": "x"}), 400, "010001", "InputValidation")

    found = hmp.get("/apis/sessions", params={"q": '"session 24"'}).json()
    assert [s["title"] for s in found["data"]] == ["Session 24%d" % i for i in range(10)]


# -- sources ----------------------------------------------------------------
def test_single_source_get_answers_a_one_element_list(hmp):
    source = created(hmp.post("/apis/sources", UDP))
    response = hmp.get("/apis/sources/" + source["id"]).json()
    assert isinstance(response["data"], list) and len(response["data"]) == 1
    assert response["data"][0]["name"] == "cam-udp" and response["paging"]["results"] == 1
    assert_error(hmp.get("/apis/sources/nope"), 404, "040009", "SourceNotFound")
    # The guide lists 040000 NotFound for an edit of a missing source.
    assert_error(hmp.put("/apis/sources/nope", UDP), 404, "040000", "NotFound")


def test_source_put_resets_unsent_optional_fields(hmp, sim):
    source = created(hmp.post("/apis/sources", SRT))
    assert (source["latency"], source["passphrase"], source["description"]) == (400, "secret-passphrase", "stage left")
    body = dict((k, v) for k, v in SRT.items() if k not in ("latency", "passphrase", "description"))
    edited = hmp.put("/apis/sources/" + source["id"], body).json()["data"]
    # Back to the platform's defaults: unset, so not reported (as the guide's own examples show sources).
    assert not set(("latency", "passphrase", "description")) & set(edited)
    assert edited["id"] == source["id"] and edited["continuous"] is True
    state = admin(sim, "GET", "/_sim/state")["sources"][source["id"]]
    assert "passphrase" not in state and state["metadata"][0]["name"] == "calypso:creator"


def test_source_validation(hmp):
    cases = [
        (dict(UDP, multicast=None), "multicast"),
        (dict(SRT, mode=None), "mode"),
        (dict(SRT, mode="PUSH"), "mode"),
        (dict(UDP, port=70000), "port"),
        (dict(UDP, name=""), "name"),
        (dict(SRT, passphrase="short"), "passphrase"),
        (dict(SRT, latency=5), "latency"),
        (dict(UDP, type="RTMP"), "type"),
        (dict(UDP, id="6e6862e0-d65d-4de5-b690-62e680d4587b"), "id"),
    ]
    for body, word in cases:
        error = assert_error(hmp.post("/apis/sources", body), 400, "010001", "InputValidation")
        assert word in error["message"], (body, error)
    srt = created(hmp.post("/apis/sources", dict(SRT, continuous=False)))
    assert srt["continuous"] is True and "multicast" not in srt  # forced true for SRT
    assert_error(hmp.call("POST", "/apis/sources", data="name=x", headers={"Content-Type": "text/plain"}),
                 415, "100000", "UnsupportedMediaType")
    assert_error(hmp.call("PATCH", "/apis/sources/" + srt["id"], json={}), 405, "050000", "MethodNotAllowed")
    assert_error(hmp.get("/apis/nothing-here"), 404, "040000", "NotFound")


def test_source_shares(hmp):
    source = created(hmp.post("/apis/sources", UDP))
    shares = "/apis/sources/%s/shares" % source["id"]
    assert_error(hmp.get(shares), 404, "040012", "NoResults")
    share = created(hmp.post(shares, {"name": "viewer", "shareType": "USER", "permission": "WATCH"}))
    users = dict((u["username"], u["id"]) for u in hmp.get("/apis/users/enabled").json()["data"])
    assert "norole" not in users  # only users with a role are "enabled"
    assert share == {"id": users["viewer"], "shareType": "USER", "permission": "WATCH", "name": "viewer",
                     "email": "viewer@example.com"}
    groups = dict((g["groupname"], g["id"]) for g in hmp.get("/apis/groups/enabled").json()["data"])
    created(hmp.post(shares, {"id": groups["Operators"], "shareType": "GROUP", "permission": "EDIT"}))
    listed = hmp.get(shares).json()
    assert [s["name"] for s in listed["data"]] == ["viewer", "Operators"] and listed["paging"]["results"] == 2

    assert_error(hmp.post(shares, {"name": "ghost", "shareType": "USER", "permission": "WATCH"}), 404, "040004", "UserNotFound")
    assert_error(hmp.post(shares, {"name": "Nobody", "shareType": "GROUP", "permission": "WATCH"}), 404, "040005", "GroupNotFound")
    assert_error(hmp.post(shares, {"name": "norole", "shareType": "USER", "permission": "WATCH"}), 409, "060001", "UserHasNoRoles")
    assert_error(hmp.post(shares, {"name": "Contractors", "shareType": "GROUP", "permission": "WATCH"}),
                 409, "060002", "GroupHasNoRoles")
    assert_error(hmp.post(shares, {"name": "viewer", "shareType": "USER", "permission": "ADMIN"}), 400, "010001", "InputValidation")

    one = "%s/%s" % (shares, users["viewer"])
    assert hmp.put(one, {"shareType": "USER", "permission": "OWN"}).json()["data"]["permission"] == "OWN"
    assert_error(hmp.put(one, {"shareType": "GROUP", "permission": "OWN"}), 400, "010001", "InputValidation")
    assert hmp.get(one).json()["data"]["permission"] == "OWN"
    assert hmp.delete(one).status_code == 200
    assert_error(hmp.get(one), 404, "040021", "UserGroupNotFound")
    assert_error(hmp.delete(one), 404, "040021", "UserGroupNotFound")


# -- sessions ---------------------------------------------------------------
def test_session_put_resets_and_metadata_put_replaces_the_set(hmp):
    session = created(hmp.post("/apis/sessions", {"title": "Town hall", "description": "Q3", "active": True}))
    assert session["active"] is True and session["sources"] == [] and session["recording"] is False
    edited = hmp.put("/apis/sessions/" + session["id"], {"title": "Town hall"}).json()["data"]
    assert "description" not in edited and edited["active"] is False
    assert hmp.get("/apis/sessions/" + session["id"]).json()["data"]["title"] == "Town hall"  # an object, not a list

    path = "/apis/sessions/%s/metadata" % session["id"]
    names = [e["name"] for e in hmp.get(path).json()["data"]]
    assert names == ["calypso:creator", "calypso:creatorDisplayName"]
    entries = [{"name": "calypso:category:Room Number", "field": [{"fieldType": "STRING", "valueString": "999"}]},
               {"name": "seats", "field": [{"fieldType": "UINT32", "valueUint32": 120}]}]
    assert hmp.put(path, entries).json()["data"] == entries
    assert hmp.get(path).json()["data"] == entries  # calypso:creator is gone: the whole set was replaced
    category = [c for c in hmp.get("/apis/categories").json()["data"] if c["label"] == "Room Number"][0]
    assert category["customValues"] == ["999"]
    for bad in ([{"name": "n", "field": [{"fieldType": "INT32", "valueInt32": 2 ** 31}]}],
                [{"name": "n", "field": [{"fieldType": "UINT32", "valueUint32": -1}]}],
                [{"name": "n", "field": [{"fieldType": "FLOAT", "valueString": "1"}]}],
                {"name": "n"}):
        assert_error(hmp.put(path, bad), 400, "010001", "InputValidation")
    assert hmp.delete(path).status_code == 200
    assert_error(hmp.get(path), 404, "040012", "NoResults")
    assert_error(hmp.get("/apis/sessions/nope"), 404, "040006", "SessionNotFound")
    assert_error(hmp.delete("/apis/sessions/nope/metadata"), 404, "040002", "SessionNotFound")  # as the guide lists


def test_session_sources_and_recording_conflicts(hmp, sim):
    seeded = admin(sim, "POST", "/_sim/seed", {"sources": [UDP, SRT], "sessions": [{"title": "Live", "sources": ["cam-udp"]}]})
    udp, srt = seeded["sources"]
    sid = seeded["sessions"][0]
    sources = "/apis/sessions/%s/sources" % sid
    assert hmp.get(sources).json()["data"] == [{"index": 0, "sourceId": udp}]
    assert_error(hmp.post(sources, {"sourceId": udp}), 409, "060008", "SessionSourceAlreadyExists")
    assert_error(hmp.post(sources, {"sourceId": "nope"}), 404, "040009", "SourceNotFound")

    recording = created(hmp.post("/apis/sessions/%s/recordings" % sid))
    assert recording["state"] == "RECORDING" and recording["recorders"][0]["source"] == udp
    assert hmp.get("/apis/sessions/" + sid).json()["data"]["recording"] is True
    for response in (hmp.post(sources, {"sourceId": srt}), hmp.delete("%s/%s" % (sources, udp)),
                     hmp.delete("/apis/sessions/" + sid)):
        body = assert_error(response, 409, "060003", "RecordingInProgress")
        assert body["message"] == "Recording currently in progress"

    paused = hmp.put("/apis/recordings/" + recording["id"], {"state": "PAUSED"}).json()["data"]
    assert paused["state"] == "PAUSED"
    assert_error(hmp.put("/apis/recordings/" + recording["id"], {"state": "STOPPED"}), 400, "010001", "InputValidation")
    assert_error(hmp.post(sources, {"sourceId": srt}), 409, "060003", "RecordingInProgress")  # paused is still active
    assert hmp.delete("/apis/recordings/" + recording["id"]).status_code == 200
    assert_error(hmp.get("/apis/recordings/" + recording["id"]), 404, "040001", "RecordingNotFound")
    assert hmp.get("/apis/assets/" + recording["id"]).json()["data"]["recording"] is False

    added = created(hmp.post(sources, {"sourceId": srt}))
    assert added["index"] == 1 and added["name"] == "cam-srt"
    assert hmp.delete("%s/%s" % (sources, udp)).status_code == 200
    assert_error(hmp.delete("%s/%s" % (sources, udp)), 404, "040015", "TrackNotFound")
    assert hmp.get("/apis/sessions/" + sid).json()["data"]["sources"] == [srt]

    # A recording started behind the client's back blocks deletion too.
    admin(sim, "POST", "/_sim/hmp/record", {"session": sid})
    assert_error(hmp.delete("/apis/sessions/" + sid), 409, "060003", "RecordingInProgress")
    assert len(admin(sim, "POST", "/_sim/hmp/stop", {"session": sid})["stopped"]) == 1
    assert hmp.delete("/apis/sessions/" + sid).status_code == 200

    empty = created(hmp.post("/apis/sessions", {"title": "Empty"}))
    assert_error(hmp.post("/apis/sessions/%s/recordings" % empty["id"]), 409, "060009", "SessionHasNoSource")


def test_admin_pause_and_resume_a_recording(hmp, sim):
    """The web UI's pause/resume, behind the client's back: the API sees the new state."""
    source = created(hmp.post("/apis/sources", UDP))
    session = created(hmp.post("/apis/sessions", {"title": "Paused one"}))
    created(hmp.post("/apis/sessions/%s/sources" % session["id"], {"sourceId": source["id"]}))
    recording = admin(sim, "POST", "/_sim/hmp/record", {"session": session["id"]})["data"]
    paused = admin(sim, "POST", "/_sim/hmp/pause", {"recording": recording["id"]})["data"]
    assert paused["state"] == "PAUSED" and [r["state"] for r in paused["recorders"]] == ["PAUSED"]
    assert hmp.get("/apis/recordings/" + recording["id"]).json()["data"]["state"] == "PAUSED"
    resumed = admin(sim, "POST", "/_sim/hmp/pause", {"recording": recording["id"], "paused": False})["data"]
    assert resumed["state"] == "RECORDING"
    assert hmp.get("/apis/recordings").json()["data"][0]["state"] == "RECORDING"
    response = requests.post(sim.url + "/_sim/hmp/pause", json={"recording": "nope"}, verify=sim.ca_path, timeout=10)
    assert response.status_code == 400 and "no active recording nope" in response.text


def test_session_shares_publicshare_and_events(hmp):
    session = created(hmp.post("/apis/sessions", {"title": "Board"}))
    base = "/apis/sessions/" + session["id"]
    share = created(hmp.post(base + "/shares", {"name": "editor", "shareType": "USER", "permission": "EDIT"}))
    assert share["name"] == "editor"
    assert_error(hmp.post("/apis/sessions/nope/shares", {"name": "editor", "shareType": "USER", "permission": "EDIT"}),
                 404, "040002", "SessionNotFound")

    assert_error(hmp.get(base + "/publicshare"), 404, "040025", "SharePermissionNotFound")
    assert created(hmp.post(base + "/publicshare", {"permission": "WATCH"})) == {"permission": "WATCH"}
    assert hmp.get(base + "/publicshare").json()["data"] == {"permission": "WATCH"}
    assert hmp.delete(base + "/publicshare").status_code == 200
    assert_error(hmp.delete(base + "/publicshare"), 404, "040025", "SharePermissionNotFound")

    assert_error(hmp.get(base + "/events"), 404, "040012", "NoResults")
    event_body = {"module": "session", "startTime": 1592344800, "duration": 7200, "type": "weekly-recurring",
                  "typeData": {"days": ["MON", "WED"]}, "command": "set-live", "parameters": {"record": True}, "active": True}
    event = created(hmp.post(base + "/events", event_body))
    assert event["moduleId"] == session["id"] and event["typeData"] == {"days": ["MON", "WED"]}
    assert_error(hmp.post(base + "/events", dict(event_body, typeData={})), 400, "010000", "BadRequest")
    minimal = {"startTime": 1592344800, "type": "one-time", "command": "record", "active": False}
    edited = hmp.put("%s/events/%s" % (base, event["id"]), minimal).json()["data"]
    assert (edited["duration"], edited["parameters"], edited["active"]) == (0, {}, False)
    assert hmp.get("/apis/events").json()["data"][0]["title"] == "Board"
    assert_error(hmp.get(base + "/events/nope"), 404, "040031", "ScheduleEventNotFound")
    assert_error(hmp.delete("%s/events/%s" % (base, event["id"])), 405, "050000", "MethodNotAllowed")


# -- roles, admin side channel, faults -----------------------------------------
@pytest.mark.usefixtures("hmp")
def test_viewer_cannot_write(sim):
    viewer = Client(sim)
    assert viewer.login("viewer", "hmp-viewer-pass").status_code == 200
    assert_error(viewer.post("/apis/sources", UDP), 403, "030000", "Forbidden")
    assert_error(viewer.post("/apis/sessions", {"title": "x"}), 403, "030000", "Forbidden")
    editor = Client(sim)
    assert editor.login("editor", "hmp-editor-pass").status_code == 200
    assert_error(editor.post("/apis/sources", UDP), 403, "030000", "Forbidden")  # creators have no control over sources
    assert created(editor.post("/apis/sessions", {"title": "mine"}))["title"] == "mine"


def test_seed_state_and_edit_behind_the_clients_back(hmp, sim):
    seeded = admin(sim, "POST", "/_sim/seed", {
        "sources": [SRT],
        "sessions": [{"title": "Seeded", "sources": ["cam-srt"], "metadata": {"calypso:category:Department": ["Sales"]},
                      "shares": [{"name": "Viewers", "type": "GROUP", "permission": "WATCH"}], "publicshare": True}]})
    source_id, session_id = seeded["sources"][0], seeded["sessions"][0]
    state = admin(sim, "GET", "/_sim/state")
    session = state["sessions"][session_id]
    assert session["sources"] == [source_id] and session["publicshare"] is True
    assert session["shares"][0]["name"] == "Viewers" and session["metadata"][0]["name"] == "calypso:category:Department"
    assert state["sources"][source_id]["passphrase"] == "secret-passphrase"

    admin(sim, "POST", "/_sim/hmp/edit", {"kind": "sources", "id": source_id, "fields": {"description": "drifted", "latency": 999}})
    source = hmp.get("/apis/sources/" + source_id).json()["data"][0]
    assert (source["description"], source["latency"]) == ("drifted", 999)
    admin(sim, "POST", "/_sim/hmp/edit", {"kind": "sessions", "id": session_id, "fields": {"sources": [], "title": "Renamed"}})
    assert hmp.get("/apis/sessions/" + session_id).json()["data"]["title"] == "Renamed"
    assert_error(hmp.get("/apis/sessions/%s/sources" % session_id), 404, "040012", "NoResults")


def test_faults_use_the_hmp_error_format(hmp, sim):
    admin(sim, "POST", "/_sim/faults", {"kind": "status", "status": 503, "path": "/apis/sources"})
    assert_error(hmp.get("/apis/sources"), 503, "090001", "ServiceUnavailable")
    admin(sim, "POST", "/_sim/faults", {"kind": "status", "status": 502, "path": "/apis/sources"})
    response = hmp.get("/apis/sources")
    assert response.status_code == 502 and response.headers["Content-Type"] == "text/html"
    created(hmp.post("/apis/sources", UDP))
    admin(sim, "POST", "/_sim/faults", {"kind": "malformed", "path": "/apis/sources"})
    response = hmp.get("/apis/sources")
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()


def test_concurrent_clients(hmp, sim):
    """The core serves requests from several threads; the device must stay consistent."""
    errors = []

    def worker(index):
        client = Client(sim)
        try:
            assert client.login().status_code == 200
            for n in range(10):
                created(client.post("/apis/sources", dict(UDP, name="w%d-%d" % (index, n))))
            assert client.delete(LOGIN).status_code == 200
        except AssertionError as exc:  # collected: an assert in a thread would be lost
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert hmp.get("/apis/sources", params={"pageSize": 100}).json()["paging"]["results"] == 40
    counts = admin(sim, "GET", "/_sim/hmp/sessions")
    assert (counts["open"], counts["logins"], counts["logouts"]) == (1, 5, 4)


# -- strictness: enumerations, text, unset optional properties ------------------
def test_empty_or_unknown_enumeration_values_are_refused_with_the_guides_error(hmp):
    session = created(hmp.post("/apis/sessions", {"title": "Board"}))
    base = "/apis/sessions/" + session["id"]
    source = created(hmp.post("/apis/sources", UDP))
    event = {"module": "session", "startTime": 1592344800, "type": "one-time", "command": "record", "active": True}
    cases = [
        ("POST", "/apis/sources", dict(UDP, type=""), 400, "010001", "InputValidation", '"type" must be one of UDP, SRT'),
        ("POST", "/apis/sources", dict(UDP, type="udp"), 400, "010001", "InputValidation", '"type" must be one of UDP, SRT'),
        ("POST", "/apis/sources", dict(SRT, mode=""), 400, "010001", "InputValidation",
         '"mode" must be one of CALLER, LISTENER, RENDEZVOUS'),
        ("POST", "/apis/sources", dict(SRT, mode="caller"), 400, "010001", "InputValidation", '"mode" must be one of'),
        # Given with a UDP source, where it means nothing, an unknown mode is still refused.
        ("POST", "/apis/sources", dict(UDP, mode=""), 400, "010001", "InputValidation", '"mode" must be one of'),
        ("PUT", "/apis/sources/" + source["id"], dict(UDP, type="RTP"), 400, "010001", "InputValidation", '"type"'),
        ("POST", base + "/shares", {"name": "editor", "shareType": "", "permission": "EDIT"}, 400, "010001",
         "InputValidation", '"shareType" must be one of USER, GROUP'),
        ("POST", base + "/shares", {"name": "editor", "shareType": "ROLE", "permission": "EDIT"}, 400, "010001",
         "InputValidation", '"shareType" must be one of USER, GROUP'),
        ("POST", base + "/shares", {"name": "editor", "shareType": "USER", "permission": ""}, 400, "010001",
         "InputValidation", '"permission" must be a non-empty string'),
        ("POST", base + "/shares", {"name": "editor", "shareType": "USER", "permission": "edit"}, 400, "010001",
         "InputValidation", '"permission" must be WATCH, EDIT, OWN or the uuid of an access permission'),
        ("PUT", base + "/metadata", [{"name": "n", "field": [{"fieldType": "", "valueString": "x"}]}], 400, "010001",
         "InputValidation", '"fieldType" must be one of STRING, INT32, UINT32'),
        ("POST", base + "/events", dict(event, type=""), 400, "010000", "BadRequest", '"type" must be one of'),
        ("POST", base + "/events", dict(event, command="stream"), 400, "010000", "BadRequest", '"command" must be one of'),
        ("POST", base + "/publicshare", {"permission": ""}, 400, "010001", "InputValidation", '"permission" is required'),
    ]
    for method, path, body, status, code, name, message in cases:
        error = assert_error(hmp.call(method, path, json=body), status, code, name)
        assert message in error["message"], (body, error)
    state = hmp.get("/apis/sources/" + source["id"]).json()["data"][0]
    assert state["type"] == "UDP" and "mode" not in state


def test_text_is_stored_exactly_as_sent(hmp, sim):
    text = {"name": " cam 1 ", "description": "line one\nline two\n"}
    source = created(hmp.post("/apis/sources", dict(UDP, **text)))
    session = created(hmp.post("/apis/sessions", {"title": "Town hall ", "description": "\tagenda\n"}))
    assert (source["name"], source["description"]) == (" cam 1 ", "line one\nline two\n")
    assert (session["title"], session["description"]) == ("Town hall ", "\tagenda\n")
    state = admin(sim, "GET", "/_sim/state")
    assert state["sources"][source["id"]]["name"] == " cam 1 "
    assert state["sessions"][session["id"]]["description"] == "\tagenda\n"
    listed = hmp.get("/apis/sources").json()["data"][0]
    assert (listed["name"], listed["description"]) == (" cam 1 ", "line one\nline two\n")
    # Only a name or title of nothing but blanks is refused.
    assert_error(hmp.post("/apis/sources", dict(UDP, name="  ")), 400, "010001", "InputValidation")
    assert_error(hmp.post("/apis/sessions", {"title": " "}), 400, "010001", "InputValidation")


def test_optional_properties_not_sent_are_unset_and_not_reported(hmp, sim):
    udp = created(hmp.post("/apis/sources", UDP))
    srt = created(hmp.post("/apis/sources", {"name": "bare-srt", "type": "SRT", "mode": "LISTENER", "port": 9001}))
    session = created(hmp.post("/apis/sessions", {"title": "Bare"}))
    assert not set(("description", "continuous")) & set(udp)
    assert not set(("description", "latency", "passphrase")) & set(srt)
    assert srt["continuous"] is True and srt["host"] == "0.0.0.0"  # forced for SRT; the any-address default
    assert not set(("description", "distributionPolicies")) & set(session)
    assert (session["active"], session["syncrecord"]) == (False, False)
    full = created(hmp.post("/apis/sessions", {"title": "Full", "description": "", "active": True, "syncrecord": True,
                                               "distributionPolicies": []}))
    assert (full["description"], full["distributionPolicies"]) == ("", [])
    edited = hmp.put("/apis/sessions/" + full["id"], {"title": "Full", "active": True}).json()["data"]
    assert not set(("description", "distributionPolicies")) & set(edited) and edited["syncrecord"] is False
    stored = admin(sim, "GET", "/_sim/state")["sessions"][full["id"]]
    assert "description" not in stored and stored["active"] is True
