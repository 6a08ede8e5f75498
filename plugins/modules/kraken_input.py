#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kraken_input
short_description: Manage the inputs of a Haivision Kraken
version_added: 0.1.0
description:
  - Create, update or remove one input (a UDP/RTSP/MJPEG source URL, an SRT source, or a
    DeckLink/V4L2 capture card) on a Kraken encoder/transcoder.
  - Only the options you give are compared and managed; any other setting keeps its value on the device.
  - The input is found by O(uuid) when given (then a different O(name) renames it), else by O(name).
    Two inputs with the same name make the task fail, listing their uuids, without changing anything.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.kraken
  - haivision.media.kraken.identity
  - haivision.media.kraken.srt
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
    description: Whether the input should exist.
    type: str
    choices: [present, absent]
    default: present
  description:
    description: Free text describing the input.
    type: str
  stream_type:
    description:
      - The source type. The device creates V(MPEG2TS) inputs when this is not given.
    type: str
    choices: [MPEG2TS, SRT, DECKLINK, V4L2, RTSP, MJPEGRAW]
  url:
    description:
      - Source URL, for example C(udp://239.100.100.100:5000), or C(rtsp://host/path) for V(RTSP).
      - Needed to create V(MPEG2TS), V(RTSP) and V(MJPEGRAW) inputs.
    type: str
  interface:
    description:
      - Network interface receiving the stream, as a NIC name such as C(eth1) (resolved through
        C(/apis/servers/.../nics)), a full NIC link, or V(auto).
    type: str
  decklink_port:
    description: DeckLink capture card port (V(DECKLINK)), 0 for the first.
    type: int
  decklink_mode:
    description: DeckLink capture mode, -1 for automatic.
    type: int
  capture_port:
    description: Analog capture card port (V(V4L2)), 0 for the first.
    type: int
  capture_mode:
    description: Analog capture mode, -1 for automatic.
    type: int
'''

EXAMPLES = r'''
- name: A multicast camera feed on eth1
  haivision.media.kraken_input:
    kraken_url: https://kraken.example.com
    kraken_consumer_key: "{{ vault_kraken_key }}"
    kraken_consumer_secret: "{{ vault_kraken_secret }}"
    name: studio-cam
    url: udp://239.10.0.1:5000
    interface: eth1

- name: An SRT contribution, listening on port 9000
  haivision.media.kraken_input:
    name: field-contrib
    stream_type: SRT
    srt_mode: listener
    srt_local_port: 9000
    srt_latency: 250
    srt_passphrase: "{{ vault_srt_passphrase }}"

- name: Rename an input found by uuid
  haivision.media.kraken_input:
    uuid: f5684714-5ee6-4523-ab73-c61773769b53
    name: studio-cam-a

- name: Remove an input
  haivision.media.kraken_input:
    name: old-feed
    state: absent
'''

RETURN = r'''
action:
  description: What the task did to the resource (in check mode, what it would do).
  returned: always
  type: str
  choices: [create, update, delete, none]
  sample: update
input:
  description:
    - The input as the device reports it after the run, each field as its option takes it (C(interface) by NIC name), SRT passphrase masked. Empty after
      V(absent).
    - In check mode, as it would be; a create shows what the task sets (the device adds its defaults), with
      C(uuid) null.
  returned: always
  type: dict
  sample: {"uuid": "f5684714-5ee6-4523-ab73-c61773769b53", "name": "studio-cam", "url": "udp://239.10.0.1:5000",
           "stream_type": "MPEG2TS", "state": "unset"}
uuid:
  description: The input's uuid (none when check mode would create it).
  returned: when the input exists or existed
  type: str
  sample: f5684714-5ee6-4523-ab73-c61773769b53
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
from ansible_collections.haivision.media.plugins.module_utils._kraken.kinds import KrakenInput
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(KrakenInput, KRAKEN_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
