# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``haivision.media.health_report`` filter: the merged health report of all devices."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: health_report
author: haivision.media developers (@haivision-media)
version_added: 0.1.0
short_description: Merge per-device health fragments into one health report
positional: _input, devices, run_id, generated
description:
  - Takes the fragments made with P(haivision.media.health_fragment#filter) and returns one report with counts,
    a status per device (V(ok), V(down) or V(unreachable)), every problem and a short human summary in
    C(summary_lines).
  - C(healthy) is false when a device is unreachable or a resource is V(down); V(mismatch) alone keeps it true.
  - Devices named in O(devices) without a fragment are reported unreachable.
  - Used by the C(playbooks/health.yml) playbook of this collection.
options:
  _input:
    description: The fragments, one per device.
    type: list
    elements: dict
    required: true
  devices:
    description: Every device the run covered, so that a device without a fragment shows as unreachable.
    type: list
    elements: str
  run_id:
    description: An identifier of the run, copied into the report.
    type: str
  generated:
    description: When the report was made, copied into the report.
    type: str
seealso:
  - plugin_type: filter
    plugin: haivision.media.health_fragment
'''

EXAMPLES = r'''
- name: Merge the fragments
  ansible.builtin.set_fact:
    report: "{{ fragments | haivision.media.health_report(devices=ansible_play_hosts_all) }}"

- name: Show the summary
  ansible.builtin.debug:
    msg: "{{ report.summary_lines }}"
'''

RETURN = r'''
_value:
  description: The health report.
  type: dict
  contains:
    healthy:
      description: False when a device is unreachable or something the line-up wants running is down.
      type: bool
    summary:
      description: Counts of C(devices), C(unreachable), and resources C(down), C(mismatch), C(ok), C(unmanaged).
      type: dict
    devices:
      description: One C({device, product, reachable, version, status, error, resources}) per device.
      type: list
      elements: dict
    problems:
      description: Every resource whose status is V(down) or V(mismatch), with its C(device) and C(product).
      type: list
      elements: dict
    summary_lines:
      description: The human summary, one line per device and per problem.
      type: list
      elements: str
'''

from ansible_collections.haivision.media.plugins.plugin_utils.health import health_report


class FilterModule(object):
    """haivision.media.health_report"""

    def filters(self):
        return {"health_report": health_report}
