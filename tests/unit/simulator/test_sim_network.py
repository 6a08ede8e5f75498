# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The simulators' network side: standing latency and connection serials in the request log.

No assertion here bounds a time from above: the request log records the latency the
server applied, and a request can only be asserted to have taken at least that long.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest
import requests

from tests.simulator.common import Device, FaultPlan, Response, RunningSim
from tests.simulator.control import SimDevice, start_simulators, stop_simulators

LATENCY = 0.05


class EchoDevice(Device):
    name = "echo"

    def handle(self, request):
        return Response(200, b"ok", "text/plain")

    def reset(self):
        pass


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    running = RunningSim(EchoDevice(), str(tmp_path_factory.mktemp("echo-ca")))
    yield running
    running.stop()


@pytest.fixture
def admin(sim):
    device = SimDevice(sim.url, sim.ca_path)
    device.reset()
    device.set_latency(0)
    yield device
    device.set_latency(0)


def get(session, sim, path="/apis/ping"):
    response = session.get(sim.url + path, verify=sim.ca_path, timeout=10)
    assert response.status_code == 200
    return response


def test_latency_set_through_the_admin_channel_is_applied_and_recorded(sim, admin):
    assert admin.set_latency(LATENCY * 1000) == {"ms": pytest.approx(LATENCY * 1000)}
    assert admin.admin("GET", "latency") == {"ms": pytest.approx(LATENCY * 1000)}
    with requests.Session() as session:
        started = time.time()
        get(session, sim)
        get(session, sim)
        elapsed = time.time() - started
    first, second = admin.requests()
    # A new connection pays the TCP and TLS handshakes on top of the request's own round trip.
    assert first["latency"] == pytest.approx(LATENCY * (1 + FaultPlan.CONNECT_ROUND_TRIPS))
    assert second["latency"] == pytest.approx(LATENCY)
    assert elapsed >= first["latency"] + second["latency"]  # a lower bound only


def test_latency_adds_to_a_latency_fault_and_survives_reset_and_clearing_faults(sim, admin):
    admin.set_latency(10)
    admin.fault(kind="latency", seconds=0.02, count=1)
    with requests.Session() as session:
        get(session, sim)
        get(session, sim)
    first, second = admin.requests()
    assert first["latency"] == pytest.approx(0.01 * 3 + 0.02)
    assert second["latency"] == pytest.approx(0.01)
    admin.admin("DELETE", "faults")
    admin.reset()
    assert admin.admin("GET", "latency") == {"ms": pytest.approx(10)}


def test_no_latency_by_default(sim, admin):
    with requests.Session() as session:
        get(session, sim)
    assert [e["latency"] for e in admin.requests()] == [0]


@pytest.mark.parametrize("body", ['{"ms": -1}', '{"ms": "fast"}', '{"ms": NaN}', '{}'])
def test_bad_latency_refused(sim, admin, body):
    response = requests.post(sim.url + "/_sim/latency", data=body, verify=sim.ca_path, timeout=10)
    assert response.status_code == 400
    assert admin.admin("GET", "latency") == {"ms": 0}


def test_connection_serials_show_keep_alive(sim, admin):
    with requests.Session() as session:
        get(session, sim)
        get(session, sim)
        # Admin traffic on the same connection is not an API request and is never delayed or logged.
        assert session.get(sim.url + "/_sim/latency", verify=sim.ca_path, timeout=10).status_code == 200
        get(session, sim)
    with requests.Session() as other:
        get(other, sim)
    entries = admin.requests()
    assert [e["connection_request"] for e in entries] == [1, 2, 3, 1]
    assert entries[0]["connection"] == entries[1]["connection"] == entries[2]["connection"]
    assert entries[3]["connection"] > entries[2]["connection"]


def test_launcher_applies_latency_ms_to_every_device(tmp_path):
    process, info = start_simulators(str(tmp_path), kraken_devices=2, latency_ms=25)
    try:
        urls = [k["url"] for k in info["kraken"]] + [info["hmp"]["url"]]
        for url in urls:
            assert SimDevice(url, info["ca_path"]).admin("GET", "latency") == {"ms": pytest.approx(25)}
        kraken = SimDevice(info["kraken"][0]["url"], info["ca_path"])
        requests.get(info["kraken"][0]["url"] + "/apis/kraken/system", verify=info["ca_path"], timeout=10)
        assert [e["latency"] for e in kraken.requests()] == [pytest.approx(0.025 * 3)]
    finally:
        stop_simulators(process)
