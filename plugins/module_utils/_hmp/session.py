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

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient, quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import (
    CONTENT_PARTS_SPEC, SCHEDULE_ITEM_SPEC, SESSION_FIELDS, SESSION_PARTS)
from ansible_collections.haivision.media.plugins.module_utils._hmp.metadata import desired_metadata, plan_metadata
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import (
    SESSION_DELETE, SESSION_WRITE, SESSIONS_PATH, SOURCES_PATH, Part, PartsChange, find_one, identity_spec, send_action,
    source_directory)
from ansible_collections.haivision.media.plugins.module_utils._hmp.schedule import active_schedule, desired_schedule, plan_schedule
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import (
    PrincipalDirectory, desired_shares, plan_public_share, plan_shares, read_public_share, resolve_shares)
from ansible_collections.haivision.media.plugins.module_utils._common.change import Write, apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError, check_names
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError, run_concurrently

NEW_SESSION = {"sources": [], "metadata": [], "shares": [], "public_share": False, "events": []}


class RecordingInProgress(HaivisionError):
    """The session records, and the task needs a change HMP refuses meanwhile."""


class SessionTask:
    """What the task asks, validated before any request (None: not managed).

    An asset's task is the same with ``fields=ASSET_FIELDS`` (it has no sources nor schedule).
    """

    def __init__(self, params, fields=SESSION_FIELDS):
        self.params = params
        self.fields = fields.desired(params)
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
        check_names(params, ("sources",))


class HMPSession:
    """The session kind: one spec for the module and the line-up's items, and the planner.

    A line-up shares one source directory and one principal directory
    between its sessions, and reads the parts of all its sessions side by side
    (``prefetch``) before planning them. ``read_all``: read every part of a
    session, also those the task does not manage, because the module's result
    shows the whole session (hmp_session outside check mode); a line-up reads
    only what its items manage.
    """

    kind = "sessions"
    key = "title"
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
    def constraints(cls):
        return dict(required_one_of=[(cls.key, "id")])

    @classmethod
    def desired(cls, params):
        return SessionTask(params)

    def __init__(self, client, directory=None, principals=None, read_all=True):
        self.client = client
        self.directory = directory or source_directory(client)
        self.principals = principals or PrincipalDirectory(client)
        self.read_all = read_all
        self.prefetched = {}

    def prefetch(self, planned):
        """Read the parts of the sessions about to be planned, ``[(task, record)]``, all side by side."""
        reads = dict((record["id"], part_reads(self.client, self.path(record["id"]), record, task, self.read_all))
                     for task, record in planned if record and task.params["state"] == "present")
        self.prefetched.update(read_many_parts(reads))

    def plan(self, params, task, record):
        """The Change that brings the session (its record as read, or None) to the task; nothing is written."""
        return SessionPlanner(self, task).plan(record)

    # -- the result -----------------------------------------------------------------

    def path(self, session_id):
        return "%s/%s" % (SESSIONS_PATH, quote_id(session_id))

    def view(self, change, check_mode):
        """The session after the run (in check mode, the parts the task manages as they would be)."""
        if change.action == "delete" or change.raw is None and change.action == "none":
            return {}
        if check_mode or change.resource_id is None:
            view = dict(change.raw or {"title": change.name})
            for part in change.parts:
                view.update(part.view)
            return view
        if not change.changed:
            return self.view_from(change.raw, change.extra["read"])
        record = self.client.get_one(self.path(change.resource_id), change.resource_id) or {}
        return self.view_from(record, read_parts(self.client, self.path(change.resource_id), None, everything=True))

    def view_from(self, record, parts):
        """The session as results show it, from its record and all its parts (no part of it is secret)."""
        session = dict(record)
        session["sources"] = [{"id": s, "name": self.directory.name("sources", s), "index": i}
                              for i, s in enumerate(parts["sources"])]
        session["metadata"] = parts["metadata"]
        session["shares"] = parts["shares"]
        session["public_share"] = parts["public_share"]
        session["schedule"] = active_schedule(parts["events"])
        return session


def session_source_ids(client, base, record):
    """The ids of a session's sources in their order: from its record, else its /sources list."""
    listed = (record or {}).get("sources")
    if isinstance(listed, list):
        return listed
    return [s.get("sourceId") for s in sorted(client.list_all(base + "/sources"), key=lambda s: s.get("index") or 0)]


SESSION_PART_NAMES = ("sources", "metadata", "shares", "public_share", "events")


def part_reads(client, base, record, task=None, everything=False, names=SESSION_PART_NAMES):
    """The parts a task manages (``everything``: all of them, for the module's result), as
    ``({part: value known from the record}, {part: the read that gets it})``.

    ``names``: the parts the resource has (a session all of them; an asset
    metadata, shares and public share). ``task`` has ``sources``,
    ``metadata``, ``shares``, ``schedule`` (None: not managed) and ``params``.
    """
    parts, calls = {}, {}
    if "sources" in names and (everything or task.sources is not None):
        if isinstance((record or {}).get("sources"), list):
            parts["sources"] = record["sources"]
        else:
            calls["sources"] = lambda: session_source_ids(client, base, None)
    if "metadata" in names and (everything or task.metadata is not None):
        calls["metadata"] = lambda: client.list_all(base + "/metadata", paged=False)
    if "shares" in names and (everything or task.shares is not None):
        calls["shares"] = lambda: client.list_all(base + "/shares")
    if "public_share" in names and (everything or task.params.get("public_share") is not None):
        calls["public_share"] = lambda: read_public_share(client, base)
    if "events" in names and (everything or task.schedule is not None):
        calls["events"] = lambda: client.list_all(base + "/events")
    return parts, calls


