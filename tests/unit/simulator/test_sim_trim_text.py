# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Both simulators keep text exactly as sent, or, switched to the other reading, trim its edge whitespace.

The guides do not say which a real device does, so the modules must converge on both.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import requests
from lxml import etree
from requests_oauthlib import OAuth1

from tests.simulator.common import RunningSim
from tests.simulator.hmp import HMPDevice
from tests.simulator.kraken import KrakenDevice

KEY = "demo-kraken-key"
SECRET = "demo-kraken-secret-0123456789"
INPUT = "<input><name>%s</name><url>udp://239.1.1.1:5000</url><description>%s</description></input>"
SAP_OUTPUT = ("<output><name>out</name><url>udp://239.2.2.2:4900</url><sap><sessionName> show </sessionName>"
              "<sessionDescription>Line\n</sessionDescription><author>\n</author></sap></output>")
UDP = {"type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}


def admin(sim, method, path, body=None):
    response = requests.request(method, sim.url + "/_sim/" + path, json=body, verify=sim.ca_path, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(name="kraken", scope="module")
def fixture_kraken(tmp_path_factory):
    running = RunningSim(KrakenDevice(KEY, SECRET), str(tmp_path_factory.mktemp("kraken-trim")))
    yield running
    running.stop()


@pytest.fixture(name="hmp", scope="module")
def fixture_hmp(tmp_path_factory):
    running = RunningSim(HMPDevice(), str(tmp_path_factory.mktemp("hmp-trim")))
    yield running
    running.stop()


def kraken_write(sim, method, path, body):
    response = requests.request(method, sim.url + path, data=body, headers={"Content-Type": "application/xml"},
                                auth=OAuth1(KEY, SECRET, signature_type="auth_header"), verify=sim.ca_path, timeout=10)
    assert response.status_code in (200, 201), response.text
    return etree.fromstring(response.content).find("link").get("href").rsplit("input-", 1)[-1]


def only(state, kind):
    records = list(state[kind].values())
    assert len(records) == 1, records
    return records[0]


def hmp_client(sim):
    http = requests.Session()
    login = http.post(sim.url + "/apis/authentication/login", json={"username": "haiadmin", "password": "hmp-admin-pass"},
                      verify=sim.ca_path, timeout=10)
    assert login.status_code == 200, login.text

    def call(method, path, body):
        response = http.request(method, sim.url + path, json=body, verify=sim.ca_path, timeout=10)
        assert response.status_code in (200, 201), response.text
        return response.json()["data"]
    return call


def test_kraken_keeps_text_as_sent_by_default(kraken):
    admin(kraken, "POST", "reset")
    kraken_write(kraken, "POST", "/apis/kraken/inputs", INPUT % ("cam ", "Line one\nline two\n"))
    record = only(admin(kraken, "GET", "state"), "inputs")
    assert (record["name"], record["description"]) == ("cam ", "Line one\nline two\n")


def test_kraken_that_trims_stores_names_and_free_text_without_edge_whitespace(kraken):
    admin(kraken, "POST", "reset")
    assert admin(kraken, "POST", "text", {"trim": True}) == {"trim": True}
    uuid = kraken_write(kraken, "POST", "/apis/kraken/inputs", INPUT % (" cam ", "Line one\nline two\n"))
    record = only(admin(kraken, "GET", "state"), "inputs")
    assert (record["name"], record["description"], record["url"]) == ("cam", "Line one\nline two", "udp://239.1.1.1:5000")
    kraken_write(kraken, "PUT", "/apis/kraken/inputs/input-" + uuid, "<input><description>\n</description></input>")
    assert "description" not in only(admin(kraken, "GET", "state"), "inputs")
    kraken_write(kraken, "POST", "/apis/kraken/outputs", SAP_OUTPUT)
    assert only(admin(kraken, "GET", "state"), "outputs")["sap"] == {"sessionName": "show", "sessionDescription": "Line"}


def test_kraken_seeds_are_stored_as_given_and_a_reset_keeps_text_again(kraken):
    admin(kraken, "POST", "reset")
    admin(kraken, "POST", "text", {"trim": True})
    admin(kraken, "POST", "seed", {"inputs": [{"name": "cam ", "url": "udp://239.1.1.1:5000", "description": "x\n"}]})
    record = only(admin(kraken, "GET", "state"), "inputs")
    assert (record["name"], record["description"]) == ("cam ", "x\n")
    admin(kraken, "POST", "reset")
    assert admin(kraken, "GET", "text") == {"trim": False}
    kraken_write(kraken, "POST", "/apis/kraken/inputs", INPUT % ("cam ", "x\n"))
    assert only(admin(kraken, "GET", "state"), "inputs")["name"] == "cam "


def test_a_trim_setting_that_is_not_a_boolean_is_refused(kraken):
    response = requests.post(kraken.url + "/_sim/text", json={"trim": "yes"}, verify=kraken.ca_path, timeout=10)
    assert response.status_code == 400 and "trim must be true or false" in response.json()["error"]


def test_a_device_started_trimming_trims_again_after_a_reset(tmp_path):
    running = RunningSim(KrakenDevice(KEY, SECRET), str(tmp_path), trim_text=True)
    try:
        admin(running, "POST", "text", {"trim": False})
        admin(running, "POST", "reset")
        assert admin(running, "GET", "text") == {"trim": True}
    finally:
        running.stop()


def test_hmp_keeps_text_as_sent_by_default(hmp):
    admin(hmp, "POST", "reset")
    call = hmp_client(hmp)
    source = call("POST", "/apis/sources", dict(UDP, name="cam 1 ", description="Stage.\n"))
    session = call("POST", "/apis/sessions", {"title": " Town hall", "description": "Agenda:\n"})
    assert (source["name"], source["description"]) == ("cam 1 ", "Stage.\n")
    assert (session["title"], session["description"]) == (" Town hall", "Agenda:\n")


def test_hmp_that_trims_stores_names_titles_and_descriptions_without_edge_whitespace(hmp):
    admin(hmp, "POST", "reset")
    admin(hmp, "POST", "text", {"trim": True})
    call = hmp_client(hmp)
    source = call("POST", "/apis/sources", dict(UDP, name="cam 1 ", description="Stage.\n"))
    assert (source["name"], source["description"]) == ("cam 1", "Stage.")
    source = call("PUT", "/apis/sources/" + source["id"], dict(UDP, name=" cam 2", description="\n"))
    assert (source["name"], source["description"]) == ("cam 2", "")
    session = call("POST", "/apis/sessions", {"title": " Town hall", "description": "Agenda:\n"})
    assert (session["title"], session["description"]) == ("Town hall", "Agenda:")
    session = call("PUT", "/apis/sessions/" + session["id"], {"title": "Town hall\n", "description": " notes "})
    assert (session["title"], session["description"]) == ("Town hall", "notes")
    asset = admin(hmp, "POST", "seed", {"assets": [{"title": "rec ", "description": "kept\n"}]})["assets"][0]
    assert only(admin(hmp, "GET", "state"), "videos")["title"] == "rec "
    video = call("PUT", "/apis/assets/" + asset, {"title": "rec\n", "description": "take 1\n"})
    assert (video["title"], video["description"]) == ("rec", "take 1")
