# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write only what the platform reported plus what the task changes; compare text as the platform stores it.

HMP's PUT resets every optional property it leaves out, so an edit carries
the whole reported record: these tests seed each resource sparse (required
properties only: the platform then reports no optional ones) and full, make a
one-field edit, and compare the simulator's whole stored record before and
after, and the PUT it received.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from hmp_helpers import SRT_PASSPHRASE, hmp_play, session_by_title, source_by_name, task, without

POLICY = "0b5a6c2e-7d41-4f3e-9c1a-2e8f4d6b7a90"
# Moved by any write (mtime) or by the platform itself: never part of the comparison.
TOUCHED = ("mtime",)

SOURCES = {
    "UDP": {
        "sparse": {"name": "udp-sparse", "type": "UDP", "port": 4900, "multicast": False},
        "full": {"name": "udp-full", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True,
                 "description": "stage", "continuous": True},
    },
    "SRT": {
        "sparse": {"name": "srt-sparse", "type": "SRT", "mode": "LISTENER", "port": 9000},
        "full": {"name": "srt-full", "type": "SRT", "host": "10.1.2.3", "port": 9001, "mode": "CALLER", "latency": 400,
                 "passphrase": SRT_PASSPHRASE, "description": "remote guest", "continuous": True},
    },
}
# The one field each edit changes: one the sparse record lacks, one both have.
EDITS = {"UDP": [("port", 5004), ("description", "north")], "SRT": [("latency", 250), ("port", 9100)]}
SESSIONS = {
    "sparse": {"title": "Sparse"},
    "full": {"title": "Full", "description": "quarterly", "active": True, "syncrecord": True,
             "distributionPolicies": [POLICY]},
}
SESSION_EDITS = [("description", "annual"), ("syncrecord", False), ("active", False)]


def puts(device, path):
    return [json.loads(r["body"]) for r in device.writes() if r["method"] == "PUT" and r["path"] == path]


def settable(record, keys):
    return dict((k, v) for k, v in record.items() if k in keys)


@pytest.mark.parametrize("source_type", ["UDP", "SRT"])
def test_one_field_edit_of_a_source_changes_exactly_that_field(clean, ansible, source_type):
    hmp = clean.hmp
    hmp.seed({"sources": list(SOURCES[source_type].values())})
    settable_keys = ("name", "type", "host", "port", "multicast", "description", "continuous", "mode", "latency",
                     "passphrase")
    for option, value in EDITS[source_type]:
        before = dict((shape, source_by_name(hmp, spec["name"])) for shape, spec in SOURCES[source_type].items())
        hmp.clear_log()
        tasks = [task("%s %s" % (shape, option), "hmp_source", **{"name": spec["name"], option: value})
                 for shape, spec in SOURCES[source_type].items()]
        run = ansible(hmp_play(*tasks))
        for shape, spec in SOURCES[source_type].items():
            assert run.task("%s %s" % (shape, option))["status"] == "changed", run.output
            after = source_by_name(hmp, spec["name"])
            assert after[option] == value
            assert without(after, option, *TOUCHED) == without(before[shape], option, *TOUCHED), (shape, option)
            # The PUT: everything the platform reported (a PUT resets what it leaves out), plus the change.
            path = "/apis/sources/" + after["id"]
            assert puts(hmp, path) == [dict(settable(before[shape], settable_keys), **{option: value})], (shape, option)
        assert sorted(w["path"] for w in hmp.writes() if w["path"] != "/apis/authentication/login") == \
            sorted("/apis/sources/" + source_by_name(hmp, spec["name"])["id"] for spec in SOURCES[source_type].values())
        hmp.clear_log()
        again = ansible(hmp_play(*tasks))
        assert set(again.statuses().values()) == {"ok"}, again.output
        assert [w for w in hmp.writes() if w["path"] != "/apis/authentication/login"] == []


