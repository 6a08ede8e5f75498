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
  - module: haivision.media.hmp_asset
    description: Manage a recorded video's metadata, categories and shares.
  - module: haivision.media.hmp_section_share
    description: Manage who may see a feed (section).
options:
  gather:
    description:
      - What to read. V(sessions) also reads each session's sources, metadata and shares.
      - Read only when listed, V(assets) (each video with its metadata, shares and public share, a request
        per video and part), V(sections) (each feed with its shares), V(stbs) (the set-top boxes) and V(tags)
        (the device tags; both need the STB Administration permission), and V(lineup), which exports the
        platform's sources and sessions as the input of M(haivision.media.hmp_lineup) in RV(lineup), with the
        secrets it leaves out in RV(lineup_secrets).
    type: list
    elements: str
    choices: [version, sources, sessions, recordings, categories, users, groups, events, assets, sections, stbs, tags, lineup]
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

- name: Export a platform configured by hand, to hold it with hmp_lineup from now on
  haivision.media.hmp_info:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
    gather: [lineup]
  register: export

- name: Write it as host variables (passphrases are not exported; lineup_secrets names them)
  ansible.builtin.copy:
    content: "{{ {'hmp_lineup': export.lineup} | to_nice_yaml(sort_keys=false) }}"
    dest: "host_vars/{{ inventory_hostname }}.yml"
    mode: "0600"
  delegate_to: localhost
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
assets:
  description: Every asset (recorded video) with C(metadata), C(shares) and C(public_share).
  returned: when O(gather) contains V(assets)
  type: list
  elements: dict
  sample: [{"id": "3bc946a6-6720-41c0-8246-55e8119d1a5a", "title": "Town hall Q3", "description": "", "duration": 60.3,
            "recording": false, "metadata": [], "shares": [], "public_share": false}]
sections:
  description: Every feed (section) the user may see, with its C(shares).
  returned: when O(gather) contains V(sections)
  type: list
  elements: dict
  sample: [{"id": "5e9297a0-17e1-4ca8-8323-98398307aa71", "name": "Training", "index": 0, "shares": []}]
lineup:
  description:
    - The platform's sources and sessions in the input shape of M(haivision.media.hmp_lineup), which reports
      C(changed=false) when it is given back on the same platform.
    - Only what the platform reports, with the modules' option names and values; sessions with their
      C(sources) (by name), C(metadata) (Haivision's own C(calypso:) entries left out), C(categories),
      C(shares) (users and groups by name), C(public_share) and C(schedule) (the active events).
    - Items are sorted by name (title), so two exports of one platform are equal. An item is named by its
      name (title) alone when no other one carries it, so that the line-up applies to another platform too;
      otherwise it also has its C(id) (and references to it are by id), and a warning says so.
    - Secrets (SRT passphrases) are never exported, also where the platform returns them; see RV(lineup_secrets).
  returned: when O(gather) contains V(lineup)
  type: dict
  contains:
    sources:
      description: The sources, each with the options of M(haivision.media.hmp_source).
      returned: always
      type: list
      elements: dict
    sessions:
      description: The sessions, each with the options of M(haivision.media.hmp_session).
      returned: always
      type: list
      elements: dict
  sample: {"sources": [{"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": true},
                       {"name": "guest", "type": "SRT", "host": "0.0.0.0", "port": 9000, "mode": "LISTENER",
                        "continuous": true}],
           "sessions": [{"title": "Town hall", "active": true, "syncrecord": false, "sources": ["cam1", "guest"],
                         "categories": {"Department": ["Engineering"]},
                         "shares": [{"name": "Operators", "type": "GROUP", "permission": "EDIT"}],
                         "public_share": false, "schedule": []}]}
lineup_secrets:
  description:
    - The secrets RV(lineup) leaves out, one entry per item option that has one on the platform; give them
      back (from a vault) to apply the line-up to another platform.
  returned: when O(gather) contains V(lineup)
  type: list
  elements: dict
  contains:
    kind:
      description: The kind of the item (V(sources)).
      returned: always
      type: str
    name:
      description: The item's name.
      returned: always
      type: str
    id:
      description: The item's id, when RV(lineup) names the item by name and id.
      returned: when the name is not unique on the platform
      type: str
    option:
      description: The item's option that holds the secret (V(passphrase)).
      returned: always
      type: str
  sample: [{"kind": "sources", "name": "guest", "option": "passphrase"}]
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
from ansible_collections.haivision.media.plugins.module_utils._hmp.export import export_lineup
from ansible_collections.haivision.media.plugins.module_utils._hmp.view import platform_view
from ansible_collections.haivision.media.plugins.module_utils._common.runner import run_module

GATHER = ["version", "sources", "sessions", "recordings", "categories", "users", "groups", "events"]
# Read only when listed: a request per video or feed and part, STB Administration rights, or the export.
ON_REQUEST = ["assets", "sections", "stbs", "tags", "lineup"]


def gather_info(module):
    with HMPClient.from_module(module) as client:
        result = dict(changed=False)
        result.update(platform_view(client, module.params["gather"]))
        if "lineup" in module.params["gather"]:
            result["lineup"], result["lineup_secrets"], warnings = export_lineup(client)
            for warning in warnings:
                module.warn(warning)
        return result


def main():
    run_module(dict(gather=dict(type="list", elements="str", choices=GATHER + ON_REQUEST, default=GATHER)),
               gather_info, HMP_CONNECTION_SPEC,
               supports_check_mode=True)


if __name__ == "__main__":
    main()
