# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HMP sessions, with their sources, metadata, shares, public share and schedule: the session kind.

Everything is planned (reads only) into one Change before the first write.
HMP refuses a source change or a delete while the session records (409
RecordingInProgress); that is found while planning, so without ``force`` the
task fails having changed nothing, and with ``force`` the plan stops the
recordings first.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import (
    CONTENT_PARTS_SPEC, SCHEDULE_ITEM_SPEC, SESSION_FIELDS, SESSION_PARTS)
from ansible_collections.haivision.media.plugins.module_utils._hmp.parts import (
    NEW_SESSION, SESSION_PARTS_READ, ContentTask, part_reads, plan_content_parts, read_parts)
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import (
    SESSION_DELETE, SESSION_WRITE, SESSIONS_PATH, SOURCES_PATH, HMPKind, Part, PartsChange, identity_spec, part_writes,
    request_write)
from ansible_collections.haivision.media.plugins.module_utils._hmp.schedule import active_schedule, desired_schedule, plan_schedule
from ansible_collections.haivision.media.plugins.module_utils._hmp.session_sources import plan_session_sources, sources_view
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import PrincipalDirectory
from ansible_collections.haivision.media.plugins.module_utils._common.change import Write
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError, check_names
from ansible_collections.haivision.media.plugins.module_utils._common.identity import NEW_ID, IdentityError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError, run_concurrently

# A session a purging line-up does not name: removed, its recordings never stopped for it.
PURGED_SESSION = dict(state="absent", force=False, purge_metadata=False, purge_shares=False)


class RecordingInProgress(HaivisionError):
    """The session records, and the task needs a change HMP refuses meanwhile."""


class SessionTask(ContentTask):
    """What the task asks, validated before any request (None: not managed): an asset's parts, and the
    session's sources and schedule."""

    def __init__(self, params):
        super(SessionTask, self).__init__(params, SESSION_FIELDS)
        self.sources = params.get("sources")
        self.schedule = desired_schedule(params.get("schedule")) if params.get("schedule") is not None else None
        for index, reference in enumerate(self.sources or []):
            if not reference:
                raise ValidationError("sources[%d] is empty; give a source name or id" % index)
        check_names(params, ("sources",))

    def managed(self):
        managed = super(SessionTask, self).managed()
        return (("sources",) if self.sources is not None else ()) + managed + \
            (("events",) if self.schedule is not None else ())


