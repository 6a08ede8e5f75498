# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kind contract, and the two drivers every module of both products runs on.

A kind (a Kraken input or stream, an HMP source or session ...) declares what
is its own; the drivers do the rest, the same way for every kind:

- ``converge_resource`` (one resource module): validate, locate, plan, apply
  outside check mode, report;
- ``converge_lineup`` (one task per device): validate every item, list each
  collection once, locate, read side by side, plan everything (a resource the
  line-up creates or renames is known by its new name to later items), purge
  what is not on air, check the plan against ``max_deletes`` and
  ``expect_plan_digest``, apply by rank, report one entry per resource.

Nothing is written while planning, so a check-mode run reports the very
plan a real run sends (``Change.plan``), and its digest (_common/plan.py)
is the one a real run on the same device computes before its first write.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._common.change import apply_changes, plan_of
from ansible_collections.haivision.media.plugins.module_utils._common.identity import match_one
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import (
    apply_lineup, lineup_result, validate_items)
from ansible_collections.haivision.media.plugins.module_utils._common.plan import (
    check_change_control, plan_digest, refuse_unreviewed)
from ansible_collections.haivision.media.plugins.module_utils._common.runner import run_module
from ansible_collections.haivision.media.plugins.module_utils._common.transport import run_concurrently


class Shared:
    """What the kinds of one run share, built on first need: directories of names, the collections a line-up
    listed. A line-up's kinds share one, so a stream resolves the input its line-up creates."""

    def __init__(self, client, listed=None):
        self.client = client
        self.listed = dict(listed or {})
        self._items = {}
        self._learned = []

    def get(self, name, build):
        if name not in self._items:
            item = self._items[name] = build()
            # Built after some changes were planned: it learns them too.
            for change in self._learned:
                self._teach(item, change)
        return self._items[name]

    def learn(self, change):
        """Every directory learns a planned create or rename (``Directory.learn``), now or when it is built."""
        self._learned.append(change)
        for item in list(self._items.values()):
            self._teach(item, change)

    @staticmethod
    def _teach(item, change):
        learn = getattr(item, "learn", None)
        if learn is not None:
            learn(change)