def test_one_field_edit_of_a_session_changes_exactly_that_field(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sessions": list(SESSIONS.values())})
    for option, value in SESSION_EDITS:
        before = dict((shape, session_by_title(hmp, spec["title"])) for shape, spec in SESSIONS.items())
        hmp.clear_log()
        tasks = [task("%s %s" % (shape, option), "hmp_session", **{"title": spec["title"], option: value})
                 for shape, spec in SESSIONS.items()]
        run = ansible(hmp_play(*tasks))
        for shape, spec in SESSIONS.items():
            expected = "ok" if before[shape].get(option) == value else "changed"
            assert run.task("%s %s" % (shape, option))["status"] == expected, (shape, option, run.output)
            after = session_by_title(hmp, spec["title"])
            assert after[option] == value
            touched = TOUCHED if expected == "changed" else ()
            assert without(after, option, *touched) == without(before[shape], option, *touched), (shape, option)
            sent = puts(hmp, "/apis/sessions/" + after["id"])
            if expected == "changed":
                keys = ("title", "description", "active", "syncrecord", "distributionPolicies")
                assert sent == [dict(settable(before[shape], keys), **{option: value})], (shape, option)
            else:
                assert sent == []


def test_untouched_metadata_entries_and_events_go_back_as_the_platform_reported_them(clean, ansible):
    hmp = clean.hmp
    metadata = [
        {"name": "calypso:creator", "field": [{"fieldType": "STRING", "valueString": "haiadmin"}]},
        # Category values in the platform's order, which is not sorted.
        {"name": "calypso:category:Department", "field": [{"fieldType": "STRING", "valueString": "Sales"},
                                                          {"fieldType": "STRING", "valueString": "Engineering"}]},
        {"name": "seats", "field": [{"fieldType": "UINT32", "valueUint32": 120}]},
        {"name": "code", "field": [{"fieldType": "STRING", "valueString": "B0"}]},
    ]
    events = [{"startTime": 1893456000, "type": "one-time", "command": "record", "active": True},
              {"startTime": 1893459600, "duration": 3600, "type": "one-time", "command": "set-live",
               "parameters": {"record": True}, "active": True}]
    hmp.seed({"sessions": [{"title": "Board", "metadata": metadata, "events": events}]})
    before = session_by_title(hmp, "Board")
    hmp.clear_log()
    run = ansible(hmp_play(task("edit", "hmp_session", title="Board", metadata={"code": "B1"},
                                schedule=[{"start_time": 1893459600, "duration": 3600, "command": "set-live",
                                           "record": True}])))
    assert run.task("edit")["status"] == "changed", run.output
    after = session_by_title(hmp, "Board")
    assert after["metadata"] == metadata[:3] + [{"name": "code", "field": [{"fieldType": "STRING", "valueString": "B1"}]}]
    # The event the schedule no longer lists is switched off, nothing else about it changes.
    old = dict((e["startTime"], e) for e in before["events"])
    new = dict((e["startTime"], e) for e in after["events"])
    assert new[1893456000] == dict(old[1893456000], active=False)
    assert new[1893459600] == old[1893459600]
    assert without(after, "metadata", "events", *TOUCHED) == without(before, "metadata", "events", *TOUCHED)
    base = "/apis/sessions/" + after["id"]
    assert sorted((w["method"], w["path"]) for w in hmp.writes() if w["path"] != "/apis/authentication/login") == \
        [("PUT", base + "/events/" + old[1893456000]["id"]), ("PUT", base + "/metadata")]


# Written as a user writes it: literal blocks, which end in a newline. (A name with edge whitespace is refused:
# test_text_edges.py.)
EDGE_WHITESPACE_PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/haivision.media.hmp:
      hmp_url: "{{ hmp_url }}"
      hmp_username: "{{ hmp_username }}"
      hmp_password: "{{ hmp_password }}"
      ca_path: "{{ sim_ca_path }}"
  tasks:
    - name: source
      haivision.media.hmp_source:
        name: cam 1
        type: UDP
        host: 239.1.1.1
        port: 4900
        multicast: true
        description: |
          Stage camera.
          North side.
    - name: session
      haivision.media.hmp_session:
        title: Town hall
        description: |
          Agenda:
          - results
        sources: [cam 1]
    - name: lineup
      haivision.media.hmp_lineup:
        sources:
          - {name: lineup cam, type: UDP, host: 239.1.1.2, port: 4900, multicast: true}
        sessions:
          - title: Lineup session
            description: |
              Line-up notes.
            sources: [lineup cam]
"""


@pytest.mark.parametrize("trims", [False, True], ids=["keeps", "trims"])
def test_text_ending_in_a_newline_converges_on_a_platform_that_keeps_or_trims_it(clean, ansible, trims):
    hmp = clean.hmp
    hmp.trim_text(trims)
    first = ansible(EDGE_WHITESPACE_PLAY)
    assert set(first.statuses().values()) == {"changed"}, first.output
    state = hmp.state()
    assert sorted(s["name"] for s in state["sources"].values()) == ["cam 1", "lineup cam"]

    def stored(text):
        return text.strip() if trims else text
    assert source_by_name(hmp, "cam 1")["description"] == stored("Stage camera.\nNorth side.\n")
    assert sorted(s["title"] for s in state["sessions"].values()) == ["Lineup session", "Town hall"]
    assert session_by_title(hmp, "Town hall")["description"] == stored("Agenda:\n- results\n")
    assert session_by_title(hmp, "Lineup session")["description"] == stored("Line-up notes.\n")
    for attempt in (2, 3):
        hmp.clear_log()
        again = ansible(EDGE_WHITESPACE_PLAY)
        assert set(again.statuses().values()) == {"ok"}, (attempt, again.output)
        assert [w for w in hmp.writes() if w["path"] != "/apis/authentication/login"] == []
    assert len(hmp.state()["sources"]) == 2 and len(hmp.state()["sessions"]) == 2
