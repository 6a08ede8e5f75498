#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kraken_info
short_description: Read the configuration and state of a Haivision Kraken
version_added: 0.1.0
description:
  - Read-only monitoring of one Kraken encoder/transcoder through its REST API v1.0.
  - Reads the system information, servers with their NICs, inputs, outputs, transcoders,
    streams (with their running state) and saved configurations.
  - Never changes anything and never reports C(changed).
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.kraken
  - haivision.media.attributes.info_module
  - haivision.media.attributes.kraken_group
seealso:
  - module: haivision.media.kraken_lineup
    description: Converge a whole Kraken line-up (inputs, transcoders, outputs, streams) in one task.
  - module: haivision.media.kraken_input
    description: Manage one input.
  - module: haivision.media.kraken_transcoder
    description: Manage one transcoder.
  - module: haivision.media.kraken_output
    description: Manage one output.
  - module: haivision.media.kraken_stream
    description: Manage one stream, tying an input, a transcoder and outputs together, and whether it runs.
  - module: haivision.media.kraken_configuration
    description: Save, load, make default or remove one saved configuration.
options:
  gather:
    description:
      - What to read. Each item read costs one list request plus, for inputs, outputs, transcoders and
        streams, one detail request per resource (made concurrently).
    type: list
    elements: str
    choices: [system, servers, inputs, outputs, transcoders, streams, configurations]
    default: [system, servers, inputs, outputs, transcoders, streams, configurations]
'''

EXAMPLES = r'''
- name: Read everything from the Kraken
  haivision.media.kraken_info:
    kraken_url: https://kraken.example.com
    kraken_consumer_key: "{{ vault_kraken_key }}"
    kraken_consumer_secret: "{{ vault_kraken_secret }}"
  register: kraken

- name: Only streams and their states, connection set once for the group
  module_defaults:
    group/haivision.media.kraken:
      kraken_url: https://kraken.example.com
      kraken_consumer_key: "{{ vault_kraken_key }}"
      kraken_consumer_secret: "{{ vault_kraken_secret }}"
  block:
    - name: Read the streams
      haivision.media.kraken_info:
        gather: [streams]
      register: kraken

    - name: Show the streams that are not running
      ansible.builtin.debug:
        msg: "{{ kraken.streams | rejectattr('state', 'equalto', 'active') | map(attribute='name') }}"
'''

RETURN = r'''
system:
  description: Version and capture/DeckLink information (keys in snake_case).
  returned: when O(gather) contains V(system)
  type: dict
  sample: {"version": "3.0.1", "capture_info": {"running": 1}}
servers:
  description: Physical servers, each with its C(nics).
  returned: when O(gather) contains V(servers)
  type: list
  elements: dict
  sample: [{"id": "bc305be293d3", "nics": [{"id": "eth0", "name": "eth0"}]}]
inputs:
  description: Every input with all its set fields; SRT passphrases masked.
  returned: when O(gather) contains V(inputs)
  type: list
  elements: dict
  sample: [{"uuid": "f5684714-5ee6-4523-ab73-c61773769b53", "name": "cam1", "stream_type": "MPEG2TS",
            "url": "udp://239.1.1.1:5000", "state": "unset"}]
outputs:
  description: Every output with all its set fields; SRT passphrases masked.
  returned: when O(gather) contains V(outputs)
  type: list
  elements: dict
  sample: [{"uuid": "fcc7f606-c331-427c-bff9-644f8aa62d11", "name": "out1", "mtu": 1490, "ttl": 64, "tos": 184}]
transcoders:
  description: Every transcoder with all its fields.
  returned: when O(gather) contains V(transcoders)
  type: list
  elements: dict
  sample: [{"uuid": "b7fe6ed1-9082-4a22-b848-3673e0b56c23", "name": "HD", "video_bitrate": 3000, "audio": true}]
streams:
  description: >-
    Every stream with its state (C(active), C(stopped), C(waiting)) and references given as
    C({name, uuid}) (C(input), C(transcoder), C(passthru)) or lists of them (C(outputs), C(metadatas)).
  returned: when O(gather) contains V(streams)
  type: list
  elements: dict
  sample: [{"uuid": "d4701f54-ac37-4768-8e8f-a1000ab59f05", "name": "ch1", "state": "active", "auto_start": true,
            "input": {"name": "cam1", "uuid": "c769e651-b6a5-4547-94d5-f06bd2877a65"},
            "outputs": [{"name": "out1", "uuid": "a87b141c-a4d2-4b04-bb20-d709b0b26225"}]}]
configurations:
  description:
    - Saved configurations, each with its C(uuid), C(name) and C(default) (true for the one loaded at boot),
      as read from the configuration list.
  returned: when O(gather) contains V(configurations)
  type: list
  elements: dict
  sample: [{"uuid": "83d0df6f-b1f9-421e-8942-06054703d265", "name": "ConfigA", "default": true}]
'''

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import (
    KRAKEN_CONNECTION_SPEC, KrakenClient)
from ansible_collections.haivision.media.plugins.module_utils._kraken.view import device_view
from ansible_collections.haivision.media.plugins.module_utils._common.runner import run_module

GATHER = ["system", "servers", "inputs", "outputs", "transcoders", "streams", "configurations"]


def gather_info(module):
    client = KrakenClient.from_module(module)
    result = dict(changed=False)
    result.update(device_view(client, module.params["gather"]))
    return result


def main():
    run_module(dict(gather=dict(type="list", elements="str", choices=GATHER, default=GATHER)),
               gather_info, KRAKEN_CONNECTION_SPEC,
               supports_check_mode=True)


if __name__ == "__main__":
    main()
