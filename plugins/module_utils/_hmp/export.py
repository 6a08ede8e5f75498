# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A live HMP as the input of hmp_lineup (``hmp_info`` with ``gather: [lineup]``).

Every item is built from the kinds' own declarations (``SOURCE_FIELDS``,
``SESSION_FIELDS``, ``SOURCE_TYPE_OPTIONS``) and the canonical forms the
session planners compare (``parts.part_reads``, ``device_metadata``,
``active_schedule``), so that the export fed back to ``hmp_lineup`` compares
equal: only what the device reports, option names and values as the modules
take them, sources, users and groups by name. An item is named by its name
(title) alone when that is unique on the platform, so that the export applies
to another HMP; otherwise by name and id, with a warning; by id alone when the
name begins or ends with white space, which hmp_lineup refuses. Secret fields are
never exported: they are listed in ``secrets`` instead. Items are sorted by
name, nested lists kept in the device's (stable) order or sorted where the
modules compare them as sets, so two exports of one platform are equal.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import (
    SESSION_FIELDS, SOURCE_FIELDS, SOURCE_TYPE_OPTIONS)
from ansible_collections.haivision.media.plugins.module_utils._hmp.metadata import CATEGORY_PREFIX, device_metadata, is_reserved
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import KEYS, SESSIONS_PATH, SOURCES_PATH, SINGULAR
from ansible_collections.haivision.media.plugins.module_utils._hmp.schedule import active_schedule
from ansible_collections.haivision.media.plugins.module_utils._hmp.parts import SESSION_PARTS_READ, part_reads, read_many_parts
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import device_permission
from ansible_collections.haivision.media.plugins.module_utils._common.fields import unusable_name
from ansible_collections.haivision.media.plugins.module_utils._common.identity import duplicated_names
from ansible_collections.haivision.media.plugins.module_utils._common.transport import run_concurrently


def _schedule(events):
    """The active events (the module's canonical form) in start order, ties in one order whatever the device's."""
    return sorted(active_schedule(events), key=lambda e: (e.get("start_time") or 0, json.dumps(e, sort_keys=True)))


def _identity(kind, record, duplicated):
    """The item's name (title), and its id when the name does not identify it alone."""
    key = KEYS[kind]
    if unusable_name(record.get(key)):
        return {"id": record["id"]}  # hmp_lineup refuses such a name: the item leaves it alone
    item = {key: record.get(key)}
    if record.get(key) in duplicated or not record.get(key):
        item["id"] = record["id"]
    return item


