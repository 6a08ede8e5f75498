#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hmp_source_share
short_description: Manage who may use a source of a Haivision Media Platform
version_added: 0.1.0
description:
  - Grant, change or revoke the share permissions of users and groups on one source of a
    Haivision Media Platform (HMP) 3.5.
  - A principal that already holds a share is matched on the source's share list; any other is looked
    up by name or id among the users (C(/apis/users/enabled)) or groups (C(/apis/groups/enabled))
    enabled for HMP, so an unknown name fails before anything is written, in check mode too.
  - A permission change is one edit of that share, never a removal and a new share.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.hmp
  - haivision.media.attributes
  - haivision.media.attributes.hmp_group
seealso:
  - module: haivision.media.hmp_source
    description: Manage one source.
  - module: haivision.media.hmp_session
    description: Manage one session with its sources, metadata, categories, shares and schedule.
  - module: haivision.media.hmp_info
    description: Read what an HMP holds.
options:
  source:
    description: The source, by name or id. Two sources with that name make the task fail, listing their ids.
    type: str
    required: true
  shares:
    description: The users and groups this task is about, each by name or id.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: User name or group name. One of O(shares[].name) and O(shares[].id) is required.
        type: str
      id:
        description: User id or group id.
        type: str
      type:
        description: Whether the share is for a user or a group.
        type: str
        choices: [USER, GROUP]
        default: USER
      permission:
        description:
          - V(WATCH), V(EDIT), V(OWN), or the uuid of an access permission the administrator defined.
          - Required with O(state=present), ignored with O(state=absent).
        type: str
  state:
    description:
      - V(present), the listed principals hold exactly the listed permission.
      - V(absent), the listed principals hold no share on the source.
    type: str
    choices: [present, absent]
    default: present
  purge:
    description: With O(state=present), also remove the shares of every user and group not listed.
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: Operators may edit the studio feed, one viewer may watch it
  haivision.media.hmp_source_share:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
    source: studio-cam
    shares:
      - {name: Operators, type: GROUP, permission: EDIT}
      - {name: viewer, permission: WATCH}

- name: Exactly these shares, no others
  haivision.media.hmp_source_share:
    source: studio-cam
    shares:
      - {name: Operators, type: GROUP, permission: OWN}
    purge: true

- name: Revoke a user's share
  haivision.media.hmp_source_share:
    source: studio-cam
    shares:
      - {name: viewer}
    state: absent
'''

RETURN = r'''
action:
  description: V(update) when the task changed (in check mode, would change) the source's shares, else V(none).
  returned: always
  type: str
  choices: [update, none]
  sample: update
shares:
  description: The source's share list after the run (in check mode, as it would be).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "a78758cc-48da-47ad-bc6e-6c8564badb7e", "shareType": "USER", "permission": "WATCH",
            "name": "viewer", "email": null}]
source_id:
  description: The id of the source.
  returned: always
  type: str
  sample: 6e6862e0-d65d-4de5-b690-62e680d4587b
plan:
  description:
    - The requests the task sends (in check mode, would send), in their order, each with C(method), C(path),
      C(kind), C(name) and C(action). Request bodies are left out, so no secret appears.
  returned: always
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/apis/sources/6e6862e0-d65d-4de5-b690-62e680d4587b/shares",
            "kind": "sources", "name": "studio-cam", "action": "update"}]
plan_digest:
  description:
    - sha256 (hex) of the plan and what each write sets (a secret only as changed or not, never by value);
      null when the plan is empty. The same task on the same device gives the same digest, in check mode too.
  returned: always
  type: str
  sample: 3f0c1b6e0e7a4a1c9d2f8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d
'''

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource_shares import SourceShares
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(SourceShares, HMP_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
