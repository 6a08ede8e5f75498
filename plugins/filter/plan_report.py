# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``haivision.media.plan_report`` filter: every device's plan, as the plan file of playbooks/plan.yml."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: plan_report
author: haivision.media developers (@haivision-media)
version_added: 0.1.0
short_description: Merge the devices' check-mode line-up results into one plan for review
positional: _input, devices, generated
description:
  - Takes one fragment per device, C({device, product, result, error}), where C(result) is the registered
    result of a M(haivision.media.kraken_lineup) or M(haivision.media.hmp_lineup) task run in check mode
    (V({}) for a device without a line-up), and returns the plan file that C(playbooks/plan.yml) writes as
    C(plan.json) and that C(playbooks/apply.yml) applies.
  - Per device it keeps the line-up's C(plan_digest), its C(plan) (the writes in order, no bodies), the
    C(changes) (each resource that changes, with its C(diff), secrets masked; secret keys are masked once
    more in case a value ever came in clear), C(kept_on_air) and the C(error) of a device that could not be
    planned.
  - Devices named in O(devices) without a fragment are in error.
  - Used by the C(playbooks/plan.yml) playbook (C(haivision.media.plan)) of this collection.
options:
  _input:
    description: The fragments, one per device.
    type: list
    elements: dict
    required: true
  devices:
    description: Every device the run covered, so that a device without a fragment shows as an error.
    type: list
    elements: str
  generated:
    description: When the plan was made, copied into it.
    type: str
seealso:
  - plugin_type: filter
    plugin: haivision.media.plan_markdown
  - plugin_type: filter
    plugin: haivision.media.apply_report
  - module: haivision.media.kraken_lineup
  - module: haivision.media.hmp_lineup
'''

EXAMPLES = r'''
- name: Plan the Kraken (check mode, nothing written)
  haivision.media.kraken_lineup:
    outputs:
      - {name: studio-out, url: "udp://239.20.0.1:4900", ttl: 16}
  check_mode: true
  register: planned

- name: As a plan file
  ansible.builtin.set_fact:
    plan: "{{ [{'device': inventory_hostname, 'product': 'kraken', 'result': planned}] | haivision.media.plan_report }}"
    # {"something_to_do": true, "summary": {"devices": 1, "devices_with_writes": 1, "writes": 1, "errors": 0},
    #  "hosts": {"kraken-a": {"product": "kraken", "plan_digest": "5f0c...", "plan": [{"method": "PUT", ...}],
    #            "changes": [...], "kept_on_air": [], "error": null}}, ...}
'''

RETURN = r'''
_value:
  description: The plan file.
  type: dict
  contains:
    something_to_do:
      description: Whether a device that could be planned has a write to send.
      type: bool
    summary:
      description: Counts of C(devices), C(devices_with_writes), C(writes) and C(errors).
      type: dict
    hosts:
      description:
        - One entry per device, by name, sorted, with C(product), C(plan_digest), C(plan), C(changes),
          C(kept_on_air) and C(error).
      type: dict
    generated:
      description: O(generated).
      type: str
    summary_lines:
      description: The human summary, one line per device.
      type: list
      elements: str
'''

from ansible_collections.haivision.media.plugins.plugin_utils.change_control import plan_report


class FilterModule(object):
    """haivision.media.plan_report"""

    def filters(self):
        return {"plan_report": plan_report}
