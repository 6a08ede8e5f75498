# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``haivision.media.export_host_vars`` filter: the host_vars file of an exported device."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: export_host_vars
author: haivision.media developers (@haivision-media)
version_added: 0.1.0
short_description: The host_vars file of a device exported as a line-up
positional: _input, host, variable
description:
  - Takes the RV(haivision.media.kraken_info#module:lineup) of M(haivision.media.kraken_info) (or the C(lineup)
    of M(haivision.media.hmp_info)), gathered with C(gather=[lineup]), and returns the text of the YAML file
    C(host_vars/<host>.yml) that C(playbooks/enforce.yml) reads, holding the line-up under O(variable).
  - Each secret of O(secrets) (the info module's C(lineup_secrets)) is written as a reference to a vault
    variable, C({{ vault_<host>_<kind>_<name>_<option> }}) made a valid variable name (lower case, any other
    character than a letter or digit becomes C(_); the item's id is added when its name is not unique); a
    comment block at the top of the file lists the variables to define.
  - Text that contains C({{), C({%) or C({#) is written with the C(!unsafe) tag, so that Ansible keeps it as it is.
  - The file holds no date or other changing data, so two exports of one device give the same file.
  - Used by the C(playbooks/export.yml) playbook (C(haivision.media.export)) of this collection.
options:
  _input:
    description: The exported line-up.
    type: dict
    required: true
  host:
    description: The inventory host the file is for; part of the vault variables' names.
    type: str
    required: true
  variable:
    description: The variable that holds the line-up in the file.
    type: str
    required: true
    choices: [kraken_lineup, hmp_lineup]
  secrets:
    description: The secrets the export left out, C([{kind, name, option}]) (and C(uuid) or C(id) when the name
      is not unique), as the info module returns them in C(lineup_secrets).
    type: list
    elements: dict
  connection:
    description: Variables written before the line-up, such as the host's C(kraken_url) or C(hmp_url).
    type: dict
seealso:
  - module: haivision.media.kraken_info
  - module: haivision.media.kraken_lineup
'''

EXAMPLES = r'''
- name: Export the Kraken
  haivision.media.kraken_info:
    gather: [lineup]
  register: exported

- name: Write its host_vars file
  ansible.builtin.copy:
    content: >-
      {{ (exported.lineup | haivision.media.export_host_vars(inventory_hostname, 'kraken_lineup',
          secrets=exported.lineup_secrets, connection={'kraken_url': kraken_url})).content }}
    dest: "inventory/host_vars/{{ inventory_hostname }}.yml"
    mode: "0640"
  delegate_to: localhost
'''

RETURN = r'''
_value:
  description: The file and what it asks of the user.
  type: dict
  contains:
    content:
      description: The text of the file (YAML, starting with C(---) and the comment block).
      type: str
    vault_variables:
      description: The variables to define, C({variable, kind, name, option}) (and C(id) for an item whose name is
        not unique), sorted.
      type: list
      elements: dict
    warnings:
      description: Items exported by name and id, as the comment block says.
      type: list
      elements: str
'''

from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.haivision.media.plugins.plugin_utils.export import export_host_vars


def export_host_vars_filter(lineup, host, variable, secrets=None, connection=None):
    # The file's text holds "{{ vault_... }}" references: they are for enforce.yml, not for this play.
    return wrap_var(export_host_vars(lineup, host, variable, secrets=secrets, connection=connection))


class FilterModule(object):
    """haivision.media.export_host_vars"""

    def filters(self):
        return {"export_host_vars": export_host_vars_filter}
