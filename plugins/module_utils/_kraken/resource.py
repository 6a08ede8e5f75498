# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One Kraken resource kind: its spec, its plan, its writes and its view.

A kind (input, output, transcoder, stream: see kinds.py and stream.py)
declares its fields and overrides the hooks that are its own; ``plan``
compares the task with the device and returns the one change record
(_common/change.py) with its writes ranked for a line-up. ``ResourceType``
keeps the kind contract (_common/kind.py), whose drivers run the modules and
the line-up.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KINDS, KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.view import resource_view
from ansible_collections.haivision.media.plugins.module_utils._common.change import Change, Write
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.kind import Kind
from ansible_collections.haivision.media.plugins.module_utils._common.identity import (
    IdentityError, Directory, match_one, placeholder)

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


def kraken_directory(client, known=None):
    """The list-once resolver of this Kraken's resources (names and uuids)."""
    return Directory(client.list, "Kraken", key="name", id_key="uuid", known=known)


def find_one(client, kind, name=None, uuid=None, entries=None):
    """The list entry for a uuid or a unique name, or None; two of the same name fail listing their uuids."""
    entries = client.list(kind) if entries is None else entries
    return match_one(entries, "name", name, "uuid", uuid, KINDS[kind])


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
        return self.shared.get("directory", lambda: kraken_directory(self.client, known=self.shared.listed))

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

    # -- hooks ---------------------------------------------------------------------

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

    def plan_run_state(self, change, params):
        """Extra changes beyond the fields (streams: the run state); none by default."""

    def use_created(self, state, created):
        """Put uuids of resources created earlier in this run where ``state`` holds their placeholders."""

    def wire(self, state, context):
        """The request body for a state; NIC names become the device's links."""
        body = self.fields.to_wire(state)
        if "interface" in body:
            body["interface"] = "auto" if body["interface"] == "auto" else self.nics.link(body["interface"])
        return body

    def field_writes(self, change):
        """The create or the field edit; the create records the new uuid for references to it."""
        path = "/apis/kraken/%s" % self.kind

        def fields(context):
            self.use_created(change.after, context.get("created", {}))
            return dict((k, v) for k, v in change.after.items() if k in self.fields.by_option)
        if change.action == "create":
            def create(context):
                uuid = self.client.create(self.kind, self.wire(fields(context), context))
                context.setdefault("created", {})[placeholder(self.kind, change.name)] = uuid
                return uuid
            return [Write(self.write_rank, "POST", path, create)]
        changed_fields = [o for o in change.options if o in self.fields.by_option]
        if not changed_fields:
            return []
        # The device's reported fields plus the changed ones: a transcoder PUT
        # resets every field it does not carry, and the others merge.
        return [Write(self.write_rank, "PUT", self.client.item_path(self.kind, change.resource_id),
                      lambda context: self.client.update(self.kind, change.resource_id, self.wire(fields(context), context)))]

    def delete_writes(self, change, params):
        return [Write(self.delete_rank, "DELETE", self.client.item_path(self.kind, change.resource_id),
                      lambda context: self.client.delete(self.kind, change.resource_id))]

    # -- the plan --------------------------------------------------------------------

    def plan(self, params, desired, record):
        """Compare the task (validated ``params``, canonical ``desired``) with the device; nothing is written."""
        name = params.get("name") or (record or {}).get("name")
        if params["state"] == "absent":
            if record is None:
                return Change(self.kind, name, "none", fields=self.fields)
            raw, before = self.current(record["uuid"])
            change = Change(self.kind, name, "delete", record["uuid"], before=before, fields=self.fields, raw=raw)
            change.writes = self.delete_writes(change, params)
            return change
        if record is None:
            desired = self.prepare(desired)
            if params.get("uuid"):
                raise IdentityError("no %s with uuid %s on this Kraken" % (self.singular, params["uuid"]))
            if not desired.get("name"):
                raise ValidationError("name is required to create a %s" % self.singular)
            self.check_create(desired)
            change = Change(self.kind, name, "create", after=dict(desired), fields=self.fields)
        else:
            raw, current = self.current(record["uuid"])
            desired = self.prepare(desired, raw)
            options = self.fields.changes(desired, current)
            change = Change(self.kind, name, "update" if options else "none", record["uuid"], before=current,
                            after=self.fields.merged(current, desired, options), options=options, fields=self.fields,
                            raw=raw)
        self.plan_run_state(change, params)
        if change.changed:
            change.writes = self.field_writes(change) + self.run_state_writes(change, params)
        return change

    def run_state_writes(self, change, params):
        return []

    # -- the result ------------------------------------------------------------------

    def view(self, change):
        """The device's view after the run; in check mode, the predicted one."""
        if change.action == "delete" or (change.action == "none" and change.raw is None):
            return {}
        if change.action == "none":
            return resource_view(change.raw, self.fields)
        if not self.check_mode:
            return resource_view(self.client.get(self.kind, change.resource_id), self.fields)
        view = resource_view(change.raw, self.fields) if change.raw else {}
        view.update(self.fields.mask(change.after))
        return view
