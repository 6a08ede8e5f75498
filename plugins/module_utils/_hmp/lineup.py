# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HMP sources and sessions in one task, under one login, on the source and session kinds' own plans.

Sources and sessions are each listed once (side by side); the parts of
every session the line-up names are read side by side too, only those its
items manage (a line-up returns no session view); every source and session is
planned before the first write (a session may name a source the line-up
creates: it resolves to that source's placeholder, and its writes send the
real id). The writes then go in the kinds' ranks (see resource.py): sources,
then sessions, then removals, sessions before the sources they may use.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient
from ansible_collections.haivision.media.plugins.module_utils._hmp.session import HMPSession
from ansible_collections.haivision.media.plugins.module_utils._hmp.source import HMPSource
from ansible_collections.haivision.media.plugins.module_utils._common import kind
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import lineup_argument_spec
from ansible_collections.haivision.media.plugins.module_utils._common.plan import CHANGE_CONTROL_SPEC

# The kinds in the order a line-up plans them: sources before the sessions that use them.
LINEUP_TYPES = (HMPSource, HMPSession)
KINDS = dict((cls.kind, cls) for cls in LINEUP_TYPES)


def hmp_lineup_argument_spec():
    return dict(lineup_argument_spec(KINDS), **CHANGE_CONTROL_SPEC)


def plan_lineup(client, params, items, check_mode=False):
    return kind.plan_lineup(client, LINEUP_TYPES, params, items, check_mode)


def converge_hmp_lineup(module):
    return kind.converge_lineup(module, LINEUP_TYPES, HMPClient,
                                extras=lambda client: dict(logins=client.logins, requests=client.stats["requests"]))
