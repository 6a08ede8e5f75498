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
  - ref: ansible_collections.haivision.media.docsite.choosing
    description: >-
      The C(haivision.media.hmp_live_session) role converges
      a live session with its sources and shares from one variable; the guide compares roles, resource modules and line-ups.
  - ref: ansible_collections.haivision.media.docsite.fleets
    description: Fleets with line-ups, and drift enforcement from an inventory.
options:
  sources:
    description:
      - Sources, each with the options of M(haivision.media.hmp_source) (C(name) or C(id), C(state), C(type),
        C(host), C(port), C(multicast), C(description), C(continuous), C(mode), C(latency), C(passphrase)).
    type: list
    elements: dict
  sessions:
    description:
      - Sessions, each with the options of M(haivision.media.hmp_session) (C(title) or C(id), C(state),
        C(description), C(active), C(syncrecord), C(distribution_policies), C(sources), C(metadata),
        C(purge_metadata), C(categories), C(shares), C(purge_shares), C(public_share), C(schedule), C(force)).
    type: list
    elements: dict
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
from ansible_collections.haivision.media.plugins.module_utils._hmp.lineup import converge_hmp_lineup, hmp_lineup_argument_spec, lineup_secret_values
from ansible_collections.haivision.media.plugins.module_utils._common.runner import run_module


def main():
    run_module(hmp_lineup_argument_spec(), converge_hmp_lineup, HMP_CONNECTION_SPEC, nested_secrets=lineup_secret_values,
               supports_check_mode=True)


if __name__ == "__main__":
    main()
