# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Field declarations of the Kraken resources: option name, XML element, type, range.

The resource modules and the line-up module share these; nothing else
declares a Kraken field.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._kraken.xml import link_id
from ansible_collections.haivision.media.plugins.module_utils._common.fields import Field, FieldSet


def nic_name(value):
    """A NIC given as ``eth1``, ``auto`` or a full link, in its canonical form (the NIC id)."""
    text = ("%s" % value).strip()
    if text.lower() in ("auto", ""):
        return "auto"
    if is_link(text):
        return link_id(text, "nic")
    return text


SRT_MODES = ["caller", "listener", "rendezvous"]
SRT_REQUIRED_IF = [
    ("srt_mode", "caller", ["srt_address", "srt_remote_port"]),
    ("srt_mode", "rendezvous", ["srt_address", "srt_remote_port"]),
    ("srt_mode", "listener", ["srt_local_port"]),
]


def srt_fields(encryption=False):
    fields = [
        Field("srt_mode", "srtMode", choices=SRT_MODES),
        Field("srt_address", "srtAddress"),
        Field("srt_remote_port", "srtRemotePort", kind="int", minimum=1, maximum=65535),
        Field("srt_local_port", "srtLocalPort", kind="int", minimum=1, maximum=65535),
        Field("srt_passphrase", "srtPassphrase", secret=True, min_length=10, max_length=79),
        Field("srt_latency", "srtLatency", kind="int", minimum=20, maximum=8000),
    ]
    if encryption:
        # The guide spells these "None, aes128, or aes256".
        fields.append(Field("srt_encryption", "srtEncryption", choices=["none", "aes128", "aes256"],
                            spellings={"none": "None"}))
    return fields


INPUT_FIELDS = FieldSet([
    Field("name", identity_name=True),
    Field("description", absent="", free_text=True),
    Field("stream_type", "streamType", choices=["MPEG2TS", "SRT", "DECKLINK", "V4L2", "RTSP", "MJPEGRAW"], absent="MPEG2TS"),
    Field("url"),
    Field("interface", normalizer=nic_name, absent="auto"),
    Field("decklink_port", "decklinkPort", kind="int", minimum=0),
    Field("decklink_mode", "decklinkMode", kind="int", minimum=-1),
    Field("capture_port", "capturePort", kind="int", minimum=0),
    Field("capture_mode", "captureMode", kind="int", minimum=-1),
] + srt_fields(), xml_text=True)

OUTPUT_FIELDS = FieldSet([
    Field("name", identity_name=True),
    Field("description", absent="", free_text=True),
    Field("url"),
    Field("stream_type", "streamType", choices=["", "SRT"], absent=""),
    Field("mtu", kind="int", minimum=228, maximum=1500),
    Field("ttl", kind="int", minimum=1, maximum=255),
    Field("tos", kind="int", minimum=0, maximum=255),
    Field("interface", normalizer=nic_name, absent="auto"),
    Field("sap", kind="dict", children=[
        Field("transmit_sap", "transmitSap", kind="bool"),
        Field("address"),
        Field("port", kind="int", minimum=1, maximum=65535),
        Field("session_name", "sessionName", free_text=True),
        Field("session_description", "sessionDescription", free_text=True),
        Field("keywords", free_text=True),
        Field("author", free_text=True),
    ]),
] + srt_fields(encryption=True), xml_text=True)

TRANSCODER_FIELDS = FieldSet([
    Field("name", identity_name=True),
    Field("resolution_mode", "resolutionMode", kind="int", choices=[1, 2, 3]),
    Field("resolution", kind="dict", children=[
        Field("width", kind="int", minimum=1, maximum=8192),
        Field("height", kind="int", minimum=1, maximum=8192),
    ]),
    Field("frame_rate", "frameRate", kind="int", minimum=-1, maximum=60),
    Field("video_bitrate", "videoBitrate", kind="int", minimum=150, maximum=15000),
    Field("gop_size", "gopSize", kind="int", minimum=0, maximum=1000),
    Field("metadata", kind="bool"),
    Field("audio", kind="bool"),
    Field("audio_bitrate", "audioBitrate", kind="int", minimum=14, maximum=576),
    Field("video_type", "videoType", choices=["avc", "hevc", "mpeg2video"]),
    Field("b_frame", "bFrame", kind="int", minimum=-1, maximum=3),
    Field("enable_intra_refresh", "enableIntraRefresh", kind="bool"),
    Field("encoding_profile", "encodingProfile", choices=["vbr", "cbr", "performance", "balanced", "quality"]),
    Field("encoder_type", "encoderType", choices=["unset", "qsv", "software"]),
    Field("interleave_adjustment_ms", "interleaveAdjustmentMs", kind="int", minimum=-5000, maximum=5000),
    Field("jitter_buffer_ms", "jitterBufferMs", kind="int", minimum=0, maximum=10000),
    Field("video_profile", "videoProfile", choices=["unset", "mpeg2_main", "mpeg2_simple"]),
    Field("audio_type", "audioType", choices=["unset", "mpeg1_layer2", "mpeg2_aac_adts"]),
    Field("output_pacing", "outputPacing", kind="bool"),
    Field("output_pacing_interval", "outputPacingInterval", kind="int"),
    Field("shaping_bitrate", "shapingBitrate", kind="int"),
    Field("shaping_max_bitrate_percent", "shapingMaxBitratePercent", kind="int"),
    Field("shaping_target_bitrate_percent", "shapingTargetBitratePercent", kind="int"),
    Field("shaping_vbv_size_ms", "shapingVbvSizeMs", kind="int"),
    Field("shaping_buffering_interval_ms", "shapingBufferingIntervalMs", kind="int"),
    Field("enable_pcs", "enablePcs", kind="bool"),
    Field("quality_level", "qualityLevel", kind="int"),
    Field("use_legacy_transcoder", "useLegacyTranscoder", kind="bool"),
], xml_text=True)


def reference_id(kind):
    """Canonicalise a reference to a ``kind`` resource: a device reference element or a link gives its
    uuid; a plain value (a name or a uuid) is kept for the stream kind to resolve (``KrakenStream.prepare``)."""
    def normalize(value):
        if isinstance(value, dict):
            links = value.get("_links") or {}
            href = links.get(kind) or next(iter(links.values()), None)
            return link_id(href, kind) if href else value.get("uuid", "")
        text = "%s" % value
        # Only a URL is a link: a name may contain "/" (and spaces) of its own.
        return link_id(text.strip(), kind) if is_link(text) else text
    return normalize


def is_link(text):
    return text.strip().startswith(("https://", "http://", "/apis/"))


STREAM_FIELDS = FieldSet([
    Field("name", identity_name=True),
    Field("description", absent="", free_text=True),
    Field("auto_start", kind="bool", bool_words=("true", "false")),
    Field("input", normalizer=reference_id("input"), absent="", identity_name=True),
    Field("transcoder", normalizer=reference_id("transcoder"), absent="", identity_name=True),
    Field("outputs", kind="set", normalizer=reference_id("output"), absent=[], identity_name=True),
    Field("passthru", normalizer=reference_id("output"), absent="", identity_name=True),
    Field("metadatas", kind="set", normalizer=reference_id("metadata"), absent=[]),
], xml_text=True)

# A saved configuration: the list and the detail both carry name and defaultConfig (yes/no).
# A PUT cannot change either field as such: it takes <default> and <activate> (kraken_configuration).
CONFIGURATION_FIELDS = FieldSet([
    Field("name", identity_name=True),
    Field("default", "defaultConfig", kind="bool", bool_words=("yes", "no"), absent=False),
], xml_text=True)
