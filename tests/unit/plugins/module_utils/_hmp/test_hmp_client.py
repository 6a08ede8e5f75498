# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HMPClient against the HMP simulator: login/logout, paging, errors, re-login, retries."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient
from ansible_collections.haivision.media.plugins.module_utils._common.transport import ApiError, ProtocolError, TransportError

USER = "haiadmin"
PASSWORD = "hmp-admin-pass"


def client_for(sim, password=PASSWORD, **kwargs):
    kwargs.setdefault("backoff", 0.01)
    return HMPClient(sim.url, USER, password, ca_path=sim.ca_path, **kwargs)


def sessions_count(sim):
    return json.loads(sim.device.admin("GET", "/_sim/hmp/sessions", {}).body)["open"]


def test_login_once_and_logout_at_the_end(hmp_sim):
    with client_for(hmp_sim) as client:
        client.list_all("/apis/sources")
        client.list_all("/apis/sessions")
        assert sessions_count(hmp_sim) == 1
    logins = [e for e in hmp_sim.requests() if e["path"] == "/apis/authentication/login"]
    assert [e["method"] for e in logins] == ["POST", "DELETE"]
    assert sessions_count(hmp_sim) == 0


def test_logout_also_when_the_block_fails(hmp_sim):
    with pytest.raises(ApiError):
        with client_for(hmp_sim) as client:
            client.get_one("/apis/sources/does-not-exist")
    assert sessions_count(hmp_sim) == 0


def test_wrong_password_is_a_clear_error(hmp_sim):
    with pytest.raises(ApiError) as caught:
        with client_for(hmp_sim, password="wrong") as client:
            client.list_all("/apis/sources")
    assert caught.value.status == 401 and caught.value.code == "020002"
    assert "wrong" not in str(caught.value)


def test_empty_collection_is_empty(hmp_sim):
    with client_for(hmp_sim) as client:
        assert client.list_all("/apis/sources") == []


def test_250_sessions_are_read_through_paging(hmp_sim):
    hmp_sim.device.seed({"sessions": [{"title": "session %03d" % i} for i in range(250)]})
    with client_for(hmp_sim) as client:
        sessions = client.list_all("/apis/sessions")
    assert len(sessions) == 250
    assert len(set(s["id"] for s in sessions)) == 250
    pages = [e for e in hmp_sim.requests() if e["method"] == "GET" and e["path"] == "/apis/sessions"]
    assert len(pages) == 3


def test_single_source_get_answering_a_list(hmp_sim):
    ids = hmp_sim.device.seed({"sources": [{"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900,
                                            "multicast": True}]})
    source_id = ids["sources"][0]
    with client_for(hmp_sim) as client:
        raw = client.request("GET", "/apis/sources/%s" % source_id)
        assert isinstance(raw["data"], list)  # the quirk is really there
        assert client.get_one("/apis/sources/%s" % source_id, source_id)["name"] == "cam1"


def test_hmp_error_message_format(hmp_sim):
    with pytest.raises(ApiError) as caught:
        with client_for(hmp_sim) as client:
            client.get_one("/apis/sources/nope")
    assert str(caught.value) == "HMP API error 040009 SourceNotFound (HTTP 404) on GET /apis/sources/nope: Source not found"


def test_relogin_once_after_expiry(hmp_sim):
    with client_for(hmp_sim) as client:
        client.list_all("/apis/sources")
        hmp_sim.device.admin("POST", "/_sim/hmp/expire", {})
        client.list_all("/apis/sources")
        assert client.logins == 2
    assert sessions_count(hmp_sim) == 0


def test_two_503_are_retried_to_success(hmp_sim):
    hmp_sim.server.faults.add({"kind": "status", "status": 503, "count": 2, "path": "/apis/system/version"})
    with client_for(hmp_sim) as client:
        assert client.request("GET", "/apis/system/version")["data"]["version"]
    statuses = [e["status"] for e in hmp_sim.requests() if e["path"] == "/apis/system/version"]
    assert statuses == [503, 503, 200]