class Export:
    """One export: the line-up, its secrets and the warnings, built from lists read once."""

    def __init__(self, client):
        self.client = client
        self.secrets = []
        self.warnings = []

    def warn_duplicates(self, kind, records, duplicated):
        key = KEYS[kind]
        for name in sorted(duplicated, key=lambda n: "%s" % n):
            ids = sorted(r["id"] for r in records if r.get(key) == name)
            self.warnings.append("%d %ss have the %s %r (ids: %s): exported with their ids, so this line-up "
                                 "applies to this HMP only; give them unique %ss to export them by %s alone"
                                 % (len(ids), SINGULAR[kind], key, name, ", ".join(ids), key, key))

    def run(self):
        sources, sessions = run_concurrently([lambda: self.client.list_all(SOURCES_PATH),
                                              lambda: self.client.list_all(SESSIONS_PATH)])
        # Every part of every session, read side by side as the session planner reads them (so they compare the same).
        read = read_many_parts(dict((s["id"], part_reads(self.client, "%s/%s" % (SESSIONS_PATH, quote_id(s["id"])), s,
                                                         SESSION_PARTS_READ)) for s in sessions))
        parts = [read[s["id"]] for s in sessions]
        source_dups = duplicated_names(sources, "name")
        session_dups = duplicated_names(sessions, "title")
        self.warn_duplicates("sources", sources, source_dups)
        self.warn_duplicates("sessions", sessions, session_dups)
        for kind, records in (("sources", sources), ("sessions", sessions)):
            key = KEYS[kind]
            for record in (r for r in records if unusable_name(r.get(key))):
                self.warnings.append("%s %r (id %s): hmp_lineup refuses a %s that begins or ends with white space, so "
                                     "it is exported by id, without the %s"
                                     % (SINGULAR[kind], record[key], record["id"], key, key))
        # A session names a source by name when that is unique, else by id (the line-up takes both).
        references = dict((s["id"], s["id"] if s.get("name") in source_dups or not s.get("name")
                           or unusable_name(s["name"]) else s["name"]) for s in sources)
        lineup = {
            "sources": self.sorted_items("sources", [self.source_item(s, source_dups) for s in sources]),
            "sessions": self.sorted_items("sessions", [self.session_item(s, p, session_dups, references)
                                                       for s, p in zip(sessions, parts)]),
        }
        self.secrets.sort(key=lambda s: (s["kind"], "%s" % s["name"], s.get("id") or ""))
        return lineup

    @staticmethod
    def sorted_items(kind, items):
        key = KEYS[kind]
        return sorted((i for i in items if i is not None), key=lambda i: ("%s" % i.get(key), i.get("id") or ""))

    def source_item(self, record, duplicated):
        state = SOURCE_FIELDS.from_device(record)
        allowed = SOURCE_TYPE_OPTIONS.get(state.get("type"))
        if allowed is None:
            self.warnings.append("source %r (id %s) is of type %r, which hmp_lineup does not manage: not exported"
                                 % (record.get("name"), record.get("id"), state.get("type")))
            return None
        item = _identity("sources", record, duplicated)
        values, secrets = SOURCE_FIELDS.exported(state, allowed)
        values.pop("name", None)
        item.update(values)
        for option in secrets:
            secret = {"kind": "sources", "name": record.get("name"), "option": option}
            if "id" in item:
                secret["id"] = item["id"]
            self.secrets.append(secret)
        return item

    def session_item(self, record, parts, duplicated, references):
        item = _identity("sessions", record, duplicated)
        values, _secrets = SESSION_FIELDS.exported(SESSION_FIELDS.from_device(record))  # no session field is secret
        values.pop("title", None)
        item.update(values)
        item["sources"] = [references.get(source_id, source_id) for source_id in parts["sources"]]
        metadata, categories = self.metadata(record, parts["metadata"])
        if metadata:
            item["metadata"] = metadata
        if categories:
            item["categories"] = categories
        shares = [self.share(share) for share in parts["shares"]]
        if shares:
            item["shares"] = sorted(shares, key=lambda s: (s["type"], "%s" % s.get("name", s.get("id")).lower()))
        item["public_share"] = parts["public_share"]
        item["schedule"] = _schedule(parts["events"])
        return item

    def metadata(self, record, entries):
        """The session's own metadata entries and its categories, as the module's options take them.

        Haivision's own entries (``calypso:creator`` ...) are the platform's, not the user's: left out.
        """
        metadata, categories = {}, {}
        for name, values in sorted(device_metadata(entries).items()):
            if is_reserved(name) or not values:
                continue
            if any(isinstance(v, dict) and "type" not in v for v in values):
                self.warnings.append("session %r (id %s): metadata entry %r has a field type hmp_session does not "
                                     "manage: not exported" % (record.get("title"), record["id"], name))
                continue
            if name.startswith(CATEGORY_PREFIX) and all(isinstance(v, str) for v in values):
                categories[name[len(CATEGORY_PREFIX):]] = values  # already a sorted set (device_metadata)
            else:
                metadata[name] = values
        return metadata, categories

    @staticmethod
    def share(share):
        """One share: its user or group by name (by id when the platform names none) and its permission."""
        item = {"name": share["name"]} if share.get("name") and not unusable_name(share["name"]) else {"id": share.get("id")}
        item.update(type=share.get("shareType"), permission=device_permission(share.get("permission")))
        return item


def export_lineup(client):
    """``(lineup, secrets, warnings)``: the platform's sources and sessions as ``hmp_lineup`` takes them."""
    export = Export(client)
    lineup = export.run()
    return lineup, export.secrets, export.warnings
