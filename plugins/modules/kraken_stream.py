#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kraken_stream
short_description: Manage the streams of a Haivision Kraken and whether they run
version_added: 0.1.0
description:
  - Create, update, start, stop or remove one stream (an input routed through a transcoder to outputs)
    on a Kraken encoder/transcoder.
  - References (O(input), O(transcoder), O(outputs), O(passthru)) may be given by name, uuid or link and
    are compared by uuid; O(outputs) and O(metadatas) compare as sets, so their order does not matter. The diff
    shows references by name.
  - Only the options you give are compared and managed.
  - Field edits go in one request and a run-state change (start or stop) in a separate one, as the
    device ignores other changes sent with a state. A stream created with O(auto_start=true) starts by
    itself; with O(state=stopped) the module stops it again. A running stream is stopped before it is removed.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.kraken
  - haivision.media.kraken.identity
  - haivision.media.attributes
  - haivision.media.attributes.kraken_group
seealso:
  - module: haivision.media.kraken_input
    description: Manage one input.
  - module: haivision.media.kraken_transcoder
    description: Manage one transcoder.
  - module: haivision.media.kraken_output
    description: Manage one output.
  - module: haivision.media.kraken_lineup
    description: Converge a whole Kraken line-up (inputs, transcoders, outputs, streams) in one task.
  - module: haivision.media.kraken_info
    description: Read what a Kraken holds.
  - name: One task per resource, or one task per device (README)
    description: >-
      The C(haivision.media.kraken_channel) role converges
      a channel (input, transcoder, outputs, stream) from one variable; the README compares roles, resource modules and line-ups.
    link: https://github.com/haivision-media/haivision.media/blob/main/README.md#one-task-per-resource-or-one-task-per-device
options:
  state:
    description:
      - V(present) makes the stream exist without touching whether it runs; V(started) and V(stopped)
        make it exist and be running or not running; V(absent) removes it (stopping it first).
    type: str
    choices: [present, absent, started, stopped]
    default: present
  description:
    description: Free text describing the stream.
    type: str
  auto_start:
    description: Whether the stream starts when a preset loads or after a reboot (and on creation).
    type: bool
  input:
    description: The input of the stream, by name, uuid or link.
    type: str
  transcoder:
    description: The transcoder of the stream, by name, uuid or link.
    type: str
  outputs:
    description: The outputs of the stream, by name, uuid or link; the exact set.
    type: list
    elements: str
  passthru:
    description: An output the input is also re-transmitted to unchanged, by name, uuid or link; V('') for none.
    type: str
  metadatas:
    description: Metadata sources of the stream, by uuid or link; the exact set.
    type: list
    elements: str
  wait:
    description: Wait until a started stream is V(active) or a stopped one V(stopped).
    type: bool
    default: false
  wait_timeout:
    description: Seconds to wait with O(wait).
    type: int
    default: 60
'''

EXAMPLES = r'''
- name: Channel 1, running
  haivision.media.kraken_stream:
    kraken_url: https://kraken.example.com
    kraken_consumer_key: "{{ vault_kraken_key }}"
    kraken_consumer_secret: "{{ vault_kraken_secret }}"
    name: channel-1
    input: studio-cam
    transcoder: hd-720p
    outputs: [studio-out, to-cloud]
    state: started
    wait: true

- name: Stop it for maintenance (the fields stay as they are)
  haivision.media.kraken_stream:
    name: channel-1
    state: stopped

- name: Remove it (stopped first if it runs)
  haivision.media.kraken_stream:
    name: channel-1
    state: absent
'''

RETURN = r'''
action:
  description: What the task did to the resource (in check mode, what it would do).
  returned: always
  type: str
  choices: [create, update, delete, none]
  sample: update
stream:
  description:
    - The stream as the device reports it after the run, each field as its option takes it, references as
      C({name, uuid}), C(state) the run state. Empty after V(absent).
    - In check mode, as it would be, references as C({name, uuid}) too; a create shows what the task sets, with
      C(uuid) null.
  returned: always
  type: dict
  sample: {"uuid": "d4701f54-ac37-4768-8e8f-a1000ab59f05", "name": "channel-1", "state": "active",
           "auto_start": true, "input": {"name": "studio-cam", "uuid": "c769e651-b6a5-4547-94d5-f06bd2877a65"},
           "outputs": [{"name": "studio-out", "uuid": "a87b141c-a4d2-4b04-bb20-d709b0b26225"}]}
uuid:
  description: The stream's uuid (none when check mode would create it).
  returned: always
  type: str
  sample: d4701f54-ac37-4768-8e8f-a1000ab59f05
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
from ansible_collections.haivision.media.plugins.module_utils._kraken.stream import KrakenStream
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(KrakenStream, KRAKEN_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
