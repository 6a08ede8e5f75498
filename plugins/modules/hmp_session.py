#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hmp_session
short_description: Manage the sessions of a Haivision Media Platform, with their sources, metadata and shares
version_added: 0.1.0
description:
  - Create, update or remove one session on a Haivision Media Platform (HMP) 3.5, together with its
    sources, metadata, categories, share permissions, public share and schedule.
  - Only the options you give are compared and managed. HMP resets every optional property a PUT leaves
    out, so an edit sends the session's full state (and the full metadata set), merged with your options.
  - The session is found by O(id) when given (then a different O(title) renames it), else by O(title)
    through the whole paged session list. Two sessions with the same title make the task fail, listing
    their ids, without changing anything.
  - Everything is read and planned before the first write, so a refusal (an unknown source, user or
    group, a recording in progress without O(force)) fails the task with nothing changed.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.hmp
  - haivision.media.attributes
  - haivision.media.attributes.hmp_group
seealso:
  - module: haivision.media.hmp_source
    description: Manage one source.
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
  title:
    description:
      - Title of the session. Required to create one.
      - A title that begins or ends with white space is refused, before any request.
    type: str
  id:
    description: The session's id, to address it whatever its title (and to rename it).
    type: str
  state:
    description:
      - Whether the session should exist.
      - HMP refuses to delete a session while it records; see O(force).
    type: str
    choices: [present, absent]
    default: present
  description:
    description: Free text describing the session.
    type: str
  active:
    description: Whether the session is available to other users (when V(false), only its owner sees it).
    type: bool
  syncrecord:
    description: Whether recordings of the session record all its sources together.
    type: bool
  distribution_policies:
    description: Ids of the distribution policies of the session, compared as a set.
    type: list
    elements: str
  sources:
    description:
      - The session's exact set of sources, by name or id, compared as a set (their order is not managed).
      - Sources not listed are removed from the session, listed ones added.
      - HMP refuses source changes while the session records; see O(force).
    type: list
    elements: str
  metadata:
    description:
      - Metadata entries, by entry name. A value is a string, a list of values, or a typed value
        C({value, type}) with C(type) one of V(STRING), V(INT32), V(UINT32). Plain numbers and
        booleans are stored as strings; give a type to store an integer.
      - Merged into the session's metadata, whose other entries (C(calypso:creator) and entries
        set outside Ansible) are kept. An entry given as V(null) or V([]) is removed.
      - HMP replaces the whole metadata set on every change, so the module sends the existing entries with yours.
      - Entries of the reserved C(calypso:) and C(haivision:) namespaces are set only when you name them
        (the guide asks for caution there); prefer O(categories) for C(calypso:category:) entries.
    type: dict
  purge_metadata:
    description:
      - Remove the metadata entries not given in O(metadata) or O(categories), category entries
        included. The reserved C(calypso:) and C(haivision:) entries (creator, recording, ...) are
        never removed.
    type: bool
    default: false
  categories:
    description:
      - Category values, by category label, stored as C(calypso:category:<label>) metadata entries
        and compared as sets. A label given V(null) or V([]) is removed.
    type: dict
  shares:
    description:
      - Users and groups that hold a share permission on the session, each by name or id.
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
    description: Whether the session has a public (unauthenticated) WATCH share.
    type: bool
  schedule:
    description:
      - The session's exact set of active scheduled events (HMP session events). An active event
        equal to a listed one (on the options given) is kept; a listed event without an equal
        takes over an unlisted event or is created; unlisted active events are switched off
        (HMP cannot delete events). V([]) switches every event off.
    type: list
    elements: dict
    suboptions:
      start_time:
        description: When the event starts (the first occurrence of a recurring one), in seconds since the Unix epoch.
        type: int
        required: true
      duration:
        description: Length of the event in seconds. Not compared when not given.
        type: int
      type:
        description: Whether the event happens once or every week on O(schedule[].days).
        type: str
        choices: [one-time, weekly-recurring]
        default: one-time
      days:
        description: Days of the week of a V(weekly-recurring) event. Required for those.
        type: list
        elements: str
        choices: [MON, TUE, WED, THU, FRI, SAT, SUN]
      command:
        description: What the event does, set the session live or record it.
        type: str
        choices: [set-live, record]
        default: set-live
      record:
        description: With V(set-live), whether to record the session as well.
        type: bool
        default: false
  force:
    description:
      - HMP refuses to change a session's sources or to delete it while it records.
        With V(false), such a task fails before changing anything, naming the recordings.
        With V(true), the session's active recordings are stopped first (they become videos), then the change is made.
      - Has no effect when the task changes neither the sources nor the existence of the session.
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: A town hall session with two cameras, categories and shares
  haivision.media.hmp_session:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
    title: Town hall
    description: Quarterly all-hands
    active: true
    sources: [stage-cam, wide-cam]
    categories:
      Department: [Engineering, Sales]
    metadata:
      event-code: TH-2024-Q3
      attendees: {value: 250, type: UINT32}
    shares:
      - {name: Operators, type: GROUP, permission: EDIT}
      - {name: viewer, permission: WATCH}

