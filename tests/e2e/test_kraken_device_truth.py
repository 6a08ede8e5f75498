# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kraken: write only what the device reported plus what changed; believe only the API's own answers.

Every test checks the simulator's stored records and its request log.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
from lxml import etree

from kraken_helpers import by_name, kraken_play, task

META = "3f0f4a5e-1d2c-4b6a-9e8f-0a1b2c3d4e5f"
PASSPHRASE = "device-truth-pass-0123"

# kind, module, the seed (wire names; sparse: only what the device needs), the one-field edit
# (option, value, wire name, stored value).
CASES = [
    ("inputs", "kraken_input", "sparse", {"name": "in", "url": "udp://239.1.1.1:5000"},
     ("description", "north studio", "description", "north studio")),
    ("inputs", "kraken_input", "full",
     {"name": "in", "url": "srt://10.0.0.1:9000", "description": "cam", "streamType": "SRT", "interface": "eth1",
      "decklinkPort": 1, "decklinkMode": 2, "capturePort": 1, "captureMode": 3, "srtMode": "caller",
      "srtAddress": "10.0.0.1", "srtRemotePort": 9000, "srtLocalPort": 9001, "srtPassphrase": PASSPHRASE,
      "srtLatency": 250},
     ("srt_latency", 400, "srtLatency", 400)),
    ("outputs", "kraken_output", "sparse", {"name": "out", "url": "udp://239.2.2.2:4900"},
     ("ttl", 16, "ttl", 16)),
    ("outputs", "kraken_output", "full",
     {"name": "out", "url": "udp://239.2.2.2:4900", "description": "to cloud", "streamType": "SRT", "mtu": 1316,
      "ttl": 32, "tos": 128, "interface": "eth1",
      "sap": {"transmitSap": "on", "address": "224.2.127.254", "port": 9875, "sessionName": "ch1",
              "sessionDescription": "channel one", "keywords": "news", "author": "ops"},
      "srtMode": "listener", "srtAddress": "0.0.0.0", "srtRemotePort": 9100, "srtLocalPort": 9200,
      "srtPassphrase": PASSPHRASE, "srtEncryption": "aes128", "srtLatency": 300},
     ("ttl", 16, "ttl", 16)),
    ("transcoders", "kraken_transcoder", "sparse", {"name": "tc"},
     ("video_bitrate", 5000, "videoBitrate", 5000)),
    ("transcoders", "kraken_transcoder", "full",
     {"name": "tc", "resolutionMode": 1, "resolution": {"width": 1280, "height": 720}, "frameRate": 25,
      "videoBitrate": 4000, "gopSize": 50, "metadata": "on", "audio": "on", "audioBitrate": 192, "videoType": "hevc",
      "qualityLevel": 5, "bFrame": 2, "enableIntraRefresh": "on", "encodingProfile": "cbr", "encoderType": "qsv",
      "useLegacyTranscoder": "off", "interleaveAdjustmentMs": 10, "jitterBufferMs": 500, "videoProfile": "unset",
      "audioType": "mpeg2_aac_adts", "outputPacing": "on", "outputPacingInterval": 40, "shapingBitrate": 4500,
      "shapingMaxBitratePercent": 120, "shapingTargetBitratePercent": 90, "shapingVbvSizeMs": 1000,
      "shapingBufferingIntervalMs": 200, "enablePcs": "on"},
     ("video_bitrate", 5000, "videoBitrate", 5000)),
    ("streams", "kraken_stream", "sparse", {"name": "st"},
     ("description", "evening news", "description", "evening news")),
    ("streams", "kraken_stream", "full",
     {"name": "st", "description": "news", "auto_start": True, "input": "cam", "transcoder": "hd",
      "outputs": ["o1", "o2"], "passthru": "o3", "metadatas": [META]},
     ("description", "evening news", "description", "evening news")),
]
IDS = ["%s-%s" % (case[0], case[2]) for case in CASES]
PARTS = {"inputs": [{"name": "cam", "url": "udp://239.9.9.1:5000"}], "transcoders": [{"name": "hd"}],
         "outputs": [{"name": n, "url": "udp://239.9.9.%d:4900" % i} for i, n in enumerate(("o1", "o2", "o3"), 2)]}


