# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HMP planners without a platform: metadata typing and merging, shares, schedule, the map kind."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.haivision.media.plugins.module_utils._hmp.metadata import (
    desired_metadata, device_metadata, wanted_metadata, wire_metadata)
from ansible_collections.haivision.media.plugins.module_utils._hmp.schedule import desired_schedule, plan_schedule
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import desired_shares, plan_shares
from ansible_collections.haivision.media.plugins.module_utils._common.fields import Field, FieldSet, ValidationError

MAP = FieldSet([Field("entries", kind="map")])


def test_map_compares_only_given_keys_and_none_removes():
    current = {"entries": {"a": 1, "b": 2}}
    assert MAP.changes({"entries": {"a": 1}}, current) == []
    assert MAP.changes({"entries": {"c": None}}, current) == []
    assert MAP.changes({"entries": {"b": None}}, current) == ["entries"]
    merged = MAP.merged(current, {"entries": {"b": None, "a": 5, "c": 3}}, ["entries"])["entries"]
    assert list(merged.items()) == [("a", 5), ("c", 3)]


def test_metadata_values_are_typed_as_given():
    desired = desired_metadata({"code": 5, "flag": True, "count": {"value": "7", "type": "int32"}, "gone": None,
                                "tags": ["a", "b"]}, {"Room": ["2", "1", "2"]})
    assert desired == {"code": ["5"], "flag": ["true"], "count": [{"type": "INT32", "value": 7}], "gone": None,
                       "tags": ["a", "b"], "calypso:category:Room": ["1", "2"]}
    with pytest.raises(ValidationError, match="UINT32 value must be an integer between 0 and 4294967295"):
        desired_metadata({"n": {"value": -1, "type": "UINT32"}}, None)
    with pytest.raises(ValidationError, match="type must be one of STRING, INT32, UINT32"):
        desired_metadata({"n": {"value": 1, "type": "FLOAT"}}, None)


def test_metadata_round_trip_keeps_unknown_fields_and_purge_spares_reserved_entries():
    entries = [{"name": "calypso:creator", "field": [{"fieldType": "STRING", "valueString": "haiadmin"}]},
               {"name": "odd", "field": [{"fieldType": "BLOB", "valueBlob": "xx"}]},
               {"name": "n", "field": [{"fieldType": "INT32", "valueInt32": -3}]},
               {"name": "calypso:category:Dept", "field": [{"fieldType": "STRING", "valueString": "Sales"}]}]
    current = device_metadata(entries)
    assert wire_metadata(current) == entries
    wanted = wanted_metadata({"n": [{"type": "INT32", "value": -3}]}, current, purge=True)
    assert wanted == {"n": [{"type": "INT32", "value": -3}], "odd": None, "calypso:category:Dept": None}


def test_share_permission_change_is_one_put_and_remove_deletes():
    existing = [{"id": "u1", "shareType": "USER", "name": "viewer", "permission": "WATCH"},
                {"id": "g1", "shareType": "GROUP", "name": "Operators", "permission": "EDIT"}]
    wanted = desired_shares([{"type": "USER", "name": "Viewer", "id": None, "permission": "own"}])
    resolved = [dict(wanted[0], id="u1", name="viewer")]
    change = plan_shares(existing, resolved)
    assert change.actions == [("PUT", "/shares/u1", {"id": "u1", "shareType": "USER", "permission": "OWN", "name": "viewer"})]
    assert plan_shares(existing, resolved, purge=True).actions[-1] == ("DELETE", "/shares/g1", None)
    assert plan_shares(existing, resolved, remove=True).actions == [("DELETE", "/shares/u1", None)]
    unchanged = [dict(resolved[0], permission="WATCH")]
    assert plan_shares(existing, unchanged).actions == []


def event(event_id, start, active=True, days=None):
    return {"id": event_id, "module": "session", "startTime": start, "duration": 60,
            "type": "weekly-recurring" if days else "one-time", "typeData": {"days": days} if days else {},
            "command": "set-live", "parameters": {"record": False}, "active": active}


def wanted_events(*starts):
    return desired_schedule([{"start_time": s, "duration": None, "type": "one-time", "days": None, "command": "set-live",
                              "record": False} for s in starts])


def test_schedule_keeps_equal_events_edits_moved_ones_and_switches_off_the_rest():
    events = [event("e1", 100), event("e2", 200), event("e3", 300, active=False)]
    assert plan_schedule(wanted_events(100, 200), events).actions == []
    moved = plan_schedule(wanted_events(100, 250), events)
    assert [action[:2] for action in moved.actions] == [("PUT", "/events/e2")]
    assert moved.actions[0][2]["startTime"] == 250 and moved.actions[0][2]["active"] is True
    fewer = plan_schedule(wanted_events(200), events)
    assert [(m, p, b["active"]) for m, p, b in fewer.actions] == [("PUT", "/events/e1", False)]
    more = plan_schedule(wanted_events(100, 200, 400, 500), events)
    assert [action[:2] for action in more.actions] == [("PUT", "/events/e3"), ("POST", "/events")]
