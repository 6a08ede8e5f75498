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

from ansible_collections.haivision.media.plugins.module_utils.kraken_client import KINDS, KrakenClient
from ansible_collections.haivision.media.plugins.module_utils.kraken_view import resource_view
from ansible_collections.haivision.media.plugins.module_utils.state_diff import ValidationError
from ansible_collections.haivision.media.plugins.module_utils.transport import HaivisionError

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

    def __init__(self, client):
        self.client = client
        self.nics = NicDirectory(client)

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
        raw = self.client.get(self.kind, uuid)
        return raw, self.fields.from_device(raw)


def find_one(client, kind, name=None, uuid=None):
    """The list entry for a uuid or a unique name, or None; two of the same name fail listing their uuids."""
    entries = client.list(kind)
    if uuid:
        matches = [e for e in entries if e.get("uuid") == uuid]
    else:
        matches = [e for e in entries if e.get("name") == name]
    if len(matches) > 1:
        raise IdentityError("%d %s are named %r (uuids: %s); give uuid to choose one"
                           % (len(matches), kind, name, ", ".join(sorted(m["uuid"] for m in matches))))
    return matches[0] if matches else None


def resource_argument_spec(fields):
    spec = dict(IDENTITY_SPEC)
    spec.update(fields.argument_spec())
    return spec


def converge(module, resource_class):
    """Bring one resource to the state the task describes; return the module result."""
    params = module.params
    desired = resource_class.fields.desired(params)  # validation comes before any request
    client = KrakenClient.from_module(module)
    resource = resource_class(client)
    entry = find_one(client, resource.kind, params.get("name"), params.get("uuid"))
    result = dict(changed=False)

    if params["state"] == "absent":
        if entry is None:
            result[resource.result_key] = {}
            return result
        raw, before = resource.current(entry["uuid"])
        if not module.check_mode:
            client.delete(resource.kind, entry["uuid"])
        result.update(changed=True, diff=resource.fields.diff(before, {}), uuid=entry["uuid"])
        result[resource.result_key] = {}
        return result

    if entry is None:
        if params.get("uuid"):
            raise IdentityError("no %s with uuid %s on this Kraken" % (resource.singular, params["uuid"]))
        if not params.get("name"):
            raise ValidationError("name is required to create a %s" % resource.singular)
        resource.check_create(desired)
        body = resource.wire(desired)
        uuid = None
        if not module.check_mode:
            uuid = client.create(resource.kind, body)
        result.update(changed=True, diff=resource.fields.diff({}, desired), uuid=uuid)
        result[resource.result_key] = _view(client, resource, uuid, desired)
        return result

    raw, current = resource.current(entry["uuid"])
    changed = resource.fields.changes(desired, current)
    result["uuid"] = entry["uuid"]
    if changed:
        after = resource.fields.merged(current, desired)
        if not module.check_mode:
            # The full merged state: a transcoder PUT resets every field it does
            # not carry, and sending everything is harmless for the others.
            client.update(resource.kind, entry["uuid"], resource.wire(after))
        result.update(changed=True, diff=resource.fields.diff(current, after, changed))
        result[resource.result_key] = _view(client, resource, None if module.check_mode else entry["uuid"], after, raw)
    else:
        result["diff"] = {"before": {}, "after": {}}
        result[resource.result_key] = resource_view(raw, resource.fields)
    return result


def _view(client, resource, uuid, predicted, raw=None):
    """The device's view after the run; in check mode, the predicted one."""
    if uuid:
        return resource_view(client.get(resource.kind, uuid), resource.fields)
    view = resource_view(raw, resource.fields) if raw else {}
    view.update(resource.fields.mask(predicted))
    return view

