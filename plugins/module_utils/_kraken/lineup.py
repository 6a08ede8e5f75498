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

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.kinds import KrakenInput, KrakenOutput, KrakenTranscoder
from ansible_collections.haivision.media.plugins.module_utils._kraken.stream import KrakenStream
from ansible_collections.haivision.media.plugins.module_utils._kraken.resource import NicDirectory, find_one, kraken_directory
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import (
    apply_lineup, lineup_argument_spec, lineup_result, validate_items)

# The kinds in the order a line-up plans them: what streams refer to first.
KIND_TYPES = dict((cls.kind, cls) for cls in (KrakenInput, KrakenOutput, KrakenTranscoder, KrakenStream))
LINEUP_KINDS = ("inputs", "outputs", "transcoders", "streams")
KINDS = dict((kind, KIND_TYPES[kind]) for kind in LINEUP_KINDS)


def argument_spec():
    return lineup_argument_spec(KINDS)


def plan_lineup(client, params, items):
    """Every resource's change, planned on collections listed once and details read concurrently."""
    listed = dict(zip(LINEUP_KINDS, client.list_many(LINEUP_KINDS)))
    matches = {}
    for kind in LINEUP_KINDS:
        for item, _desired in items[kind]:
            matches[(kind, item.get("uuid") or item["name"])] = find_one(client, kind, item.get("name"), item.get("uuid"),
                                                                         entries=listed[kind])
    jobs = [(kind, entry["uuid"]) for (kind, _key), entry in matches.items() if entry]
    details = dict((kind, {}) for kind in LINEUP_KINDS)
    for (kind, uuid), raw in zip(jobs, client.get_many(jobs)):
        details[kind][uuid] = raw
    nics = NicDirectory(client)
    # What a stream may refer to: what is listed, plus what this run will create.
    directory = kraken_directory(client, known=listed)
    changes = []
    for kind in LINEUP_KINDS:
        resource = KINDS[kind](client, nics=nics, details=details[kind], directory=directory)
        for item, desired in items[kind]:
            change = resource.plan(item, desired, matches[(kind, item.get("uuid") or item["name"])])
            changes.append(change)
            directory.learn(change)
    if params["purge"]:
        changes.extend(plan_purge(client, params, listed, matches, nics, directory))
    return changes


def plan_purge(client, params, listed, matches, nics, directory):
    """Deletes of resources of the given kinds that the line-up does not name (only kinds it gives)."""
    named = set((kind, entry["uuid"]) for (kind, _key), entry in matches.items() if entry)
    changes = []
    for kind in LINEUP_KINDS:
        if params.get(kind) is None:
            continue
        resource = KINDS[kind](client, nics=nics, directory=directory)
        for entry in listed[kind]:
            if (kind, entry["uuid"]) not in named:
                changes.append(resource.plan({"state": "absent", "name": entry.get("name")}, {}, entry))
    return changes


def converge_lineup(module):
    params = module.params
    items = validate_items(params, KINDS, lambda kind, item: KINDS[kind].fields.desired(item))  # before any request
    client = KrakenClient.from_module(module)
    changes = plan_lineup(client, params, items)
    if any(change.changed for change in changes) and not module.check_mode:
        apply_lineup(changes)
    return lineup_result(changes, requests=client.stats["requests"])
