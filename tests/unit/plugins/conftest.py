# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Client tests run against the real simulators, served in-process over HTTPS."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from tests.simulator.common import RunningSim
from tests.simulator.hmp import HMPDevice
from tests.simulator.kraken import KrakenDevice

KRAKEN_KEY = "unit-kraken-key"
KRAKEN_SECRET = "unit-kraken-secret-0123456789"


@pytest.fixture(scope="module")
def kraken_server(tmp_path_factory):
    sim = RunningSim(KrakenDevice(KRAKEN_KEY, KRAKEN_SECRET), str(tmp_path_factory.mktemp("kraken-tls")))
    sim.consumer_key, sim.consumer_secret = KRAKEN_KEY, KRAKEN_SECRET
    yield sim
    sim.stop()


@pytest.fixture
def kraken_sim(kraken_server):
    with kraken_server.device.lock:
        kraken_server.device.reset()
    kraken_server.server.log.clear()
    kraken_server.server.faults.clear()
    return kraken_server


@pytest.fixture(scope="module")
def hmp_server(tmp_path_factory):
    sim = RunningSim(HMPDevice(), str(tmp_path_factory.mktemp("hmp-tls")))
    yield sim
    sim.stop()


@pytest.fixture
def hmp_sim(hmp_server):
    with hmp_server.device.lock:
        hmp_server.device.reset()
    hmp_server.server.log.clear()
    hmp_server.server.faults.clear()
    return hmp_server
