# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bring one HMP session, with its sources, metadata, shares, public share and schedule, to the task's state.

Everything is planned (reads only) before the first write. HMP refuses a
source change or a delete while the session records (409 RecordingInProgress);
that is found while planning, so without ``force`` the task fails having
changed nothing, and with ``force`` the recordings are stopped first.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient, quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import (
    SCHEDULE_ITEM_SPEC, SESSION_FIELDS, SESSION_PARTS, SHARE_ITEM_SPEC)
from ansible_collections.haivision.media.plugins.module_utils._hmp.metadata import (
    desired_metadata, device_metadata, wanted_metadata, wire_metadata)
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import (
    SESSIONS_PATH, IdentityError, PartChange, SourceDirectory, combined_diff, find_one, identity_spec, send_actions)
from ansible_collections.haivision.media.plugins.module_utils._hmp.schedule import active_schedule, desired_schedule, plan_schedule
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import (
    PrincipalDirectory, desired_shares, plan_shares, resolve_shares)
from ansible_collections.haivision.media.plugins.module_utils._common.masking import mask_secrets
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import ApiError, HaivisionError


class RecordingInProgress(HaivisionError):
    """The session records, and the task needs a change HMP refuses meanwhile."""


class SessionTask:
    """What the task asks, validated before any request (None: not managed)."""

    def __init__(self, params):
        self.params = params
        self.fields = SESSION_FIELDS.desired(params)
        self.sources = params.get("sources")
        metadata_given = params.get("metadata") is not None or params.get("categories") is not None
        self.metadata = desired_metadata(params.get("metadata"), params.get("categories")) \
            if metadata_given or params["purge_metadata"] else None
        # purge_shares alone means "no shares but those listed": none.
        self.shares = desired_shares(params.get("shares")) if params.get("shares") is not None or params["purge_shares"] else None
        self.schedule = desired_schedule(params.get("schedule")) if params.get("schedule") is not None else None
        for index, reference in enumerate(self.sources or []):
            if not reference:
                raise ValidationError("sources[%d] is empty; give a source name or id" % index)


def session_argument_spec():
    spec = identity_spec("title")
    spec.update(SESSION_FIELDS.argument_spec())
    spec.update(
        sources=dict(type="list", elements="str"),
        metadata=dict(type="dict"),
        purge_metadata=dict(type="bool", default=False),
        categories=dict(type="dict"),
        shares=SHARE_ITEM_SPEC,
        purge_shares=dict(type="bool", default=False),
        public_share=dict(type="bool"),
        schedule=SCHEDULE_ITEM_SPEC,
        force=dict(type="bool", default=False),
    )
    return spec


def converge_session(module):
    task = SessionTask(module.params)  # validation comes before any request
    with HMPClient.from_module(module) as client:
        return SessionConverger(client, module.check_mode, task).run()


LOOK_UP = object()  # run() finds the session itself unless given its record (or None) from a list already read


