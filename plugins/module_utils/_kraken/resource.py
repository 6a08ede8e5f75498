# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One Kraken resource kind: its spec, its plan, its writes and its view.

A kind (input, output, transcoder: kinds.py; stream: stream.py; configuration:
configuration.py) declares its fields and overrides the hooks that are its own;
``plan`` compares the task with the device and returns the one change record
(_common/change.py) with its writes ranked for a line-up. ``ResourceType``
keeps the kind contract (_common/kind.py), whose drivers run the modules and
the line-up; ``view`` is the one way every kind's result is read (a record
rendered by ``render``; in check mode, ``predicted``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KINDS, KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.view import resource_view
from ansible_collections.haivision.media.plugins.module_utils._common.change import Change, Write
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.kind import Kind
from ansible_collections.haivision.media.plugins.module_utils._common.identity import (
    NEW_ID, IdentityError, Directory, placeholder)

# Write ranks: the order of writes across a line-up's resources. Streams are
# removed before what they use, and written after what they refer to.
STREAM_DELETE, PART_WRITE, STREAM_WRITE, STREAM_RUN_STATE, PART_DELETE = range(5)


class NicDirectory:
    """NIC name -> link, read once per run from /apis/servers/.../nics."""

    def __init__(self, client):
        self.client = client
        self._links = None

    def link(self, name):
        if self._links is None:
            self._links = {}
            for server in self.client.servers():
                for nic in self.client.nics(server.get("id")):
                    self._links.setdefault(nic.get("id") or nic.get("name"), nic.get("_links", {}).get("self"))
        if name not in self._links:
            raise ValidationError("interface %r is not a NIC of this Kraken; it has: %s"
                                  % (name, ", ".join(sorted(self._links)) or "none"))
        return self._links[name]


