# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``haivision.media.drift_changes`` filter: one device's drift entries from its registered resource tasks."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: drift_changes
author: haivision.media developers (@haivision-media)
version_added: 0.1.0
short_description: Turn a registered line-up or resource task into drift report entries
positional: _input, device, module, items
description:
  - Takes the registered result of a M(haivision.media.kraken_lineup) or M(haivision.media.hmp_lineup)
    task, or of a haivision.media resource module task with or without a loop, and returns one entry
    for each resource that the task changed, or would change in check mode.
  - Each entry holds the device, the module, the resource's name (or title, uuid, id), the action
    (V(create), V(update) or V(delete)), the fields that differ, and their values before and after,
    taken from the result's C(diff), in which secrets are already masked (secret keys are masked once
    more, in case a value ever came in clear).
  - From a line-up's result, the entries are its C(resources) whose C(action) is V(create), V(update)
    or V(delete), listed by kind (inputs, transcoders, outputs, streams; sources, sessions) in the
    line-up's order; the module is the resource module whose options the kind's items take (for
    example V(haivision.media.kraken_input) for V(inputs)). A line-up that failed part-way still lists
    every resource it planned, and those it did not write get a C(note) saying they were not applied.
  - From a resource module's result, the action is the result's C(action) where it has one, else it is
    read from the diff (a resource without a name before the change was created). A result that failed
    but that the task's C(failed_when) let pass gives an entry with action V(pending) and the module's
    message as C(note).
  - Used by the C(playbooks/enforce.yml) playbook of this collection.
options:
  _input:
    description: The registered result of the task.
    type: dict
    required: true
  device:
    description: The device's name in the report, usually C(inventory_hostname).
    type: str
    required: true
  module:
    description:
      - The module's fully qualified name, for the report. Required for a resource module's result;
        a line-up's result names the module of each resource by its kind.
    type: str
  items:
    description:
      - For a resource module task that looped over a list by index (C(loop_control.loop_var) holding
        the index), the list, to name each resource without looping over the items themselves, which
        may hold secrets.
      - Without it, the name comes from the loop item or from the resource the module returned.
    type: list
    elements: dict
seealso:
  - plugin_type: filter
    plugin: haivision.media.drift_report
  - module: haivision.media.kraken_lineup
  - module: haivision.media.hmp_lineup
'''

EXAMPLES = r'''
- name: What drifted on the device (check mode, nothing written)
  haivision.media.kraken_lineup:
    inputs: "{{ kraken_lineup.inputs | default(omit) }}"
    outputs: "{{ kraken_lineup.outputs | default(omit) }}"
    transcoders: "{{ kraken_lineup.transcoders | default(omit) }}"
    streams: "{{ kraken_lineup.streams | default(omit) }}"
  check_mode: true
  register: lineup_result

- name: As drift report entries
  ansible.builtin.set_fact:
    drift: "{{ lineup_result | haivision.media.drift_changes(inventory_hostname) }}"
    # [{"device": "kraken-a", "module": "haivision.media.kraken_output", "resource": "studio-out",
    #   "action": "update", "fields": ["ttl"], "before": {"ttl": 64}, "after": {"ttl": 16}}]

- name: One resource module task, looped over a list by index
  haivision.media.kraken_output:
    name: "{{ outputs[index].name }}"
    url: "{{ outputs[index].url }}"
  loop: "{{ range(outputs | length) | list }}"
  loop_control:
    loop_var: index
    label: "{{ outputs[index].name }}"
  check_mode: true
  diff: true
  register: outputs_result

- name: Its drift report entries
  ansible.builtin.set_fact:
    drift: "{{ outputs_result | haivision.media.drift_changes(inventory_hostname, 'haivision.media.kraken_output', outputs) }}"
'''

RETURN = r'''
_value:
  description: One entry per changed resource.
  type: list
  elements: dict
'''

from ansible_collections.haivision.media.plugins.plugin_utils.drift import drift_changes


class FilterModule(object):
    """haivision.media.drift_changes"""

    def filters(self):
        return {"drift_changes": drift_changes}
