# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    """Attributes shared by the collection's modules."""

    DOCUMENTATION = r'''
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
'''

    INFO_MODULE = r'''
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details:
      - This action does not modify state.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: N/A
    details:
      - This action does not modify state.
'''

    KRAKEN_GROUP = r'''
options: {}
attributes:
  action_group:
    description: Use C(group/haivision.media.kraken) in C(module_defaults) to set the connection options once for all Kraken modules.
    support: full
    membership:
      - haivision.media.kraken
'''

    HMP_GROUP = r'''
options: {}
attributes:
  action_group:
    description: Use C(group/haivision.media.hmp) in C(module_defaults) to set the connection options once for all HMP modules.
    support: full
    membership:
      - haivision.media.hmp
'''
