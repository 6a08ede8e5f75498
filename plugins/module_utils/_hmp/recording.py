# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The active recording of one session: started, paused, resumed or stopped (hmp_recording).

Compared against the session's active recordings (``GET
/apis/sessions/:id/recordings``): starting POSTs the session's recordings,
pausing and resuming PUT the recording's ``state``, stopping DELETEs it. The
session, its sources and the recorders are resolved and every refusal found
before the first write.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import RECORDING_FIELDS, RECORDING_STATES
from ansible_collections.haivision.media.plugins.module_utils._hmp.parts import part_reads
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import (
    SESSIONS_PATH, SOURCES_PATH, HMPKind, request_write)
from ansible_collections.haivision.media.plugins.module_utils._common.change import EMPTY_DIFF, Change, Write
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError, check_names
from ansible_collections.haivision.media.plugins.module_utils._common.identity import NEW_ID, Directory, match_one
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError, run_concurrently

RECORDINGS_PATH = "/apis/recordings"
# The module's states and the guide's (an active recording is RECORDING or PAUSED).
API_STATES = {"recording": "RECORDING", "paused": "PAUSED"}
RECORDING_RANK = 0


class RecordingRefused(HaivisionError):
    """A recording the platform would refuse, or one the task cannot choose; found before any write."""


def module_state(recording):
    """``recording`` or ``paused`` for an active recording (its state as the guide spells it, lower case)."""
    return ("%s" % recording.get("state")).lower()


def recorded_sources(recording):
    return [r.get("source") for r in recording.get("recorders") or []]


def recording_path(recording_id):
    return "%s/%s" % (RECORDINGS_PATH, quote_id(recording_id))


class RecordingChange(Change):
    """The session's recording: ``session``, its record; ``recorders``, the source ids a recording it starts
    records; ``stopped_recordings``, the ids of those it stops. ``raw`` is the active recording compared."""

    def __init__(self, *args, **kwargs):
        self.session = kwargs.pop("session")
        self.recorders = kwargs.pop("recorders", None)
        self.stopped_recordings = kwargs.pop("stopped_recordings", [])
        super(RecordingChange, self).__init__(*args, **kwargs)

    def diff(self):
        return RECORDING_FIELDS.diff(self.before, self.after) if self.changed else dict(EMPTY_DIFF)


class HMPRecording(HMPKind):
    """The active recording of one session (``hmp_recording``).

    Hooks: ``argument_spec``, ``constraints``, ``desired``, ``locate`` (the
    session, its sources and its active recordings), ``plan``, ``view`` (the
    recording as the platform reports it after the run) and ``result``.
    """

    kind = "recordings"
    key = "session"
    result_key = "recording"
    fields = RECORDING_FIELDS

    @classmethod
    def argument_spec(cls):
        return dict(
            session=dict(type="str", required=True),
            state=dict(type="str", choices=RECORDING_STATES, default="recording"),
            recorders=dict(type="list", elements="str"),
        )

    @classmethod
    def constraints(cls):
        return {}

    @classmethod
    def desired(cls, params):
        for index, reference in enumerate(params.get("recorders") or []):
            if not reference or not reference.strip():
                raise ValidationError("recorders[%d] is empty; give a source name or id" % index)
        check_names(params, ("session", "recorders"))
        return {"state": params["state"], "recorders": params.get("recorders")}

    def locate(self, params, listed=None):
        """``{session, source_ids, active}``: the session (the two lists side by side), then its sources and
        active recordings side by side."""
        client = self.client
        sessions, sources = run_concurrently([lambda: client.list_all(SESSIONS_PATH), lambda: client.list_all(SOURCES_PATH)])
        self.shared.listed["sources"] = sources
        directory = Directory(lambda kind: client.list_all(SESSIONS_PATH), "HMP", key="title", id_key="id",
                              known={"sessions": sessions})
        session_id = directory.resolve("sessions", params["session"], "session")
        session = next(e for e in sessions if e.get("id") == session_id)
        base = self.session_path(session)
        known, calls = part_reads(client, base, session, ("sources",))
        source_ids, active = run_concurrently([calls.get("sources", lambda: known["sources"]),
                                               lambda: client.list_all(base + "/recordings")])
        return {"session": session, "source_ids": source_ids, "active": active}

    @staticmethod
    def session_path(session):
        return "%s/%s" % (SESSIONS_PATH, quote_id(session["id"]))

    def names(self, source_ids):
        return sorted(self.directory.name("sources", s) for s in source_ids)

    def plan(self, params, desired, record):
        return RecordingPlanner(self, desired, record).plan()

    # -- the result ---------------------------------------------------------------------

    def view(self, change):
        """The session's recording after the run, as the platform reports it (in check mode, as it would)."""
        recording = change.raw
        if change.changed and not self.check_mode:
            active = self.client.list_all(self.session_path(change.session) + "/recordings")
            recording = next((r for r in active if r.get("id") == change.resource_id), None)
            state, recorders = (module_state(recording), recorded_sources(recording)) if recording else ("stopped", [])
        elif change.action == "create":
            state, recorders = change.after["state"], change.recorders
        elif change.action == "delete" or recording is None:
            state, recorders = "stopped", []
        else:
            state, recorders = change.after["state"], recorded_sources(recording)
        return {"id": change.resource_id, "state": state, "session": change.session["id"],
                "recorders": [{"source": s, "name": self.directory.name("sources", s)} for s in recorders]}

    def result(self, change):
        result = dict(changed=change.changed, action=change.action, recording=self.view(change), diff=change.diff(),
                      plan=change.plan())
        if change.stopped_recordings:
            result["stopped_recordings"] = change.stopped_recordings
        return result