class HMPSession(HMPKind):
    """The session kind: one spec for the module and the line-up's items, and the planner.

    A line-up's sessions share the run's source and principal directories, and
    their parts are read side by side (``prefetch``) before they are planned.
    hmp_session reads every part of the session, also those the task does not
    manage, because its result shows the whole session (in check mode too: it
    shows what the run would); a line-up reads only what its items manage.
    """

    kind = "sessions"
    key = "title"
    result_key = "session"
    fields = SESSION_FIELDS

    @classmethod
    def argument_spec(cls):
        spec = identity_spec(cls.key)
        spec.update(cls.fields.argument_spec())
        spec.update(
            sources=dict(type="list", elements="str"),
            schedule=SCHEDULE_ITEM_SPEC,
            force=dict(type="bool", default=False),
        )
        spec.update(CONTENT_PARTS_SPEC)
        return spec

    @classmethod
    def desired(cls, params):
        return SessionTask(params)

    def __init__(self, client, shared=None, check_mode=False, lineup=False):
        super(HMPSession, self).__init__(client, shared, check_mode, lineup)
        self.prefetched = {}
        # Active recordings by session id, read for a purge (on_air_reads).
        self.recordings = {}

    @property
    def principals(self):
        return self.shared.get("principals", lambda: PrincipalDirectory(self.client))

    def parts_to_read(self, task):
        """The parts planning reads: those the task manages; for the module, all (its result shows them)."""
        return task.managed() if self.lineup else SESSION_PARTS_READ

    def locate(self, params, listed=None):
        """The session; for the module, side by side with the source list, which resolves the task's sources
        and names those of the result (a line-up listed both already)."""
        if listed is not None:
            return super(HMPSession, self).locate(params, listed)
        reads = [lambda: super(HMPSession, self).locate(params)]
        if params["state"] == "present":
            reads.append(lambda: self.client.list_all(SOURCES_PATH))
        found = run_concurrently(reads)
        if len(found) > 1:
            self.shared.listed["sources"] = found[1]
        return found[0]

    def prefetch(self, planned):
        """The parts of the sessions about to be planned, ``[(item, task, record)]``, read side by side."""
        jobs = []
        for dummy, task, record in planned:
            if not record or task.params["state"] != "present":
                continue
            known, calls = part_reads(self.client, self.path(record["id"]), record, self.parts_to_read(task))
            parts = self.prefetched[record["id"]] = dict(known)
            jobs += [(call, lambda value, parts=parts, name=name: parts.__setitem__(name, value))
                     for name, call in calls.items()]
        return jobs

    def plan(self, params, desired, record):
        """The Change that brings the session (its record as read, or None) to the task (``desired``, its
        SessionTask); nothing is written."""
        return SessionPlanner(self, desired).plan(record)

    def plan_removal(self, record, on_air=False):
        item = dict(PURGED_SESSION, title=record.get("title"), id=record["id"], force=on_air)
        return self.plan(item, SessionTask(item), record)

    # -- on air: a purge leaves a session that records, and the sources it records ------------

    uses = ("sources",)

    def on_air_reads(self, records):
        return [(lambda rid=r["id"]: self.client.list_all(self.path(rid) + "/recordings"),
                 lambda value, rid=r["id"]: self.recordings.__setitem__(rid, value)) for r in records]

    def on_air(self, record, change=None):
        """Recording: as its active recordings say when they were read, else as its record's flag."""
        if change is not None and change.action == "delete":
            return False
        recordings = self.recordings.get(record["id"])
        return bool(recordings) if recordings is not None else record.get("recording") is True

    def references(self, record, change=None):
        recordings = self.recordings.get(record["id"])
        if recordings is None:
            return [("sources", s) for s in record.get("sources") or []]
        return [("sources", r.get("source")) for recording in recordings for r in recording.get("recorders") or []]

    # -- the result -----------------------------------------------------------------

    def view(self, change):
        """The session after the run (in check mode, as it would be: a new one as HMP creates it, with the
        parts the task sets)."""
        if change.action == "delete" or change.raw is None and change.action == "none":
            return {}
        if not change.changed:
            return self.view_from(change.raw, change.parts_read)
        if self.check_mode:
            view = self.view_from(change.raw or {}, change.parts_read or NEW_SESSION)
            for part in change.parts:
                view.update(part.view)
            if change.stopped_recordings:
                view["recording"] = False  # the plan stops every active recording
            if "movieTrackCount" in view:
                view["movieTrackCount"] = len(view["sources"])  # the guide: the number of source tracks
            return view
        path = self.path(change.resource_id)
        record = self.client.get_one(path, change.resource_id) or {}
        return self.view_from(record, read_parts(self.client, path, record, SESSION_PARTS_READ))

    def result(self, change):
        result = super(HMPSession, self).result(change)
        if change.stopped_recordings:
            result["stopped_recordings"] = change.stopped_recordings
        return result

    def view_from(self, record, parts):
        """The session as results show it, from its record and all its parts (no part of it is secret)."""
        session = dict(record)
        session["sources"] = sources_view(self.directory, parts["sources"])
        session["metadata"] = parts["metadata"]
        session["shares"] = parts["shares"]
        session["public_share"] = parts["public_share"]
        session["schedule"] = active_schedule(parts["events"])
        return session