def unordered(record):
    """A stored record with its reference lists as sets: the guide says a container's children come in any order."""
    return dict((k, sorted(v) if k in ("outputs", "metadatas") else v) for k, v in record.items())


@pytest.mark.parametrize("kind,module,shape,seed,edit", CASES, ids=IDS)
def test_a_one_field_edit_changes_exactly_that_field_on_the_device(clean, ansible, kind, module, shape, seed, edit):
    option, value, wire, stored = edit
    if kind == "streams":
        clean.kraken.seed(PARTS)
    clean.kraken.seed({kind: [seed]})
    before = by_name(clean.kraken, kind, seed["name"])
    clean.kraken.clear_log()
    run = ansible(kraken_play(task("edit", module, name=seed["name"], **{option: value})), diff=True)
    result = run.task("edit")
    assert result["status"] == "changed", run.output
    assert list(result["result"]["diff"]["after"]) == [option]
    after = by_name(clean.kraken, kind, seed["name"])
    assert unordered(after) == unordered(dict(before, **{wire: stored}))
    assert [(w["method"], w["path"]) for w in clean.kraken.writes()] == [("PUT", "/apis/kraken/%s/%s-%s" % (
        kind, kind[:-1], before["uuid"]))]


def test_an_edit_never_writes_an_unset_field_or_an_assumed_default(clean, ansible):
    """The guide's own report: an output made by hand without interface, a ttl edit, no interface or empty streamType sent."""
    clean.kraken.seed({"outputs": [{"name": "out", "url": "udp://239.2.2.2:4900"}]})
    clean.kraken.clear_log()
    run = ansible(kraken_play(task("edit", "kraken_output", name="out", ttl=16, interface="auto", stream_type="",
                                   description="")))
    assert run.task("edit")["status"] == "changed", run.output
    (put,) = clean.kraken.writes()
    sent = set(child.tag for child in etree.fromstring(put["body"].encode()))
    assert sent == {"name", "url", "mtu", "ttl", "tos"}
    assert "interface" not in by_name(clean.kraken, "outputs", "out")


PROXY_PAGE = ('<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Sign in</title></head>'
              '<body><form action="/login"><input name="user"/></form></body></html>')


@pytest.mark.parametrize("body,content_type,what", [
    (PROXY_PAGE, "text/html", "a <html> document, not the API's <response>"),
    ("", "text/plain", "an empty body"),
], ids=["sign-in-page", "empty-200"])
def test_a_read_answered_by_something_else_fails_and_nothing_is_decided_on_it(clean, ansible, body, content_type, what):
    uuid = clean.kraken.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:5000"}]})["inputs"][0]
    clean.kraken.fault(kind="answer", method="GET", path="/apis/kraken/inputs", status=200, body=body,
                       content_type=content_type, count=-1)
    clean.kraken.clear_log()
    run = ansible(kraken_play(
        dict(task("info", "kraken_info", gather=["inputs"]), ignore_errors=True),
        dict(task("absent", "kraken_input", name="cam", state="absent"), ignore_errors=True),
        dict(task("present", "kraken_input", name="cam2", url="udp://239.1.1.2:5000"), ignore_errors=True)))
    for name in ("info", "absent", "present"):
        result = run.task(name)
        assert result["status"] == "ignored", run.output
        assert result["result"]["msg"] == (
            "GET /apis/kraken/inputs was answered with HTTP 200 (content type %s) by something that is not the Kraken "
            "API: %s. Check the URL, and any proxy or sign-in portal in front of the device" % (content_type, what))
    assert clean.kraken.writes() == []
    assert list(clean.kraken.state()["inputs"]) == [uuid]


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_a_write_answered_by_something_else_fails_instead_of_reporting_changed(clean, ansible, method):
    uuid = clean.kraken.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:5000"}]})["inputs"][0]
    clean.kraken.fault(kind="answer", method=method, path="/apis/kraken/inputs/", status=200, body="",
                       content_type="text/plain", count=-1)
    args = {"description": "new"} if method == "PUT" else {"state": "absent"}
    run = ansible(kraken_play(dict(task("write", "kraken_input", name="cam", **args), ignore_errors=True)))
    result = run.task("write")
    assert result["status"] == "ignored" and not result["result"]["changed"], run.output
    assert "%s /apis/kraken/inputs/input-%s was answered with HTTP 200" % (method, uuid) in result["result"]["msg"]
    assert by_name(clean.kraken, "inputs", "cam").get("description") is None


