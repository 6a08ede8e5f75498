# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HMP sources: the source kind (its one spec, its plan, its view)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import (
    SOURCE_FIELDS, SOURCE_REQUIRED_IF, SOURCE_TYPE_OPTIONS)
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import (
    SOURCE_DELETE, SOURCE_WRITE, SOURCES_PATH, HMPKind, identity_spec, request_write)
from ansible_collections.haivision.media.plugins.module_utils._common.change import Change, Write
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError, placeholder
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError


def _check_type(options, source_type):
    """Options of the other source type would never converge (the platform drops them): refuse them."""
    if source_type is None:
        return
    if source_type == "SRT" and options.get("continuous") is False:
        raise ValidationError("continuous cannot be false for an SRT source: HMP forces it to true")
    foreign = sorted(o for o in options if o not in SOURCE_TYPE_OPTIONS[source_type])
    if foreign:
        raise ValidationError("%s %s not apply to %s sources (%s options: %s)"
                              % (", ".join(foreign), "does" if len(foreign) == 1 else "do", source_type, source_type,
                                 ", ".join(SOURCE_TYPE_OPTIONS[source_type])))


def _body(state):
    """The full source for a POST or PUT: every property of its type (a PUT resets what it leaves out)."""
    allowed = SOURCE_TYPE_OPTIONS[state["type"]]
    return SOURCE_FIELDS.to_wire(dict((k, v) for k, v in state.items() if k in allowed))


def masked(record):
    """A source record as results show it: its secret fields masked (a source's wire names are its option names)."""
    return SOURCE_FIELDS.mask(record or {})


class HMPSource(HMPKind):
    """The source kind: one spec for the module and the line-up's items, and the planner."""

    kind = "sources"
    key = "name"
    result_key = "source"
    fields = SOURCE_FIELDS

    @classmethod
    def argument_spec(cls):
        spec = identity_spec(cls.key)
        spec.update(cls.fields.argument_spec())
        return spec

    @classmethod
    def constraints(cls):
        return dict(required_one_of=[(cls.key, "id")], required_if=SOURCE_REQUIRED_IF)

    @classmethod
    def desired(cls, params):
        """The task's source options, validated before any request."""
        desired = cls.fields.desired(params)
        _check_type(desired, desired.get("type"))
        return desired

    def plan(self, params, desired, record):
        """The Change that brings the source (its record as read, or None) to the task; nothing is written."""
        name = params.get("name") or (record or {}).get("name")
        if params["state"] == "absent":
            if record is None:
                return Change(self.kind, name, "none", fields=self.fields, id_key="id")
            change = Change(self.kind, name, "delete", record["id"], before=self.fields.from_device(record),
                            fields=self.fields, raw=record, id_key="id")
            change.writes = [request_write(self.client, SOURCE_DELETE, "DELETE", self.path(record["id"]))]
            return change
        if record is None:
            return self.plan_create(params, desired, name)
        return self.plan_update(record, desired, name)

    def plan_create(self, params, desired, name):
        if params.get("id"):
            raise IdentityError("no source with id %s on this HMP" % params["id"])
        missing = [o for o in ("name", "type", "port") if desired.get(o) is None]
        if missing:
            raise ValidationError("%s required to create a source"
                                  % (" and ".join(missing) + (" is" if len(missing) == 1 else " are")))
        if not desired.get("host") and (desired.get("multicast") or desired.get("mode") in ("CALLER", "RENDEZVOUS")):
            raise ValidationError("host is required to create a %s source"
                                  % ("multicast UDP" if desired.get("multicast") else "%s SRT" % desired["mode"]))
        change = Change(self.kind, name, "create", after=dict(desired), fields=self.fields, id_key="id")
        body = _body(desired)

        def create(context):
            created = self.client.request("POST", SOURCES_PATH, body)["data"]
            source_id = created.get("id") if isinstance(created, dict) else None
            if not source_id:
                # A run that went on would create another source of that name.
                raise HaivisionError("HMP answered POST %s without the new source's id; check the platform for a "
                                     "source named %r before running again" % (SOURCES_PATH, name))
            # Sessions of the same line-up planned with this source's placeholder use its real id.
            context.setdefault("created", {})[placeholder(self.kind, name)] = source_id
            return source_id
        change.writes = [Write(SOURCE_WRITE, "POST", SOURCES_PATH, create)]
        return change

    def plan_update(self, record, desired, name):
        current = self.fields.from_device(record)
        source_type = desired.get("type") or current.get("type")
        _check_type(desired, source_type)
        options = self.fields.changes(desired, current)
        if not options:
            return Change(self.kind, name, "none", record["id"], before=current, after=current, options=[],
                          fields=self.fields, raw=record, id_key="id")
        after = self.fields.merged(current, desired, options)
        if source_type != current.get("type"):
            # A new type: what belonged to the old one goes, and the new one's required options must be there.
            after = dict((k, v) for k, v in after.items() if k in SOURCE_TYPE_OPTIONS[source_type])
            needed = "mode" if source_type == "SRT" else "multicast"
            if after.get(needed) is None:
                raise ValidationError("%s is required to change the source to type %s" % (needed, source_type))
        change = Change(self.kind, name, "update", record["id"], before=current, after=after,
                        options=options, fields=self.fields, raw=record, id_key="id")
        change.writes = [request_write(self.client, SOURCE_WRITE, "PUT", self.path(record["id"]), _body(after))]
        return change

    def view(self, change):
        """The source as the platform reports it after the run (in check mode, as the plan's body would make it),
        secrets masked."""
        if change.action == "delete" or change.raw is None and change.action == "none":
            return {}
        if change.action == "none":
            return masked(change.raw)
        if self.check_mode:
            return masked(dict(change.raw or {}, **_body(change.after)))
        return masked(self.client.get_one(self.path(change.resource_id), change.resource_id))