def read_many_parts(reads):
    """``{key: part_reads(...)}`` to ``{key: parts}``: the parts are independent of each other, so every
    read of every key goes side by side, one round trip on a remote link."""
    jobs = [(key, name, call) for key, (dummy, calls) in reads.items() for name, call in calls.items()]
    values = run_concurrently([call for dummy, dummy, call in jobs])
    parts = dict((key, dict(known)) for key, (known, dummy) in reads.items())
    for (key, name, dummy), value in zip(jobs, values):
        parts[key][name] = value
    return parts


def read_parts(client, base, record, task=None, everything=False, names=SESSION_PART_NAMES):
    """The current state of the parts the task manages (``everything``: all of them, for the result)."""
    return read_many_parts({base: part_reads(client, base, record, task, everything, names)})[base]


def plan_content_parts(task, parts, principals, fields):
    """The metadata, shares and public share parts the task manages (a session's and an asset's alike).

    ``parts``: the current parts (read_parts); ``fields``: the FieldSet of the
    resource's metadata and public share.
    """
    planned = []
    if task.metadata is not None:
        planned.append(plan_metadata(fields, task.metadata, parts["metadata"], task.params["purge_metadata"]))
    if task.shares is not None:
        resolved = resolve_shares(principals, task.shares, parts["shares"])
        planned.append(plan_shares(parts["shares"], resolved, purge=task.params["purge_shares"]))
    if task.params.get("public_share") is not None:
        planned.append(plan_public_share(fields, task.params["public_share"], parts["public_share"]))
    return planned


