# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one change record every planner returns, and the one place that applies changes.

A planner reads, compares and returns a ``Change``: what will happen to one
resource (``action``), the compared values, and the writes that make it so,
each with a rank. Nothing is written while planning, so check mode is "plan,
do not apply", and a line-up can order the writes of all its resources by
rank before the first one is sent.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

ACTIONS = ("create", "update", "delete", "none")
EMPTY_DIFF = {"before": {}, "after": {}}


class Write:
    """One request (or a request and its wait) of a planned change.

    ``method`` and ``path`` are the request as sent; a path holds ``(new)``
    where the device has not assigned the id yet. ``note`` says what a request
    whose path alone does not tell carries (a stream's ``state start``).
    ``rank`` orders writes across resources (lower first); ``send(context)``
    does it and returns the resource's id when it learns one (a create).

    ``restage(context)``, when set, plans from the device's answer to this
    write the writes that follow it: they replace the change's writes marked
    ``staged`` (the prediction check mode reports), before any of them is sent.
    """

    def __init__(self, rank, method, path, send, note=None, restage=None, staged=False):
        self.rank = rank
        self.method = method
        self.path = path
        self.send = send
        self.note = note
        self.restage = restage
        self.staged = staged

    @property
    def label(self):
        return "%s %s%s" % (self.method, self.path, " (%s)" % self.note if self.note else "")


class Change:
    """What converging one resource does: computed before anything is written.

    ``kind``: the collection (``inputs``, ``sources`` ...); ``name``: its name
    or title; ``resource_id``: uuid or id (None until a create is applied);
    ``before``/``after``: the compared values by option; ``options``: the
    options that differ (None: all, for a create or delete); ``fields``: the
    FieldSet that masks and diffs them; ``writes``: the planned requests;
    ``raw``: the device's record as read.
    """

    def __init__(self, kind, name, action, resource_id=None, before=None, after=None, options=None, fields=None,
                 writes=None, raw=None, id_key="uuid"):
        if action not in ACTIONS:
            raise ValueError("unknown action %r" % action)
        self.kind = kind
        self.name = name
        self.action = action
        self.resource_id = resource_id
        self.before = before or {}
        self.after = after or {}
        self.options = options
        self.fields = fields
        self.writes = list(writes or [])
        self.raw = raw
        self.id_key = id_key
        self.applied = False

    @property
    def changed(self):
        return self.action != "none"

    @property
    def requests(self):
        """The planned writes, as labels such as ``PUT /apis/kraken/outputs/output-<uuid>``."""
        return [write.label for write in self.writes]

    def plan(self):
        """The writes as results show them (SPEC 6d): no bodies, so no secret values."""
        return [dict(method=write.method, path=write.path, kind=self.kind, name=self.name, action=self.action,
                     **({"note": write.note} if write.note else {}))
                for write in self.writes]

    def display(self, state):
        """A compared state (``before`` or ``after``) as results show it. As compared by default; a kind whose
        values are ids shows names (a Kraken stream's references)."""
        return state

    def diff(self):
        if not self.changed:
            return dict(EMPTY_DIFF)
        before = {} if self.action == "create" else self.display(self.before)
        after = {} if self.action == "delete" else self.display(self.after)
        return self.fields.diff(before, after, self.options if self.action == "update" else None)

    def entry(self):
        """This resource in a line-up's result."""
        return {"name": self.name, "kind": self.kind, "action": self.action, "diff": self.diff(),
                self.id_key: self.resource_id, "applied": self.applied}


def plan_of(changes):
    """The plans of ``changes`` (``Change.plan``) as one, in the order apply_changes sends the writes: by rank,
    then in plan order."""
    entries = [(write.rank, order, entry) for order, change in enumerate(changes)
               for write, entry in zip(change.writes, change.plan())]
    return [entry for dummy, dummy, entry in sorted(entries, key=lambda job: job[:2])]


class ChangeFailed(HaivisionError):
    """A write of ``change`` failed with ``error``; reads as the error itself."""

    def __init__(self, change, error):
        self.change = change
        self.error = error
        super(ChangeFailed, self).__init__("%s" % error)

    def result_fields(self):
        return self.error.result_fields()


def apply_changes(changes, context=None):
    """Send the planned writes of ``changes`` in rank order (plan order within a rank).

    This is the one place that says what "applied" means: a change is applied
    once every one of its writes succeeded. The first failure stops
    everything and raises ChangeFailed; nothing after it is sent. A write with
    ``restage`` replaces its change's staged writes by those it plans from
    the device's answer, in their place; ``change.writes`` then lists what was
    sent.
    """
    context = {} if context is None else context
    queue = sorted(((write.rank, order, change, write) for order, change in enumerate(changes) for write in change.writes),
                   key=lambda job: (job[0], job[1]))
    left = dict((id(change), len(change.writes)) for change in changes)
    position = 0
    while position < len(queue):
        rank, order, change, write = queue[position]
        position += 1
        try:
            learned = write.send(context)
            if learned is not None:
                change.resource_id = learned
            if write.restage is not None:
                planned = write.restage(context)
                staged = [w for w in change.writes if w.staged]
                queue[position:] = [(rank, order, change, w) for w in planned] + \
                    [job for job in queue[position:] if job[3] not in staged]
                change.writes = [w for w in change.writes if w not in staged] + list(planned)
                left[id(change)] += len(planned) - len(staged)
        except HaivisionError as exc:
            raise ChangeFailed(change, exc)
        left[id(change)] -= 1
        if left[id(change)] == 0:
            change.applied = True
    return changes
