# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Kraken resource kinds that refer to nothing: inputs, outputs, transcoders (streams: stream.py).

Kept apart from the stream kind so that their modules compile no stream code on every run.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._kraken.fields import (
    INPUT_FIELDS, OUTPUT_FIELDS, SRT_REQUIRED_IF, TRANSCODER_FIELDS)
from ansible_collections.haivision.media.plugins.module_utils._kraken.resource import ResourceType
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError

INPUTS_NEEDING_URL = ("MPEG2TS", "RTSP", "MJPEGRAW")


class KrakenInput(ResourceType):
    kind = "inputs"
    result_key = "input"
    fields = INPUT_FIELDS
    required_if = SRT_REQUIRED_IF

    def check_create(self, desired):
        stream_type = desired.get("stream_type", "MPEG2TS")
        if stream_type in INPUTS_NEEDING_URL and not desired.get("url"):
            raise ValidationError("url is required to create input %r of stream_type %s" % (desired.get("name"), stream_type))


class KrakenOutput(ResourceType):
    kind = "outputs"
    result_key = "output"
    fields = OUTPUT_FIELDS
    required_if = SRT_REQUIRED_IF

    def check_create(self, desired):
        if desired.get("stream_type", "") != "SRT" and not desired.get("url"):
            raise ValidationError("url is required to create output %r (it is not SRT)" % desired.get("name"))


class KrakenTranscoder(ResourceType):
    kind = "transcoders"
    result_key = "transcoder"
    fields = TRANSCODER_FIELDS
