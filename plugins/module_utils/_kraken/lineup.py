# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole Kraken line-up in one task, on the resource kinds' own plans.

Each collection is listed once; detail reads run on a small bounded pool;
every resource is planned before the first write; the writes then go in the
ranks the kinds declare (see resource.py): stream removals, then inputs,
outputs and transcoders, then stream fields, then stream run states, then
removals of what streams referred to.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import LINEUP_KINDS, KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.kinds import KrakenInput, KrakenOutput, KrakenTranscoder
from ansible_collections.haivision.media.plugins.module_utils._kraken.stream import KrakenStream
from ansible_collections.haivision.media.plugins.module_utils._common import kind
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import lineup_argument_spec
from ansible_collections.haivision.media.plugins.module_utils._common.plan import CHANGE_CONTROL_SPEC

# The class of each line-up kind (client.LINEUP_KINDS), and the kinds in the order a line-up plans them.
KIND_TYPES = dict((cls.kind, cls) for cls in (KrakenInput, KrakenOutput, KrakenTranscoder, KrakenStream))
LINEUP_TYPES = tuple(KIND_TYPES[collection] for collection in LINEUP_KINDS)


def argument_spec():
    return dict(lineup_argument_spec(dict((kind, KIND_TYPES[kind]) for kind in LINEUP_KINDS)), **CHANGE_CONTROL_SPEC)


def plan_lineup(client, params, items, check_mode=False):
    return kind.plan_lineup(client, LINEUP_TYPES, params, items, check_mode)


def converge_lineup(module):
    return kind.converge_lineup(module, LINEUP_TYPES, KrakenClient, extras=lambda client: dict(requests=client.stats["requests"]))
