#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hmp_asset
short_description: Manage the metadata, categories and shares of a recorded video on a Haivision Media Platform
version_added: 0.1.0
description:
  - Manage one existing asset (a recorded video) of a Haivision Media Platform (HMP) 3.5, its title and
    description, metadata, categories, share permissions and public share.
  - Assets are made by recordings (see M(haivision.media.hmp_session)); this module never creates or
    removes one. An asset that cannot be found fails the task.
  - Only the options you give are compared and managed, as with M(haivision.media.hmp_session). HMP
    replaces the whole metadata set on every change and resets the description a PUT leaves out, so an
    edit sends the asset's full state merged with your options.
  - The asset is found by O(id) when given (then a different O(title) renames it), else by O(title)
    through the whole paged asset list. Two assets with the same title make the task fail, listing
    their ids, without changing anything.
  - Everything is read and planned before the first write, so an unknown user or group fails the task
    with nothing changed.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.hmp
  - haivision.media.attributes
  - haivision.media.attributes.hmp_group
seealso:
  - module: haivision.media.hmp_session
    description: Manage one session, whose recordings become assets.
  - module: haivision.media.hmp_section_share
    description: Manage who may see a feed (section).
  - module: haivision.media.hmp_info
    description: Read what an HMP holds, assets included.
options:
  title:
    description: Title of the asset. With O(id), the new title to give it.
    type: str
  id:
    description: The asset's id, to address it whatever its title (and to rename it).
    type: str
  description:
    description: Free text describing the asset.
    type: str
  metadata:
    description:
      - Metadata entries, by entry name. A value is a string, a list of values, or a typed value
        C({value, type}) with C(type) one of V(STRING), V(INT32), V(UINT32). Plain numbers and
        booleans are stored as strings; give a type to store an integer.
      - Merged into the asset's metadata, whose other entries (C(calypso:creator),
        C(calypso:recorded_from_session) and entries set outside Ansible) are kept. An entry given as
        V(null) or V([]) is removed.
      - HMP replaces the whole metadata set on every change, so the module sends the existing entries with yours.
      - Entries of the reserved C(calypso:) and C(haivision:) namespaces are set only when you name them;
        prefer O(categories) for C(calypso:category:) entries.
    type: dict
  purge_metadata:
    description:
      - Remove the metadata entries not given in O(metadata) or O(categories), category entries
        included. The reserved C(calypso:) and C(haivision:) entries are never removed.
    type: bool
    default: false
  categories:
    description:
      - Category values, by category label, stored as C(calypso:category:<label>) metadata entries
        and compared as sets. A label given V(null) or V([]) is removed.
    type: dict
  shares:
    description:
      - Users and groups that hold a share permission on the asset, each by name or id.
      - A listed principal holds exactly the given permission; a permission change is one edit of
        that share. Shares not listed are kept unless O(purge_shares) is set.
    type: list
    elements: dict
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
        description: V(WATCH), V(EDIT), V(OWN), or the uuid of an access permission the administrator defined. Required.
        type: str
  purge_shares:
    description: Remove the shares of users and groups not listed in O(shares) (all of them when O(shares) is not given).
    type: bool
    default: false
  public_share:
    description: Whether the asset has a public (unauthenticated) WATCH share.
    type: bool
'''

EXAMPLES = r'''
- name: Catalogue a town hall recording and let viewers watch it
  haivision.media.hmp_asset:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
    title: Town hall Q3
    categories:
      Department: [Engineering, Sales]
    metadata:
      event-code: TH-2024-Q3
    shares:
      - {name: Viewers, type: GROUP, permission: WATCH}

- name: Rename a video by id, and make it public
  haivision.media.hmp_asset:
    id: 3bc946a6-6720-41c0-8246-55e8119d1a5a
    title: Town hall Q3 (final)
    public_share: true

- name: Only these shares and metadata entries (reserved calypso entries stay)
  haivision.media.hmp_asset:
    title: Town hall Q3
    metadata:
      event-code: TH-2024-Q3
    purge_metadata: true
    shares:
      - {name: Operators, type: GROUP, permission: OWN}
    purge_shares: true
'''

RETURN = r'''
action:
  description: V(update) when the task changed (in check mode, would change) the asset, else V(none).
  returned: always
  type: str
  choices: [update, none]
  sample: update
id:
  description: The asset's id.
  returned: always
  type: str
  sample: 3bc946a6-6720-41c0-8246-55e8119d1a5a
asset:
  description:
    - The asset as the platform reports it after the run (in check mode, as it would be), with
      C(metadata) (the entries with their typed fields), C(shares) and C(public_share).
  returned: always
  type: dict
  sample: {"id": "3bc946a6-6720-41c0-8246-55e8119d1a5a", "title": "Town hall Q3", "description": "", "duration": 60.3,
           "recording": false, "metadata": [{"name": "calypso:creator", "field": [{"fieldType": "STRING",
           "valueString": "haiadmin"}]}], "shares": [{"id": "a78758cc-48da-47ad-bc6e-6c8564badb7e", "shareType": "GROUP",
           "permission": "WATCH", "name": "Viewers", "email": null}], "public_share": false}
plan:
  description:
    - The requests the task sends (in check mode, would send), in their order, each with C(method), C(path),
      C(kind), C(name) and C(action). Request bodies are left out, so no secret appears.
  returned: always
  type: list
  elements: dict
  sample: [{"method": "PUT", "path": "/apis/assets/3bc946a6-6720-41c0-8246-55e8119d1a5a/metadata", "kind": "assets",
            "name": "Town hall Q3", "action": "update"}]
plan_digest:
  description:
    - sha256 (hex) of the plan and what each write sets (a secret only as changed or not, never by value);
      null when the plan is empty. The same task on the same device gives the same digest, in check mode too.
  returned: always
  type: str
  sample: 3f0c1b6e0e7a4a1c9d2f8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d
'''

from ansible_collections.haivision.media.plugins.module_utils._hmp.asset import HMPAsset
from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(HMPAsset, HMP_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
