# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a failed connection says: each cause named, with what to do, over real sockets and real TLS."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket

import pytest

from ansible_collections.haivision.media.plugins.module_utils._common.transport import (
    ApiError, ConfigurationError, TransportError)
from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KrakenClient
from tests.simulator.common import SimServer, make_tls
from tests.simulator.kraken import KrakenDevice

SET_CA_PATH = "set ca_path to the CA certificate (PEM) that signed the device's certificate"


def kraken(url, sim, **kwargs):
    kwargs.setdefault("retries", 0)
    return KrakenClient(url, sim.consumer_key, kwargs.pop("secret", sim.consumer_secret), **kwargs)


def failure(call):
    with pytest.raises((TransportError, ApiError, ConfigurationError)) as caught:
        call()
    return str(caught.value)


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unresolvable_host_is_named_as_such_not_called_refused(kraken_sim):
    # .invalid never resolves (RFC 6761).
    message = failure(lambda: kraken("https://kraken.invalid", kraken_sim, ca_path=kraken_sim.ca_path).system())
    assert message.startswith("GET /apis/kraken/system failed: the host name kraken.invalid does not resolve (")
    assert message.endswith("): check the host in the device's URL, and this machine's DNS")
    assert "refused" not in message


def test_an_unresolvable_hmp_host_says_the_same():
    client = HMPClient("https://hmp.invalid", "haiadmin", "secret", retries=0)
    message = failure(client.login)
    assert message.startswith("POST /apis/authentication/login failed: the host name hmp.invalid does not resolve (")


def test_a_closed_port_is_still_connection_refused(kraken_sim):
    message = failure(lambda: kraken("https://127.0.0.1:%d" % closed_port(), kraken_sim, ca_path=kraken_sim.ca_path).system())
    assert message.startswith("GET /apis/kraken/system failed: connection refused (")


def test_a_401_keeps_the_devices_words_and_says_to_check_key_secret_and_clock(kraken_sim):
    message = failure(lambda: kraken(kraken_sim.url, kraken_sim, secret="not-the-secret", ca_path=kraken_sim.ca_path).system())
    assert message == ("Kraken API error 1014 (HTTP 401) on GET /apis/kraken/system: Not Authorized; the Kraken did not "
                       "accept the request's OAuth signature: check kraken_consumer_key and kraken_consumer_secret, and "
                       "that this machine's clock is right")


def test_other_kraken_errors_get_no_hint(kraken_sim):
    message = failure(lambda: kraken(kraken_sim.url, kraken_sim, ca_path=kraken_sim.ca_path).get("inputs", "no-such-input"))
    assert message.startswith("Kraken API error ") and "(HTTP 404)" in message and "kraken_consumer" not in message


def test_an_untrusted_certificate_says_to_set_ca_path_and_nothing_reaches_the_device(kraken_sim, monkeypatch):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    message = failure(lambda: kraken(kraken_sim.url, kraken_sim).system())
    assert message == ("GET /apis/kraken/system failed: TLS verification failed: the device's certificate is not signed by a "
                       "CA this machine trusts (unable to get local issuer certificate): " + SET_CA_PATH)
    assert "validate_certs" not in message
    assert kraken_sim.requests() == []


def test_a_ca_path_of_another_ca_names_that_file(kraken_sim, tmp_path):
    other_ca, dummy = make_tls(str(tmp_path))
    message = failure(lambda: kraken(kraken_sim.url, kraken_sim, ca_path=other_ca).system())
    assert message == ("GET /apis/kraken/system failed: TLS verification failed: the device's certificate is not signed by the "
                       "CA in ca_path %s (unable to get local issuer certificate): %s" % (other_ca, SET_CA_PATH))


def test_a_certificate_for_another_name_says_to_use_its_name(kraken_sim, tmp_path):
    # The CA is trusted, but the certificate names kraken.example.com, not the address in the URL.
    ca_path, context = make_tls(str(tmp_path), hostnames=("kraken.example.com",), addresses=())
    server = SimServer(KrakenDevice(kraken_sim.consumer_key, kraken_sim.consumer_secret), context).start()
    try:
        message = failure(lambda: kraken(server.url, kraken_sim, ca_path=ca_path).system())
    finally:
        server.stop()
    assert message.startswith("GET /apis/kraken/system failed: TLS verification failed: the device's certificate is not "
                              "issued for the host in the URL (IP address mismatch")
    assert message.endswith("): use the host name the certificate names in the URL")


def test_a_ca_path_that_does_not_exist_fails_before_any_request(kraken_sim, tmp_path):
    missing = str(tmp_path / "no-such-ca.pem")
    message = failure(lambda: kraken(kraken_sim.url, kraken_sim, ca_path=missing))
    assert message == ("ca_path %s does not exist; give the CA certificate file (PEM) that signed the device's certificate"
                       % missing)
    assert kraken_sim.requests() == []


def test_a_ca_path_that_is_no_certificate_says_so(kraken_sim, tmp_path):
    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("not a certificate\n")
    message = failure(lambda: kraken(kraken_sim.url, kraken_sim, ca_path=str(not_pem)).system())
    assert message.startswith("GET /apis/kraken/system failed: TLS failed: ")
    assert message.endswith("; check that ca_path %s holds the CA certificates (PEM) that signed the device's certificate"
                            % not_pem)