def test_write_is_not_repeated_after_a_dropped_connection(hmp_sim):
    hmp_sim.server.faults.add({"kind": "drop_after", "method": "POST", "path": "/apis/sources"})
    with client_for(hmp_sim) as client:
        with pytest.raises(TransportError) as caught:
            client.request("POST", "/apis/sources",
                           {"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True})
        assert caught.value.maybe_applied
        assert [s["name"] for s in client.list_all("/apis/sources")] == ["cam1"]
    posts = [e for e in hmp_sim.requests() if e["method"] == "POST" and e["path"] == "/apis/sources"]
    assert len(posts) == 1


SIGN_IN = "<html><head><title>Sign in</title></head><body><form>sign in</form></body></html>"


def answer(sim, method, path, status=200, body=SIGN_IN, content_type="text/html", count=-1):
    """Something in front of the platform answers instead of it (the platform never sees the request)."""
    sim.server.faults.add({"kind": "answer", "method": method, "path": path, "status": status, "body": body,
                           "content_type": content_type, "count": count})


@pytest.mark.parametrize("body, content_type, received", [
    (SIGN_IN, "text/html", "%d bytes of Content-Type text/html" % len(SIGN_IN)),
    ("", "text/html", "an empty body of Content-Type text/html"),
    ('{"items": []}', "application/json", "13 bytes of Content-Type application/json"),
])
def test_a_success_that_is_not_the_envelope_fails_naming_what_came(hmp_sim, body, content_type, received):
    answer(hmp_sim, "GET", "/apis/sources", body=body, content_type=content_type)
    with client_for(hmp_sim) as client:
        with pytest.raises(ProtocolError) as caught:
            client.list_all("/apis/sources")
    message = str(caught.value)
    assert message.startswith("HMP answered GET /apis/sources (HTTP 200) with an unreadable body: not HMP's JSON "
                              "success envelope (an object with data) but " + received), message
    assert caught.value.status == 200 and caught.value.method == "GET"


def test_only_a_delete_may_answer_an_empty_payload(hmp_sim):
    ids = hmp_sim.device.seed({"sources": [{"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900,
                                            "multicast": True}]})["sources"]
    with client_for(hmp_sim) as client:
        answer(hmp_sim, "DELETE", "/apis/sources/", count=1)
        with pytest.raises(ProtocolError) as caught:
            client.request("DELETE", "/apis/sources/" + ids[0])
        assert "Content-Type text/html" in str(caught.value)
        assert client.request("DELETE", "/apis/sources/" + ids[0]) is None  # the guide's empty 200
        answer(hmp_sim, "PUT", "/apis/sources/", body="", count=1)
        with pytest.raises(ProtocolError):
            client.request("PUT", "/apis/sources/" + ids[0], {})


def test_an_error_that_is_not_the_platforms_is_no_api_answer(hmp_sim):
    ids = hmp_sim.device.seed({"sources": [{"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900,
                                            "multicast": True}]})["sources"]
    answer(hmp_sim, "GET", "/apis/sources/", status=404, body="<html>Not Found</html>")
    answer(hmp_sim, "GET", "/apis/sessions", status=401, body="<html>sign in</html>")
    with client_for(hmp_sim) as client:
        with pytest.raises(ProtocolError) as caught:  # not ApiError 404: that would read as "no such source"
            client.get_one("/apis/sources/" + ids[0], ids[0])
        assert caught.value.status == 404 and "Content-Type text/html" in str(caught.value)
        with pytest.raises(ProtocolError):
            client.list_all("/apis/sessions")
        assert client.logins == 1  # a proxy's 401 is no expired platform session


def test_a_login_answered_by_a_sign_in_page_fails(hmp_sim):
    answer(hmp_sim, "POST", "/apis/authentication/login")
    with pytest.raises(ProtocolError) as caught:
        with client_for(hmp_sim) as client:
            client.list_all("/apis/sources")
    assert str(caught.value).startswith("HMP answered POST /apis/authentication/login (HTTP 200) with an unreadable "
                                        "body: not HMP's JSON success envelope")
    assert PASSWORD not in str(caught.value)
    assert [e["path"] for e in hmp_sim.requests()] == ["/apis/authentication/login"]


def test_a_gateway_page_is_named_as_such(hmp_sim):
    hmp_sim.server.faults.add({"kind": "status", "status": 502, "count": -1, "path": "/apis/system/version"})
    with client_for(hmp_sim) as client:
        with pytest.raises(ProtocolError) as caught:
            client.request("GET", "/apis/system/version")
    assert caught.value.status == 502 and "error object (code, name, message) but" in str(caught.value)
    assert "Content-Type text/html" in str(caught.value)


def test_the_devices_api_paging_and_its_404_for_none(hmp_sim):
    """The STB list pages with hasMoreData and no next link; no box at all is 404 040000 "Device not found"."""
    from ansible_collections.haivision.media.plugins.module_utils._hmp.stb import list_stbs, list_tags
    with client_for(hmp_sim) as client:
        assert list_stbs(client) == [] and list_tags(client) == []
        hmp_sim.device.seed({"stbs": [{"name": "box %03d" % i, "tags": ["Lobby"]} for i in range(205)]})
        boxes = list_stbs(client)
        assert [t["name"] for t in list_tags(client)] == ["Lobby"]
    assert len(boxes) == 205 and len(set(b["_id"] for b in boxes)) == 205
    pages = [e["query"] for e in hmp_sim.requests() if e["method"] == "GET" and e["path"] == "/apis/devices/stbs"]
    assert pages == ["page=1&pageSize=100", "page=1&pageSize=100", "page=2&pageSize=100", "page=3&pageSize=100"]


def test_another_404_of_the_devices_api_is_no_empty_list(hmp_sim):
    with pytest.raises(ApiError) as caught:
        with client_for(hmp_sim) as client:
            client.list_all("/apis/devices/nothing-here", empty=lambda exc: exc.code == "040033")
    assert caught.value.status == 404 and caught.value.code == "040000"
