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
short_description: Turn a registered resource task into drift report entries
positional: _input, device, module, items
description:
  - Takes the registered result of a haivision.media resource module task, with or without a loop,
    and returns one entry for each resource that the task changed, or would change in check mode.
  - Each entry holds the device, the module, the resource's name (or title, uuid, id), the action
    (V(create), V(update), V(delete); a resource without a name before the change was created),
    the fields that differ, and their values before and after,
    taken from the module's C(diff), in which secrets are already masked.
  - A result that failed but that the task's C(failed_when) let pass gives an entry with action
    V(pending) and the module's message as C(note). C(playbooks/enforce.yml) does so in check mode
    for a stream or session that names a resource the same run would create first.
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
    description: The module's fully qualified name, for the report.
    type: str
    required: true
  items:
    description:
      - The list the task looped over by index (C(loop_control.loop_var) holding the index), to
        name each resource without looping over the items themselves, which may hold secrets.
      - Without it, the name comes from the loop item or from the resource the module returned.
    type: list
    elements: dict
seealso:
  - plugin_type: filter
    plugin: haivision.media.drift_report
'''

EXAMPLES = r'''
- name: Outputs of the device
  haivision.media.kraken_output:
    name: "{{ outputs[index].name }}"
    url: "{{ outputs[index].url }}"
    srt_passphrase: "{{ outputs[index].srt_passphrase | default(omit) }}"
  loop: "{{ range(outputs | length) | list }}"
  loop_control:
    loop_var: index
    label: "{{ outputs[index].name }}"
  check_mode: true
  diff: true
  register: outputs_result

- name: What drifted
  ansible.builtin.set_fact:
    drift: "{{ outputs_result | haivision.media.drift_changes(inventory_hostname, 'haivision.media.kraken_output', outputs) }}"
    # [{"device": "kraken-a", "module": "haivision.media.kraken_output", "resource": "studio-out",
    #   "action": "update", "fields": ["ttl"], "before": {"ttl": 64}, "after": {"ttl": 16}}]
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
