# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kraken streams: a resource kind with the hooks that are theirs.

References (input, transcoder, outputs, passthru) are resolved to uuids by the
list-once resolver. The guide says a ``<state>`` element must be sent alone
("other changes in the same PUT request are ignored"), so a run-state change
is its own write, ranked after every field edit. The device refuses to delete
a running stream, so a removal stops it first.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KINDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.fields import STREAM_FIELDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.resource import (
    STREAM_DELETE, STREAM_RUN_STATE, STREAM_WRITE, ResourceType)
from ansible_collections.haivision.media.plugins.module_utils._common.change import Write
from ansible_collections.haivision.media.plugins.module_utils._common.identity import NEW_ID
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

RUNNING = ("active", "waiting")
REFERENCE_KINDS = {"input": "inputs", "transcoder": "transcoders", "outputs": "outputs", "passthru": "outputs"}
POLL_SECONDS = 0.5


def reported_references(raw, option):
    """{name or uuid: uuid} of what the stream's record says ``option`` refers to (empty without a record)."""
    value = (raw or {}).get(option)
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    known = {}
    normalize = STREAM_FIELDS.by_option[option].normalizer
    for item in items:
        uuid = normalize(item) if isinstance(item, dict) else None
        if uuid:
            known[uuid] = uuid
            if item.get("name"):
                known[item["name"]] = uuid
    return known


class KrakenStream(ResourceType):
    kind = "streams"
    result_key = "stream"
    fields = STREAM_FIELDS
    states = ("present", "absent", "started", "stopped")
    write_rank = STREAM_WRITE
    delete_rank = STREAM_DELETE

    @classmethod
    def extra_options(cls):
        return dict(wait=dict(type="bool", default=False), wait_timeout=dict(type="int", default=60))

    def prepare(self, desired, raw=None):
        """References by name, uuid or link, resolved to uuids (metadatas are kept as given).

        The stream's own record names what it refers to ({name, link}); a
        reference given as that name or uuid needs no list. Any other one is
        resolved through the list-once resolver, which refuses ambiguous names.
        """
        resolved = dict(desired)
        for option in ("input", "transcoder", "passthru", "outputs"):
            value = resolved.get(option)
            if not value:
                continue
            reported = reported_references(raw, option)
            uuids = [reported.get(v) or self.directory.resolve(REFERENCE_KINDS[option], v, option)
                     for v in (value if isinstance(value, list) else [value])]
            resolved[option] = sorted(set(uuids)) if isinstance(value, list) else uuids[0]
        return resolved

    def current(self, uuid):
        raw, current = super(KrakenStream, self).current(uuid)
        current["state"] = raw.get("state")
        return raw, current

    def plan_run_state(self, change, params):
        """Whether the stream must be started or stopped, and its predicted run state."""
        wanted = params["state"]
        if change.action == "create":
            started_by_device = bool(change.after.get("auto_start"))
            running = started_by_device
        else:
            running = change.before.get("state") in RUNNING
        action = None
        if wanted == "started" and not running:
            action = "start"
        elif wanted == "stopped" and running:
            action = "stop"
        change.extra["run"] = action
        if change.action == "create":
            change.after["state"] = "active" if (running and action != "stop") or action == "start" else "stopped"
            return
        change.after["state"] = {"start": "active", "stop": "stopped"}.get(action, change.before.get("state"))
        if action:
            change.options = sorted(set(change.options) | {"state"})
            change.action = "update"

    def use_created(self, state, created):
        # In place: the change's diff and view then show the real uuids too.
        for option in REFERENCE_KINDS:
            value = state.get(option)
            if isinstance(value, list):
                state[option] = sorted(created.get(v, v) for v in value)
            elif value:
                state[option] = created.get(value, value)

    def wire(self, state, context):
        """Fields with references as the device's links."""
        body = self.fields.to_wire(state)
        base = self.client.base_url + "/apis/kraken"
        for option in ("input", "transcoder", "passthru"):
            if body.get(option):
                kind = REFERENCE_KINDS[option]
                body[option] = "%s/%s/%s-%s" % (base, kind, KINDS[kind], body[option])
        if "outputs" in body:
            body["outputs"] = ["%s/outputs/output-%s" % (base, u) for u in body["outputs"]]
        if "metadatas" in body:
            body["metadatas"] = ["%s/metadatas/metadata-%s" % (base, u) for u in body["metadatas"]]
        return body

    def run_state_writes(self, change, params):
        """``<state>start|stop</state>`` alone in its PUT, then the wait if asked."""
        action = change.extra.get("run")
        wanted = change.after.get("state")
        wait = params.get("wait") and wanted in ("active", "stopped") and (action or change.action == "create")
        if not action and not wait:
            return []

        def run_state(context):
            uuid = change.resource_id
            if action:
                self.client.update(self.kind, uuid, {"state": action})
            if wait:
                self.wait_for(uuid, wanted, params["wait_timeout"])
        path = self.client.item_path(self.kind, change.resource_id or NEW_ID)
        return [Write(STREAM_RUN_STATE, "PUT", path, run_state, note="state %s" % (action or "wait"))]

    def delete_writes(self, change, params):
        """Stop a running stream (the device refuses to delete it), then delete it."""
        writes = []
        if change.before.get("state") in RUNNING:
            def stop(context):
                self.client.update(self.kind, change.resource_id, {"state": "stop"})
                if params.get("wait"):
                    self.wait_for(change.resource_id, "stopped", params["wait_timeout"])
            writes.append(Write(self.delete_rank, "PUT", self.client.item_path(self.kind, change.resource_id), stop,
                                note="state stop"))
        return writes + super(KrakenStream, self).delete_writes(change, params)

    # -- on air: a purge leaves a running stream and what it uses -------------------------

    uses = ("inputs", "outputs", "transcoders")

    def on_air(self, record, change=None):
        """Running: once its planned ``change`` is applied, else as its detail says (a list entry may lack it)."""
        if change is not None:
            return change.action != "delete" and change.after.get("state") in RUNNING
        return (self.details.get(record["uuid"]) or record).get("state") in RUNNING

    def references(self, record, change=None):
        """Its input, transcoder, outputs and passthru: planned, else from its detail."""
        raw = self.details.get(record["uuid"])
        found = []
        for option, kind in REFERENCE_KINDS.items():
            value = change.after.get(option) if change is not None else list(reported_references(raw, option).values())
            found += [(kind, uuid) for uuid in (value if isinstance(value, list) else [value]) if uuid]
        return found

    def wait_for(self, uuid, wanted, timeout):
        """Poll until the stream's run state is ``wanted``; fail after ``timeout`` seconds."""
        deadline = time.time() + timeout
        while True:
            state = self.client.get("streams", uuid).get("state")
            if state == wanted:
                return state
            if time.time() >= deadline:
                raise HaivisionError("stream %s is still %r after %s seconds (waiting for %r)" % (uuid, state, timeout, wanted))
            time.sleep(POLL_SECONDS)
