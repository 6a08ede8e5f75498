#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hmp_lineup
short_description: Converge the sources and sessions of a Haivision Media Platform in one task
version_added: 0.1.0
description:
  - Declare an HMP platform's sources and sessions in one task; the module converges all of them with the
    same rules as M(haivision.media.hmp_source) and M(haivision.media.hmp_session), whose options the items take.
  - One login for the whole line-up; sources and sessions are each listed once.
  - Every source and session is compared before the first write. Sources are written first (sessions refer to
    them by name, also to a source the line-up creates), then sessions, then removals - sessions before sources.
  - If the platform refuses a change, the task fails saying which resources were applied and which were not
    (with the planned action of each); the next run converges from there.
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
  - module: haivision.media.hmp_source_share
    description: Manage who may use a source.
  - module: haivision.media.hmp_info
    description: Read what an HMP holds.
  - name: One task per resource, or one task per device (README)
    description: >-
      The C(haivision.media.hmp_live_session) role converges
      a live session with its sources and shares from one variable; the README compares roles, resource modules and line-ups.
    link: https://github.com/haivision-media/haivision.media/blob/main/README.md#one-task-per-resource-or-one-task-per-device
  - name: Drift enforcement, cron and AWX (README)
    description: Fleets with line-ups, and drift enforcement from an inventory (cron and AWX).
    link: https://github.com/haivision-media/haivision.media/blob/main/README.md#drift-enforcement-cron-and-awx