def test_a_description_block_ending_in_a_newline_converges(clean, ansible):
    play = kraken_play(task("out", "kraken_output", name="out", url="udp://239.2.2.2:4900",
                            description="Line one\nline two\n"))
    assert ansible(play).task("out")["status"] == "changed"
    assert by_name(clean.kraken, "outputs", "out")["description"] == "Line one\nline two\n"
    clean.kraken.clear_log()
    again = ansible(play)
    assert again.task("out")["status"] == "ok", again.output
    assert clean.kraken.writes() == []


def test_a_character_xml_cannot_carry_is_refused_before_any_request(clean, ansible):
    clean.kraken.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:5000"}]})
    clean.kraken.clear_log()
    play = kraken_play(dict(task("in", "kraken_input", name="cam", description="pasted\x0bfrom Word"),
                            ignore_errors=True),
                       dict(task("lineup", "kraken_lineup", inputs=[{"name": "cam", "description": "a\x0bb"}]),
                            ignore_errors=True))
    for check in (True, False):
        run = ansible(play, check=check)
        assert "description contains the character U+000B at position 6, which XML cannot carry" in \
            run.task("in")["result"]["msg"], run.output
        assert "inputs[0] (cam): description contains the character U+000B" in run.task("lineup")["result"]["msg"]
    assert clean.kraken.requests() == []


def test_srt_encryption_as_the_guide_spells_it_converges_and_is_sent_so(clean, ansible):
    clean.kraken.seed({"outputs": [{"name": "srt-none", "streamType": "SRT", "srtMode": "listener", "srtLocalPort": 9000,
                                    "srtEncryption": "None"},
                                   {"name": "srt-aes", "streamType": "SRT", "srtMode": "listener", "srtLocalPort": 9001,
                                    "srtEncryption": "aes128"}]})
    clean.kraken.clear_log()
    run = ansible(kraken_play(task("none", "kraken_output", name="srt-none", srt_encryption="none"),
                              task("aes", "kraken_output", name="srt-aes", srt_encryption="none")))
    assert run.statuses() == {"none": "ok", "aes": "changed"}, run.output
    (put,) = clean.kraken.writes()
    assert etree.fromstring(put["body"].encode()).findtext("srtEncryption") == "None"


def test_a_lineup_marks_applied_only_the_streams_whose_every_write_succeeded(clean, ansible):
    parts = clean.kraken.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:5000"}]})
    seeded = clean.kraken.seed({"streams": [{"name": "st-%d" % i, "input": parts["inputs"][0]} for i in range(1, 6)]})
    refused = ('<?xml version="1.0"?><response><error><code>1004</code>'
               '<message>Failed to update resource</message></error></response>')
    clean.kraken.fault(kind="answer", method="PUT", path="/apis/kraken/streams/stream-%s" % seeded["streams"][1],
                       status=400, body=refused, content_type="application/xml", count=-1)
    streams = [{"name": "st-%d" % i, "state": "started"} for i in range(1, 6)]
    run = ansible(kraken_play(dict(task("lineup", "kraken_lineup", streams=streams), ignore_errors=True)))
    result = run.task("lineup")["result"]
    applied = dict((r["name"], r["applied"]) for r in result["resources"])
    assert applied == {"st-1": True, "st-2": False, "st-3": False, "st-4": False, "st-5": False}, run.output
    assert "Applied: streams st-1. Not applied: streams st-2, streams st-3, streams st-4, streams st-5." in result["msg"]
    states = dict((r["name"], r["state"]) for r in clean.kraken.state()["streams"].values())
    assert states == {"st-1": "active", "st-2": "stopped", "st-3": "stopped", "st-4": "stopped", "st-5": "stopped"}
