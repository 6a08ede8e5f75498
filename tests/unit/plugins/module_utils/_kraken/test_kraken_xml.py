# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""kraken_xml.parse refuses DTDs and entities (XXE, entity-expansion bombs) instead of expanding them,
on its own and behind the client, for answers in UTF-8 and UTF-16 alike."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest

from ansible_collections.haivision.media.plugins.module_utils._kraken import xml as kraken_xml
from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.xml import UnsafeXmlError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import ProtocolError

from tests.simulator.kraken_model import KrakenError, parse_body

MARKER = "TOP-SECRET-MARKER-7f3a"


def xxe(path):
    return ('<?xml version="1.0"?><!DOCTYPE response [<!ENTITY xxe SYSTEM "file://%s">]>'
            '<response><system><version>&xxe;</version></system></response>' % path)


def billion_laughs(levels=10):
    entities = ['<!ENTITY lol0 "lol">']
    entities += ['<!ENTITY lol%d "%s">' % (i, "&lol%d;" % (i - 1) * 10) for i in range(1, levels)]
    return ('<?xml version="1.0"?><!DOCTYPE response [%s]><response><system><version>&lol%d;</version></system></response>'
            % ("".join(entities), levels - 1))


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(MARKER)
    return str(path)


def utf16(text):
    return text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")


def test_external_entity_is_refused_not_resolved(secret_file):
    with pytest.raises(UnsafeXmlError) as caught:
        kraken_xml.parse(xxe(secret_file).encode())
    assert MARKER not in str(caught.value)


def test_billion_laughs_is_refused_at_once():
    started = time.time()
    with pytest.raises(UnsafeXmlError):
        kraken_xml.parse(billion_laughs().encode())
    assert time.time() - started < 5  # refused, not expanded (10**9 'lol's would take far longer and GBs)


def test_doctype_alone_is_refused():
    with pytest.raises(UnsafeXmlError):
        kraken_xml.parse(b'<?xml version="1.0"?><!DOCTYPE response SYSTEM "http://example.invalid/r.dtd"><response/>')


@pytest.mark.parametrize("document", ["xxe", "laughs"])
def test_utf16_documents_that_hide_the_doctype_from_a_byte_check_are_refused(secret_file, document):
    text = xxe(secret_file) if document == "xxe" else billion_laughs()
    body = utf16(text)
    assert b"<!DOCTYPE" not in body.upper()
    with pytest.raises(UnsafeXmlError):
        kraken_xml.parse(body)


def test_entity_markup_inside_text_is_plain_text():
    root = kraken_xml.parse(b'<response><input><name>&lt;!DOCTYPE x [&lt;!ENTITY e "x"&gt;]&gt;&amp;e;</name></input></response>')
    assert kraken_xml.element_to_value(root.find("input"))["name"] == '<!DOCTYPE x [<!ENTITY e "x">]>&e;'


def test_text_with_entity_markup_is_escaped_on_the_way_out():
    body = kraken_xml.to_bytes(kraken_xml.build("input", {"name": '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;'}))
    assert b"<!DOCTYPE" not in body and b"<!ENTITY" not in body and b"&e;" not in body
    assert kraken_xml.element_to_value(kraken_xml.parse(body))["name"].startswith("<!DOCTYPE")


@pytest.mark.parametrize("document", ["xxe", "laughs"])
def test_a_kraken_answer_with_a_dtd_is_a_protocol_error(kraken_sim, secret_file, document):
    body = billion_laughs() if document == "laughs" else xxe(secret_file)
    kraken_sim.server.faults.add({"kind": "malformed", "path": "/apis/kraken/system", "body": body})
    client = KrakenClient(kraken_sim.url, kraken_sim.consumer_key, kraken_sim.consumer_secret, ca_path=kraken_sim.ca_path)
    with pytest.raises(ProtocolError) as caught:
        client.system()
    assert "GET /apis/kraken/system" in str(caught.value) and "refused" in str(caught.value)
    assert MARKER not in str(caught.value)


@pytest.mark.parametrize("document", ["laughs", "xxe-utf16", "laughs-utf16"])
def test_the_simulator_refuses_such_request_bodies_too(secret_file, document):
    text = billion_laughs() if document.startswith("laughs") else xxe(secret_file)
    text = text.replace("response", "input").replace("<system><version>", "<name>").replace("</version></system>", "</name>")
    body = utf16(text) if document.endswith("utf16") else text.encode()
    with pytest.raises(KrakenError) as caught:
        parse_body(body, "input")
    assert caught.value.code == 1011
