# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HMPClient against the HMP simulator: login/logout, paging, errors, re-login, retries."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient
from ansible_collections.haivision.media.plugins.module_utils._common.transport import ApiError, TransportError

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
