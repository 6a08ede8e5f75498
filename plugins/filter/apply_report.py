# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``haivision.media.apply_report`` filter: what applying a reviewed plan did on each device."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: apply_report
author: haivision.media developers (@haivision-media)
version_added: 0.1.0
short_description: Say which devices of a reviewed plan applied it, and what changed since the review
positional: _input, reviewed, devices, check, generated
description:
  - Takes one fragment per device that the run applied, C({device, product, result, error}), where C(result)
    is the registered result of the device's line-up task run with O(haivision.media.kraken_lineup#module:expect_plan_digest)
    set to the reviewed digest, and the reviewed plan file (P(haivision.media.plan_report#filter)).
  - Each host of the plan file is V(applied) (V(verified) in check mode), V(changed since review) (its line-up
    planned something else and wrote nothing; the entry lists the writes C(added), C(dropped) and C(changed)
    versus the reviewed plan), V(failed) (another error, or a reviewed plan that had an error), or V(not run)
    (not in the run's inventory or limit). Devices of O(devices) that the plan file does not hold are
    C(untouched).
  - C(ok) is true only when every reviewed host applied (or verified).
  - Used by the C(playbooks/apply.yml) playbook (C(haivision.media.apply)) of this collection.
options:
  _input:
    description: The fragments, one per device the run applied.
    type: list
    elements: dict
    required: true
  reviewed:
    description: The reviewed plan file.
    type: dict
    required: true
  devices:
    description: Every device of the run, to list those the plan file does not hold.
    type: list
    elements: str
  check:
    description: The run was in check mode (nothing written; V(verified) instead of V(applied)).
    type: bool
    default: false
  generated:
    description: When the run was made, copied into the report.
    type: str
seealso:
  - plugin_type: filter
    plugin: haivision.media.plan_report
'''

EXAMPLES = r'''
- name: Apply the reviewed plan of this Kraken
  haivision.media.kraken_lineup:
    outputs:
      - {name: studio-out, url: "udp://239.20.0.1:4900", ttl: 16}
    expect_plan_digest: "{{ reviewed.hosts[inventory_hostname].plan_digest | default('empty', true) }}"
  register: applied
  ignore_errors: true

- name: What happened
  ansible.builtin.debug:
    msg: >-
      {{ ([{'device': inventory_hostname, 'product': 'kraken', 'result': applied,
            'error': applied.msg if applied is failed else none}]
          | haivision.media.apply_report(reviewed, devices=[inventory_hostname])).summary_lines }}
'''

RETURN = r'''
_value:
  description: The apply report.
  type: dict
  contains:
    ok:
      description: Whether every reviewed host applied its plan.
      type: bool
    check_mode:
      description: O(check).
      type: bool
    hosts:
      description:
        - One entry per host of the plan file, by name, with C(status), C(reviewed_digest), C(plan) (the writes
          the line-up sent, or would send), C(error), and for V(changed since review) C(plan_digest) (now) and
          C(differences) (C({added, dropped, changed}) lists of writes; each C(changed) write has C(fields), the
          options whose value differs, C({option, reviewed, now})).
      type: dict
    untouched:
      description: Devices of O(devices) that the plan file does not hold.
      type: list
      elements: str
    summary:
      description: Counts of C(reviewed), C(applied), C(not_applied) and C(untouched).
      type: dict
    summary_lines:
      description: The human summary, one line per host and one per write added, dropped or changed.
      type: list
      elements: str
'''

from ansible_collections.haivision.media.plugins.plugin_utils.change_control import apply_report


class FilterModule(object):
    """haivision.media.apply_report"""

    def filters(self):
        return {"apply_report": apply_report}
