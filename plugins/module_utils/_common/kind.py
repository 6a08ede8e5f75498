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
  line-up creates or renames is known by its new name to later items), purge,
  apply by rank, report one entry per resource.

Nothing is written while planning, so a check-mode run reports the very
plan a real run sends (``Change.plan``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._common.change import apply_changes, plan_of
from ansible_collections.haivision.media.plugins.module_utils._common.identity import match_one
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import (
    apply_lineup, lineup_result, validate_items)
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

    def plan_removal(self, record):
        """The Change that deletes a record a purging line-up does not name."""
        params = {"state": "absent", self.key: record.get(self.key), self.id_key: record.get(self.id_key)}
        return self.plan(params, {}, record)

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
        if change.changed and not module.check_mode:
            apply_changes([change])
        return kind.result(change)


def run_kind_module(kind_class, connection_spec, **module_kwargs):
    """The whole main() of a resource module: the kind's one spec, then converge_resource."""
    module_kwargs.update(kind_class.constraints())
    run_module(kind_class.argument_spec(), lambda module: converge_resource(module, kind_class), connection_spec,
               **module_kwargs)


def converge_lineup(module, kind_classes, client_class, extras=None):
    """A whole device in one task; ``kind_classes`` in planning order (what others refer to first).

    ``extras(client)``: what the product adds to the result (request counts).
    """
    params = module.params
    by_kind = dict((cls.kind, cls) for cls in kind_classes)
    items = validate_items(params, by_kind, lambda kind, item: by_kind[kind].desired(item),
                           id_key=kind_classes[0].id_key)  # every item, before any request
    with client_class.from_module(module) as client:
        changes = plan_lineup(client, kind_classes, params, items, module.check_mode)
        if any(change.changed for change in changes) and not module.check_mode:
            apply_lineup(changes)
        return lineup_result(changes, plan=plan_of(changes), **(extras(client) if extras else {}))


def plan_lineup(client, kind_classes, params, items, check_mode=False):
    """Every resource's Change, on collections listed once; nothing is written.

    Entries come in the kinds' order, removals last (the kinds reversed: a
    stream or session before what it uses); the writes go by the kinds' ranks.
    """
    order = [cls.kind for cls in kind_classes]
    id_key = kind_classes[0].id_key
    shared = Shared(client)
    kinds = dict((cls.kind, cls(client, shared, check_mode, lineup=True)) for cls in kind_classes)
    # Every collection, side by side: references between kinds resolve without another round trip.
    shared.listed.update(zip(order, run_concurrently([kinds[kind].list_collection for kind in order])))
    located = dict((kind, [(item, desired, kinds[kind].locate(item, shared.listed[kind]))
                           for item, desired in items.get(kind, ())]) for kind in order)
    reads = [job for kind in order for job in kinds[kind].prefetch(located[kind])]
    for (dummy, receive), value in zip(reads, run_concurrently([call for call, dummy in reads])):
        receive(value)
    changes, removals, named = [], [], set()
    for kind in order:
        for item, desired, record in located[kind]:
            if record:
                named.add((kind, record[id_key]))
            change = kinds[kind].plan(item, desired, record)
            shared.learn(change)
            (removals if item["state"] == "absent" else changes).append(change)
    if params.get("purge"):
        # Only the kinds the line-up gives: a line-up without streams says nothing of them.
        removals += [kinds[kind].plan_removal(record) for kind in order if params.get(kind) is not None
                     for record in shared.listed[kind] if (kind, record[id_key]) not in named]
    return changes + sorted(removals, key=lambda change: -order.index(change.kind))