class RecordingPlanner:
    """Plans the session's recording into one RecordingChange (kind ``recordings``, id key ``id``)."""

    def __init__(self, kind, desired, record):
        self.kind = kind
        self.client = kind.client
        self.state = desired["state"]
        self.references = desired["recorders"]
        self.session = record["session"]
        self.source_ids = record["source_ids"]
        self.active = record["active"]

    def wanted_recorders(self):
        """The session sources the task names (None: not given, all of them); each must be one of the session's."""
        if self.references is None:
            return None
        sources = [{"id": s, "name": self.kind.directory.name("sources", s)} for s in self.source_ids]
        wanted = []
        for index, reference in enumerate(self.references):
            source = match_one(sources, "name", reference, "id", what="session source", or_id=True,
                               option="recorders[%d]" % index)
            if source is None:
                raise RecordingRefused("recorders[%d] %r is neither the name nor the id of one of session %r's sources "
                                       "(%s); nothing was changed" % (index, reference, self.session.get("title"),
                                                                      ", ".join(self.kind.names(self.source_ids)) or "none"))
            if source["id"] not in wanted:
                wanted.append(source["id"])
        return wanted

    def change(self, action, recording, before, after, writes=(), **kwargs):
        return RecordingChange("recordings", self.session.get("title"), action, (recording or {}).get("id"), before=before,
                               after=after, fields=RECORDING_FIELDS, writes=writes, raw=recording, id_key="id",
                               session=self.session, **kwargs)

    def view(self, recording):
        return {"state": module_state(recording), "recorders": self.kind.names(recorded_sources(recording))}

    def plan(self):
        wanted = self.wanted_recorders()
        state = self.state
        active = self.active
        if state == "stopped":
            return self.plan_stop(wanted)
        if wanted is None:
            candidates = active
        else:
            candidates = [r for r in active if sorted(recorded_sources(r)) == sorted(wanted)]
            if active and not candidates:
                names = self.kind.names
                raise RecordingRefused(
                    "session %r records other sources than recorders lists (%s): active recording(s) %s; an active "
                    "recording's sources cannot change. Stop it first (state: stopped); nothing was changed"
                    % (self.session.get("title"), ", ".join(names(wanted)),
                       "; ".join("%s of %s" % (r.get("id"), ", ".join(names(recorded_sources(r)))) for r in active)))
        if len(candidates) > 1:
            raise RecordingRefused("session %r has %d active recordings (%s); give recorders to choose one; nothing was "
                                   "changed" % (self.session.get("title"), len(candidates),
                                                ", ".join(r.get("id") for r in candidates)))
        if candidates:
            return self.plan_state(candidates[0], state)
        return self.plan_start(wanted if wanted is not None else self.source_ids, state)

    def plan_state(self, recording, state):
        before = self.view(recording)
        after = dict(before, state=state)
        if before["state"] == state:
            return self.change("none", recording, before, after)
        write = request_write(self.client, RECORDING_RANK, "PUT", recording_path(recording["id"]),
                              {"state": API_STATES[state]})
        change = self.change("update", recording, before, after, [write])
        change.options = ["state"]
        return change

    def plan_start(self, source_ids, state):
        if not source_ids:
            raise RecordingRefused("session %r has no sources to record (HMP refuses with 409 SessionHasNoSource); "
                                   "nothing was changed" % self.session.get("title"))
        path = "%s/recordings" % self.kind.session_path(self.session)
        body = {"recorders": [{"source": s} for s in source_ids]}
        after = {"state": state, "recorders": self.kind.names(source_ids)}
        change = self.change("create", None, {"state": "stopped"}, after, recorders=list(source_ids))

        def start(context):
            created = self.client.request("POST", path, body)["data"]
            recording_id = created.get("id") if isinstance(created, dict) else None
            if not recording_id:
                raise HaivisionError("HMP answered POST %s without the new recording's id; check the session's "
                                     "recordings before running again" % path)
            return recording_id

        def pause_writes(path, staged=False):
            return [request_write(self.client, RECORDING_RANK, "PUT", path, {"state": "PAUSED"}, staged=staged)] \
                if state == "paused" else []
        # The pause goes to the recording the POST made: planned from its answer.
        change.writes = [Write(RECORDING_RANK, "POST", path, start,
                               restage=lambda context: pause_writes(recording_path(change.resource_id)))]
        change.writes += pause_writes("%s/%s" % (RECORDINGS_PATH, NEW_ID), staged=True)
        return change

    def plan_stop(self, wanted):
        # With recorders, the recordings that record any of them; a recording stops whole.
        targets = self.active if wanted is None else [r for r in self.active if set(recorded_sources(r)) & set(wanted)]
        if not targets:
            return self.change("none", None, {"state": "stopped"}, {"state": "stopped"})
        return self.change("delete", targets[0], self.view(targets[0]), {"state": "stopped"},
                           [request_write(self.client, RECORDING_RANK, "DELETE", recording_path(r["id"])) for r in targets],
                           stopped_recordings=[r["id"] for r in targets])
