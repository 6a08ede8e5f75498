# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The line-up core both products share: the items' spec (each kind's own), what each item asks, ordered apply,
one entry per resource, partial failure."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

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


def item_spec(kind_type):
    """The spec of one kind's line-up items: the kind's one spec and constraints, as its module takes them.

    AnsibleModule then validates every item and applies ``no_log`` to its
    secrets before anything is logged, also when it refuses an item.
    """
    spec = dict(type="list", elements="dict", options=kind_type.argument_spec())
    spec.update((name, rule) for name, rule in kind_type.constraints().items() if rule)
    return spec


def lineup_argument_spec(kind_types, **options):
    """``purge``, a list of items per kind (``{kind: kind type}``, in the line-up's order) and a line-up's own ``options``."""
    spec = dict(purge=dict(type="bool", default=False))
    for kind, kind_type in kind_types.items():
        spec[kind] = item_spec(kind_type)
    spec.update(options)
    return spec


def validate_items(params, kind_types, desire, key="name", id_key="uuid"):
    """What each item asks, checked before any request; names unique per kind.

    ``params`` are the module's: AnsibleModule has already checked every
    item with its kind's spec (``lineup_argument_spec``). A kind whose items
    are named by another option than ``key`` says so in its ``key``
    attribute (HMP sessions: ``title``).

    ``desire(kind, item)`` turns an item into what its planner compares
    (and may refuse it with a ValidationError, which names the item).
    Returns ``{kind: [(item, desired)]}``.
    """
    checked = {}
    for kind, kind_type in kind_types.items():
        name_key = getattr(kind_type, "key", key)
        items = []
        for index, item in enumerate(params.get(kind) or []):
            try:
                items.append((item, desire(kind, item)))
            except ValidationError as exc:
                label = "%s[%d] (%s)" % (kind, index, item.get(name_key) or item.get(id_key) or "#%d" % index)
                raise ValidationError("%s: %s" % (label, exc))
        check_unique(kind, [item for item, _desired in items], name_key, id_key)
        checked[kind] = items
    return checked


def check_unique(kind, items, name_key, id_key):
    """Each item means one resource: a name listed twice is refused unless every item of that name has its
    own id (a device whose resources share a name, exported by name and id); an id listed twice is refused."""
    ids = [item[id_key] for item in items if item.get(id_key)]
    twice = sorted(set(i for i in ids if ids.count(i) > 1))
    if twice:
        raise ValidationError("%s lists the %s %s more than once" % (kind, id_key, ", ".join(twice)))
    names = [item[name_key] for item in items if item.get(name_key)]
    twice = sorted(set(n for n in names if names.count(n) > 1
                       and any(not item.get(id_key) for item in items if item.get(name_key) == n)))
    if twice:
        raise ValidationError("%s lists %s more than once (give each its %s to mean resources that share a name)"
                              % (kind, ", ".join(twice), id_key))


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