class SessionPlanner:
    """Plans one session: its fields and parts into one PartsChange with ranked writes.

    What HMP does to a session outside the task (a create adds its own
    metadata; stopping a recording drops its ``calypso:recording`` entry) is
    a second stage: the write that does it carries ``restage``, which reads
    the parts again and plans their writes from what the device answered,
    before any of them is sent. The writes planned at first (``staged``) are
    what check mode reports.
    """

    def __init__(self, kind, task):
        self.kind = kind
        self.client = kind.client
        self.task = task
        self.params = task.params
        self.source_ids = None

    def plan(self, record):
        params = self.params
        if params["state"] == "absent":
            return self.plan_delete(record)
        # Sources are resolved before anything is written, so an unknown one changes nothing.
        if self.task.sources is not None:
            self.source_ids = [self.kind.directory.resolve("sources", ref, "sources") for ref in self.task.sources]
        if record is None:
            return self.plan_create()
        return self.plan_update(record)

    def change(self, action, record, **kwargs):
        name = self.params.get("title") or (record or {}).get("title")
        return PartsChange(self.kind.kind, name, action, (record or {}).get("id"), fields=SESSION_FIELDS, raw=record,
                           id_key="id", **kwargs)

    # -- the three outcomes ---------------------------------------------------------

    def plan_delete(self, record):
        if record is None:
            return self.change("none", None)
        change = self.change("delete", record, before=SESSION_FIELDS.from_device(record))
        stopped = self.recordings_to_stop(record, "delete it")
        change.stopped_recordings = [r["id"] for r in stopped]
        change.writes = self.stop_writes(stopped, SESSION_DELETE) + [
            request_write(self.client, SESSION_DELETE, "DELETE", self.kind.path(record["id"]))]
        return change

    def plan_create(self):
        params = self.params
        if params.get("id"):
            raise IdentityError("no session with id %s on this HMP" % params["id"])
        if not params.get("title"):
            raise ValidationError("title is required to create a session")
        fields = Part(SESSION_FIELDS, sorted(self.task.fields), {}, self.task.fields, [],
                      view=SESSION_FIELDS.to_wire(self.task.fields))
        parts = self.plan_parts(NEW_SESSION)  # also resolves every principal: failures come before the create
        change = self.change("create", None, after=self.task.fields, parts=[fields] + parts)
        body = SESSION_FIELDS.to_wire(self.task.fields)

        def create(context):
            created = self.client.request("POST", SESSIONS_PATH, body)["data"]
            session_id = created.get("id") if isinstance(created, dict) else None
            if not session_id:
                # Without the new id nothing can be added to the session; a run that went on would create another.
                raise HaivisionError("HMP answered POST %s without the new session's id; check the platform for a "
                                     "session titled %r before running again" % (SESSIONS_PATH, params["title"]))
            change.raw = created
            return session_id

        def restage(context):
            # The new session already has metadata of HMP's own (calypso:creator ...) to keep.
            base = self.kind.path(change.resource_id)
            return part_writes(self.client, SESSION_WRITE, base,
                               self.plan_parts(read_parts(self.client, base, change.raw, self.task.managed())))
        change.writes = [Write(SESSION_WRITE, "POST", SESSIONS_PATH, create, restage=restage)] + part_writes(
            self.client, SESSION_WRITE, "%s/%s" % (SESSIONS_PATH, NEW_ID), parts, staged=True)
        return change

    def plan_update(self, record):
        session_id = record["id"]
        current = SESSION_FIELDS.from_device(record)
        options = SESSION_FIELDS.changes(self.task.fields, current)
        after = SESSION_FIELDS.merged(current, self.task.fields, options)
        # HMP resets every optional property a PUT leaves out: send the merged full state.
        actions = [("PUT", "", SESSION_FIELDS.to_wire(after))] if options else []
        fields = Part(SESSION_FIELDS, options, current, after, actions, view=SESSION_FIELDS.to_wire(after))
        # Every part is read once: what the task manages is planned, and an unchanged
        # session is reported from these reads instead of reading it all again.
        base = self.kind.path(session_id)
        prefetched = self.kind.prefetched
        read = prefetched.pop(session_id) if session_id in prefetched else \
            read_parts(self.client, base, record, self.kind.parts_to_read(self.task))
        parts = [fields] + self.plan_parts(read)
        changed = any(part.options or part.actions for part in parts)
        change = self.change("update" if changed else "none", record, before=current, after=after, options=options,
                             parts=parts, parts_read=read)
        sources = self.sources_part(parts)
        stopped = self.recordings_to_stop(record, "change its sources") if sources and sources.actions else []
        if not stopped:
            change.writes = part_writes(self.client, SESSION_WRITE, base, parts)
            return change
        change.stopped_recordings = [r["id"] for r in stopped]

        def restage(context):
            # Stopping changed the session (HMP drops its calypso:recording entry): its parts are planned from it again.
            fresh = read_parts(self.client, base, record, self.task.managed())
            return part_writes(self.client, SESSION_WRITE, base, [fields] + self.plan_parts(fresh))
        change.writes = self.stop_writes(stopped, SESSION_WRITE, restage) + part_writes(
            self.client, SESSION_WRITE, base, parts, staged=True)
        return change

    # -- writes ---------------------------------------------------------------------

    def stop_writes(self, recordings, rank, restage=None):
        """A DELETE per recording; the last one plans the writes that follow it again (``restage``)."""
        writes = [request_write(self.client, rank, "DELETE", "/apis/recordings/%s" % quote_id(r["id"]))
                  for r in recordings]
        if writes:
            writes[-1].restage = restage
        return writes

    # -- planning the parts -------------------------------------------------------------

    @staticmethod
    def sources_part(parts):
        return next((part for part in parts if "sources" in part.after), None)

    def plan_parts(self, parts):
        task = self.task
        planned = []
        if task.sources is not None:
            planned.append(plan_session_sources(self.kind.directory, self.source_ids, parts["sources"]))
        planned += plan_content_parts(task, parts, self.kind.principals, SESSION_PARTS)
        if task.schedule is not None:
            planned.append(plan_schedule(task.schedule, parts["events"]))
        return planned

    # -- recordings -------------------------------------------------------------------

    def recordings_to_stop(self, record, action):
        """The session's active recordings, when ``force`` allows stopping them; else a clear failure."""
        recordings = self.kind.recordings.get(record["id"])
        if recordings is None:
            recordings = self.client.list_all(self.kind.path(record["id"]) + "/recordings")
        if not recordings:
            return []
        if not self.params["force"]:
            raise RecordingInProgress(
                "session %r (id %s) has %d active recording(s) (%s) and HMP refuses to %s while it records; "
                "nothing was changed. Set force: true to stop the recording(s) first, or run again once they end"
                % (record.get("title"), record["id"], len(recordings), ", ".join(r.get("id") for r in recordings), action))
        return recordings