options:
  sources:
    description:
      - Sources, each with the options of M(haivision.media.hmp_source).
    type: list
    elements: dict
    # BEGIN suboptions of sources: hmp_source's options, written by python scripts/lineup_docs.py (edit that module, then run it)
    suboptions:
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
          - With V(UDP), O(sources[].multicast) is required; with V(SRT), O(sources[].mode) is required.
          - Options of the other type (O(sources[].latency) for a UDP source, O(sources[].multicast) for an SRT one)
            are refused.
        type: str
        choices: [UDP, SRT]
      host:
        description:
          - Host name or address of the stream. Required to create a multicast UDP source and an SRT source in V(CALLER)
            or V(RENDEZVOUS) mode.
        type: str
      port:
        description: UDP port of the stream (1-65535). Required to create a source.
        type: int
      multicast:
        description: Whether a UDP source is a multicast stream (V(false) for unicast to O(sources[].port)). Required
          when O(sources[].type=UDP).
        type: bool
      description:
        description: Free text describing the source.
        type: str
      continuous:
        description: Whether HMP receives the stream continuously. HMP forces V(true) for SRT sources.
        type: bool
      mode:
        description: SRT connection mode. Required when O(sources[].type=SRT).
        type: str
        choices: [CALLER, LISTENER, RENDEZVOUS]
      latency:
        description: SRT latency in milliseconds (20-8000). The platform uses 125 when it is never set.
        type: int
      passphrase:
        description:
          - SRT encryption passphrase, 10 to 79 characters. Never shown in output; a change is reported as changed with
            the value masked.
        type: str
    # END suboptions of sources
  sessions:
    description:
      - Sessions, each with the options of M(haivision.media.hmp_session).
    type: list
    elements: dict
    # BEGIN suboptions of sessions: hmp_session's options, written by python scripts/lineup_docs.py (edit that module, then run it)
    suboptions:
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
          - HMP refuses to delete a session while it records; see O(sessions[].force).
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
          - HMP refuses source changes while the session records; see O(sessions[].force).
        type: list
        elements: str
      schedule:
        description:
          - The session's exact set of active scheduled events (HMP session events). An active event equal to a listed
            one (on the options given) is kept; a listed event without an equal takes over an unlisted event or is created;
            unlisted active events are switched off (HMP cannot delete events). V([]) switches every event off.
        type: list
        elements: dict
        suboptions:
          start_time:
            description: When the event starts (the first occurrence of a recurring one), in seconds since the Unix
              epoch.
            type: int
            required: true
          duration:
            description: Length of the event in seconds. Not compared when not given.
            type: int
          type:
            description: Whether the event happens once or every week on O(sessions[].schedule[].days).
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
          - HMP refuses to change a session's sources or to delete it while it records. With V(false), such a task fails
            before changing anything, naming the recordings. With V(true), the session's active recordings are stopped
            first (they become videos), then the change is made.
          - Has no effect when the task changes neither the sources nor the existence of the session.
        type: bool
        default: false
      metadata:
        description:
          - Metadata entries, by entry name. A value is a string, a list of values, or a typed value C({value, type})
            with C(type) one of V(STRING), V(INT32), V(UINT32). Plain numbers and booleans are stored as strings; give
            a type to store an integer.
          - Merged into the session's metadata, whose other entries (C(calypso:creator) and entries set outside Ansible)
            are kept. An entry given as V(null) or V([]) is removed.
          - HMP replaces the whole metadata set on every change, so the module sends the existing entries with yours.
          - Entries of the reserved C(calypso:) and C(haivision:) namespaces are set only when you name them (the guide
            asks for caution there); prefer O(sessions[].categories) for C(calypso:category:) entries.
        type: dict
      purge_metadata:
        description:
          - Remove the metadata entries not given in O(sessions[].metadata) or O(sessions[].categories), category entries
            included. The reserved C(calypso:) and C(haivision:) entries (creator, recording, ...) are never removed.
        type: bool
        default: false
      categories:
        description:
          - Category values, by category label, stored as C(calypso:category:<label>) metadata entries and compared
            as sets. A label given V(null) or V([]) is removed.
        type: dict
      shares:
        description:
          - Users and groups that hold a share permission on the session, each by name or id.
          - A listed principal holds exactly the given permission; a permission change is one edit of that share. Shares
            not listed are kept unless O(sessions[].purge_shares) is set.
        type: list
        elements: dict
        suboptions:
          name:
            description: User name or group name. One of O(sessions[].shares[].name) and O(sessions[].shares[].id) is
              required.
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
        description: Remove the shares of users and groups not listed in O(sessions[].shares) (all of them when O(sessions[].shares)
          is not given).
        type: bool
        default: false
      public_share:
        description: Whether the session has a public (unauthenticated) WATCH share.
        type: bool
    # END suboptions of sessions
  purge:
    description:
      - Remove the sources and sessions the line-up does not name, for the kinds given (O(sources),
        O(sessions)).
      - What is on air stays (unless O(purge_on_air)) and is listed in RV(kept_on_air) - a session with an
        active recording (recording or paused), and the sources a session records once the task is done (a
        session the line-up does not name, as its active recordings say; one it names, as its record says). A
        session an item names with C(state=absent) is removed as asked (with C(force) if it
        records, as M(haivision.media.hmp_session) needs).
    type: bool
    default: false
  purge_on_air:
    description:
      - With O(purge), remove also what is on air; the recordings of a session are stopped first.
    type: bool
    default: false
  max_deletes:
    description:
      - The most sources and sessions the task may delete (items with C(state=absent), and O(purge)). A plan
        that deletes more fails before any write, listing them (also in check mode).
      - Unset, any number.
    type: int
  expect_plan_digest:
    description:
      - The RV(plan_digest) of a reviewed plan (a check-mode run, for example by the C(haivision.media.plan)
        playbook). The task plans the platform again; when the digest differs (the platform or the line-up changed
        since the review), it fails before any write, and its RV(plan) and RV(plan_digest) show what it would send
        now; when it is equal, it applies that plan.
      - V(empty) pins a reviewed plan without any write (whose RV(plan_digest) is V(null)).
      - In check mode the comparison is made too, and nothing is written.
    type: str
'''

EXAMPLES = r'''
- name: The platform's live line-up, as written in git
  haivision.media.hmp_lineup:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
    sources:
      - {name: stage-cam, type: UDP, host: 239.20.0.10, port: 4900, multicast: true}
      - {name: remote-guest, type: SRT, mode: LISTENER, port: 9000, passphrase: "{{ vault_srt_passphrase }}"}
    sessions:
      - title: Town hall
        active: true
        sources: [stage-cam, remote-guest]
        categories: {Department: [Engineering]}
        shares:
          - {name: Operators, type: GROUP, permission: EDIT}

