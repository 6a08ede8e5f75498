# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Kraken simulator through the core's real HTTPS server, with a real OAuth 1.0 client."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest
import requests
from lxml import etree
from oauthlib.oauth1 import Client
from requests_oauthlib import OAuth1

from tests.simulator.common import RunningSim
from tests.simulator.kraken import KrakenDevice

KEY = "demo-kraken-key"
SECRET = "demo-kraken-secret-0123456789"
XML = {"Content-Type": "application/xml"}


class Api:
    """A signed client; ``verify`` goes with every request, since REQUESTS_CA_BUNDLE would override a session's."""

    def __init__(self, sim, key=KEY, secret=SECRET):
        self.sim = sim
        self.session = requests.Session()
        self.session.auth = OAuth1(key, secret, signature_type="auth_header")

    def call(self, method, path, body=None):
        url = path if path.startswith("https://") else self.sim.url + path
        return self.session.request(method, url, data=body, headers=XML if body else None, verify=self.sim.ca_path, timeout=10)

    def get(self, path):
        return self.call("GET", path)

    def post(self, path, body):
        return self.call("POST", path, body)

    def put(self, path, body):
        return self.call("PUT", path, body)

    def delete(self, path):
        return self.call("DELETE", path)

    def create(self, kind, body):
        response = self.post("/apis/kraken/" + kind, body)
        assert response.status_code == 201, response.text
        return link(response)

    def admin(self, path, body=None):
        response = requests.post(self.sim.url + "/_sim/" + path, json=body or {}, verify=self.sim.ca_path, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    def state(self):
        return requests.get(self.sim.url + "/_sim/state", verify=self.sim.ca_path, timeout=10).json()


def xml(response):
    return etree.fromstring(response.content)


def link(response):
    return xml(response).find("link").get("href")


def error(response):
    root = xml(response)
    return response.status_code, int(root.findtext("error/code")), root.findtext("error/message")


def fields(response, tag):
    """A resource's simple children as a dict (order does not matter)."""
    return dict((child.tag, child.text) for child in xml(response).find(tag) if len(child) == 0 and child.tag != "link")


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    running = RunningSim(KrakenDevice(KEY, SECRET), str(tmp_path_factory.mktemp("kraken-ca")))
    yield running
    running.stop()


@pytest.fixture
def api(sim):
    response = requests.post(sim.url + "/_sim/reset", verify=sim.ca_path, timeout=10)
    assert response.status_code == 200
    return Api(sim)


def channel(api):
    """An input, a transcoder and two outputs; returns their links."""
    return {
        "input": api.create("inputs", "<input><name>in</name><url>udp://239.1.1.1:5000</url></input>"),
        "transcoder": api.create("transcoders", "<transcoder><name>tc</name></transcoder>"),
        "out1": api.create("outputs", "<output><name>o1</name><url>udp://239.2.2.2:4900</url></output>"),
        "out2": api.create("outputs", "<output><name>o2</name><url>udp://239.2.2.3:4900</url></output>"),
    }


def stream_body(links, name="s1", extra=""):
    return ("<stream><name>%s</name><input>%s</input><transcoder>%s</transcoder><outputs><output>%s</output>"
            "<output>%s</output></outputs>%s</stream>" % (name, links["input"], links["transcoder"], links["out1"],
                                                          links["out2"], extra))


# ---- OAuth ---------------------------------------------------------------------------

def test_signed_request_accepted(api):
    response = api.get("/apis/kraken/system")
    assert response.status_code == 200
    assert xml(response).findtext("system/version") == "3.0.1"


@pytest.mark.parametrize("key,secret", [(KEY, "wrong-secret"), ("unknown-key", SECRET)])
def test_bad_credentials_refused(api, key, secret):
    response = Api(api.sim, key, secret).get("/apis/kraken/system")
    assert error(response) == (401, 1014, "Not Authorized")


def test_unsigned_request_refused(api):
    response = requests.get(api.sim.url + "/apis/kraken/system", verify=api.sim.ca_path, timeout=10)
    assert error(response)[:2] == (401, 1014)


def _signed_headers(url, timestamp, nonce="fixed-nonce"):
    client = Client(KEY, client_secret=SECRET, nonce=nonce, timestamp=str(timestamp))
    _uri, headers, _body = client.sign(url, "GET")
    return headers


def test_replayed_nonce_refused(api):
    url = api.sim.url + "/apis/kraken/system"
    headers = _signed_headers(url, int(time.time()))
    first = requests.get(url, headers=headers, verify=api.sim.ca_path, timeout=10)
    second = requests.get(url, headers=headers, verify=api.sim.ca_path, timeout=10)
    assert first.status_code == 200
    assert error(second)[:2] == (401, 1014)


@pytest.mark.parametrize("offset", [-1000, 1000])
def test_stale_timestamp_refused(api, offset):
    url = api.sim.url + "/apis/kraken/system"
    headers = _signed_headers(url, int(time.time()) + offset, nonce="stale%d" % offset)
    response = requests.get(url, headers=headers, verify=api.sim.ca_path, timeout=10)
    assert error(response)[:2] == (401, 1014)


def test_query_parameters_are_signed(api):
    assert api.get("/apis/kraken/system?verbose=1").status_code == 200


def test_credentials_rotated_behind_the_client(api):
    api.admin("kraken/credentials", {"consumer_key": "new-key", "consumer_secret": "new-secret"})
    assert api.get("/apis/kraken/system").status_code == 401
    assert Api(api.sim, "new-key", "new-secret").get("/apis/kraken/system").status_code == 200


# ---- collections, errors, quirks ------------------------------------------------------

@pytest.mark.parametrize("kind", ["inputs", "outputs", "transcoders", "streams", "configurations"])
def test_empty_collection_is_404_1001(api, kind):
    assert error(api.get("/apis/kraken/" + kind)) == (404, 1001, "No results found")


def test_unknown_id_and_paths(api):
    assert error(api.get("/apis/kraken/inputs/input-00000000-0000-0000-0000-000000000000"))[:2] == (404, 1002)
    assert error(api.get("/apis/kraken/inputs/bogus"))[:2] == (400, 1008)
    assert error(api.get("/apis/kraken/nothing"))[:2] == (501, 1006)
    assert error(api.call("POST", "/apis/kraken/system", "<system/>"))[:2] == (501, 1009)


def test_poorly_formatted_xml(api):
    assert error(api.post("/apis/kraken/inputs", "<input><name>x</name>")) == (400, 1011, "Input XML data is poorly formatted")


def test_xxe_refused_and_not_expanded(api, tmp_path):
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text("TOP-SECRET-MARKER")
    body = ('<?xml version="1.0"?><!DOCTYPE input [<!ENTITY xxe SYSTEM "file://%s">]>'
            '<input><name>&xxe;</name><url>udp://239.1.1.1:5000</url></input>' % secret_file)
    response = api.post("/apis/kraken/inputs", body)
    assert error(response)[:2] == (400, 1011)
    assert b"TOP-SECRET-MARKER" not in response.content
    assert api.state()["inputs"] == {}


def test_list_is_minimal_with_extension_and_outputs_without_dash(api):
    links = channel(api)
    inputs = xml(api.get("/apis/kraken/inputs")).find("inputs")
    assert sorted(child.tag for child in inputs[0]) == ["link", "name", "uuid", "x-vendor-extension"]
    hrefs = [o.find("link").get("href") for o in xml(api.get("/apis/kraken/outputs")).find("outputs")]
    assert sorted(hrefs) == sorted(h.replace("/output-", "/output") for h in (links["out1"], links["out2"]))
    # Both spellings address the resource.
    nodash = hrefs[0]
    assert api.get(nodash).status_code == 200
    assert api.get(nodash.replace("/outputs/output", "/outputs/output-")).status_code == 200


def test_element_order_is_shuffled(api):
    href = api.create("transcoders", "<transcoder><name>tc</name></transcoder>")
    orders = set(tuple(child.tag for child in xml(api.get(href)).find("transcoder")) for dummy in range(8))
    assert len(orders) > 1


# ---- inputs --------------------------------------------------------------------------

def test_enumerations_refuse_empty_and_unknown_values_and_text_is_stored_as_sent(api):
    assert error(api.post("/apis/kraken/inputs", "<input><name>e</name><url>udp://239.1.1.1:1</url><streamType></streamType></input>"))[:2] \
        == (400, 1013)
    assert error(api.post("/apis/kraken/inputs", "<input><name>e</name><url>udp://239.1.1.1:1</url><streamType>UDP</streamType></input>"))[:2] \
        == (400, 1013)
    href = api.create("outputs", "<output><name>o </name><description> two\nlines\n</description><streamType>SRT</streamType>"
                                 "<srtMode>listener</srtMode><srtLocalPort>9000</srtLocalPort>"
                                 "<srtEncryption>none</srtEncryption></output>")
    got = fields(api.get(href), "output")
    assert got["name"] == "o " and got["description"] == " two\nlines\n" and got["srtEncryption"] == "None"
    assert error(api.put(href, "<output><srtEncryption></srtEncryption></output>"))[:2] == (400, 1013)
    # The guide lets an output's streamType be left empty: back to the default UDP output.
    assert api.put(href, "<output><streamType></streamType><url>udp://239.1.1.1:1</url></output>").status_code == 200
    assert "streamType" not in fields(api.get(href), "output")


def test_input_crud_and_put_merges(api):
    nic = api.sim.url + "/apis/servers/serverbc305be293d3/nics/nic-eth1"
    href = api.create("inputs", "<input><name>in</name><url>udp://239.1.1.1:5000</url><description>d</description>"
                                "<interface>%s</interface></input>" % nic)
    got = fields(api.get(href), "input")
    assert got["name"] == "in" and got["description"] == "d" and got["streamType"] == "MPEG2TS"
    assert got["state"] == "unset" and got["x-vendor-extension"] == "1"
    assert got["interface"].endswith("/apis/servers/server-bc305be293d3/nics/nic-eth1")
    response = api.put(href, "<input><name>renamed</name></input>")
    assert response.status_code == 200 and link(response) == href
    got = fields(api.get(href), "input")
    assert got["name"] == "renamed" and got["description"] == "d" and got["url"] == "udp://239.1.1.1:5000"
    api.put(href, "<input><description></description><interface>auto</interface></input>")
    got = fields(api.get(href), "input")
    assert "description" not in got and got["interface"] == "auto"
    response = api.delete(href)
    assert response.status_code == 200 and link(response).endswith("/apis/kraken/inputs")
    assert error(api.get(href))[:2] == (404, 1002)


def test_input_aliases_and_only_set_fields(api):
    href = api.create("inputs", "<input><name>cap</name><streamType>V4L2</streamType><capture_card>0</capture_card>"
                                "<capture_mode>-1</capture_mode></input>")
    got = fields(api.get(href), "input")
    assert got["capturePort"] == "0" and got["captureMode"] == "-1" and got["url"] is None
    assert "description" not in got and "srtMode" not in got


@pytest.mark.parametrize("body,code,word", [
    ("<input><name>x</name></input>", 1000, "url"),
    ("<input><name>x</name><streamType>SRT</streamType><srtLatency>10</srtLatency></input>", 1013, "srtLatency"),
    ("<input><name>x</name><streamType>SRT</streamType><srtPassphrase>short</srtPassphrase></input>", 1013, "srtPassphrase"),
    ("<input><name>x</name><streamType>SRT</streamType><srtMode>server</srtMode></input>", 1013, "srtMode"),
    ("<input><name>x</name><streamType>SRT</streamType><srtLocalPort>70000</srtLocalPort></input>", 1013, "srtLocalPort"),
    ("<input><name>x</name><url>u</url><interface>https://h/apis/servers/server-bc305be293d3/nics/nic-eth9</interface>"
     "</input>", 1013, "interface"),
    ("<input><name>x</name><url>u</url><bogus>1</bogus></input>", 1013, "bogus"),
])
def test_input_validation(api, body, code, word):
    status, got_code, message = error(api.post("/apis/kraken/inputs", body))
    assert (status, got_code) == (400, code) and word in message


# ---- outputs -------------------------------------------------------------------------

def test_output_crud_defaults_and_sap_merge(api):
    href = api.create("outputs", "<output><name>o</name><url>udp://239.2.2.2:4900</url><sap><transmitSap>on</transmitSap>"
                                 "<author>me</author></sap></output>")
    got = fields(api.get(href), "output")
    assert (got["mtu"], got["ttl"], got["tos"]) == ("1490", "64", "184") and "streamType" not in got
    api.put(href, "<output><ttl>16</ttl><sap><keywords>k</keywords></sap></output>")
    output = xml(api.get(href)).find("output")
    assert output.findtext("ttl") == "16" and output.findtext("mtu") == "1490"
    assert output.findtext("sap/author") == "me" and output.findtext("sap/keywords") == "k"
    assert error(api.put(href, "<output><mtu>100</mtu></output>"))[:2] == (400, 1013)
    assert api.delete(href).status_code == 200


# ---- transcoders ---------------------------------------------------------------------

def test_transcoder_put_resets_unsent_fields(api):
    href = api.create("transcoders", "<transcoder><name>tc</name><videoBitrate>5000</videoBitrate><gopSize>60</gopSize>"
                                     "<framerate>25</framerate><resolutionMode>1</resolutionMode>"
                                     "<resolution><width>1280</width><height>720</height></resolution></transcoder>")
    transcoder = xml(api.get(href)).find("transcoder")
    assert transcoder.findtext("videoBitrate") == "5000" and transcoder.findtext("frameRate") == "25"
    assert transcoder.findtext("resolution/width") == "1280" and transcoder.findtext("audioBitrate") == "256"
    assert api.put(href, "<transcoder><name>tc</name><gopSize>90</gopSize></transcoder>").status_code == 200
    transcoder = xml(api.get(href)).find("transcoder")
    assert transcoder.findtext("gopSize") == "90"
    assert transcoder.findtext("videoBitrate") == "3000" and transcoder.findtext("frameRate") == "30"
    assert transcoder.find("resolution") is None and transcoder.findtext("resolutionMode") == "3"
    assert error(api.put(href, "<transcoder><gopSize>90</gopSize></transcoder>"))[:2] == (400, 1004)
    status, code, message = error(api.put(href, "<transcoder><name>tc</name><videoBitrate>99</videoBitrate></transcoder>"))
    assert (status, code) == (400, 1013) and "videoBitrate" in message
    assert api.delete(href).status_code == 200


# ---- streams -------------------------------------------------------------------------

def test_stream_crud_references_and_states(api):
    links = channel(api)
    href = api.create("streams", stream_body(links))
    stream = xml(api.get(href)).find("stream")
    assert stream.findtext("state") == "stopped" and stream.findtext("auto_start") == "false"
    assert stream.find("input/link").get("href") == links["input"]
    assert stream.findtext("input/name") == "in" and stream.findtext("mode") == "transcoder"
    out_hrefs = sorted(o.find("link").get("href") for o in stream.find("outputs"))
    assert out_hrefs == sorted(links[k].replace("/output-", "/output") for k in ("out1", "out2"))
    assert fields(api.get(links["input"]), "input")["state"] == "stopped"
    # The state alone: other elements of that PUT are ignored.
    assert api.put(href, "<stream><state>start</state><name>ignored</name></stream>").status_code == 200
    got = fields(api.get(href), "stream")
    assert got["state"] == "active" and got["name"] == "s1"
    assert fields(api.get(links["out1"]), "output")["state"] == "active"
    # Editing a running stream is allowed; deleting it or what it uses is not.
    assert api.put(href, "<stream><description>edited</description></stream>").status_code == 200
    assert fields(api.get(href), "stream")["description"] == "edited"
    status, code, message = error(api.delete(href))
    assert (status, code) == (400, 1005) and "stop it first" in message
    status, code, message = error(api.delete(links["transcoder"]))
    assert (status, code) == (400, 1005) and "s1" in message
    api.put(href, "<stream><state>stop</state></stream>")
    assert fields(api.get(href), "stream")["state"] == "stopped"
    assert api.delete(href).status_code == 200
    assert api.delete(links["transcoder"]).status_code == 200


def test_stream_auto_start_passthru_and_bad_reference(api):
    links = channel(api)
    passthru = links.pop("out2").replace("/output-", "/output")
    links["out2"] = links["out1"]
    meta = "https://10.65.11.209/apis/kraken/metadatas/metadata-e8b5a07d-4ca7-4651-8ae9-035e0849d235"
    extra = "<auto_start>true</auto_start><passthru>%s</passthru><metadatas><metadata>%s</metadata></metadatas>" % (passthru, meta)
    href = api.create("streams", stream_body(links, extra=extra))
    stream = xml(api.get(href)).find("stream")
    assert stream.findtext("state") == "active" and stream.findtext("mode") == "passthru"
    assert stream.find("metadatas/metadata/link").get("href").endswith("/metadata-e8b5a07d-4ca7-4651-8ae9-035e0849d235")
    assert len(stream.find("outputs")) == 1 and stream.find("passthru/link").get("href") == passthru
    missing = links["input"][:-4] + "0000"
    status, code, _message = error(api.post("/apis/kraken/streams", stream_body(dict(links, input=missing), name="s2")))
    assert (status, code) == (400, 1013)


def test_stream_settle_time(api):
    links = channel(api)
    api.admin("kraken/settle", {"seconds": 0.4})
    href = api.create("streams", stream_body(links, extra="<state>start</state>"))
    assert fields(api.get(href), "stream")["state"] == "waiting"
    time.sleep(0.5)
    assert fields(api.get(href), "stream")["state"] == "active"


# ---- configurations, system, servers --------------------------------------------------

def test_configuration_save_activate_default(api):
    links = channel(api)
    href = api.create("configurations", "<configuration><name>ConfigA</name></configuration>")
    assert fields(api.get(href), "configuration")["defaultConfig"] == "no"
    assert api.delete(links["out1"]).status_code == 200
    assert api.put(href, "<configuration><activate>1</activate><default>1</default></configuration>").status_code == 200
    assert api.get(links["out1"]).status_code == 200
    assert fields(api.get(href), "configuration")["defaultConfig"] == "yes"
    assert error(api.put(href, "<configuration></configuration>"))[:2] == (400, 1013)
    assert api.delete(href.replace("/configuration-", "/config-")).status_code == 200


def test_configurations_list_empty_then_one_default_at_a_time(api):
    assert error(api.get("/apis/kraken/configurations"))[:2] == (404, 1001)
    first = api.create("configurations", "<configuration><name>A</name></configuration>")
    second = api.create("configurations", "<configuration><name>B</name></configuration>")
    assert api.put(first, "<configuration><default>1</default></configuration>").status_code == 200
    assert api.put(second, "<configuration><default>1</default></configuration>").status_code == 200
    listed = xml(api.get("/apis/kraken/configurations")).find("configurations")
    assert sorted((c.findtext("name"), c.findtext("defaultConfig")) for c in listed) == [("A", "no"), ("B", "yes")]
    assert api.put(second, "<configuration><default>0</default></configuration>").status_code == 200
    assert fields(api.get(second), "configuration")["defaultConfig"] == "no"


@pytest.mark.parametrize("body", [
    "<configuration><name>renamed</name><default>1</default></configuration>",  # the guide has no rename
    "<configuration><activate>yes</activate></configuration>",                  # 1 or 0 only
    "<configuration><default></default></configuration>",
    "<configuration><uuid>x</uuid></configuration>",                           # nothing to do
])
def test_configuration_put_refuses_what_the_guide_does_not_document(api, body):
    href = api.create("configurations", "<configuration><name>A</name></configuration>")
    assert error(api.put(href, body))[:2] == (400, 1013)
    stored = fields(api.get(href), "configuration")
    assert (stored["name"], stored["defaultConfig"]) == ("A", "no")


def test_configuration_post_needs_a_name_and_nothing_else(api):
    assert error(api.post("/apis/kraken/configurations", "<configuration/>"))[:2] == (400, 1000)
    assert error(api.post("/apis/kraken/configurations",
                          "<configuration><name>A</name><default>1</default></configuration>"))[:2] == (400, 1013)


def test_configuration_load_replaces_the_running_resources_with_the_saved_ones(api):
    links = channel(api)
    api.create("streams", stream_body(links, extra="<auto_start>true</auto_start>"))
    saved = api.state()
    href = api.create("configurations", "<configuration><name>A</name></configuration>")
    assert api.put(links["out1"], "<output><ttl>9</ttl></output>").status_code == 200
    api.create("inputs", "<input><name>extra</name><url>udp://239.9.9.9:5000</url></input>")
    assert api.put(href, "<configuration><activate>1</activate></configuration>").status_code == 200
    loaded = api.state()
    for kind in ("inputs", "outputs", "transcoders", "streams"):
        assert loaded[kind] == saved[kind]


def test_servers_and_nics(api):
    server = xml(api.get("/apis/servers")).find("servers/server")
    assert server.findtext("id") == "bc305be293d3"
    nics = xml(api.get("/apis/servers/serverbc305be293d3/nics")).find("nics")
    assert sorted(n.findtext("id") for n in nics) == ["eth0", "eth1", "lo"]
    assert all("/servers/serverbc305be293d3/nics/nic-" in n.find("link").get("href") for n in nics)
    assert xml(api.get("/apis/servers/server-bc305be293d3/nics/niceth0")).findtext("nic/name") == "eth0"
    assert error(api.get("/apis/servers/server-bc305be293d3/nics/nic-eth7"))[:2] == (404, 1002)


# ---- admin side channel and faults ---------------------------------------------------

def test_seed_state_and_edit_behind_the_back(api):
    created = api.admin("seed", {
        "inputs": [{"name": "in", "url": "udp://239.1.1.1:5000", "interface": "eth0"}],
        "outputs": [{"name": "o1", "url": "udp://239.2.2.2:4900", "sap": {"transmitSap": True}}],
        "transcoders": [{"name": "tc", "videoBitrate": 4000}],
        "streams": [{"name": "s", "input": "in", "transcoder": "tc", "outputs": ["o1"], "state": "started"}],
    })
    state = api.state()
    stream = state["streams"][created["streams"][0]]
    assert stream["state"] == "active" and stream["outputs"] == created["outputs"]
    assert stream["input"] == created["inputs"][0]
    assert state["inputs"][created["inputs"][0]]["interface"] == "eth0"
    assert state["transcoders"][created["transcoders"][0]]["videoBitrate"] == 4000
    output = created["outputs"][0]
    api.admin("kraken/edit", {"kind": "outputs", "uuid": output, "fields": {"ttl": 5}})
    got = fields(api.get("/apis/kraken/outputs/output" + output), "output")
    assert got["ttl"] == "5" and got["name"] == "o1"


def test_injected_faults_use_kraken_bodies(api):
    api.admin("faults", {"kind": "status", "status": 503, "count": 1})
    response = api.get("/apis/kraken/system")
    assert error(response) == (503, 1016, "Service provider for this API is unavailable")
    api.admin("faults", {"kind": "malformed", "count": 1})
    with pytest.raises(etree.XMLSyntaxError):
        xml(api.get("/apis/kraken/system"))
    assert api.get("/apis/kraken/system").status_code == 200