class ResourceType(Kind):
    """A Kraken resource kind; subclasses set ``kind``, ``result_key`` and ``fields``."""

    kind = None            # the collection, e.g. "inputs"
    result_key = None      # e.g. "input"
    fields = None          # a FieldSet
    client_class = KrakenClient
    states = ("present", "absent")
    write_rank = PART_WRITE
    delete_rank = PART_DELETE
    required_if = None

    # -- the one spec of the kind: module, line-up items and masking use it --------

    @classmethod
    def argument_spec(cls):
        spec = dict(name=dict(type="str"), uuid=dict(type="str"),
                    state=dict(type="str", choices=list(cls.states), default="present"))
        spec.update(cls.extra_options())
        spec.update(cls.fields.argument_spec())
        return spec

    @classmethod
    def extra_options(cls):
        """Options of the kind that are not device fields (none by default)."""
        return {}

    @classmethod
    def constraints(cls):
        return dict(required_one_of=[("name", "uuid")], required_if=cls.required_if)

    def __init__(self, client, shared=None, check_mode=False, lineup=False):
        super(ResourceType, self).__init__(client, shared, check_mode, lineup)
        # Detail GETs already made (uuid -> raw), e.g. side by side by the line-up.
        self.details = {}

    @property
    def nics(self):
        return self.shared.get("nics", lambda: NicDirectory(self.client))

    @property
    def directory(self):
        """What streams may refer to: what is listed, plus what this run will create."""
        return self.shared.get("directory", lambda: Directory(self.client.list, "Kraken", known=self.shared.listed))

    def list_collection(self):
        return self.client.list(self.kind)

    def prefetch(self, planned):
        """The details of the resources about to be planned, read side by side with every other kind's."""
        def receive(uuid):
            return lambda raw: self.details.__setitem__(uuid, raw)
        return [(lambda uuid=record["uuid"]: self.client.get(self.kind, uuid), receive(record["uuid"]))
                for dummy, dummy, record in planned if record]

    def on_air_reads(self, records):
        """The details of records a purge may remove (their removal and the on-air guard read them)."""
        return self.prefetch([(None, None, record) for record in records])

    @property
    def singular(self):
        return KINDS[self.kind]

    def item_path(self, uuid):
        """The path of one resource as planned: ``(new)`` (not escaped) where the device has not assigned the id."""
        return self.client.item_path(self.kind, uuid) if uuid else "/apis/kraken/%s/%s-%s" % (self.kind, self.singular, NEW_ID)

    # -- hooks ---------------------------------------------------------------------

    def new_change(self, name, action, **values):
        """The kind's change record (a kind whose plan carries more than fields returns its own Change)."""
        return Change(self.kind, name, action, fields=self.fields, **values)

    def check_create(self, desired):
        """Raise ValidationError when the device could not create this (before the create is sent)."""

    def prepare(self, desired, raw=None):
        """The desired state in the form compared with the device, knowing the device's record ``raw``
        (None for a create); streams resolve references here."""
        return desired

    def current(self, uuid):
        """(raw, compared state) of an existing resource; one detail GET at most."""
        raw = self.details.get(uuid)
        if raw is None:
            raw = self.details[uuid] = self.client.get(self.kind, uuid)
        return raw, self.fields.from_device(raw)

    def plan_actions(self, change, params):
        """What the task asks beyond the fields, added to ``change`` (a stream's run state; a configuration's
        save and load); nothing by default."""

    def writes(self, change, params):
        """The writes of a create or an update."""
        return self.field_writes(change)

    def wire(self, state):
        """The request body for a state; NIC names become the device's links."""
        body = self.fields.to_wire(state)
        if "interface" in body:
            body["interface"] = "auto" if body["interface"] == "auto" else self.nics.link(body["interface"])
        return body

    def body(self, state):
        """The body of a write of ``state`` as a function of the run's context (what earlier writes created).
        Built now: a NIC that is not the device's fails the plan, in check mode too, before any write."""
        body = self.wire(state)
        return lambda context: body

    def field_writes(self, change):
        """The create or the field edit; the create records the new uuid for references to it."""
        path = "/apis/kraken/%s" % self.kind
        state = dict((k, v) for k, v in change.after.items() if k in self.fields.by_option)
        if change.action == "create":
            body = self.body(state)

            def create(context):
                uuid = self.client.create(self.kind, body(context))
                context.setdefault("created", {})[placeholder(self.kind, change.name)] = uuid
                return uuid
            return [Write(self.write_rank, "POST", path, create)]
        if not any(o in self.fields.by_option for o in change.options):
            return []
        # The device's reported fields plus the changed ones: a transcoder PUT
        # resets every field it does not carry, and the others merge.
        body = self.body(state)
        return [Write(self.write_rank, "PUT", self.item_path(change.resource_id),
                      lambda context: self.client.update(self.kind, change.resource_id, body(context)))]

    def delete_writes(self, change, params):
        return [Write(self.delete_rank, "DELETE", self.item_path(change.resource_id),
                      lambda context: self.client.delete(self.kind, change.resource_id))]

    # -- the plan --------------------------------------------------------------------

    def plan(self, params, desired, record):
        """Compare the task (validated ``params``, canonical ``desired``) with the device; nothing is written."""
        name = params.get("name") or (record or {}).get("name")
        if params["state"] == "absent":
            if record is None:
                return self.new_change(name, "none")
            raw, before = self.current(record["uuid"])
            change = self.new_change(name, "delete", resource_id=record["uuid"], before=before, raw=raw)
            change.writes = self.delete_writes(change, params)
            return change
        if record is None:
            desired = self.prepare(desired)
            if params.get("uuid"):
                raise IdentityError("no %s with uuid %s on this Kraken" % (self.singular, params["uuid"]))
            if not desired.get("name"):
                raise ValidationError("name is required to create a %s" % self.singular)
            self.check_create(desired)
            change = self.new_change(name, "create", after=dict(desired))
        else:
            raw, current = self.current(record["uuid"])
            desired = self.prepare(desired, raw)
            options = self.fields.changes(desired, current)
            change = self.new_change(name, "update" if options else "none", resource_id=record["uuid"], before=current,
                                     after=self.fields.merged(current, desired, options), options=options, raw=raw)
        self.plan_actions(change, params)
        if change.changed:
            change.writes = self.writes(change, params)
        return change

    # -- the result ------------------------------------------------------------------

    @classmethod
    def render(cls, raw):
        """A record of the kind as users read it (results and kraken_info)."""
        return resource_view(raw, cls.fields)

    def predicted(self, change):
        """The view check mode reports: the device's view with the values the writes set; a create's holds
        what the task sets (the device adds its defaults) and no uuid yet."""
        if change.action == "create":
            view, options = {"uuid": None}, list(change.after)
        else:
            view, options = self.render(change.raw), change.options
        values = dict((o, change.after[o]) for o in options if o in change.after)
        for option in values:
            view.pop(option, None)  # a value the view leaves out (a reference set to none) is gone
        view.update(self.fields.mask(self.view_values(values)))
        return view

    def view_values(self, values):
        """Compared values as a view shows them (streams: references as ``{name, uuid}``); as they are by default."""
        return values

    def view(self, change):
        """The device's view after the run; in check mode, the predicted one. The one view of every kind."""
        if change.action == "delete" or (change.action == "none" and change.raw is None):
            return {}
        if change.action == "none":
            return self.render(change.raw)
        if self.check_mode:
            return self.predicted(change)
        return self.render(self.client.get(self.kind, change.resource_id))
