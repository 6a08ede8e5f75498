# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kraken streams: references resolved to uuids, field edits, and the run state.

The guide says a ``<state>`` element must be sent alone ("other changes in the
same PUT request are ignored"), so a run-state change is always its own PUT,
after the field edit. The device refuses to delete a running stream, so a
removal stops it first.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KINDS, KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.fields import STREAM_FIELDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.resource import IdentityError, find_one
from ansible_collections.haivision.media.plugins.module_utils._kraken.view import resource_view
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

RUNNING = ("active", "waiting")
REFERENCE_KINDS = {"input": "inputs", "transcoder": "transcoders", "outputs": "outputs", "passthru": "outputs"}
POLL_SECONDS = 0.5


class StreamReferences:
    """Names, uuids and links of inputs, transcoders and outputs, resolved to uuids.

    Each collection is listed at most once per run, and only if a reference
    needs it.
    """

    def __init__(self, client, known=None):
        self.client = client
        self.entries = dict(known or {})

    def _entries(self, kind):
        if kind not in self.entries:
            self.entries[kind] = self.client.list(kind)
        return self.entries[kind]

    def uuid(self, option, value):
        if value in ("", None):
            return value
        kind = REFERENCE_KINDS[option]
        entries = self._entries(kind)
        if any(e.get("uuid") == value for e in entries):
            return value
        named = [e["uuid"] for e in entries if e.get("name") == value]
        if len(named) > 1:
            raise IdentityError("%s %r is ambiguous: %d %s have that name (uuids: %s)"
                                % (option, value, len(named), kind, ", ".join(sorted(named))))
        if not named:
            raise ValidationError("%s %r is neither the name nor the uuid of one of this Kraken's %s" % (option, value, kind))
        return named[0]

    def resolve(self, desired):
        """The desired state with every reference as a uuid (metadatas are kept as given)."""
        resolved = dict(desired)
        for option in ("input", "transcoder", "passthru"):
            if resolved.get(option):
                resolved[option] = self.uuid(option, resolved[option])
        if resolved.get("outputs") is not None:
            resolved["outputs"] = sorted(set(self.uuid("outputs", v) for v in resolved["outputs"]))
        return resolved


def stream_wire(client, state):
    """The request body of a stream's fields: references as the device's links."""
    body = STREAM_FIELDS.to_wire(state)
    base = client.base_url + "/apis/kraken"
    for option, kind in (("input", "inputs"), ("transcoder", "transcoders"), ("passthru", "outputs")):
        if body.get(option):
            body[option] = "%s/%s/%s-%s" % (base, kind, KINDS[kind], body[option])
    if "outputs" in body:
        body["outputs"] = ["%s/outputs/output-%s" % (base, u) for u in body["outputs"]]
    if "metadatas" in body:
        body["metadatas"] = ["%s/metadatas/metadata-%s" % (base, u) for u in body["metadatas"]]
    return body


def wait_for(client, uuid, wanted, timeout):
    """Poll until the stream's run state is ``wanted``; fail after ``timeout`` seconds."""
    deadline = time.time() + timeout
    while True:
        state = client.get("streams", uuid).get("state")
        if state == wanted:
            return state
        if time.time() >= deadline:
            raise HaivisionError("stream %s is still %r after %s seconds (waiting for %r)" % (uuid, state, timeout, wanted))
        time.sleep(POLL_SECONDS)


def set_run_state(client, uuid, action):
    """``<state>start|stop</state>`` alone in its PUT, as the device requires."""
    client.update("streams", uuid, {"state": action})


class StreamPlan:
    """What one stream task will do; computed before anything is written."""

    def __init__(self):
        self.create = False
        self.delete = False
        self.changed_fields = []
        self.run_action = None  # "start" | "stop"
        self.before = {}
        self.after = {}


def plan_stream(client, params, desired, references, entry, raw=None):
    """Compare the task with the device and decide the writes (``raw``: the detail, if already read)."""
    plan = StreamPlan()
    wanted_state = params["state"]
    if wanted_state != "absent":
        desired = references.resolve(desired)
    if entry is None:
        if wanted_state == "absent":
            return plan, None
        if params.get("uuid"):
            raise IdentityError("no stream with uuid %s on this Kraken" % params["uuid"])
        if not params.get("name"):
            raise ValidationError("name is required to create a stream")
        plan.create = True
        plan.after = dict(desired)
        started_by_device = bool(desired.get("auto_start"))
        if wanted_state == "started" and not started_by_device:
            plan.run_action = "start"
        elif wanted_state == "stopped" and started_by_device:
            plan.run_action = "stop"
        plan.after["state"] = "active" if (started_by_device and plan.run_action != "stop") or plan.run_action == "start" \
            else "stopped"
        return plan, None
    if raw is None:
        raw = client.get("streams", entry["uuid"])
    current = STREAM_FIELDS.from_device(raw)
    current["state"] = raw.get("state")
    running = current["state"] in RUNNING
    if wanted_state == "absent":
        plan.delete = True
        plan.run_action = "stop" if running else None
        plan.before = current
        return plan, raw
    plan.changed_fields = STREAM_FIELDS.changes(desired, current)
    plan.before = current
    plan.after = STREAM_FIELDS.merged(current, desired, plan.changed_fields)
    if wanted_state == "started" and not running:
        plan.run_action = "start"
    elif wanted_state == "stopped" and running:
        plan.run_action = "stop"
    plan.after["state"] = {"start": "active", "stop": "stopped"}.get(plan.run_action, current["state"])
    return plan, raw


def apply_stream_fields(client, plan, uuid):
    """The create or the field edit (never with a state in it); return the uuid."""
    fields = dict((k, v) for k, v in plan.after.items() if k != "state")
    if plan.create:
        return client.create("streams", stream_wire(client, fields))
    if plan.changed_fields:
        client.update("streams", uuid, stream_wire(client, fields))
    return uuid


def apply_stream_state(client, plan, uuid, params):
    """The run-state change alone in its PUT, then the wait if asked."""
    if plan.run_action:
        set_run_state(client, uuid, plan.run_action)
    if params.get("wait") and plan.after.get("state") in ("active", "stopped") and (plan.run_action or plan.create):
        wait_for(client, uuid, plan.after["state"], params["wait_timeout"])


def apply_stream_delete(client, plan, uuid, params):
    """Stop a running stream (the device refuses to delete it), then delete it."""
    if plan.run_action == "stop":
        set_run_state(client, uuid, "stop")
        if params.get("wait"):
            wait_for(client, uuid, "stopped", params["wait_timeout"])
    client.delete("streams", uuid)


def apply_stream(client, plan, uuid, params):
    if plan.delete:
        apply_stream_delete(client, plan, uuid, params)
        return uuid
    uuid = apply_stream_fields(client, plan, uuid)
    apply_stream_state(client, plan, uuid, params)
    return uuid


def plan_diff(plan):
    options = sorted(set(plan.changed_fields) | ({"state"} if plan.run_action else set()))
    if plan.create:
        return STREAM_FIELDS.diff({}, plan.after)
    if plan.delete:
        return STREAM_FIELDS.diff(plan.before, {})
    return STREAM_FIELDS.diff(plan.before, plan.after, options)


def converge_stream(module):
    params = module.params
    desired = STREAM_FIELDS.desired(params)  # validation before any request
    client = KrakenClient.from_module(module)
    entry = find_one(client, "streams", params.get("name"), params.get("uuid"))
    plan, raw = plan_stream(client, params, desired, StreamReferences(client), entry)
    changed = plan.create or plan.delete or bool(plan.changed_fields) or bool(plan.run_action)
    result = dict(changed=changed, diff=plan_diff(plan) if changed else {"before": {}, "after": {}})
    uuid = entry["uuid"] if entry else None
    if changed and not module.check_mode:
        uuid = apply_stream(client, plan, uuid, params)
    result["uuid"] = uuid
    if plan.delete or (entry is None and params["state"] == "absent"):
        result["stream"] = {}
    elif changed and not module.check_mode:
        result["stream"] = resource_view(client.get("streams", uuid), STREAM_FIELDS)
    elif changed:
        view = resource_view(raw, STREAM_FIELDS) if raw else {}
        view.update(plan.after)
        result["stream"] = view
    else:
        result["stream"] = resource_view(raw, STREAM_FIELDS)
    return result