- name: A weekly live slot, recorded
  haivision.media.hmp_session:
    title: Town hall
    schedule:
      - start_time: 1718010000
        duration: 3600
        type: weekly-recurring
        days: [MON, THU]
        record: true

- name: Swap a camera even if the session is recording (the recording is stopped)
  haivision.media.hmp_session:
    title: Town hall
    sources: [stage-cam, backup-cam]
    force: true

- name: Keep only the listed metadata entries (reserved calypso entries stay)
  haivision.media.hmp_session:
    title: Town hall
    metadata:
      event-code: TH-2024-Q4
    purge_metadata: true

- name: Remove a session
  haivision.media.hmp_session:
    title: Old session
    state: absent
'''

RETURN = r'''
action:
  description: What the task did to the session (in check mode, what it would do).
  returned: always
  type: str
  choices: [create, update, delete, none]
  sample: update
session:
  description:
    - The session as the platform reports it after the run (in check mode, as it would be), with
      C(sources) (C(id), C(name) and C(index) of each), C(metadata) (the entries with their typed
      fields), C(shares), C(public_share) and C(schedule) (its active events). Empty after V(absent).
    - In check mode, a session to be created as HMP creates one (no sources, metadata, shares, public share or
      schedule) with what the task sets, without the id, times and metadata entries HMP adds itself
      (C(calypso:creator) ...).
  returned: always
  type: dict
  sample: {"id": "3a655931-24b4-4d3d-a897-6e58d361786a", "title": "Town hall", "active": true, "recording": false,
           "sources": [{"id": "6e6862e0-d65d-4de5-b690-62e680d4587b", "name": "stage-cam", "index": 0}],
           "metadata": [{"name": "calypso:creator", "field": [{"fieldType": "STRING", "valueString": "haiadmin"}]}],
           "shares": [{"id": "a78758cc-48da-47ad-bc6e-6c8564badb7e", "shareType": "USER", "permission": "WATCH",
                       "name": "viewer", "email": null}], "public_share": false, "schedule": []}
id:
  description: The session's id (none when check mode would create it).
  returned: when the session exists or existed
  type: str
  sample: 3a655931-24b4-4d3d-a897-6e58d361786a
stopped_recordings:
  description: Ids of the recordings stopped (or, in check mode, to be stopped) because of O(force).
  returned: when O(force) stopped recordings
  type: list
  elements: str
  sample: ["bea38704-ef95-4330-9f77-ad52a2c5a8b3"]
plan:
  description:
    - The requests the task sends (in check mode, would send), in their order, each with C(method), C(path),
      C(kind), C(name) and C(action). Request bodies are left out, so no secret appears.
    - In check mode a C(path) holds "(new)" where the platform has not assigned the id yet.
  returned: always
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/apis/sessions", "kind": "sessions", "name": "Town hall", "action": "create"},
           {"method": "POST", "path": "/apis/sessions/(new)/sources", "kind": "sessions", "name": "Town hall",
            "action": "create"}]
plan_digest:
  description:
    - sha256 (hex) of the plan and what each write sets (a secret only as changed or not, never by value);
      null when the plan is empty. The same task on the same device gives the same digest, in check mode too.
  returned: always
  type: str
  sample: 3f0c1b6e0e7a4a1c9d2f8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d
'''

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.session import HMPSession
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(HMPSession, HMP_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
