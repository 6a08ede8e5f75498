# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The plan of a run as results show it (SPEC 6d): its writes in the order they go, and their digest.

``plan_digest`` is what a review pins (``expect_plan_digest``): equal for an
equal plan, whatever the order of the task's items, and different as soon as
one write or what it sets differs. Per change, what it covers is:

- the change's kind, name and action;
- each write's method, path (``(new)`` where the device has not assigned the
  id yet) and note (a stream's ``state start``);
- what the change sets: the ``after`` side of its diff, which holds only the
  options that change (all given options for a create, none for a delete),
  masked by the kind's FieldSet, so a secret counts as ``********``
  (unchanged and shown) or ``******** (changed)``, never by its value.

Values the device keeps and a write only carries along (a PUT sends what the
device reported plus the changed options) are not in it: they are the device's
own, not what the write sets. Each change's entry is canonical JSON (sorted
keys, set fields and writes sorted) and the entries are sorted, so the order of
the items, of the device's lists and of a set's elements does not matter.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import json


def plan_writes(changes):
    """Every planned write of ``changes`` as ``Change.plan`` shows it, in the order ``apply_changes`` sends them:
    by rank, then in the changes' order, a change's own writes in their order."""
    jobs = []
    for index, change in enumerate(changes):
        for position, (write, shown) in enumerate(zip(change.writes, change.plan())):
            jobs.append(((write.rank, index, position), shown))
    return [shown for dummy, shown in sorted(jobs, key=lambda job: job[0])]


def plan_digest(changes):
    """sha256 (hex) over every planned write of ``changes`` and what it sets; None when nothing is planned."""
    entries = sorted(_canonical(_what_it_sets(change)) for change in changes if change.writes)
    if not entries:
        return None
    return hashlib.sha256("\n".join(entries).encode("utf-8")).hexdigest()


def _what_it_sets(change):
    fields = getattr(change.fields, "by_option", {})
    sets = {}
    for option, value in change.diff()["after"].items():
        field = fields.get(option)
        if field is not None and field.kind == "set" and isinstance(value, list):
            value = sorted(value, key=_canonical)
        sets[option] = value
    return {"kind": change.kind, "name": change.name, "action": change.action,
            "writes": sorted([write.method, write.path, write.note or ""] for write in change.writes), "sets": sets}


def _canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
