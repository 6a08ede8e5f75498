# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``haivision.media.plan_markdown`` filter: a plan file as a Markdown page for review."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: plan_markdown
author: haivision.media developers (@haivision-media)
version_added: 0.1.0
short_description: Render a plan file as a Markdown page, fit for a merge-request comment
positional: _input, title
description:
  - Takes the plan file made with P(haivision.media.plan_report#filter) and returns Markdown text with one
    section per device - its writes in the order they go (method, path, resource, action), its
    C(plan_digest), the before and after of every option that changes, what the purge leaves because it is
    on air, or the device's error.
  - Secrets appear only masked, as in the line-ups' diffs; values are shown in code spans on one line.
  - Used by the C(playbooks/plan.yml) playbook (C(haivision.media.plan)) of this collection, which writes the
    page as C(plan.md).
options:
  _input:
    description: The plan file.
    type: dict
    required: true
  title:
    description: The page's heading.
    type: str
    default: haivision.media plan
seealso:
  - plugin_type: filter
    plugin: haivision.media.plan_report
'''

EXAMPLES = r'''
- name: Write the page for the merge request
  ansible.builtin.copy:
    content: "{{ plan | haivision.media.plan_markdown('Plan of merge request 42') }}"
    dest: plan.md
    mode: "0644"
'''

RETURN = r'''
_value:
  description: The Markdown page.
  type: str
'''

from ansible_collections.haivision.media.plugins.plugin_utils.change_control import plan_markdown


class FilterModule(object):
    """haivision.media.plan_markdown"""

    def filters(self):
        return {"plan_markdown": plan_markdown}
