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
  - With V(lineup) in O(gather), also exports the device's configuration as a line-up, in the very shape
    M(haivision.media.kraken_lineup) takes (RV(lineup)); C(playbooks/export.yml) (C(haivision.media.export))
    writes it to an inventory's C(host_vars).
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
      - V(lineup) (not read by default) exports the inputs, outputs, transcoders and streams as RV(lineup),
        with RV(lineup_secrets).
    type: list
    elements: str
    choices: [system, servers, inputs, outputs, transcoders, streams, configurations, lineup]
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

- name: Export the Kraken as a line-up
  haivision.media.kraken_info:
    kraken_url: https://kraken.example.com
    kraken_consumer_key: "{{ vault_kraken_key }}"
    kraken_consumer_secret: "{{ vault_kraken_secret }}"
    gather: [lineup]
  register: kraken

- name: Apply the same line-up to a second Kraken (passphrases from the vault)
  haivision.media.kraken_lineup:
    kraken_url: https://kraken-spare.example.com
    kraken_consumer_key: "{{ vault_kraken_key }}"
    kraken_consumer_secret: "{{ vault_kraken_secret }}"
    inputs: "{{ kraken.lineup.inputs }}"
    outputs: "{{ kraken.lineup.outputs }}"
    transcoders: "{{ kraken.lineup.transcoders }}"
    streams: "{{ kraken.lineup.streams }}"
  when: kraken.lineup_secrets | length == 0
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
  description: Every input with all its set fields, each as its option takes it (C(interface) by NIC name); SRT
    passphrases masked.
  returned: when O(gather) contains V(inputs)
  type: list
  elements: dict
  sample: [{"uuid": "f5684714-5ee6-4523-ab73-c61773769b53", "name": "cam1", "stream_type": "MPEG2TS",
            "url": "udp://239.1.1.1:5000", "state": "unset"}]
outputs:
  description: Every output with all its set fields, each as its option takes it (C(interface) by NIC name); SRT
    passphrases masked.
  returned: when O(gather) contains V(outputs)
  type: list
  elements: dict
  sample: [{"uuid": "fcc7f606-c331-427c-bff9-644f8aa62d11", "name": "out1", "mtu": 1490, "ttl": 64, "tos": 184}]
transcoders:
  description: Every transcoder with all its fields, each as its option takes it.
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
lineup:
  description:
    - The device's configuration in the input shape of M(haivision.media.kraken_lineup) (C(inputs), C(outputs),
      C(transcoders), C(streams)), each item with the options of its resource module and only the fields the
      device reports. Feeding it back to M(haivision.media.kraken_lineup) on the same device reports no change.
    - Items are sorted by name, and set values (C(outputs)) too, so two exports of one device are equal.
    - Items and a stream's references are given by name when the name is unique on the device (no uuid, so the
      line-up applies to another device too); an item whose name is not unique also carries its C(uuid), a
      reference to it is its uuid, and a warning says so.
    - A stream's C(state) is V(started) when it runs (or waits for its input), else V(stopped).
    - Secrets (SRT passphrases) are never exported; see RV(lineup_secrets).
  returned: when O(gather) contains V(lineup)
  type: dict
  contains:
    inputs:
      description: Inputs, with the options of M(haivision.media.kraken_input).
      type: list
      elements: dict
    outputs:
      description: Outputs, with the options of M(haivision.media.kraken_output).
      type: list
      elements: dict
    transcoders:
      description: Transcoders, with the options of M(haivision.media.kraken_transcoder).
      type: list
      elements: dict
    streams:
      description: Streams, with the options of M(haivision.media.kraken_stream).
      type: list
      elements: dict
  sample: {"inputs": [{"name": "cam1", "stream_type": "MPEG2TS", "url": "udp://239.1.1.1:5000"}], "outputs": [],
           "transcoders": [], "streams": [{"name": "ch1", "auto_start": false, "input": "cam1", "state": "stopped"}]}
lineup_secrets:
  description: The secrets left out of RV(lineup), for the user to provide (for example from a vault).
  returned: when O(gather) contains V(lineup)
  type: list
  elements: dict
  contains:
    kind:
      description: The line-up key of the item (V(inputs), V(outputs)).
      type: str
    name:
      description: The item's name.
      type: str
    uuid:
      description: The item's uuid, when its name is not unique on the device.
      type: str
      returned: when the item's name is not unique
    option:
      description: The item's option that holds the secret (V(srt_passphrase)).
      type: str
  sample: [{"kind": "inputs", "name": "field-srt", "option": "srt_passphrase"}]
'''

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import (
    KRAKEN_CONNECTION_SPEC, LINEUP_KINDS, KrakenClient)
from ansible_collections.haivision.media.plugins.module_utils._kraken.configuration import KrakenConfiguration
from ansible_collections.haivision.media.plugins.module_utils._kraken.export import export_lineup
from ansible_collections.haivision.media.plugins.module_utils._kraken.lineup import KIND_TYPES
from ansible_collections.haivision.media.plugins.module_utils._kraken.view import device_view
from ansible_collections.haivision.media.plugins.module_utils._common.runner import run_module

GATHER = ["system", "servers"] + list(LINEUP_KINDS) + ["configurations"]


def gather_info(module):
    client = KrakenClient.from_module(module)
    result = dict(changed=False)
    gather = module.params["gather"]
    # The export and the resource lists read the same details: once.
    details = client.details(LINEUP_KINDS) if "lineup" in gather else None
    result.update(device_view(client, gather, dict(KIND_TYPES, configurations=KrakenConfiguration), details))
    if details is not None:
        result["lineup"], result["lineup_secrets"], warnings = export_lineup(client, details)
        for warning in warnings:
            module.warn(warning)
    return result


def main():
    run_module(dict(gather=dict(type="list", elements="str", choices=GATHER + ["lineup"], default=GATHER)),
               gather_info, KRAKEN_CONNECTION_SPEC,
               supports_check_mode=True)


if __name__ == "__main__":
    main()
