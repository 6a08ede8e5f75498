#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hmp_info
short_description: Read sources, sessions and more from a Haivision Media Platform
version_added: 0.1.0
description:
  - Read-only view of one Haivision Media Platform (HMP) 3.5 through its REST API.
  - Paged collections are read to the end (100 items per page); an empty collection is an empty list.
  - Logs in once, logs out when done. Never changes anything and never reports C(changed).
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.hmp
  - haivision.media.attributes.info_module
  - haivision.media.attributes.hmp_group
seealso:
  - module: haivision.media.hmp_lineup
    description: Converge the sources and sessions of an HMP in one task.
  - module: haivision.media.hmp_source
    description: Manage one source.
  - module: haivision.media.hmp_session
    description: Manage one session with its sources, metadata, categories, shares and schedule.
  - module: haivision.media.hmp_source_share
    description: Manage who may use a source.
options:
  gather:
    description:
      - What to read. V(sessions) also reads each session's sources, metadata and shares.
      - V(stbs) (the set-top boxes) and V(tags) (the device tags) need the STB Administration permission, so they
        are read only when listed.
    type: list
    elements: str
    choices: [version, sources, sessions, recordings, categories, users, groups, events, stbs, tags]
    default: [version, sources, sessions, recordings, categories, users, groups, events]
'''

EXAMPLES = r'''
- name: Read everything from HMP
  haivision.media.hmp_info:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
  register: hmp

- name: Sessions only, connection set once for the group
  module_defaults:
    group/haivision.media.hmp:
      hmp_url: https://hmp.example.com
      hmp_username: haiadmin
      hmp_password: "{{ vault_hmp_password }}"
  block:
    - name: Read the sessions
      haivision.media.hmp_info:
        gather: [sessions]
      register: hmp

    - name: Titles of the sessions now recording
      ansible.builtin.debug:
        msg: "{{ hmp.sessions | selectattr('recording') | map(attribute='title') }}"
'''

RETURN = r'''
version:
  description: Software version and build.
  returned: when O(gather) contains V(version)
  type: dict
  sample: {"version": "3.5.0", "build": "30242"}
sources:
  description: Every source (SRT passphrases masked).
  returned: when O(gather) contains V(sources)
  type: list
  elements: dict
  sample: [{"id": "6e6862e0-d65d-4de5-b690-62e680d4587b", "name": "cam1", "type": "UDP", "host": "239.1.1.1",
            "port": 4900, "multicast": true}]
sessions:
  description: >-
    Every session with C(sources) (C(id), C(name) and C(index) of each of its sources),
    C(metadata) (entries with their typed fields) and C(shares).
  returned: when O(gather) contains V(sessions)
  type: list
  elements: dict
  sample: [{"id": "3a655931-24b4-4d3d-a897-6e58d361786a", "title": "Town hall", "active": true, "recording": false,
            "sources": [{"id": "6e6862e0-d65d-4de5-b690-62e680d4587b", "name": "cam1", "index": 0}],
            "metadata": [{"name": "calypso:creator", "field": [{"fieldType": "STRING",
            "valueString": "haiadmin"}]}], "shares": []}]
recordings:
  description:
    - Active recordings (recording or paused) of every session, each with C(id), C(session), C(username),
      C(state) (C(RECORDING) or C(PAUSED)), C(duration), C(recorders) (C(source), C(chunk), C(id), C(state)),
      C(ctime) and C(title).
  returned: when O(gather) contains V(recordings)
  type: list
  elements: dict
categories:
  description: Metadata categories with their predefined values.
  returned: when O(gather) contains V(categories)
  type: list
  elements: dict
users:
  description: Users enabled for HMP access.
  returned: when O(gather) contains V(users)
  type: list
  elements: dict
groups:
  description: Groups enabled for HMP access.
  returned: when O(gather) contains V(groups)
  type: list
  elements: dict
events:
  description: Scheduled session events.
  returned: when O(gather) contains V(events)
  type: list
  elements: dict
stbs:
  description:
    - Every set-top box as the platform reports it, with C(_id), C(name), C(hostname), C(ip), C(mac), C(tags),
      C(status) (C(Never), C(Offline), C(Warning), C(Standby) or C(Online)), C(standby), C(volume), C(muted),
      C(channelId), C(channelName) and C(channelType).
  returned: when O(gather) contains V(stbs)
  type: list
  elements: dict
  sample: [{"_id": "SK8DQW7KjDyopkreyMNrSA", "name": "Lobby 1", "tags": ["Lobby"], "status": "Online",
            "standby": false, "volume": 0.2, "muted": false, "channelId": "cd152a55-0bd6-465d-b7a5-149a5b18086d",
            "channelName": "DISH - RT", "channelType": "source"}]
tags:
  description: Every device tag, with C(_id) and C(name).
  returned: when O(gather) contains V(tags)
  type: list
  elements: dict
  sample: [{"_id": "aKiyWIUUoGCrVJP-BrWySQ", "name": "Meeting Room"}]
'''

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC, HMPClient
from ansible_collections.haivision.media.plugins.module_utils._hmp.view import platform_view
from ansible_collections.haivision.media.plugins.module_utils._common.runner import run_module

GATHER = ["version", "sources", "sessions", "recordings", "categories", "users", "groups", "events"]
STB_GATHER = ["stbs", "tags"]  # STB Administration only: read when asked


def gather_info(module):
    with HMPClient.from_module(module) as client:
        result = dict(changed=False)
        result.update(platform_view(client, module.params["gather"]))
        return result


def main():
    run_module(dict(gather=dict(type="list", elements="str", choices=GATHER + STB_GATHER, default=GATHER)),
               gather_info, HMP_CONNECTION_SPEC,
               supports_check_mode=True)


if __name__ == "__main__":
    main()
