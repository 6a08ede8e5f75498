# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Kraken configured by hand: every kind and every field the modules manage, as a simulator seed.

Wire names, references by name (the admin seed resolves them). The export
tests seed it, export it and hold it with the line-ups.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The SRT passphrases the device holds: no export, file or ansible output may show them.
PASSPHRASES = {
    "srt-caller-in": "caller-input-passphrase-11",
    "srt-listener-in": "listener-input-passphrase-22",
    "srt-rendezvous-in": "rendezvous-input-passphrase-33",
    "srt-listener-out": "listener-output-passphrase-44",
    "srt-rendezvous-out": "rendezvous-output-passphrase-55",
}
METADATA = "5f3c2a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b"


def full_device():
    """The seed: SRT in each mode with and without passphrase, SAP, DeckLink, capture, passthru, every
    output and transcoder field, started and stopped streams, and text that looks like a template."""
    return {
        "inputs": [
            {"name": "cam-udp", "description": "Studio camera", "streamType": "MPEG2TS", "url": "udp://239.10.0.1:5000",
             "interface": "eth1"},
            {"name": "cam-rtsp", "description": "Stage {{ camera }} feed", "streamType": "RTSP", "url": "rtsp://10.0.0.5/live", "interface": "auto"},
            {"name": "decklink-in", "streamType": "DECKLINK", "decklinkPort": 1, "decklinkMode": 9},
            {"name": "capture-in", "streamType": "V4L2", "capturePort": 2, "captureMode": 3},
            {"name": "srt-caller-in", "streamType": "SRT", "srtMode": "caller", "srtAddress": "203.0.113.7",
             "srtRemotePort": 9001, "srtPassphrase": PASSPHRASES["srt-caller-in"], "srtLatency": 300},
            {"name": "srt-caller-open", "streamType": "SRT", "srtMode": "caller", "srtAddress": "203.0.113.8",
             "srtRemotePort": 9002},
            {"name": "srt-listener-in", "streamType": "SRT", "srtMode": "listener", "srtLocalPort": 9003,
             "srtPassphrase": PASSPHRASES["srt-listener-in"], "srtLatency": 250},
            {"name": "srt-listener-open", "streamType": "SRT", "srtMode": "listener", "srtLocalPort": 9004},
            {"name": "srt-rendezvous-in", "streamType": "SRT", "srtMode": "rendezvous", "srtAddress": "203.0.113.9",
             "srtRemotePort": 9005, "srtLocalPort": 9005, "srtPassphrase": PASSPHRASES["srt-rendezvous-in"]},
            {"name": "srt-rendezvous-open", "streamType": "SRT", "srtMode": "rendezvous", "srtAddress": "203.0.113.10",
             "srtRemotePort": 9006, "srtLocalPort": 9006},
        ],
        "outputs": [
            {"name": "out-udp", "description": "To the plant", "url": "udp://239.20.0.1:4900", "mtu": 1316, "ttl": 16,
             "tos": 136, "interface": "eth0",
             "sap": {"transmitSap": "on", "address": "239.255.255.255", "port": 9875, "sessionName": "Studio",
                     "sessionDescription": "Studio programme", "keywords": "news live", "author": "Ops"}},
            {"name": "out-passthru", "url": "udp://239.20.0.2:4900"},
            {"name": "out-cloud", "url": "udp://239.20.0.3:4900", "interface": "auto"},
            {"name": "srt-caller-out", "streamType": "SRT", "srtMode": "caller", "srtAddress": "198.51.100.4",
             "srtRemotePort": 7001, "srtEncryption": "None", "srtLatency": 400},
            {"name": "srt-listener-out", "streamType": "SRT", "srtMode": "listener", "srtLocalPort": 7002,
             "srtPassphrase": PASSPHRASES["srt-listener-out"], "srtEncryption": "aes128"},
            {"name": "srt-rendezvous-out", "streamType": "SRT", "srtMode": "rendezvous", "srtAddress": "198.51.100.5",
             "srtRemotePort": 7003, "srtLocalPort": 7003, "srtPassphrase": PASSPHRASES["srt-rendezvous-out"],
             "srtEncryption": "aes256"},
        ],
        "transcoders": [
            {"name": "tc-default"},
            {"name": "tc-hd", "resolutionMode": 1, "resolution": {"width": 1280, "height": 720}, "frameRate": 25,
             "videoBitrate": 4000, "gopSize": 50, "metadata": "on", "audio": "on", "audioBitrate": 192,
             "videoType": "hevc", "bFrame": 2, "enableIntraRefresh": "on", "encodingProfile": "cbr",
             "encoderType": "software", "interleaveAdjustmentMs": 100, "jitterBufferMs": 500,
             "videoProfile": "mpeg2_main", "audioType": "mpeg2_aac_adts", "outputPacing": "on",
             "outputPacingInterval": 20, "shapingBitrate": 5000, "shapingMaxBitratePercent": 120,
             "shapingTargetBitratePercent": 90, "shapingVbvSizeMs": 1000, "shapingBufferingIntervalMs": 200,
             "enablePcs": "on", "qualityLevel": 7, "useLegacyTranscoder": "off"},
        ],
        "streams": [
            {"name": "ch-main", "description": "Main programme", "auto_start": True, "input": "cam-udp",
             "transcoder": "tc-hd", "outputs": ["out-udp", "out-cloud", "srt-caller-out"], "metadatas": [METADATA],
             "state": "started"},
            {"name": "ch-passthru", "input": "srt-listener-in", "passthru": "out-passthru", "state": "stopped"},
            {"name": "ch-contribution", "input": "srt-caller-in", "transcoder": "tc-default",
             "outputs": ["srt-listener-out", "srt-rendezvous-out"], "state": "started"},
        ],
    }
