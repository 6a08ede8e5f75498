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

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient, quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import RECORDING_FIELDS, RECORDING_STATES
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import SESSIONS_PATH, SOURCES_PATH, send_action, source_directory
from ansible_collections.haivision.media.plugins.module_utils._hmp.session import session_source_ids
from ansible_collections.haivision.media.plugins.module_utils._common.change import EMPTY_DIFF, Change, Write, apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError, check_names
from ansible_collections.haivision.media.plugins.module_utils._common.identity import Directory, IdentityError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError, run_concurrently

RECORDINGS_PATH = "/apis/recordings"
# The module's states and the guide's (an active recording is RECORDING or PAUSED).
API_STATES = {"recording": "RECORDING", "paused": "PAUSED"}
RECORDING_RANK = 0

RECORDING_SPEC = dict(
    session=dict(type="str", required=True),
    state=dict(type="str", choices=RECORDING_STATES, default="recording"),
    recorders=dict(type="list", elements="str"),
)


class RecordingRefused(HaivisionError):
    """A recording the platform would refuse, or one the task cannot choose; found before any write."""


def module_state(recording):
    """``recording`` or ``paused`` for an active recording (its state as the guide spells it, lower case)."""
    return ("%s" % recording.get("state")).lower()


def recorded_sources(recording):
    return [r.get("source") for r in recording.get("recorders") or []]


