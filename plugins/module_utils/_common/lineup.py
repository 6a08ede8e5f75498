# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The line-up core both products share: item validation, ordered apply, one entry per resource, partial failure."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.haivision.media.plugins.module_utils._common.change import ChangeFailed, apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError


def combined_lineup_diff(entries):
    """The task's diff: each changed resource under ``kind/name``."""
    changed = [e for e in entries if e["action"] != "none"]
    return {"before": dict(("%s/%s" % (e["kind"], e["name"]), e["diff"]["before"]) for e in changed),
            "after": dict(("%s/%s" % (e["kind"], e["name"]), e["diff"]["after"]) for e in changed)}


class LineupError(HaivisionError):
    """A write the device refused mid-line-up; says what was applied and what was not."""

    def __init__(self, entry, error, entries):
        self.entries = entries
        applied = ["%s %s" % (e["kind"], e["name"]) for e in entries if e.get("applied")]
        pending = ["%s %s" % (e["kind"], e["name"]) for e in entries if e["action"] != "none" and not e.get("applied")]
        super(LineupError, self).__init__(
            "%s %s: %s. Applied: %s. Not applied: %s. The next run converges from here."
            % (entry["kind"], entry["name"], error, ", ".join(applied) or "nothing", ", ".join(pending) or "nothing"))

    def result_fields(self):
        return {"resources": self.entries, "changed": any(e.get("applied") for e in self.entries)}


def lineup_argument_spec(kinds):
    """Lists of items per kind, plus purge; items are validated by ``validate_items`` with each kind's own spec."""
    spec = dict(purge=dict(type="bool", default=False))
    for kind in kinds:
        spec[kind] = dict(type="list", elements="dict")
    return spec


def secret_values(params, kind_types):
    """Every secret in the line-up's items (raw params: items may not be valid yet), from the kinds' fields."""
    values = set()
    for kind, kind_type in kind_types.items():
        items = params.get(kind)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                values.update(kind_type.fields.secret_values(item))
    return values


def validate_items(params, kind_types, desire, key="name", id_key="uuid"):
    """Every item checked with its kind's one spec before any request; names unique per kind.

    A kind whose items are named by another option than ``key`` says so in
    its ``key`` attribute (HMP sessions: ``title``).

    ``desire(kind, item)`` turns a validated item into what its planner
    compares (and may refuse it with a ValidationError). Returns
    ``{kind: [(item, desired)]}``.
    """
    checked = {}
    for kind, kind_type in kind_types.items():
        name_key = getattr(kind_type, "key", key)
        validator = ArgumentSpecValidator(kind_type.argument_spec(), **kind_type.constraints())
        items = []
        for index, raw in enumerate(params.get(kind) or []):
            label = "%s[%d] (%s)" % (kind, index, raw.get(name_key) or raw.get(id_key) or "#%d" % index)
            result = validator.validate(raw)
            if result.error_messages:
                raise ValidationError("%s: %s" % (label, "; ".join(result.error_messages)))
            item = result.validated_parameters
            try:
                items.append((item, desire(kind, item)))
            except ValidationError as exc:
                raise ValidationError("%s: %s" % (label, exc))
        # A name may come twice only on items that each give their id (a device with two of that name,
        # as an export gives it); an id never comes twice.
        named = [(item.get(name_key), item.get(id_key)) for item, _desired in items if item.get(name_key)]
        ids = [item[id_key] for item, _desired in items if item.get(id_key)]
        twice = sorted(set(name for name, _id in named if [n for n, _i in named].count(name) > 1
                           and any(n == name and not i for n, i in named)))
        twice += sorted(set(item_id for item_id in ids if ids.count(item_id) > 1))
        if twice:
            raise ValidationError("%s lists %s more than once" % (kind, ", ".join("%s" % t for t in twice)))
        checked[kind] = items
    return checked


def apply_lineup(changes, context=None):
    """Apply the planned changes in rank order; a refused write fails naming what was and was not applied."""
    try:
        apply_changes(changes, context)
    except ChangeFailed as exc:
        raise LineupError(exc.change.entry(), exc.error, [change.entry() for change in changes])


def lineup_result(changes, **extra):
    entries = [change.entry() for change in changes]
    result = dict(changed=any(change.changed for change in changes), resources=entries,
                  diff=combined_lineup_diff(entries))
    result.update(extra)
    return result
