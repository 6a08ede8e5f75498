# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HMP sources and sessions in one task, under one login, on the resource modules' convergers.

Sources and sessions are each listed once. Sources are converged first (a
session refers to them), then sessions, then the removals: sessions before
the sources they may use.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import SOURCE_FIELDS, SOURCE_REQUIRED_IF
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import (
    SESSIONS_PATH, SOURCES_PATH, IdentityError, SourceDirectory, find_one)
from ansible_collections.haivision.media.plugins.module_utils._hmp.session import (
    SessionConverger, SessionTask, session_argument_spec)
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import PrincipalDirectory
from ansible_collections.haivision.media.plugins.module_utils._hmp.source import (
    converge_source_record, desired_source, source_argument_spec)
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import (
    LineupError, combined_lineup_diff, lineup_entry)
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

KEYS = {"sources": "name", "sessions": "title"}


def hmp_lineup_argument_spec():
    # Items are validated by validate_items() against the resource modules' own specs.
    return dict(sources=dict(type="list", elements="dict"), sessions=dict(type="list", elements="dict"),
                purge=dict(type="bool", default=False))


def lineup_secret_values(params):
    """Every source passphrase in the line-up's items (raw params: items may not be valid yet)."""
    items = params.get("sources")
    return set().union(*[SOURCE_FIELDS.secret_values(i) for i in (items if isinstance(items, list) else []) if isinstance(i, dict)])


def validate_items(module):
    """Every item checked with its module's spec, before any request (secrets: see lineup_secret_values)."""
    validators = {
        "sources": ArgumentSpecValidator(source_argument_spec(), required_one_of=[("name", "id")], required_if=SOURCE_REQUIRED_IF),
        "sessions": ArgumentSpecValidator(session_argument_spec(), required_one_of=[("title", "id")]),
    }
    checked = {}
    for kind, validator in validators.items():
        items = []
        for index, raw in enumerate(module.params.get(kind) or []):
            result = validator.validate(raw)
            if result.error_messages:
                label = raw.get(KEYS[kind]) or raw.get("id") or "#%d" % index
                raise ValidationError("%s[%d] (%s): %s" % (kind, index, label, "; ".join(result.error_messages)))
            params = result.validated_parameters
            items.append((params, desired_source(params) if kind == "sources" else SessionTask(params)))
        names = [p[KEYS[kind]] for p, _d in items if p.get(KEYS[kind])]
        twice = sorted(set(n for n in names if names.count(n) > 1))
        if twice:
            raise ValidationError("%s lists %s more than once" % (kind, ", ".join(twice)))
        checked[kind] = items
    return checked


def match(client, collection, key, params, listed):
    """The record an item names (by id, else by its name or title) in a list read once."""
    what = "source" if collection == SOURCES_PATH else "session"
    record = find_one(client, collection, key, params.get(key), params.get("id"), what, entries=listed)
    if params.get("id") and record is None:
        raise IdentityError("no %s with id %s on this HMP" % (what, params["id"]))
    return record


def action_of(result, params, record):
    if not result.get("changed"):
        return "none"
    if params.get("state") == "absent":
        return "delete"
    return "create" if record is None else "update"


class HMPLineup:
    """Runs the line-up; each entry records what it needed and whether it was written."""

    def __init__(self, client, check_mode, params, items):
        self.client = client
        self.check_mode = check_mode
        self.params = params
        self.items = items
        self.entries = []
        self.todo = []  # (kind, name) of every resource the run will compare, in order
        self.directory = None

    def step(self, kind, name, record, work, params):
        entry = lineup_entry(kind, name, "none", {}, (record or {}).get("id"))
        self.entries.append(entry)
        try:
            result = work()
        except HaivisionError as exc:
            entry["action"] = "failed"
            done = len(self.entries)
            raise LineupError(entry, exc, self.entries, unreached=self.todo[done:])
        entry.update(action=action_of(result, params, record), id=result.get("id") or entry["id"])
        entry["diff"] = result.get("diff") if entry["action"] != "none" else {"before": {}, "after": {}}
        entry["applied"] = entry["action"] != "none" and not self.check_mode
        return result

    def run(self):
        """Match every item in lists read once, order the work, then do it step by step."""
        sources = self.client.list_all(SOURCES_PATH)
        sessions = self.client.list_all(SESSIONS_PATH)
        named = {"sources": set(), "sessions": set()}
        steps, removals, planned = [], [], []
        for params, desired in self.items["sources"]:
            record = match(self.client, SOURCES_PATH, "name", params, sources)
            if record:
                named["sources"].add(record["id"])
            elif params["state"] != "absent":
                planned.append(params["name"])
            step = ("sources", params.get("name") or record["name"], record, self.source_work(params, desired, record), params)
            (removals if params["state"] == "absent" else steps).append(step)
        # The one source list for every session, kept current with what the source steps write (and,
        # in check mode, with the sources the line-up would create).
        directory = SourceDirectory(self.client, planned=planned if self.check_mode else (), listed=sources)
        self.directory = directory
        principals = PrincipalDirectory(self.client)
        for params, task in self.items["sessions"]:
            record = match(self.client, SESSIONS_PATH, "title", params, sessions)
            if record:
                named["sessions"].add(record["id"])
            converger = SessionConverger(self.client, self.check_mode, task, directory, principals)
            step = ("sessions", params.get("title") or record["title"], record, self.session_work(converger, record), params)
            (removals if params["state"] == "absent" else steps).append(step)
        if self.params["purge"]:
            removals += self.purge(sources, sessions, named, directory, principals)
        # Removals last, sessions before the sources they may use.
        steps += sorted(removals, key=lambda step: step[0] != "sessions")
        self.todo = [(kind, name) for kind, name, _record, _work, _params in steps]
        for kind, name, record, work, params in steps:
            self.step(kind, name, record, work, params)
        return self.entries

    def source_work(self, params, desired, record):
        def work():
            result = converge_source_record(self.client, self.check_mode, params, desired, record)
            if params["state"] != "absent":
                self.directory.learn(result.get("source") or {})
            return result
        return work

    @staticmethod
    def session_work(converger, record):
        return lambda: converger.run(record)

    def purge(self, sources, sessions, named, directory, principals):
        """Removals of the sources and sessions the line-up does not name (only the kinds it gives)."""
        removals = []
        if self.params.get("sessions") is not None:
            for record in sessions:
                if record["id"] not in named["sessions"]:
                    params = dict(title=record.get("title"), id=record["id"], state="absent", force=False,
                                  purge_metadata=False, purge_shares=False)
                    converger = SessionConverger(self.client, self.check_mode, SessionTask(params), directory, principals)
                    removals.append(("sessions", record.get("title"), record, self.session_work(converger, record), params))
        if self.params.get("sources") is not None:
            for record in sources:
                if record["id"] not in named["sources"]:
                    params = dict(name=record.get("name"), id=record["id"], state="absent")
                    removals.append(("sources", record.get("name"), record, self.source_work(params, {}, record), params))
        return removals


def converge_hmp_lineup(module):
    items = validate_items(module)  # before any request
    with HMPClient.from_module(module) as client:
        entries = HMPLineup(client, module.check_mode, module.params, items).run()
        changed = any(e["action"] != "none" for e in entries)
        return dict(changed=changed, resources=entries, diff=combined_lineup_diff(entries), logins=client.logins,
                    requests=client.stats["requests"])
