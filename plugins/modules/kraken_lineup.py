#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kraken_lineup
short_description: Converge a whole Haivision Kraken line-up in one task
version_added: 0.1.0
description:
  - Declare a Kraken's inputs, outputs, transcoders and streams in one task; the module converges all of
    them with the same rules as M(haivision.media.kraken_input), M(haivision.media.kraken_output),
    M(haivision.media.kraken_transcoder) and M(haivision.media.kraken_stream), whose options the items take.
  - Each collection is listed once and detail reads run concurrently on a small pool, so a device with
    100 resources converges in seconds.
  - Everything is planned before the first write. Writes go in dependency order - stream removals, then
    inputs, outputs and transcoders, then stream fields, then stream run states (each alone in its request),
    then removals of inputs, outputs and transcoders. A stream may refer to resources created in the same run.
  - If the device refuses a write, the task fails saying which resources were applied and which were not;
    every write is whole, so the next run converges from there.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.kraken
  - haivision.media.attributes
  - haivision.media.attributes.kraken_group
seealso:
  - module: haivision.media.kraken_input
    description: Manage one input.
  - module: haivision.media.kraken_transcoder
    description: Manage one transcoder.
  - module: haivision.media.kraken_output
    description: Manage one output.
  - module: haivision.media.kraken_stream
    description: Manage one stream, tying an input, a transcoder and outputs together, and whether it runs.
  - module: haivision.media.kraken_info
    description: Read what a Kraken holds.
  - ref: ansible_collections.haivision.media.docsite.choosing
    description: >-
      The C(haivision.media.kraken_channel) role converges
      a channel (input, transcoder, outputs, stream) from one variable; the guide compares roles, resource modules and line-ups.
  - ref: ansible_collections.haivision.media.docsite.fleets
    description: Fleets with line-ups, and drift enforcement from an inventory.
options:
  inputs:
    description:
      - Inputs, each with the options of M(haivision.media.kraken_input) (C(name) or C(uuid), C(state),
        C(description), C(stream_type), C(url), C(interface), C(decklink_port), C(decklink_mode),
        C(capture_port), C(capture_mode), C(srt_mode), C(srt_address), C(srt_remote_port),
        C(srt_local_port), C(srt_passphrase), C(srt_latency)).
    type: list
    elements: dict
  outputs:
    description:
      - Outputs, each with the options of M(haivision.media.kraken_output).
    type: list
    elements: dict
  transcoders:
    description:
      - Transcoders, each with the options of M(haivision.media.kraken_transcoder).
    type: list
    elements: dict
  streams:
    description:
      - Streams, each with the options of M(haivision.media.kraken_stream), references by name, uuid or link.
    type: list
    elements: dict
  purge:
    description:
      - Remove the resources of the kinds given (O(inputs), O(outputs), O(transcoders), O(streams)) that the
        line-up does not name. Kinds not given are left alone. Running streams are stopped first.
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: The whole studio Kraken, as written in git
  haivision.media.kraken_lineup:
    kraken_url: https://kraken.example.com
    kraken_consumer_key: "{{ vault_kraken_key }}"
    kraken_consumer_secret: "{{ vault_kraken_secret }}"
    purge: true
    inputs:
      - {name: studio-cam, url: "udp://239.10.0.1:5000", interface: eth1}
    transcoders:
      - {name: studio-hd, video_bitrate: 4000, resolution_mode: 1, resolution: {width: 1280, height: 720}}
    outputs:
      - {name: studio-out, url: "udp://239.20.0.1:4900", ttl: 16}
    streams:
      - {name: studio, input: studio-cam, transcoder: studio-hd, outputs: [studio-out], state: started}
  register: lineup

- name: What changed
  ansible.builtin.debug:
    msg: "{{ lineup.resources | rejectattr('action', 'equalto', 'none') | map(attribute='name') }}"
'''

RETURN = r'''
resources:
  description: One entry per resource of the line-up (and per purged resource).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The resource's name.
      returned: always
      type: str
    kind:
      description: V(inputs), V(outputs), V(transcoders) or V(streams).
      returned: always
      type: str
    action:
      description: V(create), V(update), V(delete) or V(none).
      returned: always
      type: str
    diff:
      description: C(before) and C(after) of the changed fields, secrets masked.
      returned: always (empty C(before) and C(after) when RV(resources[].action) is V(none))
      type: dict
    uuid:
      description: The resource's uuid (none for a create in check mode).
      returned: always (V(null) for a create in check mode)
      type: str
    applied:
      description: Whether the change was written (false in check mode and for steps not reached after a failure).
      returned: always
      type: bool
  sample: [{"name": "studio-out", "kind": "outputs", "action": "update", "applied": true,
            "uuid": "fcc7f606-c331-427c-bff9-644f8aa62d11", "diff": {"before": {"ttl": 64}, "after": {"ttl": 16}}}]
requests:
  description: HTTP requests the module sent (reads and writes), for sizing scheduled runs.
  returned: always
  type: int
  sample: 9
'''

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KRAKEN_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._kraken.lineup import argument_spec, converge_lineup, lineup_secret_values
from ansible_collections.haivision.media.plugins.module_utils._common.runner import run_module


def main():
    run_module(argument_spec(), converge_lineup, KRAKEN_CONNECTION_SPEC, nested_secrets=lineup_secret_values,
               supports_check_mode=True)


if __name__ == "__main__":
    main()
