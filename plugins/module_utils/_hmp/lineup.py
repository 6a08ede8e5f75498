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
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import (
    KEYS, SESSIONS_PATH, SINGULAR, SOURCES_PATH, find_one, source_directory)
from ansible_collections.haivision.media.plugins.module_utils._hmp.session import HMPSession, SessionTask
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import PrincipalDirectory
from ansible_collections.haivision.media.plugins.module_utils._hmp.source import HMPSource
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import run_concurrently
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import (
    apply_lineup, lineup_argument_spec, lineup_result, validate_items)

KINDS = {"sources": HMPSource, "sessions": HMPSession}
PURGED_SESSION = dict(state="absent", force=False, purge_metadata=False, purge_shares=False)


def hmp_lineup_argument_spec():
    return lineup_argument_spec(KINDS)


def match(client, kind, params, listed):
    """The record an item names (by id, else by its name or title) in a list read once."""
    record = find_one(client, kind, params.get(KEYS[kind]), params.get("id"), entries=listed)
    if params.get("id") and record is None:
        raise IdentityError("no %s with id %s on this HMP" % (SINGULAR[kind], params["id"]))
    return record


def plan_lineup(client, params, items):
    """Every source's and session's Change, planned on collections listed once; nothing is written.

    The changes come in the order of the result's entries: sources, sessions,
    then removals (sessions first); the writes' ranks say the same.
    """
    listed = dict(zip(("sources", "sessions"), run_concurrently([lambda: client.list_all(SOURCES_PATH),
                                                                 lambda: client.list_all(SESSIONS_PATH)])))
    # The one source list for every session, with the sources this line-up creates or renames.
    directory = source_directory(client, listed=listed["sources"])
    kinds = {"sources": HMPSource(client),
             "sessions": HMPSession(client, directory, PrincipalDirectory(client), read_all=False)}
    records = dict((kind, [match(client, kind, item, listed[kind]) for item, dummy in items[kind]])
                   for kind in ("sources", "sessions"))
    kinds["sessions"].prefetch([(desired, record) for (dummy, desired), record in zip(items["sessions"], records["sessions"])])
    named = {"sources": set(), "sessions": set()}
    changes, removals = [], []
    for kind in ("sources", "sessions"):
        for (item, desired), record in zip(items[kind], records[kind]):
            if record:
                named[kind].add(record["id"])
            change = kinds[kind].plan(item, desired, record)
            directory.learn(change)
            (removals if item["state"] == "absent" else changes).append(change)
    if params["purge"]:
        removals += plan_purge(params, kinds, listed, named)
    return changes + sorted(removals, key=lambda change: change.kind != "sessions")


def plan_purge(params, kinds, listed, named):
    """Removals of the sources and sessions the line-up does not name (only the kinds it gives)."""
    removals = []
    if params.get("sessions") is not None:
        for record in listed["sessions"]:
            if record["id"] not in named["sessions"]:
                item = dict(PURGED_SESSION, title=record.get("title"), id=record["id"])
                removals.append(kinds["sessions"].plan(item, SessionTask(item), record))
    if params.get("sources") is not None:
        for record in listed["sources"]:
            if record["id"] not in named["sources"]:
                removals.append(kinds["sources"].plan(dict(name=record.get("name"), id=record["id"], state="absent"),
                                                      {}, record))
    return removals


def converge_hmp_lineup(module):
    params = module.params
    items = validate_items(params, KINDS, lambda kind, item: KINDS[kind].desired(item), id_key="id")  # before any request
    with HMPClient.from_module(module) as client:
        changes = plan_lineup(client, params, items)
        if any(change.changed for change in changes) and not module.check_mode:
            apply_lineup(changes)
        return lineup_result(changes, logins=client.logins, requests=client.stats["requests"])