class Kind:
    """The contract of a resource kind. Subclasses set the class attributes and override the hooks.

    ``kind``: the collection (``inputs``, ``sessions``); ``key``: the option that
    names one (``name``; HMP sessions and assets: ``title``); ``id_key``:
    ``uuid`` (Kraken) or ``id`` (HMP); ``result_key``: the module's result key
    of the resource (``input``); ``fields``: its FieldSet; ``client_class``:
    the product's client (``from_module(module)`` is a context manager).
    """

    kind = None
    key = "name"
    id_key = "uuid"
    result_key = None
    fields = None
    client_class = None

    def __init__(self, client, shared=None, check_mode=False, lineup=False):
        self.client = client
        self.shared = shared if shared is not None else Shared(client)
        self.check_mode = check_mode
        # A line-up reports entries, not views: its kinds read only what they compare.
        self.lineup = lineup

    # -- the one spec: the module's options and a line-up's items -------------------

    @classmethod
    def argument_spec(cls):
        raise NotImplementedError

    @classmethod
    def constraints(cls):
        return dict(required_one_of=[(cls.key, cls.id_key)])

    @classmethod
    def desired(cls, params):
        """The task validated and canonical, before any request (a ValidationError names the option)."""
        return cls.fields.desired(params)

    # -- reads -------------------------------------------------------------------------

    def list_collection(self):
        """Every resource of the kind (a line-up lists each collection once)."""
        raise NotImplementedError

    def locate(self, params, listed=None):
        """The record the task means (by id, else by its unique name), or None; ``listed``: the collection
        when already read. Two of one name fail listing their ids (identity.match_one)."""
        entries = self.list_collection() if listed is None else listed
        return match_one(entries, self.key, params.get(self.key), self.id_key, params.get(self.id_key),
                         self.kind[:-1])

    def prefetch(self, planned):
        """Reads to make side by side before ``planned`` (``[(params, desired, record)]``) is planned, as
        ``[(call, receive)]``: the driver runs every kind's calls in one batch and gives each answer to its
        ``receive``. None by default."""
        return []

    # -- the plan ----------------------------------------------------------------------

    def plan(self, params, desired, record):
        """The Change that brings ``record`` (None: there is none) to the task; nothing is written."""
        raise NotImplementedError

    def plan_removal(self, record, on_air=False):
        """The Change that deletes a record a purging line-up does not name (``on_air``: although it is on
        air, ``purge_on_air``)."""
        params = {"state": "absent", self.key: record.get(self.key), self.id_key: record.get(self.id_key)}
        return self.plan(params, {}, record)

    # -- what is on air: a purge leaves it, and what it uses ----------------------------

    # The kinds whose resources an on-air resource of this kind may use (a stream: its input ...).
    uses = ()

    def on_air_reads(self, records):
        """Reads (``[(call, receive)]``, as ``prefetch``) that ``on_air``, ``references`` and ``plan_removal``
        need for records a purge may remove, or that may use such records; the driver runs them in the
        prefetch batch. None by default."""
        return []

    def on_air(self, record, change=None):
        """Whether the resource is on air: a record the line-up does not name, now; one it names, once
        ``change`` (its planned Change) is applied. Nothing is, by default."""
        return False

    def references(self, record, change=None):
        """``[(kind, id)]`` that the resource uses while it is on air (now, or once ``change`` is applied)."""
        return []

    # -- the result ----------------------------------------------------------------------

    def view(self, change):
        """The resource after the run (in check mode, as it would be); {} when it is gone."""
        return {}

    def result(self, change):
        """The module's result: what changed, the diff, the plan, the id and the view."""
        result = dict(changed=change.changed, action=change.action, diff=change.diff(), plan=change.plan())
        result[self.id_key] = change.resource_id
        if self.result_key:
            result[self.result_key] = self.view(change)
        return result


def converge_resource(module, kind_class):
    """One resource module: validate, locate, plan, apply outside check mode, report."""
    params = module.params
    desired = kind_class.desired(params)  # validation comes before any request
    with kind_class.client_class.from_module(module) as client:
        kind = kind_class(client, check_mode=module.check_mode)
        change = kind.plan(params, desired, kind.locate(params))
        # Before any write: what the device assigns while applying is not part of what was planned.
        digest = plan_digest([change])
        if change.changed and not module.check_mode:
            apply_changes([change])
        return dict(kind.result(change), plan_digest=digest)


def run_kind_module(kind_class, connection_spec, **module_kwargs):
    """The whole main() of a resource module: the kind's one spec, then converge_resource."""
    module_kwargs.update(kind_class.constraints())
    run_module(kind_class.argument_spec(), lambda module: converge_resource(module, kind_class), connection_spec,
               **module_kwargs)


def converge_lineup(module, kind_classes, client_class, extras=None):
    """A whole device in one task; ``kind_classes`` in planning order (what others refer to first).

    ``extras(client)``: what the product adds to the result (request counts).
    Too many deletes (``max_deletes``) or a plan other than the reviewed one
    (``expect_plan_digest``) fail before any write, showing the plan.
    """
    params = module.params
    by_kind = dict((cls.kind, cls) for cls in kind_classes)
    check_change_control(params)
    items = validate_items(params, by_kind, lambda kind, item: by_kind[kind].desired(item),
                           id_key=kind_classes[0].id_key)  # every item, before any request
    with client_class.from_module(module) as client:
        changes = plan_lineup(client, kind_classes, params, items, module.check_mode)
        digest = plan_digest(changes)
        refuse_unreviewed(changes, digest, params)
        if any(change.changed for change in changes) and not module.check_mode:
            apply_lineup(changes)
        result = lineup_result(changes, **(extras(client) if extras else {}))
        result.update(plan=plan_of(changes), plan_digest=digest, kept_on_air=changes.kept_on_air)
        return result


