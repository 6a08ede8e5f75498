#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hmp_source
short_description: Manage the sources of a Haivision Media Platform
version_added: 0.1.0
description:
  - Create, update or remove one source (an incoming UDP or SRT MPEG-TS stream) on a
    Haivision Media Platform (HMP) 3.5.
  - Only the options you give are compared and managed; any other property keeps its value on the
    platform. HMP resets every optional property a PUT leaves out, so an edit sends the source's full
    state, merged with your options.
  - The live properties C(active), C(bitrate), C(ctime) and C(mtime) are never compared.
  - The source is found by O(id) when given (then a different O(name) renames it), else by O(name)
    through the whole paged source list. Two sources with the same name make the task fail, listing
    their ids, without changing anything.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.hmp
  - haivision.media.attributes
  - haivision.media.attributes.hmp_group
seealso:
  - module: haivision.media.hmp_session
    description: Manage one session with its sources, metadata, categories, shares and schedule.
  - module: haivision.media.hmp_source_share
    description: Manage who may use a source.
  - module: haivision.media.hmp_lineup
    description: Converge the sources and sessions of an HMP in one task.
  - module: haivision.media.hmp_info
    description: Read what an HMP holds.
  - name: One task per resource, or one task per device (README)
    description: >-
      The C(haivision.media.hmp_live_session) role converges
      a live session with its sources and shares from one variable; the README compares roles, resource modules and line-ups.
    link: https://github.com/haivision-media/haivision.media/blob/main/README.md#one-task-per-resource-or-one-task-per-device
options:
  name:
    description:
      - Name of the source. Required to create one.
      - A name that begins or ends with white space is refused, before any request.
    type: str
  id:
    description: The source's id, to address it whatever its name (and to rename it).
    type: str
  state:
    description: Whether the source should exist.
    type: str
    choices: [present, absent]
    default: present
  type:
    description:
      - The source type. Required to create a source.
      - With V(UDP), O(multicast) is required; with V(SRT), O(mode) is required.
      - Options of the other type (O(latency) for a UDP source, O(multicast) for an SRT one) are refused.
    type: str
    choices: [UDP, SRT]
  host:
    description:
      - Host name or address of the stream. Required to create a multicast UDP source and an SRT
        source in V(CALLER) or V(RENDEZVOUS) mode.
    type: str
  port:
    description: UDP port of the stream (1-65535). Required to create a source.
    type: int
  multicast:
    description: Whether a UDP source is a multicast stream (V(false) for unicast to O(port)). Required when O(type=UDP).
    type: bool
  description:
    description: Free text describing the source.
    type: str
  continuous:
    description: Whether HMP receives the stream continuously. HMP forces V(true) for SRT sources.
    type: bool
  mode:
    description: SRT connection mode. Required when O(type=SRT).
    type: str
    choices: [CALLER, LISTENER, RENDEZVOUS]
  latency:
    description: SRT latency in milliseconds (20-8000). The platform uses 125 when it is never set.
    type: int
  passphrase:
    description:
      - SRT encryption passphrase, 10 to 79 characters. Never shown in output; a change is
        reported as changed with the value masked.
    type: str
'''

EXAMPLES = r'''
- name: A multicast camera feed
  haivision.media.hmp_source:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
    name: studio-cam
    type: UDP
    host: 239.10.0.1
    port: 4900
    multicast: true
    description: Studio A camera

- name: An encrypted SRT contribution, HMP listening on port 9000
  haivision.media.hmp_source:
    name: field-contrib
    type: SRT
    mode: LISTENER
    port: 9000
    latency: 250
    passphrase: "{{ vault_srt_passphrase }}"

- name: Rename a source found by id
  haivision.media.hmp_source:
    id: 6e6862e0-d65d-4de5-b690-62e680d4587b
    name: studio-cam-a

- name: Remove a source
  haivision.media.hmp_source:
    name: old-feed
    state: absent
'''

RETURN = r'''
action:
  description: What the task did to the source (in check mode, what it would do).
  returned: always
  type: str
  choices: [create, update, delete, none]
  sample: update
source:
  description:
    - The source as the platform reports it after the run (in check mode, as it would be),
      passphrase masked. Empty after V(absent).
  returned: always
  type: dict
  sample: {"id": "6e6862e0-d65d-4de5-b690-62e680d4587b", "name": "studio-cam", "type": "UDP", "host": "239.10.0.1",
           "port": 4900, "multicast": true, "continuous": false, "description": "Studio A camera", "active": true}
id:
  description: The source's id (none when check mode would create it).
  returned: when the source exists or existed
  type: str
  sample: 6e6862e0-d65d-4de5-b690-62e680d4587b
plan:
  description:
    - The requests the task sends (in check mode, would send), in their order, each with C(method), C(path),
      C(kind), C(name) and C(action). Request bodies are left out, so no secret appears.
    - In check mode a C(path) holds "(new)" where the platform has not assigned the id yet.
  returned: always
  type: list
  elements: dict
  sample: [{"method": "PUT", "path": "/apis/sources/6e6862e0-d65d-4de5-b690-62e680d4587b", "kind": "sources",
            "name": "studio-cam", "action": "update"}]
plan_digest:
  description:
    - sha256 (hex) of the plan and what each write sets (a secret only as changed or not, never by value);
      null when the plan is empty. The same task on the same device gives the same digest, in check mode too.
  returned: always
  type: str
  sample: 3f0c1b6e0e7a4a1c9d2f8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d
'''

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.source import HMPSource
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(HMPSource, HMP_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
