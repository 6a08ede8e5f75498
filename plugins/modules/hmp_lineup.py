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
        O(sessions)). A session that records is not removed (the task fails saying so).
    type: bool
    default: false
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