class LineupPlan(list):
    """A line-up's Changes in entry order, and ``kept_on_air``: what its purge left because it is on air."""

    def __init__(self, changes, kept_on_air=()):
        super(LineupPlan, self).__init__(changes)
        self.kept_on_air = list(kept_on_air)


def plan_lineup(client, kind_classes, params, items, check_mode=False):
    """Every resource's Change, on collections listed once; nothing is written.

    Entries come in the kinds' order, removals last (the kinds reversed: a
    stream or session before what it uses; a purge's in name and id order
    within a kind, whatever order the device lists them in); the writes go by
    the kinds' ranks. A purge leaves what is on air (see ``on_air_guard``).
    """
    order = [cls.kind for cls in kind_classes]
    id_key = kind_classes[0].id_key
    shared = Shared(client)
    kinds = dict((cls.kind, cls(client, shared, check_mode, lineup=True)) for cls in kind_classes)
    # Every collection, side by side: references between kinds resolve without another round trip.
    shared.listed.update(zip(order, run_concurrently([kinds[kind].list_collection for kind in order])))
    located = dict((kind, [(item, desired, kinds[kind].locate(item, shared.listed[kind]))
                           for item, desired in items.get(kind, ())]) for kind in order)
    named = set((kind, record[id_key]) for kind in order for dummy, dummy, record in located[kind] if record)
    unnamed = dict((kind, sorted((r for r in shared.listed[kind] if (kind, r[id_key]) not in named),
                                 key=lambda r: ("%s" % (r.get(kinds[kind].key) or ""), "%s" % r[id_key])))
                   for kind in order)
    # Only the kinds the line-up gives: a line-up without streams says nothing of them.
    purged = [kind for kind in order if params.get("purge") and params.get(kind) is not None and unnamed[kind]]
    # What a purge may remove, and what may use it, is read with the rest (its details, its recordings).
    checked = dict((kind, unnamed[kind] if kind in purged or set(kinds[kind].uses) & set(purged) else [])
                   for kind in order)
    reads = [job for kind in order for job in kinds[kind].prefetch(located[kind])]
    reads += [job for kind in order for job in kinds[kind].on_air_reads(checked[kind])]
    for (dummy, receive), value in zip(reads, run_concurrently([call for call, dummy in reads])):
        receive(value)
    changes, removals, planned = [], [], {}
    for kind in order:
        for item, desired, record in located[kind]:
            change = kinds[kind].plan(item, desired, record)
            if record:
                planned[(kind, record[id_key])] = (record, change)
            shared.learn(change)
            (removals if item["state"] == "absent" else changes).append(change)
    candidates = [(kind, record) for kind in purged for record in unnamed[kind]]
    kept = [] if params.get("purge_on_air") else on_air_guard(kinds, order, id_key, planned, checked, candidates)
    kept_ids = set((kind, record[id_key]) for kind, record in kept)
    removals += [kinds[kind].plan_removal(record, on_air=bool(params.get("purge_on_air")))
                 for kind, record in candidates if (kind, record[id_key]) not in kept_ids]
    kept_on_air = [dict(kind=kind, name=record.get(kinds[kind].key), id=record[id_key]) for kind, record in kept]
    return LineupPlan(changes + sorted(removals, key=lambda change: -order.index(change.kind)), kept_on_air)


def on_air_guard(kinds, order, id_key, planned, checked, candidates):
    """The purge candidates to keep, in the candidates' order: those on air now, and those that something on
    air once the run is done uses (a resource the line-up names, after its change; one it does not, as it is)."""
    kept = set()
    for (kind, dummy), (record, change) in planned.items():
        if kinds[kind].on_air(record, change):
            kept.update(kinds[kind].references(record, change))
    for kind in order:
        for record in checked[kind]:
            if kinds[kind].on_air(record):
                kept.add((kind, record[id_key]))
                kept.update(kinds[kind].references(record))
    return [(kind, record) for kind, record in candidates if (kind, record[id_key]) in kept]
