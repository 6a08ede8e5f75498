# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Find, compare, plan and apply one Kraken resource (input, output, transcoder, stream).

A resource module declares a ``ResourceType``; ``converge`` does the rest:
identity by uuid or name, the plan from the shared engine, writes only outside
check mode, and the result with a masked diff and the device's view.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KINDS, KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.view import resource_view
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

IDENTITY_SPEC = dict(
    name=dict(type="str"),
    uuid=dict(type="str"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


class IdentityError(HaivisionError):
    """A name or uuid that does not identify exactly one resource."""


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


class ResourceType:
    """What a resource module declares: its kind, result key, fields and hooks."""

    kind = None            # the collection, e.g. "inputs"
    result_key = None      # e.g. "input"
    fields = None          # a FieldSet

    def check_create(self, desired):
        """Raise ValidationError when the device could not create this (before the create is sent)."""

    def __init__(self, client, nics=None, details=None):
        self.client = client
        self.nics = nics or NicDirectory(client)
        # Detail GETs already made (uuid -> raw), e.g. concurrently by the line-up.
        self.details = details if details is not None else {}

    @property
    def singular(self):
        return KINDS[self.kind]

    def wire(self, state):
        """The request body for a full state; NIC names become the device's links."""
        body = self.fields.to_wire(state)
        if "interface" in body:
            body["interface"] = "auto" if body["interface"] == "auto" else self.nics.link(body["interface"])
        return body

    def current(self, uuid):
        raw = self.details.get(uuid)
        if raw is None:
            raw = self.details[uuid] = self.client.get(self.kind, uuid)
        return raw, self.fields.from_device(raw)


def find_one(client, kind, name=None, uuid=None, entries=None):
    """The list entry for a uuid or a unique name, or None; two of the same name fail listing their uuids."""
    entries = client.list(kind) if entries is None else entries
    if uuid:
        matches = [e for e in entries if e.get("uuid") == uuid]
    else:
        matches = [e for e in entries if e.get("name") == name]
    if len(matches) > 1:
        uuids = ", ".join(sorted(m["uuid"] for m in matches))
        raise IdentityError("%d %s are named %r (uuids: %s); give uuid to choose one" % (len(matches), kind, name, uuids))
    return matches[0] if matches else None


def resource_argument_spec(fields):
    spec = dict(IDENTITY_SPEC)
    spec.update(fields.argument_spec())
    return spec


class ResourcePlan:
    """What converging one resource will do; computed before anything is written."""

    def __init__(self, resource, action, uuid=None, before=None, after=None, options=None, raw=None):
        self.resource = resource
        self.action = action  # "create", "update", "delete" or "none"
        self.uuid = uuid
        self.before = before or {}
        self.after = after or {}
        self.options = options  # the changed options of an update
        self.raw = raw

    @property
    def changed(self):
        return self.action != "none"

    def diff(self):
        if self.action == "none":
            return {"before": {}, "after": {}}
        return self.resource.fields.diff(self.before, self.after, self.options)


def plan_resource(resource, desired, wanted_state, entry, identity=None):
    """Compare the desired state with the device (one detail GET at most) and decide the action."""
    if wanted_state == "absent":
        if entry is None:
            return ResourcePlan(resource, "none")
        raw, before = resource.current(entry["uuid"])
        return ResourcePlan(resource, "delete", entry["uuid"], before=before, raw=raw)
    if entry is None:
        identity = identity or {}
        if identity.get("uuid"):
            raise IdentityError("no %s with uuid %s on this Kraken" % (resource.singular, identity["uuid"]))
        if not desired.get("name"):
            raise ValidationError("name is required to create a %s" % resource.singular)
        resource.check_create(desired)
        return ResourcePlan(resource, "create", after=desired)
    raw, current = resource.current(entry["uuid"])
    changed = resource.fields.changes(desired, current)
    if not changed:
        return ResourcePlan(resource, "none", entry["uuid"], before=current, after=current, raw=raw)
    return ResourcePlan(resource, "update", entry["uuid"], before=current, after=resource.fields.merged(current, desired, changed),
                        options=changed, raw=raw)


def apply_resource(plan):
    """Send the plan's one write; return the resource's uuid."""
    resource, client = plan.resource, plan.resource.client
    if plan.action == "create":
        plan.uuid = client.create(resource.kind, resource.wire(plan.after))
    elif plan.action == "update":
        # The full merged state: a transcoder PUT resets every field it does
        # not carry, and sending everything is harmless for the others.
        client.update(resource.kind, plan.uuid, resource.wire(plan.after))
    elif plan.action == "delete":
        client.delete(resource.kind, plan.uuid)
    return plan.uuid


def plan_view(plan, check_mode):
    """The device's view after the run; in check mode, the predicted one."""
    resource = plan.resource
    if plan.action == "delete" or (plan.action == "none" and plan.raw is None):
        return {}
    if plan.action == "none":
        return resource_view(plan.raw, resource.fields)
    if not check_mode:
        return resource_view(resource.client.get(resource.kind, plan.uuid), resource.fields)
    view = resource_view(plan.raw, resource.fields) if plan.raw else {}
    view.update(resource.fields.mask(plan.after))
    return view


def converge(module, resource_class):
    """Bring one resource to the state the task describes; return the module result."""
    params = module.params
    desired = resource_class.fields.desired(params)  # validation comes before any request
    client = KrakenClient.from_module(module)
    resource = resource_class(client)
    entry = find_one(client, resource.kind, params.get("name"), params.get("uuid"))
    plan = plan_resource(resource, desired, params["state"], entry, identity=params)
    if plan.changed and not module.check_mode:
        apply_resource(plan)
    result = dict(changed=plan.changed, diff=plan.diff(), uuid=plan.uuid)
    result[resource.result_key] = plan_view(plan, module.check_mode)
    return result
