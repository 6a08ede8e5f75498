# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The plan of a run as results show it (SPEC 6d): its writes in the order they go, their digest, and what a
line-up refuses to apply (a plan other than the reviewed one, too many deletes).

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
import re

from ansible_collections.haivision.media.plugins.module_utils._common.change import plan_of
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

# The line-ups' change-control options, merged into each product's line-up spec.
CHANGE_CONTROL_SPEC = dict(
    expect_plan_digest=dict(type="str"),
    purge_on_air=dict(type="bool", default=False),
    max_deletes=dict(type="int"),
)
# What expect_plan_digest says for a reviewed plan without any write (whose plan_digest is null).
EMPTY_PLAN = "empty"
DIGEST = re.compile(r"^[0-9a-f]{64}$")


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


def check_change_control(params):
    """The change-control options, refused before any request when they cannot mean anything."""
    expected = params.get("expect_plan_digest")
    if expected is not None and expected != EMPTY_PLAN and not DIGEST.match(expected):
        raise ValidationError("expect_plan_digest must be the plan_digest of a reviewed plan (64 lowercase hex "
                              "digits) or %s (a reviewed plan without writes), got %r" % (EMPTY_PLAN, expected))
    if params.get("max_deletes") is not None and params["max_deletes"] < 0:
        raise ValidationError("max_deletes must be 0 or more, got %d" % params["max_deletes"])


class PlanRefused(HaivisionError):
    """A plan the line-up does not apply (nothing was written); the result shows it."""

    def __init__(self, message, changes, digest):
        super(PlanRefused, self).__init__(message)
        self.fields = dict(changed=False, resources=[change.entry() for change in changes], plan=plan_of(changes),
                           plan_digest=digest, kept_on_air=getattr(changes, "kept_on_air", []))

    def result_fields(self):
        return self.fields


def refuse_unreviewed(changes, digest, params):
    """Fail before any write when the plan is not the reviewed one, or deletes more than allowed."""
    expected = params.get("expect_plan_digest")
    if expected is not None and expected != (digest or EMPTY_PLAN):
        raise PlanRefused("the plan differs from the reviewed one (expect_plan_digest %s, the plan now: %s); "
                          "nothing was written. The result's plan is what the line-up would send now: review it "
                          "again" % (expected, digest or "%s, no write" % EMPTY_PLAN), changes, digest)
    deletes = [change for change in changes if change.action == "delete"]
    limit = params.get("max_deletes")
    if limit is not None and len(deletes) > limit:
        raise PlanRefused("the plan deletes %d resources, more than max_deletes %d: %s; nothing was written"
                          % (len(deletes), limit, ", ".join("%s %s (%s)" % (c.kind, c.name, c.resource_id) for c in deletes)),
                          changes, digest)
