# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``haivision.media.drift_report`` filter: the merged drift report of all devices."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: drift_report
author: haivision.media developers (@haivision-media)
version_added: 0.1.0
short_description: Merge per-device drift fragments into one drift report
positional: _input, mode, devices, run_id, generated
description:
  - Takes the per-device fragments (C({device, product, changes, error}), the C(changes) built with
    P(haivision.media.drift_changes#filter)) and returns one report with counts, a status per device
    (V(clean), V(drift), V(corrected) or V(error)), every change, every error, and a short human summary
    in C(summary_lines).
  - Devices named in O(devices) without a fragment are reported as errors.
  - Used by the C(playbooks/enforce.yml) playbook of this collection.
options:
  _input:
    description: The fragments, one per device.
    type: list
    elements: dict
    required: true
  mode:
    description: V(report) (check mode, nothing written) or V(enforce) (drift corrected).
    type: str
    choices: [report, enforce]
    default: report
  devices:
    description: Every device the run covered, so that a device without a fragment shows as an error.
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
    plugin: haivision.media.drift_changes
'''

EXAMPLES = r'''
- name: Merge the fragments
  ansible.builtin.set_fact:
    report: "{{ fragments | haivision.media.drift_report('report', devices=groups['kraken']) }}"

- name: Show the summary
  ansible.builtin.debug:
    msg: "{{ report.summary_lines }}"
'''

RETURN = r'''
_value:
  description: The drift report.
  type: dict
  contains:
    mode:
      description: V(report) or V(enforce).
      type: str
    drift_found:
      description: Whether any resource drifted (in V(enforce) mode, was corrected).
      type: bool
    summary:
      description: Counts of C(devices), C(devices_with_drift), C(resources) and C(errors).
      type: dict
    devices:
      description: One C({device, product, status, changes, error}) per device.
      type: list
      elements: dict
    changes:
      description: Every change, as returned by P(haivision.media.drift_changes#filter).
      type: list
      elements: dict
    errors:
      description: One C({device, error}) per device that could not be checked.
      type: list
      elements: dict
    summary_lines:
      description: The human summary, one line per change or error.
      type: list
      elements: str
'''

from ansible_collections.haivision.media.plugins.plugin_utils.drift import drift_report


class FilterModule(object):
    """haivision.media.drift_report"""

    def filters(self):
        return {"drift_report": drift_report}
