# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A live Kraken as a line-up: the input of kraken_lineup, built from the kinds' own field declarations.

The export is the inverse of the comparison: each resource's detail goes
through its kind's ``FieldSet.from_device`` (the very values the line-up
compares), keeps only what the device reported, and leaves secret fields out
(listed in ``secrets`` instead). A stream's references name the resources by
name when the name is unique on the device, else by uuid; an item whose name
is not unique carries its uuid too, with a warning. A name that begins or ends
with white space, which a line-up refuses, is left out: the item and references
to it go by uuid, with a warning. Items are sorted by name
(then uuid) and set values are sorted, so two exports of one device are equal.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import LINEUP_KINDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.lineup import KIND_TYPES
from ansible_collections.haivision.media.plugins.module_utils._kraken.stream import REFERENCE_KINDS, RUNNING
from ansible_collections.haivision.media.plugins.module_utils._common.fields import unusable_name
from ansible_collections.haivision.media.plugins.module_utils._common.identity import duplicated_names


def export_item(fields, raw, uuid=None):
    """(item, secret options) of one resource: the options the device reported, canonical, secrets left out."""
    values, secrets = fields.exported(fields.from_device(raw), drop_empty=True)
    item = {}
    if uuid and unusable_name(values.get("name")):
        # A line-up refuses such a name: the item means the resource by its uuid and leaves the name alone.
        del values["name"]
        item["uuid"] = uuid
    for option, value in values.items():
        item[option] = value
        if option == "name" and uuid:
            item["uuid"] = uuid
    return item, secrets


class Exporter:
    """The line-up of one device's details ({kind: [raw detail]})."""

    def __init__(self, details):
        self.details = details
        self.uuid_names = {}    # (kind, uuid) -> name
        self.ambiguous = {}     # kind -> names carried by more than one resource
        for kind in LINEUP_KINDS:
            self.ambiguous[kind] = duplicated_names(details[kind])
            for raw in details[kind]:
                self.uuid_names[(kind, raw["uuid"])] = raw.get("name")
        self.secrets = []
        self.warnings = []

    def reference(self, kind, uuid):
        """A reference by name when the name is unique on the device, else by uuid."""
        name = self.uuid_names.get((kind, uuid))
        if name is None or name in self.ambiguous[kind] or unusable_name(name):
            return uuid
        return name

    def export(self):
        lineup = {}
        for kind in LINEUP_KINDS:
            fields = KIND_TYPES[kind].fields
            items = []
            for raw in self.details[kind]:
                name = raw.get("name")
                by_uuid = name in self.ambiguous[kind] or unusable_name(name)
                item, secrets = export_item(fields, raw, raw["uuid"] if by_uuid else None)
                if kind == "streams":
                    self.stream_parts(item, raw)
                for option in secrets:
                    secret = dict(kind=kind, name=name, option=option)
                    if by_uuid:
                        secret["uuid"] = raw["uuid"]
                    self.secrets.append(secret)
                items.append(item)
            for name in sorted((n for n in self.ambiguous[kind] if not unusable_name(n)), key=str):
                count = sum(1 for raw in self.details[kind] if raw.get("name") == name)
                self.warnings.append("%d %s are named %r: exported by name and uuid, so the line-up holds this device only"
                                     % (count, kind, name))
            for name in sorted(set(r.get("name") for r in self.details[kind] if unusable_name(r.get("name")))):
                self.warnings.append("%s named %r: a line-up refuses a name that begins or ends with white space, so "
                                     "they are exported by uuid, without the name" % (kind, name))
            lineup[kind] = sorted(items, key=lambda i: (i.get("name") or "", i.get("uuid") or ""))
        self.secrets.sort(key=lambda s: (s["kind"], s["name"] or "", s.get("uuid") or "", s["option"]))
        return lineup

    def stream_parts(self, item, raw):
        """References by name (uuid where the name is not unique) and the run state as the module takes it."""
        for option, kind in REFERENCE_KINDS.items():
            value = item.get(option)
            if isinstance(value, list):
                item[option] = sorted(self.reference(kind, v) for v in value)
            elif value:
                item[option] = self.reference(kind, value)
        if raw.get("state"):
            item["state"] = "started" if raw["state"] in RUNNING else "stopped"


def export_lineup(client, details=None):
    """(lineup, secrets, warnings) of the device ``client`` talks to; reads only (``details``: already read,
    ``KrakenClient.details`` of every line-up kind)."""
    exporter = Exporter(details if details is not None else client.details(LINEUP_KINDS))
    lineup = exporter.export()
    return lineup, exporter.secrets, exporter.warnings
