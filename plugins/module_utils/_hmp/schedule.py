# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A session's schedule: its scheduled events (``/apis/sessions/:id/events``), their read and their planner.

Events have no name, and the API has no DELETE for them (an event is switched
off with ``active: false``). So the schedule a task lists is the session's
exact set of *active* events: an active event equal to a listed one (on the
keys the task gives) is kept untouched; a listed event with no equal takes over
an unmatched event by PUT (active ones first, so editing the start time of a
session's only event edits that event), else it is created; active events left
unmatched are switched off. A second run finds every listed event and sends nothing.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import SESSION_PARTS, WEEK_DAYS
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import Part
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError

COMPARED_KEYS = ("start_time", "duration", "type", "days", "command", "record")


def read_events(client, base):
    """Every event of the session at ``base``, active or not."""
    return client.list_all(base + "/events")


def _days(days):
    return [d for d in WEEK_DAYS if d in (days or [])] or None


def desired_schedule(items):
    """The listed events in canonical form, validated before any request."""
    result = []
    for index, item in enumerate(items or []):
        prefix = "schedule[%d]" % index
        if item["start_time"] < 0 or (item.get("duration") is not None and item["duration"] < 0):
            raise ValidationError("%s: start_time and duration are seconds (>= 0)" % prefix)
        if item.get("days") and item["type"] != "weekly-recurring":
            raise ValidationError("%s.days applies to weekly-recurring events only (type is %s)" % (prefix, item["type"]))
        result.append({"start_time": item["start_time"], "duration": item.get("duration"), "type": item["type"],
                       "days": _days(item.get("days")), "command": item["command"], "record": item["record"]})
    return result


def _number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def device_event(event):
    """An API event in the canonical form of ``desired_schedule`` (plus ``active``)."""
    return {"start_time": _number(event.get("startTime")), "duration": _number(event.get("duration")),
            "type": event.get("type"), "days": _days((event.get("typeData") or {}).get("days")),
            "command": event.get("command"), "record": bool((event.get("parameters") or {}).get("record", False)),
            "active": bool(event.get("active"))}


def _equal(wanted, have):
    return have["active"] and all(wanted[k] == have[k] for k in COMPARED_KEYS if wanted[k] is not None)


def event_body(event, active=True):
    """A full event for POST or PUT (a PUT resets what it leaves out, so everything is sent)."""
    body = {"module": "session", "startTime": event["start_time"], "type": event["type"], "command": event["command"],
            "parameters": {"record": bool(event["record"])}, "active": active}
    if event.get("duration") is not None:
        body["duration"] = event["duration"]
    if event["type"] == "weekly-recurring":
        body["typeData"] = {"days": list(event["days"] or [])}
    return body


# What an event PUT may carry (the guide's Event Parameters less the ignored and informational ones).
EVENT_SETTABLE = ("module", "startTime", "duration", "type", "typeData", "command", "parameters")


def switched_off(event):
    """The event as the platform reported it, only inactive: a PUT resets what it leaves out."""
    body = dict((key, event[key]) for key in EVENT_SETTABLE if key in event)
    body["active"] = False
    return body


def _shown(event):
    return dict((k, v) for k, v in event.items() if v is not None and k != "active")


def _order(events):
    return sorted(events, key=lambda e: (e["start_time"] or 0, e["type"] or "", e["command"] or ""))


def active_schedule(events):
    """The active events as the module shows them: canonical, in start order."""
    return _order([_shown(device_event(e)) for e in events if e.get("active")])


def plan_schedule(wanted, events):
    """The change that makes ``wanted`` the session's exact set of active events."""
    have = [device_event(e) for e in events]
    used = set()
    missing = []
    after = []
    for event in wanted:
        index = next((i for i, h in enumerate(have) if i not in used and _equal(event, h)), None)
        if index is None:
            missing.append(event)
            after.append(_shown(event))
        else:
            used.add(index)
            after.append(_shown(have[index]))
    # Unmatched events, active ones first: those are taken over before new ones are created.
    spare = sorted((i for i in range(len(have)) if i not in used), key=lambda i: not have[i]["active"])
    actions = []
    for event in missing:
        if spare:
            actions.append(("PUT", "/events/" + quote_id(events[spare.pop(0)]["id"]), event_body(event)))
        else:
            actions.append(("POST", "/events", event_body(event)))
    for index in spare:
        if have[index]["active"]:
            actions.append(("PUT", "/events/" + quote_id(events[index]["id"]), switched_off(events[index])))
    before = {"schedule": active_schedule(events)}
    after = {"schedule": _order(after)}
    return Part(SESSION_PARTS, ["schedule"] if actions else [], before, after, actions, view=after)
