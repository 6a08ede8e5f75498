# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``haivision.media.health_fragment`` filter: one device's health against its line-up."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: health_fragment
author: haivision.media developers (@haivision-media)
version_added: 0.1.0
short_description: One device's health against its line-up, from a kraken_info or hmp_info result
positional: _input, device, product, lineup, error, must_record
description:
  - Takes the registered result of M(haivision.media.kraken_info) (gather V(system), V(streams)) or
    M(haivision.media.hmp_info) (gather V(version), V(sources), V(sessions), V(recordings)) and returns the
    device's fragment of the health report; P(haivision.media.health_report#filter) merges them.
  - 'Kraken streams: a line-up stream with C(state: started) must be C(active) (C(waiting) or C(stopped) is
    V(down)); C(stopped) must be stopped, C(absent) must not exist, any other must exist (else V(mismatch)).
    Streams the line-up does not name are V(unmanaged).'
  - 'HMP: a line-up source must exist and have stream data (C(active), else V(down)); a line-up session must
    exist, and have the line-up''s C(active) flag when it gives one (else V(mismatch)). Each session named in
    O(must_record) must have an active recording in state C(RECORDING) (none or paused is V(down)); other active
    recordings are V(unmanaged).'
  - A failed or skipped result, or an O(error), makes the device unreachable.
  - Only names, ids, states and the version are kept; no connection option goes into a fragment.
  - Used by the C(playbooks/health.yml) playbook of this collection.
options:
  _input:
    description: The registered result of the info module.
    type: dict
    required: true
  device:
    description: The device's name in the report (the inventory host).
    type: str
    required: true
  product:
    description: Which product the result comes from.
    type: str
    choices: [kraken, hmp]
    required: true
  lineup:
    description: The device's line-up (C(kraken_lineup) or C(hmp_lineup) of the inventory).
    type: dict
  error:
    description: Why the device could not be read; makes it unreachable.
    type: str
  must_record:
    description: HMP session titles or ids that must be recording now.
    type: list
    elements: str
seealso:
  - plugin_type: filter
    plugin: haivision.media.health_report
'''

EXAMPLES = r'''
- name: Read the Kraken
  haivision.media.kraken_info:
    gather: [system, streams]
  register: info

- name: This device's part of the health report
  ansible.builtin.set_fact:
    fragment: "{{ info | haivision.media.health_fragment(inventory_hostname, 'kraken', kraken_lineup) }}"
'''

RETURN = r'''
_value:
  description: The fragment.
  type: dict
  contains:
    device:
      description: The device's name.
      type: str
    product:
      description: V(kraken) or V(hmp).
      type: str
    reachable:
      description: Whether the device answered.
      type: bool
    version:
      description: The device's software version.
      type: str
    error:
      description: Why the device could not be read.
      type: str
    resources:
      description: One C({kind, name, id, state, wanted, status, note}) per stream, source, session or recording;
        C(status) is V(ok), V(down), V(mismatch) or V(unmanaged).
      type: list
      elements: dict
'''

from ansible_collections.haivision.media.plugins.plugin_utils.health import health_fragment


class FilterModule(object):
    """haivision.media.health_fragment"""

    def filters(self):
        return {"health_fragment": health_fragment}
