# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How secrets look in results and diffs: present, changed or not, never readable."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

MASK = "********"

# Secret fields in any device view, by the names our results use.
SECRET_KEYS = frozenset(("srt_passphrase", "passphrase", "srtPassphrase", "password", "consumer_secret"))


def mask_secrets(value, keys=SECRET_KEYS):
    """A copy of ``value`` with every secret key's non-empty value replaced by MASK."""
    if isinstance(value, dict):
        return dict((k, MASK if k in keys and v not in (None, "") else mask_secrets(v, keys)) for k, v in value.items())
    if isinstance(value, list):
        return [mask_secrets(v, keys) for v in value]
    return value
