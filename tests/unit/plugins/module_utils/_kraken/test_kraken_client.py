# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""KrakenClient against the Kraken simulator: signing, errors, empty lists, retries."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest
from requests_oauthlib import OAuth1

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._common.transport import (
    ApiError, ConfigurationError, ProtocolError, TransportError)


def client_for(sim, secret=None, **kwargs):
    kwargs.setdefault("backoff", 0.01)
    return KrakenClient(sim.url, sim.consumer_key, secret or sim.consumer_secret, ca_path=sim.ca_path, **kwargs)


def fixed_auth(sim, nonce, timestamp):
    return OAuth1(sim.consumer_key, client_secret=sim.consumer_secret, signature_type="AUTH_HEADER",
                  nonce=nonce, timestamp="%d" % timestamp)


def test_signed_request_is_accepted(kraken_sim):
    client = client_for(kraken_sim)
    assert client.list("inputs") == []
    assert kraken_sim.requests()[-1]["status"] == 404  # empty collection, not an auth failure


def test_wrong_secret_is_rejected_with_1014(kraken_sim):
    client = client_for(kraken_sim, secret="not-the-secret-at-all")
    with pytest.raises(ApiError) as caught:
        client.list("inputs")
    assert (caught.value.status, caught.value.code) == (401, "1014")


def test_replayed_nonce_is_rejected(kraken_sim):
    client = client_for(kraken_sim)
    client.transport.session.auth = fixed_auth(kraken_sim, "replayednonce0123456789", time.time())
    client.system()
    with pytest.raises(ApiError) as caught:
        client.system()
    assert (caught.value.status, caught.value.code) == (401, "1014")


def test_stale_timestamp_is_rejected(kraken_sim):
    client = client_for(kraken_sim)
    client.transport.session.auth = fixed_auth(kraken_sim, "stalenonce0123456789abc", time.time() - 3600)
    with pytest.raises(ApiError) as caught:
        client.system()
    assert (caught.value.status, caught.value.code) == (401, "1014")


def test_plain_http_is_refused_before_any_request(kraken_sim):
    with pytest.raises(ConfigurationError) as caught:
        KrakenClient(kraken_sim.url.replace("https://", "http://"), "key", "secret")
    assert "https" in str(caught.value).lower()
    assert kraken_sim.requests() == []


def test_empty_collection_lists_empty(kraken_sim):
    client = client_for(kraken_sim)
    for kind in ("inputs", "outputs", "transcoders", "streams"):
        assert client.list(kind) == []


def test_create_read_update_delete_round_trip(kraken_sim):
    client = client_for(kraken_sim)
    uuid = client.create("inputs", {"name": "cam1", "url": "udp://239.1.1.1:5000", "streamType": "MPEG2TS"})
    listed = client.list("inputs")
    assert [(e["uuid"], e["name"]) for e in listed] == [(uuid, "cam1")]
    client.update("inputs", uuid, {"description": "north door"})
    detail = client.get("inputs", uuid)
    assert detail["description"] == "north door" and detail["url"] == "udp://239.1.1.1:5000"
    client.delete("inputs", uuid)
    assert client.list("inputs") == []


def test_output_links_without_dash_give_the_uuid(kraken_sim):
    client = client_for(kraken_sim)
    uuid = client.create("outputs", {"name": "out1", "url": "udp://239.2.2.2:4900"})
    assert "output-" not in client.list("outputs")[0]["_links"]["self"]  # the quirk is really there
    assert client.list("outputs")[0]["uuid"] == uuid


def test_kraken_error_message_format(kraken_sim):
    client = client_for(kraken_sim)
    with pytest.raises(ApiError) as caught:
        client.get("inputs", "0000")
    assert str(caught.value) == "Kraken API error 1002 (HTTP 404) on GET /apis/kraken/inputs/input-0000: Unknown id"


def test_two_503_are_retried_to_success(kraken_sim):
    kraken_sim.server.faults.add({"kind": "status", "status": 503, "count": 2, "path": "/apis/kraken/system"})
    client = client_for(kraken_sim)
    assert client.system()["version"]
    statuses = [e["status"] for e in kraken_sim.requests()]
    assert statuses == [503, 503, 200]
    assert client.stats["retries"] == 2


def test_503_burst_longer_than_budget_fails_with_the_device_error(kraken_sim):
    kraken_sim.server.faults.add({"kind": "status", "status": 503, "count": 10, "path": "/apis/kraken/system"})
    client = client_for(kraken_sim, retries=2)
    with pytest.raises(ApiError) as caught:
        client.system()
    assert caught.value.status == 503 and caught.value.code == "1016"
    assert len(kraken_sim.requests()) == 3


def test_write_is_not_repeated_after_a_dropped_connection(kraken_sim):
    kraken_sim.server.faults.add({"kind": "drop_after", "method": "POST", "path": "/apis/kraken/inputs"})
    client = client_for(kraken_sim)
    with pytest.raises(TransportError) as caught:
        client.create("inputs", {"name": "cam1", "url": "udp://239.1.1.1:5000"})
    assert caught.value.maybe_applied
    posts = [e for e in kraken_sim.requests() if e["method"] == "POST"]
    assert len(posts) == 1
    assert [e["name"] for e in client.list("inputs")] == ["cam1"]  # applied exactly once


def test_malformed_body_is_a_clear_protocol_error(kraken_sim):
    kraken_sim.server.faults.add({"kind": "malformed", "path": "/apis/kraken/system"})
    with pytest.raises(ProtocolError) as caught:
        client_for(kraken_sim).system()
    assert "GET /apis/kraken/system" in str(caught.value)


def test_a_404_that_is_not_no_results_is_an_error_not_an_empty_list(kraken_sim):
    # A wrong portal path must not look like an empty device (a purge would then see nothing to keep).
    client = KrakenClient(kraken_sim.url + "/not-the-portal", kraken_sim.consumer_key, kraken_sim.consumer_secret,
                          ca_path=kraken_sim.ca_path)
    with pytest.raises(ApiError) as caught:
        client.list("inputs")
    assert caught.value.code != "1001"
