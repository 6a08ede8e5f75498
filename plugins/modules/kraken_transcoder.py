#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kraken_transcoder
short_description: Manage the transcoders of a Haivision Kraken
version_added: 0.1.0
description:
  - Create, update or remove one transcoder (the audio and video characteristics of an outbound stream)
    on a Kraken encoder/transcoder.
  - Only the options you give are compared and managed. The Kraken resets every field a transcoder
    edit does not carry to its default, so an edit sends the full merged state (the device's values
    overlaid with yours), so settings you do not manage keep their values.
  - The transcoder is found by O(uuid) when given (then a different O(name) renames it), else by O(name).
    Two transcoders with the same name make the task fail, listing their uuids, without changing anything.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.kraken
  - haivision.media.kraken.identity
  - haivision.media.attributes
  - haivision.media.attributes.kraken_group
seealso:
  - module: haivision.media.kraken_lineup
    description: Converge a whole Kraken line-up (inputs, transcoders, outputs, streams) in one task.
  - module: haivision.media.kraken_stream
    description: Manage one stream, tying an input, a transcoder and outputs together, and whether it runs.
  - module: haivision.media.kraken_info
    description: Read what a Kraken holds.
  - name: One task per resource, or one task per device (README)
    description: >-
      The C(haivision.media.kraken_channel) role converges
      a channel (input, transcoder, outputs, stream) from one variable; the README compares roles, resource modules and line-ups.
    link: https://github.com/haivision-media/haivision.media/blob/main/README.md#one-task-per-resource-or-one-task-per-device
options:
  state:
    description: Whether the transcoder should exist.
    type: str
    choices: [present, absent]
    default: present
  resolution:
    description: Custom resolution (with O(resolution_mode=1)).
    type: dict
    suboptions:
      width:
        description: Width in pixels.
        type: int
      height:
        description: Height in pixels.
        type: int
  resolution_mode:
    description:
      - Resolution of the outbound stream - V(1) custom (see O(resolution)), V(2) auto-detect on stream start,
        V(3) auto-detect continuously (the device's default).
    type: int
    choices: [1, 2, 3]
  frame_rate:
    description:
      - Coded frame rate - V(-1) auto (continuously), V(0) auto (on stream start), or 1-60 fps.
    type: int
  video_bitrate:
    description: Video bitrate in kbps (150-15000).
    type: int
  gop_size:
    description: GOP size (0-1000).
    type: int
  metadata:
    description: Whether KLV metadata passes through.
    type: bool
  audio:
    description: Whether the outbound stream carries audio.
    type: bool
  audio_bitrate:
    description: Audio bitrate in kbps (14-576).
    type: int
  video_type:
    description: Video format.
    type: str
    choices: [avc, hevc, mpeg2video]
  b_frame:
    description: B-frames per P-frame (-1 to 3; -1 lets the encoder decide).
    type: int
  enable_intra_refresh:
    description: Intra refresh instead of I-frames.
    type: bool
  encoding_profile:
    description: Speed/quality balance.
    type: str
    choices: [vbr, cbr, performance, balanced, quality]
  encoder_type:
    description: Software encoding (V(unset) or V(software)) or Intel Quick Sync (V(qsv)).
    type: str
    choices: [unset, qsv, software]
  interleave_adjustment_ms:
    description: Audio delay before muxing in ms (-5000 to 5000; -1 lets the transcoder decide).
    type: int
  jitter_buffer_ms:
    description: Jitter buffer of the inbound stream in ms (0-10000).
    type: int
  video_profile:
    description: MPEG-2 video profile (with O(video_type=mpeg2video)).
    type: str
    choices: [unset, mpeg2_main, mpeg2_simple]
  audio_type:
    description: MPEG-2 audio compression (with O(video_type=mpeg2video)).
    type: str
    choices: [unset, mpeg1_layer2, mpeg2_aac_adts]
  output_pacing:
    description: Whether output pacing is on.
    type: bool
  output_pacing_interval:
    description: Output pacing interval.
    type: int
  shaping_bitrate:
    description: Traffic shaping bitrate (-1 off).
    type: int
  shaping_max_bitrate_percent:
    description: Traffic shaping maximum bitrate percentage (-1 off).
    type: int
  shaping_target_bitrate_percent:
    description: Traffic shaping target bitrate percentage (-1 off).
    type: int
  shaping_vbv_size_ms:
    description: Traffic shaping VBV size in ms (-1 off).
    type: int
  shaping_buffering_interval_ms:
    description: Traffic shaping buffering interval in ms (-1 off).
    type: int
  enable_pcs:
    description: Whether PCS is enabled.
    type: bool
  quality_level:
    description: Quality level (older firmware).
    type: int
  use_legacy_transcoder:
    description: Whether the legacy transcoder is used.
    type: bool
'''

EXAMPLES = r'''
- name: A 720p H.264 profile at 4 Mbps
  haivision.media.kraken_transcoder:
    kraken_url: https://kraken.example.com
    kraken_consumer_key: "{{ vault_kraken_key }}"
    kraken_consumer_secret: "{{ vault_kraken_secret }}"
    name: hd-720p
    resolution_mode: 1
    resolution: {width: 1280, height: 720}
    frame_rate: 30
    video_bitrate: 4000
    audio: true
    audio_bitrate: 128

- name: Raise the bitrate only; every other setting stays as it is
  haivision.media.kraken_transcoder:
    name: hd-720p
    video_bitrate: 5000
'''

RETURN = r'''
action:
  description: What the task did to the resource (in check mode, what it would do).
  returned: always
  type: str
  choices: [create, update, delete, none]
  sample: update
transcoder:
  description:
    - The transcoder as the device reports it after the run, each field as its option takes it. Empty after
      V(absent).
    - In check mode, as it would be; a create shows what the task sets (the device adds its defaults), with
      C(uuid) null.
  returned: always
  type: dict
  sample: {"uuid": "b7fe6ed1-9082-4a22-b848-3673e0b56c23", "name": "hd-720p", "video_bitrate": 4000,
           "gop_size": 30, "audio": true, "resolution": {"width": 1280, "height": 720}}
uuid:
  description: The transcoder's uuid (none when check mode would create it).
  returned: when the transcoder exists or existed
  type: str
  sample: b7fe6ed1-9082-4a22-b848-3673e0b56c23
plan:
  description:
    - The requests the task sends (in check mode, would send), in their order, each with C(method), C(path),
      C(kind), C(name) and C(action) (and C(note) where the path alone does not say what it carries). Request
      bodies are left out, so no secret appears.
    - A C(path) holds "(new)" where the device has not assigned the id yet.
  returned: always
  type: list
  elements: dict
  sample: [{"method": "PUT", "path": "/apis/kraken/outputs/output-f5684714-5ee6-4523-ab73-c61773769b53",
            "kind": "outputs", "name": "studio-out", "action": "update"}]
plan_digest:
  description:
    - sha256 (hex) of the plan and what each write sets (a secret only as changed or not, never by value);
      null when the plan is empty. The same task on the same device gives the same digest, in check mode too.
  returned: always
  type: str
  sample: 3f0c1b6e0e7a4a1c9d2f8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d
'''

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KRAKEN_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._kraken.kinds import KrakenTranscoder
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(KrakenTranscoder, KRAKEN_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