class RecordingPlanner:
    """Plans the session's recording into one Change (kind ``recordings``, id key ``id``)."""

    def __init__(self, client, params):
        self.client = client
        self.params = params
        self.sessions = None
        self.sources = None
        self.session = None
        self.source_ids = []

    def read(self):
        """The session, its sources and its active recordings: the two lists side by side, then the session's parts."""
        client = self.client
        sessions, sources = run_concurrently([lambda: client.list_all(SESSIONS_PATH), lambda: client.list_all(SOURCES_PATH)])
        self.sessions = Directory(lambda kind: client.list_all(SESSIONS_PATH), "HMP", key="title", id_key="id",
                                  known={"sessions": sessions})
        self.sources = source_directory(client, listed=sources)
        session_id = self.sessions.resolve("sessions", self.params["session"], "session")
        self.session = next(e for e in sessions if e.get("id") == session_id)
        base = "%s/%s" % (SESSIONS_PATH, quote_id(session_id))
        self.source_ids, recordings = run_concurrently([lambda: session_source_ids(client, base, self.session),
                                                        lambda: client.list_all(base + "/recordings")])
        return recordings

    def names(self, source_ids):
        return sorted(self.sources.name("sources", s) for s in source_ids)

    def wanted_recorders(self):
        """The session sources the task names (None: not given, all of them); each must be one of the session's."""
        references = self.params.get("recorders")
        if references is None:
            return None
        wanted = []
        for index, reference in enumerate(references):
            by_id = [s for s in self.source_ids if s == reference]
            named = [s for s in self.source_ids if self.sources.name("sources", s) == reference]
            if not by_id and len(named) > 1:
                raise IdentityError("recorders[%d] %r is ambiguous: %d of the session's sources have that name (ids: %s); "
                                    "give the id" % (index, reference, len(named), ", ".join(sorted(named))))
            if not by_id and not named:
                raise RecordingRefused("recorders[%d] %r is neither the name nor the id of one of session %r's sources "
                                       "(%s); nothing was changed" % (index, reference, self.session.get("title"),
                                                                      ", ".join(self.names(self.source_ids)) or "none"))
            source_id = (by_id or named)[0]
            if source_id not in wanted:
                wanted.append(source_id)
        return wanted

    def change(self, action, recording, before, after, writes=()):
        change = Change("recordings", self.session.get("title"), action, (recording or {}).get("id"), before=before,
                        after=after, fields=RECORDING_FIELDS, writes=writes, raw=recording, id_key="id")
        return change

    def view(self, recording):
        return {"state": module_state(recording), "recorders": self.names(recorded_sources(recording))}

    def plan(self, active):
        wanted = self.wanted_recorders()
        state = self.params["state"]
        if state == "stopped":
            return self.plan_stop(active, wanted)
        if wanted is None:
            candidates = active
        else:
            candidates = [r for r in active if sorted(recorded_sources(r)) == sorted(wanted)]
            if active and not candidates:
                raise RecordingRefused(
                    "session %r records other sources than recorders lists (%s): active recording(s) %s; an active "
                    "recording's sources cannot change. Stop it first (state: stopped); nothing was changed"
                    % (self.session.get("title"), ", ".join(self.names(wanted)),
                       "; ".join("%s of %s" % (r.get("id"), ", ".join(self.names(recorded_sources(r)))) for r in active)))
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
        path = "%s/%s" % (RECORDINGS_PATH, quote_id(recording["id"]))
        body = {"state": API_STATES[state]}
        write = Write(RECORDING_RANK, "PUT %s" % path, lambda context: send_action(self.client, path, ("PUT", "", body), context))
        change = self.change("update", recording, before, after, [write])
        change.options = ["state"]
        return change

    def plan_start(self, source_ids, state):
        if not source_ids:
            raise RecordingRefused("session %r has no sources to record (HMP refuses with 409 SessionHasNoSource); "
                                   "nothing was changed" % self.session.get("title"))
        path = "%s/%s/recordings" % (SESSIONS_PATH, quote_id(self.session["id"]))
        body = {"recorders": [{"source": s} for s in source_ids]}
        after = {"state": state, "recorders": self.names(source_ids)}
        change = self.change("create", None, {"state": "stopped"}, after)
        change.extra["recorders"] = list(source_ids)

        def start(context):
            created = self.client.request("POST", path, body)["data"]
            recording_id = created.get("id") if isinstance(created, dict) else None
            if not recording_id:
                raise HaivisionError("HMP answered POST %s without the new recording's id; check the session's "
                                     "recordings before running again" % path)
            change.raw = created
            return recording_id

        def pause(context):
            self.client.request("PUT", "%s/%s" % (RECORDINGS_PATH, quote_id(change.resource_id)), {"state": "PAUSED"})

        change.writes = [Write(RECORDING_RANK, "POST %s" % path, start)]
        if state == "paused":
            change.writes.append(Write(RECORDING_RANK, "PUT %s/(new)" % RECORDINGS_PATH, pause))
        return change

    def plan_stop(self, active, wanted):
        # With recorders, the recordings that record any of them; a recording stops whole.
        targets = active if wanted is None else [r for r in active if set(recorded_sources(r)) & set(wanted)]
        if not targets:
            return self.change("none", None, {"state": "stopped"}, {"state": "stopped"})

        def stop(recording_id):
            path = "%s/%s" % (RECORDINGS_PATH, quote_id(recording_id))
            return Write(RECORDING_RANK, "DELETE %s" % path, lambda context: send_action(self.client, path, ("DELETE", "", None), context))
        change = self.change("delete", targets[0], self.view(targets[0]), {"state": "stopped"},
                             [stop(r["id"]) for r in targets])
        change.extra["stopped"] = [r["id"] for r in targets]
        return change


def recording_result(planner, change, check_mode):
    state = planner.params["state"]
    recording = change.raw or {}
    if state == "stopped":
        recorders = []
    elif change.action == "create":
        recorders = change.extra["recorders"]
    else:
        recorders = recorded_sources(recording)
    view = {"id": change.resource_id, "state": state, "session": planner.session["id"],
            "recorders": [{"source": s, "name": planner.sources.name("sources", s)} for s in recorders]}
    diff = RECORDING_FIELDS.diff(change.before, change.after) if change.changed else dict(EMPTY_DIFF)
    result = dict(changed=change.changed, action=change.action, recording=view, diff=diff)
    if change.extra.get("stopped"):
        result["stopped_recordings"] = change.extra["stopped"]
    return result


def converge_recording(module):
    for index, reference in enumerate(module.params.get("recorders") or []):
        if not reference or not reference.strip():
            raise ValidationError("recorders[%d] is empty; give a source name or id" % index)
    check_names(module.params, ("session", "recorders"))
    with HMPClient.from_module(module) as client:
        planner = RecordingPlanner(client, module.params)
        active = planner.read()
        change = planner.plan(active)
        if change.changed and not module.check_mode:
            apply_changes([change])
        return recording_result(planner, change, module.check_mode)
