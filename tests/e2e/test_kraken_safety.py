# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kraken modules: secrets never shown, bad input refused before any request, identity rules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from kraken_helpers import by_name, kraken_play, task

PASSPHRASE = "srt-passphrase-0042-secret"
NEW_PASSPHRASE = "srt-passphrase-0043-secret"


def test_secrets_never_appear_at_vvv_with_diff(clean, ansible):
    srt = dict(name="contrib", stream_type="SRT", srt_mode="listener", srt_local_port=9000)
    plays = kraken_play(task("create", "kraken_input", srt_passphrase=PASSPHRASE, **srt),
                        task("same", "kraken_input", srt_passphrase=PASSPHRASE, **srt),
                        task("rotate", "kraken_input", srt_passphrase=NEW_PASSPHRASE, **srt))
    check = ansible(plays, check=True, diff=True, verbosity=3)
    run = ansible(plays, diff=True, verbosity=3)
    assert run.task("create")["status"] == "changed", run.output
    assert run.task("same")["status"] == "ok"
    rotate = run.task("rotate")
    assert rotate["status"] == "changed"  # a changed passphrase is still detected...
    assert rotate["result"]["diff"]["after"]["srt_passphrase"] == "******** (changed)"  # ...and shown masked
    assert by_name(clean.kraken, "inputs", "contrib")["srtPassphrase"] == NEW_PASSPHRASE
    secret = clean.info["kraken"][0]["consumer_secret"]
    for output in (check.output, run.output):
        for value in (PASSPHRASE, NEW_PASSPHRASE, secret):
            assert value not in output


@pytest.mark.parametrize("module,args,words", [
    ("kraken_output", {"name": "o", "url": "udp://239.1.1.1:1", "mtu": 100}, ["mtu", "228", "1500"]),
    ("kraken_output", {"name": "o", "url": "udp://239.1.1.1:1", "ttl": 0}, ["ttl", "1", "255"]),
    ("kraken_output", {"name": "o", "url": "udp://239.1.1.1:1", "srt_latency": 10}, ["srt_latency", "20", "8000"]),
    ("kraken_input", {"name": "i", "stream_type": "SRT", "srt_mode": "listener", "srt_local_port": 9000,
                      "srt_passphrase": "short"}, ["srt_passphrase", "10", "79"]),
    ("kraken_input", {"name": "i", "stream_type": "SRT", "srt_mode": "caller"}, ["srt_address", "srt_remote_port"]),
    ("kraken_input", {"name": "i", "stream_type": "UDP"}, ["stream_type", "MPEG2TS"]),
    ("kraken_transcoder", {"name": "t", "video_bitrate": 20000}, ["video_bitrate", "150", "15000"]),
    ("kraken_stream", {"name": "s", "state": "running"}, ["state", "started"]),
], ids=["mtu", "ttl", "srt_latency", "passphrase", "required_if", "choice", "bitrate", "stream_state"])
def test_invalid_value_fails_before_any_request(clean, ansible, module, args, words):
    run = ansible(kraken_play(task("bad", module, **args)))
    result = run.task("bad")
    assert result["status"] == "failed"
    for word in words:
        assert word in result["result"]["msg"]
    assert clean.kraken.requests() == []


def test_rename_by_uuid(clean, ansible):
    uuid = clean.kraken.seed({"outputs": [{"name": "old", "url": "udp://239.1.1.1:1"}]})["outputs"][0]
    run = ansible(kraken_play(task("rename", "kraken_output", uuid=uuid, name="new")))
    assert run.task("rename")["status"] == "changed", run.output
    assert clean.kraken.state()["outputs"][uuid]["name"] == "new"


def test_duplicate_names_fail_listing_uuids_and_change_nothing(clean, ansible):
    uuids = clean.kraken.seed({"outputs": [{"name": "twin", "url": "udp://239.1.1.1:1"},
                                           {"name": "twin", "url": "udp://239.1.1.2:1"}]})["outputs"]
    run = ansible(kraken_play(task("twin", "kraken_output", name="twin", ttl=10)))
    result = run.task("twin")
    assert result["status"] == "failed"
    for uuid in uuids:
        assert uuid in result["result"]["msg"]
    assert clean.kraken.writes() == []
