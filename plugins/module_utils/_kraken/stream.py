# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kraken streams: a resource kind with the hooks that are theirs.

References (input, transcoder, outputs, passthru) are resolved to uuids by the
list-once resolver, and compared by uuid; results show them as users name
them: by name in a diff, as ``{name, uuid}`` in the view (``StreamChange``).
The guide says a ``<state>`` element must be sent alone ("other changes in the
same PUT request are ignored"), so a run-state change is its own write, ranked
after every field edit. The device refuses to delete a running stream, so a
removal stops it first.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KINDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.fields import STREAM_FIELDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.resource import (
    STREAM_DELETE, STREAM_RUN_STATE, STREAM_WRITE, ResourceType)
from ansible_collections.haivision.media.plugins.module_utils._common.change import Change, Write
from ansible_collections.haivision.media.plugins.module_utils._common.identity import NEW
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

RUNNING = ("active", "waiting")
# The references a stream is compared by and resolves by name, and the kind each refers to.
REFERENCE_KINDS = {"input": "inputs", "transcoder": "transcoders", "outputs": "outputs", "passthru": "outputs"}
# Every reference a view shows as {name, uuid}: metadatas too, which are given by uuid only (nothing lists
# them, so check mode names only those the stream's record names).
VIEWED_REFERENCES = dict(REFERENCE_KINDS, metadatas="metadatas")
POLL_SECONDS = 0.5


def reference_items(raw, option):
    """The references the stream's record gives for ``option``, as ``(uuid, name)`` (none without a record)."""
    value = (raw or {}).get(option)
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    normalize = STREAM_FIELDS.by_option[option].normalizer
    return [(normalize(item), item.get("name")) for item in items if isinstance(item, dict) and normalize(item)]


class StreamChange(Change):
    """A stream's Change. ``run``: the run-state request it sends (``start``, ``stop`` or None);
    ``names(kind, uuid)``: the name of a resource it refers to (None when unknown)."""

    def __init__(self, names, *args, **kwargs):
        super(StreamChange, self).__init__(*args, **kwargs)
        self.names = names
        self.run = None

    def display(self, state):
        """References by name, as the user writes them (the comparison is by uuid)."""
        shown = dict(state)
        for option, kind in REFERENCE_KINDS.items():
            value = shown.get(option)
            if isinstance(value, list):
                shown[option] = sorted(self.names(kind, uuid) or uuid for uuid in value)
            elif value:
                shown[option] = self.names(kind, value) or value
        return shown


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

    def __init__(self, *args, **kwargs):
        super(KrakenStream, self).__init__(*args, **kwargs)
        # (kind, uuid) -> name of what the streams planned here refer to: what their records say, and what the
        # directory resolved (a resource the line-up creates has its placeholder's name).
        self.reference_names = {}

    def new_change(self, name, action, **values):
        return StreamChange(lambda kind, uuid: self.reference_names.get((kind, uuid)), self.kind, name, action,
                            fields=self.fields, **values)

    def prepare(self, desired, raw=None):
        """References by name, uuid or link, resolved to uuids (metadatas are kept as given).

        The stream's own record names what it refers to ({name, link}); a
        reference given as that name or uuid needs no list. Any other one is
        resolved through the list-once resolver, which refuses ambiguous names.
        """
        resolved = dict(desired)
        for option, kind in REFERENCE_KINDS.items():
            value = resolved.get(option)
            if not value:
                continue
            reported = {}
            for uuid, name in reference_items(raw, option):
                reported[uuid] = uuid
                if name:
                    reported[name] = uuid
            uuids = []
            for reference in (value if isinstance(value, list) else [value]):
                uuid = reported.get(reference)
                if uuid is None:
                    uuid = self.directory.resolve(kind, reference, option)
                    self.reference_names[(kind, uuid)] = self.directory.name(kind, uuid)
                uuids.append(uuid)
            resolved[option] = sorted(set(uuids)) if isinstance(value, list) else uuids[0]
        return resolved

    def current(self, uuid):
        raw, current = super(KrakenStream, self).current(uuid)
        current["state"] = raw.get("state")
        for option, kind in VIEWED_REFERENCES.items():
            for reference, name in reference_items(raw, option):
                self.reference_names.setdefault((kind, reference), name)
        return raw, current

    def plan_actions(self, change, params):
        """Whether the stream must be started or stopped, and its predicted run state."""
        wanted = params["state"]
        if change.action == "create":
            running = bool(change.after.get("auto_start"))  # the device starts it
        else:
            running = change.before.get("state") in RUNNING
        if wanted == "started" and not running:
            change.run = "start"
        elif wanted == "stopped" and running:
            change.run = "stop"
        if change.action == "create":
            change.after["state"] = "active" if (running and change.run != "stop") or change.run == "start" else "stopped"
            return
        change.after["state"] = {"start": "active", "stop": "stopped"}.get(change.run, change.before.get("state"))
        if change.run:
            change.options = sorted(set(change.options) | {"state"})
            change.action = "update"

    def writes(self, change, params):
        """The field writes, then ``<state>start|stop</state>`` alone in its PUT; a wait asked goes with the
        last request that changes the run state (a create the device starts: the POST)."""
        writes = self.field_writes(change)
        wanted = change.after.get("state")
        wait = params.get("wait") and wanted in ("active", "stopped") and (change.run or change.action == "create")
        if change.run:
            def run_state(context):
                self.client.update(self.kind, change.resource_id, {"state": change.run})
                return None
            writes.append(Write(STREAM_RUN_STATE, "PUT", self.item_path(change.resource_id), run_state,
                                note="state %s" % change.run))
        if wait:
            writes[-1] = self.waiting(writes[-1], change, wanted, params["wait_timeout"])
        return writes

    def waiting(self, write, change, wanted, timeout):
        """``write``, then the wait until the stream is ``wanted`` (a wait is no request of its own)."""
        def send(context):
            learned = write.send(context)
            self.wait_for(learned or change.resource_id, wanted, timeout)
            return learned
        return Write(write.rank, write.method, write.path, send, note=write.note)

    def body(self, state):
        # Built when sent: a reference to a resource this run creates takes the uuid the device gave it.
        return lambda context: self.wire(self.with_created(state, context.get("created", {})))

    @staticmethod
    def with_created(state, created):
        """``state`` with the uuids of resources created earlier in this run in place of their placeholders."""
        state = dict(state)
        for option in REFERENCE_KINDS:
            value = state.get(option)
            if isinstance(value, list):
                state[option] = sorted(created.get(v, v) for v in value)
            elif value:
                state[option] = created.get(value, value)
        return state

    def wire(self, state):
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

    def view_values(self, values):
        """References as the device's view gives them, ``{name, uuid}``; one this run would create has no uuid
        yet. A reference set to nothing is left out, as the device leaves it out."""
        shown = dict(values)
        for option, kind in VIEWED_REFERENCES.items():
            value = shown.get(option)
            if value in (None, "", []):
                shown.pop(option, None)
            elif isinstance(value, list):
                shown[option] = [self.reference_view(kind, uuid) for uuid in value]
            else:
                shown[option] = self.reference_view(kind, value)
        return shown

    def predicted(self, change):
        view = super(KrakenStream, self).predicted(change)
        if "passthru" in (change.options or ()):
            view.pop("mode", None)  # whether it passes through is the device's to say
        return view

    def reference_view(self, kind, uuid):
        new = uuid.startswith(NEW)
        return {"name": self.reference_names.get((kind, uuid)), "uuid": None if new else uuid}

    def delete_writes(self, change, params):
        """Stop a running stream (the device refuses to delete it), then delete it."""
        writes = []
        if change.before.get("state") in RUNNING:
            def stop(context):
                self.client.update(self.kind, change.resource_id, {"state": "stop"})
                if params.get("wait"):
                    self.wait_for(change.resource_id, "stopped", params["wait_timeout"])
            writes.append(Write(self.delete_rank, "PUT", self.item_path(change.resource_id), stop,
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
            value = change.after.get(option) if change is not None else [uuid for uuid, dummy in reference_items(raw, option)]
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
