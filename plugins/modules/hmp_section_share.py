#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hmp_section_share
short_description: Manage who may see a feed (section) of a Haivision Media Platform
version_added: 0.1.0
description:
  - Grant, change or revoke the share permissions of users and groups on one feed (an HMP "section",
    the collections of videos, sessions and sources of the viewers' Portal) of a Haivision Media
    Platform (HMP) 3.5.
  - The feed is found by name or id in the feed list (HMP lists only the feeds shared with the user
    the module logs in as); two feeds with that name make the task fail, listing their ids.
  - A principal that already holds a share is matched on the feed's share list; any other is looked
    up by name or id among the users (C(/apis/users/enabled)) or groups (C(/apis/groups/enabled))
    enabled for HMP, so an unknown name fails before anything is written, in check mode too.
  - A permission change is one edit of that share, never a removal and a new share. HMP lets only
    administrators change the shares of a feed.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.hmp
  - haivision.media.attributes
  - haivision.media.attributes.hmp_group
seealso:
  - module: haivision.media.hmp_source_share
    description: Manage who may use a source.
  - module: haivision.media.hmp_asset
    description: Manage a recorded video's metadata, categories and shares.
  - module: haivision.media.hmp_info
    description: Read what an HMP holds, feeds included.
options:
  section:
    description: The feed, by name or id. Two feeds with that name make the task fail, listing their ids.
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
      - V(absent), the listed principals hold no share on the feed.
    type: str
    choices: [present, absent]
    default: present
  purge:
    description: With O(state=present), also remove the shares of every user and group not listed.
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: Viewers may watch the Training feed, operators may edit it
  haivision.media.hmp_section_share:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
    section: Training
    shares:
      - {name: Viewers, type: GROUP, permission: WATCH}
      - {name: Operators, type: GROUP, permission: EDIT}

- name: Exactly these shares, no others
  haivision.media.hmp_section_share:
    section: Training
    shares:
      - {name: Operators, type: GROUP, permission: OWN}
    purge: true

- name: Revoke a user's share
  haivision.media.hmp_section_share:
    section: Training
    shares:
      - {name: viewer}
    state: absent
'''

RETURN = r'''
action:
  description: V(update) when the task changed (in check mode, would change) the feed's shares, else V(none).
  returned: always
  type: str
  choices: [update, none]
  sample: update
shares:
  description: The feed's share list after the run (in check mode, as it would be).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "a78758cc-48da-47ad-bc6e-6c8564badb7e", "shareType": "USER", "permission": "WATCH",
            "name": "viewer", "email": null}]
section_id:
  description: The id of the feed.
  returned: always
  type: str
  sample: 5e9297a0-17e1-4ca8-8323-98398307aa71
plan:
  description:
    - The requests the task sends (in check mode, would send), in their order, each with C(method), C(path),
      C(kind), C(name) and C(action). Request bodies are left out, so no secret appears.
  returned: always
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/apis/sections/5e9297a0-17e1-4ca8-8323-98398307aa71/shares",
            "kind": "sections", "name": "Training", "action": "update"}]
plan_digest:
  description:
    - sha256 (hex) of the plan and what each write sets (a secret only as changed or not, never by value);
      null when the plan is empty. The same task on the same device gives the same digest, in check mode too.
  returned: always
  type: str
  sample: 3f0c1b6e0e7a4a1c9d2f8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d
'''

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource_shares import SectionShares
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(SectionShares, HMP_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