- name: Remove what the line-up does not name, but never a session that records, nor more than 3 resources
  haivision.media.hmp_lineup:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
    purge: true
    max_deletes: 3
    sources:
      - {name: stage-cam, type: UDP, host: 239.20.0.10, port: 4900, multicast: true}
    sessions:
      - {title: Town hall, sources: [stage-cam]}
  register: lineup

- name: What the purge kept because it is on air
  ansible.builtin.debug:
    msg: "{{ lineup.kept_on_air | map(attribute='name') }}"
'''

RETURN = r'''
resources:
  description: One entry per source and session of the line-up (and per purged one).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The source's name or the session's title.
      returned: always
      type: str
    kind:
      description: V(sources) or V(sessions).
      returned: always
      type: str
    action:
      description: What the line-up does to the resource, planned before the first write (also when a write was refused).
      returned: always
      type: str
      choices: [create, update, delete, none]
    diff:
      description: C(before) and C(after) of the changed fields, secrets masked.
      returned: always (empty C(before) and C(after) when RV(resources[].action) is V(none))
      type: dict
    id:
      description: The resource's id (none for a create in check mode).
      returned: always (V(null) for a create in check mode)
      type: str
    applied:
      description: Whether the change was written.
      returned: always
      type: bool
  sample: [{"name": "stage-cam", "kind": "sources", "action": "update", "applied": true,
            "id": "6e6862e0-d65d-4de5-b690-62e680d4587b", "diff": {"before": {"port": 4900}, "after": {"port": 4902}}}]
plan:
  description:
    - The writes the task sends (in check mode, would send), in the order they go; no bodies, so no secret values.
      V([]) when the platform matches the line-up.
    - A real run lists what it sent; its writes are those of a check-mode run on the same platform, write for write.
  returned: always (also when the task fails for RV(plan_digest) or O(max_deletes))
  type: list
  elements: dict
  contains:
    method:
      description: V(POST), V(PUT) or V(DELETE).
      type: str
    path:
      description: The request's path, with V((new\)) where the platform has not assigned the resource's id yet.
      type: str
    kind:
      description: V(sources) or V(sessions).
      type: str
    name:
      description: The source's name or the session's title.
      type: str
    action:
      description: V(create), V(update) or V(delete).
      type: str
  sample: [{"method": "PUT", "path": "/apis/sources/6e6862e0-d65d-4de5-b690-62e680d4587b", "kind": "sources",
            "name": "stage-cam", "action": "update"}]
plan_digest:
  description:
    - sha256 (hex) over every write of RV(plan) and what it sets (the options it changes and their values; a
      secret only as changing or not, never by value); V(null) when RV(plan) is empty.
    - Equal desired state on an equal platform gives an equal digest, whatever the order of the items; a change on
      the platform that changes a write changes it. Computed before the first write, so a real run's digest is the
      one its check-mode run gave. Pin it with O(expect_plan_digest).
  returned: always (also when the task fails for it or for O(max_deletes))
  type: str
  sample: 5f0c6a1e9b3d2c4f8a7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a2918
kept_on_air:
  description: What O(purge) left because it is on air (see O(purge_on_air)), in kind order, then by name.
  returned: always (V([]) without O(purge))
  type: list
  elements: dict
  contains:
    kind:
      description: V(sources) or V(sessions).
      type: str
    name:
      description: The source's name or the session's title.
      type: str
    id:
      description: The resource's id.
      type: str
  sample: [{"kind": "sessions", "name": "Town hall", "id": "6e6862e0-d65d-4de5-b690-62e680d4587b"}]
logins:
  description: Logins the module made (one, or two if the platform expired the session mid-run).
  returned: always
  type: int
  sample: 1
requests:
  description: HTTP requests the module sent, for sizing scheduled runs.
  returned: always
  type: int
  sample: 14
'''

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.lineup import converge_hmp_lineup, hmp_lineup_argument_spec
from ansible_collections.haivision.media.plugins.module_utils._common.runner import run_module


def main():
    run_module(hmp_lineup_argument_spec(), converge_hmp_lineup, HMP_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
