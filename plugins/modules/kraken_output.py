#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kraken_output
short_description: Manage the outputs of a Haivision Kraken
version_added: 0.1.0
description:
  - Create, update or remove one output (a UDP destination or an SRT output) on a Kraken encoder/transcoder.
  - Only the options you give are compared and managed; any other setting keeps its value on the device.
    In O(sap), only the keys you give are compared.
  - The output is found by O(uuid) when given (then a different O(name) renames it), else by O(name).
    Two outputs with the same name make the task fail, listing their uuids, without changing anything.
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
    description: Whether the output should exist.
    type: str
    choices: [present, absent]
    default: present
  description:
    description: Free text describing the output.
    type: str
  url:
    description:
      - Destination URL, for example C(udp://239.100.100.100:4900). Needed to create a non-SRT output.
    type: str
  stream_type:
    description: Empty for the default (TS over UDP) or V(SRT).
    type: str
    choices: ['', SRT]
  mtu:
    description: Maximum size of outgoing IP packets (228-1500; the device defaults to 1490).
    type: int
  ttl:
    description: Time to live of the stream packets (1-255; the device defaults to 64).
    type: int
  tos:
    description: Type of service of the stream packets (0-255; the device defaults to 184).
    type: int
  interface:
    description:
      - Network interface sending the stream, as a NIC name such as C(eth1), a full NIC link, or V(auto).
    type: str
  sap:
    description: SAP announcement of the output. Only the keys given are managed.
    type: dict
    suboptions:
      transmit_sap:
        description: Whether to transmit SAP announcements.
        type: bool
      address:
        description: SAP multicast address, for example C(224.2.127.254).
        type: str
      port:
        description: SAP port (1-65535), usually 9875.
        type: int
      session_name:
        description: SAP session name.
        type: str
      session_description:
        description: SAP session description.
        type: str
      keywords:
        description: SAP keywords.
        type: str
      author:
        description: SAP author.
        type: str
  srt_encryption:
    description: SRT AES encryption key length.
    type: str
    choices: [none, aes128, aes256]
'''

EXAMPLES = r'''
- name: A multicast output with SAP announcements
  haivision.media.kraken_output:
    kraken_url: https://kraken.example.com
    kraken_consumer_key: "{{ vault_kraken_key }}"
    kraken_consumer_secret: "{{ vault_kraken_secret }}"
    name: studio-out
    url: udp://239.20.0.1:4900
    ttl: 16
    sap:
      transmit_sap: true
      address: 224.2.127.254
      port: 9875
      session_name: Studio

- name: An encrypted SRT caller
  haivision.media.kraken_output:
    name: to-cloud
    stream_type: SRT
    srt_mode: caller
    srt_address: ingest.example.net
    srt_remote_port: 9000
    srt_encryption: aes256
    srt_passphrase: "{{ vault_srt_passphrase }}"

- name: Remove an output
  haivision.media.kraken_output:
    name: old-out
    state: absent
'''

RETURN = r'''
action:
  description: What the task did to the resource (in check mode, what it would do).
  returned: always
  type: str
  choices: [create, update, delete, none]
  sample: update
output:
  description:
    - The output as the device reports it after the run, each field as its option takes it (C(interface) by NIC name), SRT passphrase masked. Empty after
      V(absent).
    - In check mode, as it would be; a create shows what the task sets (the device adds its defaults), with
      C(uuid) null.
  returned: always
  type: dict
  sample: {"uuid": "fcc7f606-c331-427c-bff9-644f8aa62d11", "name": "studio-out", "url": "udp://239.20.0.1:4900",
           "mtu": 1490, "ttl": 16, "tos": 184, "state": "unset"}
uuid:
  description: The output's uuid (none when check mode would create it).
  returned: when the output exists or existed
  type: str
  sample: fcc7f606-c331-427c-bff9-644f8aa62d11
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
from ansible_collections.haivision.media.plugins.module_utils._kraken.kinds import KrakenOutput
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(KrakenOutput, KRAKEN_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