class SessionPlanner:
    """Plans one session: its fields and parts into one PartsChange with ranked writes."""

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
        path = self.kind.path(record["id"])
        change.writes = self.stop_writes(self.recordings_to_stop(record, "delete it"), SESSION_DELETE, change)
        change.writes.append(Write(SESSION_DELETE, "DELETE %s" % path, lambda context: send_action(self.client, path, ("DELETE", "", None))))
        return change

    def plan_create(self):
        params = self.params
        if params.get("id"):
            raise IdentityError("no session with id %s on this HMP" % params["id"])
        if not params.get("title"):
            raise ValidationError("title is required to create a session")
        fields = Part(SESSION_FIELDS, sorted(self.task.fields), {}, self.task.fields, [],
                      view=SESSION_FIELDS.to_wire(self.task.fields))
        parts = [fields] + self.plan_parts(NEW_SESSION)  # also resolves every principal: failures come before the create
        change = self.change("create", None, after=self.task.fields, parts=parts)
        state = {"parts": parts, "stale": False}
        body = SESSION_FIELDS.to_wire(self.task.fields)

        def create(context):
            created = self.client.request("POST", SESSIONS_PATH, body)
            session_id = created["data"].get("id") if isinstance(created["data"], dict) else None
            if not session_id:
                # Without the new id nothing can be added to the session; a run that went on would create another.
                raise HaivisionError("HMP answered POST %s without the new session's id; check the platform for a "
                                     "session titled %r before running again" % (SESSIONS_PATH, params["title"]))
            change.resource_id = session_id
            # Planned again against the new session: it already has metadata (calypso:creator ...) to keep.
            state.update(stale=True, record=created["data"])
            return session_id
        change.writes = [Write(SESSION_WRITE, "POST %s" % SESSIONS_PATH, create)] + self.part_writes(change, state)
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
        prefetched = self.kind.prefetched
        read = prefetched.pop(session_id) if session_id in prefetched else \
            read_parts(self.client, self.kind.path(session_id), record, self.task, everything=self.kind.read_all)
        parts = [fields] + self.plan_parts(read)
        changed = any(part.options or part.actions for part in parts)
        change = self.change("update" if changed else "none", record, before=current, after=after, options=options,
                             parts=parts)
        change.extra["read"] = read
        sources = self.sources_part(parts)
        stopped = self.recordings_to_stop(record, "change its sources") if sources and sources.actions else []
        # Stopping changes the session (HMP drops its calypso:recording entry): its parts are planned again then.
        state = {"parts": parts, "stale": False, "record": None}
        change.writes = self.stop_writes(stopped, SESSION_WRITE, change, state) + self.part_writes(change, state)
        return change

    # -- writes ---------------------------------------------------------------------

    def part_writes(self, change, state):
        """One Write per planned request of the parts, sent against the latest plan.

        After a create or stopped recordings the session changed, so the
        first part write plans the parts again (same requests, fresh bodies);
        the change's last write also sends what only that new plan found.
        """
        writes = []
        sent = [0] * len(state["parts"])

        def sender(index, last):
            def send(context):
                if state["stale"]:
                    base = self.kind.path(change.resource_id)
                    read = read_parts(self.client, base, state.pop("record", None), self.task)
                    state["parts"] = state["parts"][:1] + self.plan_parts(read)
                    state["stale"] = False
                base = self.kind.path(change.resource_id)
                for number, part in enumerate(state["parts"]):
                    if number == index or last:
                        todo = part.actions[sent[number]:] if last else part.actions[sent[number]:sent[number] + 1]
                        for action in todo:
                            send_action(self.client, base, action, context)
                        sent[number] += len(todo)
            return send
        planned = [(index, action) for index, part in enumerate(state["parts"]) for action in part.actions]
        for position, (index, action) in enumerate(planned):
            label = "%s %s%s" % (action[0], self.label_path(change), action[1])
            writes.append(Write(SESSION_WRITE, label, sender(index, position == len(planned) - 1)))
        return writes

    def label_path(self, change):
        return self.kind.path(change.resource_id) if change.resource_id else "%s/(new)" % SESSIONS_PATH

    def stop_writes(self, recordings, rank, change, state=None):
        change.extra["stopped"] = [r["id"] for r in recordings]

        def stop(recording_id):
            def send(context):
                self.client.request("DELETE", "/apis/recordings/" + quote_id(recording_id))
                if state is not None:
                    state["stale"] = True
            return send
        return [Write(rank, "DELETE /apis/recordings/%s" % quote_id(r["id"]), stop(r["id"])) for r in recordings]

    # -- planning the parts -------------------------------------------------------------

    @staticmethod
    def sources_part(parts):
        return next((part for part in parts if "sources" in part.after), None)

    def plan_parts(self, parts):
        task = self.task
        planned = []
        if task.sources is not None:
            planned.append(self.plan_sources(parts["sources"]))
        planned += plan_content_parts(task, parts, self.kind.principals, SESSION_PARTS)
        if task.schedule is not None:
            planned.append(plan_schedule(task.schedule, parts["events"]))
        return planned

    def plan_sources(self, current_ids):
        directory = self.kind.directory
        wanted = []
        for source_id in self.source_ids:
            if source_id not in wanted:
                wanted.append(source_id)
        field = SESSION_PARTS.by_option["sources"]
        options = SESSION_PARTS.changes({"sources": field.normalize(wanted)}, {"sources": field.normalize(current_ids)})
        actions = [("POST", "/sources", {"sourceId": s}) for s in wanted if s not in current_ids]
        actions += [("DELETE", "/sources/" + quote_id(s), None) for s in current_ids if s not in wanted]
        order = [s for s in current_ids if s in wanted] + [s for s in wanted if s not in current_ids]
        # Shown by name: ids mean little in a diff.
        before = {"sources": sorted(directory.name("sources", s) for s in current_ids)}
        after = {"sources": sorted(directory.name("sources", s) for s in wanted)}
        view = {"sources": [{"id": s, "name": directory.name("sources", s), "index": i} for i, s in enumerate(order)]}
        return Part(SESSION_PARTS, options, before, after, actions, view)

    # -- recordings -------------------------------------------------------------------

    def recordings_to_stop(self, record, action):
        """The session's active recordings, when ``force`` allows stopping them; else a clear failure."""
        recordings = self.client.list_all(self.kind.path(record["id"]) + "/recordings")
        if not recordings:
            return []
        if not self.params["force"]:
            raise RecordingInProgress(
                "session %r (id %s) has %d active recording(s) (%s) and HMP refuses to %s while it records; "
                "nothing was changed. Set force: true to stop the recording(s) first, or run again once they end"
                % (record.get("title"), record["id"], len(recordings), ", ".join(r.get("id") for r in recordings), action))
        return recordings


def session_result(change, view):
    """What hmp_session returns for a change (the line-up returns ``change.entry()`` instead)."""
    result = dict(changed=change.changed, action=change.action, diff=change.diff(), session=view)
    if change.resource_id:
        result["id"] = change.resource_id
    if change.extra.get("stopped"):
        result["stopped_recordings"] = change.extra["stopped"]
    return result


def converge_session(module):
    task = HMPSession.desired(module.params)  # validation comes before any request
    params = module.params
    with HMPClient.from_module(module) as client:
        # The source list does not depend on the session: read side by side with it when the task
        # resolves sources or the result names them.
        reads = [lambda: find_one(client, "sessions", params.get("title"), params.get("id"))]
        if params["state"] == "present" and (task.sources is not None or not module.check_mode):
            reads.append(lambda: client.list_all(SOURCES_PATH))
        found = run_concurrently(reads)
        directory = source_directory(client, listed=found[1]) if len(found) > 1 else None
        # Outside check mode the result shows the whole session: its unmanaged parts are read too.
        session = HMPSession(client, directory, read_all=not module.check_mode)
        record = found[0]
        change = session.plan(params, task, record)
        if change.changed and not module.check_mode:
            apply_changes([change])
        return session_result(change, session.view(change, module.check_mode))
