# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Metadata of a session or an asset (categories are entries too): its read and its planner.

The user's entries and categories are merged into what the platform holds.

HMP replaces the whole metadata set on PUT, so a change always sends the
existing entries plus the user's. The canonical form is a map
``{entry name: [values]}`` where a value is a string (a STRING field) or
``{"type": "INT32"|"UINT32", "value": n}``; a field of a type this collection
does not know is kept as the platform's own dict, so it is written back as it was.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import Part
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError

VALUE_KEYS = {"STRING": "valueString", "INT32": "valueInt32", "UINT32": "valueUint32"}
INTEGER_RANGES = {"INT32": (-2 ** 31, 2 ** 31 - 1), "UINT32": (0, 2 ** 32 - 1)}
RESERVED_PREFIXES = ("calypso:", "haivision:")
CATEGORY_PREFIX = "calypso:category:"


def read_metadata(client, base):
    """The entry list of the session or asset at ``base`` (one unpaged GET)."""
    return client.list_all(base + "/metadata", paged=False)


def is_reserved(name):
    """Haivision's own entries (creator, recording, ...), never purged; categories are not reserved here."""
    return name.startswith(RESERVED_PREFIXES) and not name.startswith(CATEGORY_PREFIX)


def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "%s" % (value,)


def _user_value(option, item):
    """One value as the user wrote it, in canonical form."""
    if isinstance(item, dict):
        if "value" not in item or set(item) - set(("value", "type")):
            raise ValidationError("%s: a typed value is {value, type} with type STRING, INT32 or UINT32, got %r" % (option, item))
        field_type = ("%s" % (item.get("type") or "STRING")).upper()
        if field_type not in VALUE_KEYS:
            raise ValidationError("%s: type must be one of STRING, INT32, UINT32, got %r" % (option, item.get("type")))
        if field_type == "STRING":
            return _text(item["value"])
        low, high = INTEGER_RANGES[field_type]
        try:
            number = int(("%s" % item["value"]).strip())
        except ValueError:
            number = None
        if isinstance(item["value"], bool) or number is None or not low <= number <= high:
            raise ValidationError("%s: a %s value must be an integer between %d and %d, got %r"
                                  % (option, field_type, low, high, item["value"]))
        return {"type": field_type, "value": number}
    if item is None or isinstance(item, list):
        raise ValidationError("%s: each value must be a string or {value, type}, got %r" % (option, item))
    return _text(item)


def _values(option, value):
    return [_user_value(option, item) for item in (value if isinstance(value, list) else [value])]


def _as_set(values):
    """Category values compare as a set: sorted, each once."""
    unique = dict((json.dumps(v, sort_keys=True), v) for v in values)
    return [unique[key] for key in sorted(unique)]


def desired_metadata(metadata, categories):
    """The entries the task sets (None: remove), validated before any request.

    ``null`` or an empty list removes an entry; categories become
    ``calypso:category:<label>`` entries whose values compare as a set.
    """
    result = {}
    for name, value in (metadata or {}).items():
        name = "%s" % name
        if not name.strip():
            raise ValidationError("metadata: entry names must not be empty")
        result[name] = _values("metadata.%s" % name, value) if value not in (None, []) else None
        if name.startswith(CATEGORY_PREFIX) and result[name] is not None:
            result[name] = _as_set(result[name])
    for label, values in (categories or {}).items():
        name = CATEGORY_PREFIX + ("%s" % label)
        if name in result:
            raise ValidationError("categories.%s and metadata.%s set the same entry; give it once" % (label, name))
        if values in (None, []):
            result[name] = None
            continue
        values = _values("categories.%s" % label, values)
        if any(not isinstance(v, str) for v in values):
            raise ValidationError("categories.%s: category values are strings" % label)
        result[name] = _as_set(values)
    return result


def _device_value(field):
    field_type = field.get("fieldType")
    if field_type == "STRING" and isinstance(field.get("valueString"), str):
        return field["valueString"]
    if field_type in INTEGER_RANGES and VALUE_KEYS[field_type] in field:
        return {"type": field_type, "value": field[VALUE_KEYS[field_type]]}
    return dict(field)  # unknown to us: written back untouched


def device_metadata(entries):
    """The platform's entry list as the canonical map (entry order kept)."""
    result = {}
    for entry in entries or []:
        name = entry.get("name")
        values = [_device_value(f) for f in entry.get("field") or [] if isinstance(f, dict)]
        result[name] = _as_set(values) if ("%s" % name).startswith(CATEGORY_PREFIX) else values
    return result


def _wire_field(value):
    if isinstance(value, str):
        return {"fieldType": "STRING", "valueString": value}
    if "fieldType" in value:
        return dict(value)
    return {"fieldType": value["type"], VALUE_KEYS[value["type"]]: value["value"]}


def wire_metadata(metadata_map, reported=(), changed=None):
    """The canonical map as the full entry list a metadata PUT needs.

    An entry of ``reported`` (the platform's list) that is not in ``changed``
    goes back exactly as the platform gave it: the PUT replaces the whole set,
    and an untouched entry must not come back reordered or reshaped.
    """
    kept = dict((entry.get("name"), entry) for entry in reported
                if changed is not None and entry.get("name") not in changed)
    return [dict(kept[name]) if name in kept else {"name": name, "field": [_wire_field(v) for v in values]}
            for name, values in metadata_map.items()]


def wanted_metadata(desired, current, purge):
    """What to compare: the user's entries, plus (purge) every unlisted non-reserved entry marked for removal."""
    wanted = dict(desired)
    if purge:
        for name in current:
            if name not in wanted and not is_reserved(name):
                wanted[name] = None
    return wanted


def plan_metadata(fields, desired, entries, purge):
    """The Part that merges ``desired`` (from desired_metadata) into the platform's entry list.

    ``fields``: the FieldSet holding the ``metadata`` map field (a session's or
    an asset's parts). The write is the whole set: HMP's metadata PUT replaces
    everything it does not carry.
    """
    current = device_metadata(entries)
    wanted = wanted_metadata(desired, current, purge)
    options = fields.changes({"metadata": wanted}, {"metadata": current})
    after = fields.merged({"metadata": current}, {"metadata": wanted}, ["metadata"])["metadata"]
    changed = set(name for name, values in wanted.items() if values != current.get(name))
    body = wire_metadata(after, entries or [], changed)
    actions = []
    if options:
        actions = [("PUT", "/metadata", body)] if after else [("DELETE", "/metadata", None)]
    return Part(fields, options, {"metadata": current}, {"metadata": after}, actions, {"metadata": body})