class SessionConverger:

    def __init__(self, client, check_mode, task, directory=None, principals=None):
        self.client = client
        self.check_mode = check_mode
        self.task = task
        self.params = task.params
        # A line-up shares one source and one principal directory between its sessions.
        self.directory = directory or SourceDirectory(client)
        self.principals = principals or PrincipalDirectory(client)
        self.source_ids = None
        self.sources_change = None

    def run(self, record=LOOK_UP):
        params = self.params
        if record is LOOK_UP:
            record = find_one(self.client, SESSIONS_PATH, "title", params.get("title"), params.get("id"), "session")
        if params["state"] == "absent":
            return self.remove(record)
        # Sources are resolved before anything is written, so an unknown one changes nothing.
        if self.task.sources is not None:
            self.source_ids = [self.directory.resolve(ref) for ref in self.task.sources]
        if record is None:
            return self.create()
        return self.update(record)

    # -- the three outcomes -------------------------------------------------

    def remove(self, record):
        if record is None:
            return dict(changed=False, session={})
        stopped = self.recordings_to_stop(record, "delete it")
        if not self.check_mode:
            self.stop(stopped)
            self.client.request("DELETE", self.path(record["id"]))
        result = dict(changed=True, id=record["id"], session={}, diff=SESSION_FIELDS.diff(SESSION_FIELDS.from_device(record), {}))
        if stopped:
            result["stopped_recordings"] = [r["id"] for r in stopped]
        return result

    def create(self):
        params = self.params
        if params.get("id"):
            raise IdentityError("no session with id %s on this HMP" % params["id"])
        if not params.get("title"):
            raise ValidationError("title is required to create a session")
        fields = PartChange(SESSION_FIELDS, sorted(self.task.fields), {}, self.task.fields, [],
                            view=SESSION_FIELDS.to_wire(self.task.fields))
        empty = {"sources": [], "metadata": [], "shares": [], "public_share": False, "events": []}
        changes = [fields] + self.plan_parts(empty)  # also resolves every principal: failures come before the create
        if self.check_mode:
            return self.result(None, changes, {"title": params["title"]}, created=True)
        created = self.client.request("POST", SESSIONS_PATH, SESSION_FIELDS.to_wire(self.task.fields))
        session_id = created["data"].get("id") if isinstance(created["data"], dict) else None
        if not session_id:
            # Without the new id nothing can be added to the session; a run that went on would create another.
            raise HaivisionError("HMP answered POST %s without the new session's id; check the platform for a session "
                                 "titled %r before running again" % (SESSIONS_PATH, params["title"]))
        # Planned again against the new session: it already has metadata (calypso:creator ...) to keep.
        changes = [fields] + self.plan_parts(self.read_parts(session_id, created["data"]))
        for change in changes:
            send_actions(self.client, self.path(session_id), change.actions)
        return self.result(session_id, changes, created=True)

    def update(self, record):
        session_id = record["id"]
        current = SESSION_FIELDS.from_device(record)
        options = SESSION_FIELDS.changes(self.task.fields, current)
        after = SESSION_FIELDS.merged(current, self.task.fields, options)
        # HMP resets every optional property a PUT leaves out: send the merged full state.
        actions = [("PUT", "", SESSION_FIELDS.to_wire(after))] if options else []
        changes = [PartChange(SESSION_FIELDS, options, current, after, actions, view=SESSION_FIELDS.to_wire(after))]
        # Every part is read once: what the task manages is planned, and an unchanged
        # session is reported from these reads instead of reading it all again.
        parts = self.read_parts(session_id, record, everything=True)
        changes += self.plan_parts(parts)
        stopped = []
        if self.sources_change is not None and self.sources_change.actions:
            stopped = self.recordings_to_stop(record, "change its sources")
        if not self.check_mode:
            if stopped:
                self.stop(stopped)
                # Stopping changed the session (HMP drops its calypso:recording entry): plan its parts again.
                changes = changes[:1] + self.plan_parts(self.read_parts(session_id, None))
            for change in changes:
                send_actions(self.client, self.path(session_id), change.actions)
        return self.result(session_id, changes, record, stopped, parts=parts)

    # -- reading and planning the parts ---------------------------------------

    def path(self, session_id):
        return "%s/%s" % (SESSIONS_PATH, quote_id(session_id))

    def read_parts(self, session_id, record, everything=False):
        """The current state of the sub-resources the task manages (``everything``: all of them, for the result)."""
        base = self.path(session_id)
        task = self.task
        parts = {}
        if everything or task.sources is not None:
            listed = (record or {}).get("sources")
            parts["sources"] = listed if isinstance(listed, list) else \
                [s.get("sourceId") for s in sorted(self.client.list_all(base + "/sources"), key=lambda s: s.get("index") or 0)]
        if everything or task.metadata is not None:
            parts["metadata"] = self.client.list_all(base + "/metadata", paged=False)
        if everything or task.shares is not None:
            parts["shares"] = self.client.list_all(base + "/shares")
        if everything or self.params.get("public_share") is not None:
            parts["public_share"] = self.read_public_share(base)
        if everything or task.schedule is not None:
            parts["events"] = self.client.list_all(base + "/events")
        return parts

    def read_public_share(self, base):
        """Whether the session has a public share: the guide answers 404 (040025) when it has none."""
        try:
            self.client.request("GET", base + "/publicshare")
        except ApiError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def plan_parts(self, parts):
        task = self.task
        changes = []
        if task.sources is not None:
            self.sources_change = self.plan_sources(parts["sources"])
            changes.append(self.sources_change)
        if task.metadata is not None:
            changes.append(self.plan_metadata(parts["metadata"]))
        if task.shares is not None:
            resolved = resolve_shares(self.principals, task.shares, parts["shares"])
            changes.append(plan_shares(parts["shares"], resolved, purge=self.params["purge_shares"]))
        if self.params.get("public_share") is not None:
            changes.append(self.plan_public_share(parts["public_share"]))
        if task.schedule is not None:
            changes.append(plan_schedule(task.schedule, parts["events"]))
        return changes

    def plan_sources(self, current_ids):
        wanted = []
        for source_id in self.source_ids:
            if source_id not in wanted:
                wanted.append(source_id)
        options = SESSION_PARTS.changes({"sources": SESSION_PARTS.by_option["sources"].normalize(wanted)},
                                        {"sources": SESSION_PARTS.by_option["sources"].normalize(current_ids)})
        actions = [("POST", "/sources", {"sourceId": s}) for s in wanted if s not in current_ids]
        actions += [("DELETE", "/sources/" + quote_id(s), None) for s in current_ids if s not in wanted]
        order = [s for s in current_ids if s in wanted] + [s for s in wanted if s not in current_ids]
        # Shown by name: ids mean little in a diff.
        before = {"sources": sorted(self.directory.name(s) for s in current_ids)}
        after = {"sources": sorted(self.directory.name(s) for s in wanted)}
        view = {"sources": [{"id": s, "name": self.directory.name(s), "index": i} for i, s in enumerate(order)]}
        return PartChange(SESSION_PARTS, options, before, after, actions, view)

    def plan_metadata(self, entries):
        current = device_metadata(entries)
        wanted = wanted_metadata(self.task.metadata, current, self.params["purge_metadata"])
        options = SESSION_PARTS.changes({"metadata": wanted}, {"metadata": current})
        after = SESSION_PARTS.merged({"metadata": current}, {"metadata": wanted}, ["metadata"])["metadata"]
        changed = set(name for name, values in wanted.items() if values != current.get(name))
        body = wire_metadata(after, entries or [], changed)
        actions = []
        if options:
            # The whole set: HMP's metadata PUT replaces everything it does not carry.
            actions = [("PUT", "/metadata", body)] if after else [("DELETE", "/metadata", None)]
        return PartChange(SESSION_PARTS, options, {"metadata": current}, {"metadata": after}, actions,
                          {"metadata": body})

    def plan_public_share(self, current):
        wanted = self.params["public_share"]
        actions = []
        if wanted != current:
            actions = [("POST", "/publicshare", {"permission": "WATCH"})] if wanted else [("DELETE", "/publicshare", None)]
        options = SESSION_PARTS.changes({"public_share": wanted}, {"public_share": current})
        return PartChange(SESSION_PARTS, options, {"public_share": current}, {"public_share": wanted}, actions,
                          {"public_share": wanted})

    # -- recordings -------------------------------------------------------------

    def recordings_to_stop(self, record, action):
        """The session's active recordings, when ``force`` allows stopping them; else a clear failure."""
        recordings = self.client.list_all(self.path(record["id"]) + "/recordings")
        if not recordings:
            return []
        if not self.params["force"]:
            raise RecordingInProgress(
                "session %r (id %s) has %d active recording(s) (%s) and HMP refuses to %s while it records; "
                "nothing was changed. Set force: true to stop the recording(s) first, or run again once they end"
                % (record.get("title"), record["id"], len(recordings), ", ".join(r.get("id") for r in recordings), action))
        return recordings

    def stop(self, recordings):
        for recording in recordings:
            self.client.request("DELETE", "/apis/recordings/" + quote_id(recording["id"]))

    # -- result -------------------------------------------------------------------

    def result(self, session_id, changes, record=None, stopped=(), created=False, parts=None):
        changed = any(c.options or c.actions for c in changes)
        result = dict(changed=changed, diff=combined_diff(changes) if changed else {"before": {}, "after": {}})
        if created:
            result["diff"]["before"] = {}  # nothing was there: the parts' empty starting points are not a "before"
        if session_id:
            result["id"] = session_id
        if stopped:
            result["stopped_recordings"] = [r["id"] for r in stopped]
        if self.check_mode or session_id is None:
            view = dict(record or {})
            for change in changes:
                view.update(change.view)
            result["session"] = mask_secrets(view)
        elif not changed and parts is not None:
            result["session"] = self.view_from(record, parts)
        else:
            result["session"] = self.view(session_id)
        return result

    def view(self, session_id):
        """The session as the platform has it after the run (read again: it changed)."""
        record = self.client.get_one(self.path(session_id), session_id) or {}
        return self.view_from(record, self.read_parts(session_id, None, everything=True))

    def view_from(self, record, parts):
        """The session as results show it, from its record and all its parts."""
        session = dict(record)
        session["sources"] = [{"id": s, "name": self.directory.name(s), "index": i} for i, s in enumerate(parts["sources"])]
        session["metadata"] = parts["metadata"]
        session["shares"] = parts["shares"]
        session["public_share"] = parts["public_share"]
        session["schedule"] = active_schedule(parts["events"])
        return mask_secrets(session)
