# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The result shape both line-up modules share: one entry per resource, and a partial failure."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError


def lineup_entry(kind, name, action, diff, resource_id=None):
    """One resource of a line-up: what it needs (``action``) and whether that was written (``applied``)."""
    return {"name": name, "kind": kind, "action": action, "diff": diff if action != "none" else {"before": {}, "after": {}},
            "uuid" if kind in ("inputs", "outputs", "transcoders", "streams") else "id": resource_id, "applied": False}


def combined_lineup_diff(entries):
    """The task's diff: each changed resource under ``kind/name``."""
    changed = [e for e in entries if e["action"] != "none"]
    return {"before": dict(("%s/%s" % (e["kind"], e["name"]), e["diff"]["before"]) for e in changed),
            "after": dict(("%s/%s" % (e["kind"], e["name"]), e["diff"]["after"]) for e in changed)}


class LineupError(HaivisionError):
    """A write the device refused mid-line-up; says what was applied and what was not."""

    def __init__(self, entry, error, entries, unreached=()):
        self.entries = entries
        applied = ["%s %s" % (e["kind"], e["name"]) for e in entries if e.get("applied")]
        pending = ["%s %s" % (e["kind"], e["name"]) for e in entries if e["action"] != "none" and not e.get("applied")]
        # Resources the run stopped before comparing (a line-up that plans as it goes).
        pending += ["%s %s (not compared)" % item for item in unreached]
        super(LineupError, self).__init__(
            "%s %s: %s. Applied: %s. Not applied: %s. The next run converges from here."
            % (entry["kind"], entry["name"], error, ", ".join(applied) or "nothing", ", ".join(pending) or "nothing"))

    def result_fields(self):
        return {"resources": self.entries, "changed": any(e.get("applied") for e in self.entries)}
