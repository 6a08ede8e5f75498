# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``haivision.media.drift_changes`` filter: one device's drift entries from its registered resource tasks (documented in drift_changes.yml)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.plugin_utils.drift import drift_changes


class FilterModule(object):
    """haivision.media.drift_changes"""

    def filters(self):
        return {"drift_changes": drift_changes}
