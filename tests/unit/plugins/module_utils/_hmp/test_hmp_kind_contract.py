# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kind contract, kept by every HMP kind, on the in-process simulator.

For each kind, on the same device state: (a) the plan a check-mode run
reports is, write for write, what the real run sends (the simulator's
request log; ``(new)`` stands for an id the device assigns during the run),
and the real run's own plan lists exactly the requests it sent; (b) the
check-mode result is the real result apart from what the device assigns or
lets move (ids, times, the metadata entries HMP adds itself); (c) a second
run plans no write; (d) bad input sends no request at all.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import re

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.haivision.media.plugins.module_utils._common import kind as kind_driver
from ansible_collections.haivision.media.plugins.module_utils._common.change import apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.identity import NEW_ID, IdentityError
from ansible_collections.haivision.media.plugins.module_utils._hmp.asset import HMPAsset
from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC, HMPClient
from ansible_collections.haivision.media.plugins.module_utils._hmp.lineup import (
    KINDS, converge_hmp_lineup, hmp_lineup_argument_spec, plan_lineup)
from ansible_collections.haivision.media.plugins.module_utils._hmp.recording import HMPRecording
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource_shares import SectionShares, SourceShares
from ansible_collections.haivision.media.plugins.module_utils._hmp.session import HMPSession
from ansible_collections.haivision.media.plugins.module_utils._hmp.source import HMPSource
from ansible_collections.haivision.media.plugins.module_utils._hmp.stb import HMPSTB
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import validate_items

WRITES = ("POST", "PUT", "DELETE")
LOGIN = "/apis/authentication/login"
UDP = {"type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}
# Values that move on their own between two reads (a live bitrate, a modification time, a recording's length).
LIVE = ("mtime", "bitrate", "duration")
# What the device fills in every share entry it lists (check mode names the principal by id, type and name).
SHARE_FILLED = ("email",)
ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Module:
    """What the drivers use of an AnsibleModule: validated params and the check mode flag."""

    def __init__(self, spec, args, check_mode=False, **constraints):
        full = dict(HMP_CONNECTION_SPEC)
        full.update(spec)
        result = ArgumentSpecValidator(full, **constraints).validate(args)
        assert not result.error_messages, result.error_messages
        self.params = result.validated_parameters
        self.check_mode = check_mode


def connection(sim):
    return dict(hmp_url=sim.url, hmp_username="haiadmin", hmp_password="hmp-admin-pass", ca_path=sim.ca_path)


def sent(sim):
    return [(r["method"], r["path"]) for r in sim.requests() if r["method"] in WRITES and r["path"] != LOGIN]


def known_values(sim):
    """Every string the device holds: an id among them is not one a run assigns."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            found.update(k for k in value if isinstance(k, str))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.add(value)
    with sim.device.lock:
        walk(sim.device.state())
    return found


def new_ids(sim, before):
    return set(value for value in known_values(sim) - before if ID.match(value))


def as_planned(path, assigned):
    """A sent path as check mode plans it: ids the run assigned read ``(new)``."""
    return "/".join(NEW_ID if segment in assigned else segment for segment in path.split("/"))


def converge(sim, kind_class, check_mode, **args):
    """One module run (the resource driver) on the device as it is; (result, writes sent, ids assigned)."""
    before = known_values(sim)
    sim.server.log.clear()
    module = Module(kind_class.argument_spec(), dict(args, **connection(sim)), check_mode, **kind_class.constraints())
    result = kind_driver.converge_resource(module, kind_class)
    return result, sent(sim), new_ids(sim, before)


def plan_of(result):
    return [(entry["method"], entry["path"]) for entry in result["plan"]]


def without_reserved(metadata):
    """HMP's own entries (calypso:creator ...) are the device's to add: check mode does not predict them."""
    return [entry for entry in metadata if not entry.get("name", "").startswith(("calypso:", "haivision:"))]


def assert_same_result(check, real, assigned, filled=()):
    """The check-mode result is the real one, apart from ids the run assigned (None or ``(new)`` in check mode),
    values that move on their own, and ``filled``: keys the device adds to what it creates."""
    def compare(predicted, actual, where):
        if isinstance(actual, str) and actual in assigned:
            assert predicted in (None, NEW_ID, actual), (where, predicted, actual)
        elif isinstance(actual, str) and isinstance(predicted, str) and NEW_ID in predicted:
            assert predicted == as_planned(actual, assigned), (where, predicted, actual)
        elif isinstance(actual, dict):
            assert isinstance(predicted, dict), (where, predicted, actual)
            missing = set(actual) - set(predicted) - set(filled) - set(LIVE) - set(SHARE_FILLED)
            assert not missing, (where, "check mode lacks", sorted(missing))
            for key in set(predicted) - set(LIVE):
                assert key in actual, (where, "check mode adds", key)
                if key == "metadata" and isinstance(actual[key], list):
                    compare(without_reserved(predicted[key]), without_reserved(actual[key]), where + ".metadata")
                else:
                    compare(predicted[key], actual[key], "%s.%s" % (where, key))
        elif isinstance(actual, list):
            assert isinstance(predicted, list) and len(predicted) == len(actual), (where, predicted, actual)
            for index, (one, other) in enumerate(zip(predicted, actual)):
                compare(one, other, "%s[%d]" % (where, index))
        else:
            assert predicted == actual, (where, predicted, actual)
    compare(check, real, "result")


def contract(sim, kind_class, filled=(), **args):
    """(a), (b) and (c) for one task on the device as it is now; returns the real run's result."""
    state = copy.deepcopy(sim.device.state())
    check, check_sent, dummy = converge(sim, kind_class, True, **args)
    assert check_sent == [] and _same_but_live(sim.device.state(), state)
    real, real_sent, assigned = converge(sim, kind_class, False, **args)
    assert real["changed"] and real_sent, real
    # (a) the plan is the run, and the run's own plan lists what it sent.
    assert plan_of(check) == [(method, as_planned(path, assigned)) for method, path in real_sent]
    assert plan_of(real) == real_sent
    # (b) the check-mode result has the real one's shape and values.
    assert_same_result(check, real, assigned, filled)
    # (c) converged: nothing planned, nothing sent.
    again, again_sent, dummy = converge(sim, kind_class, False, **args)
    assert (again["changed"], again["plan"], again_sent) == (False, [], [])
    return real


def _same_but_live(state, before):
    """The device's content is as it was (its login counters aside)."""
    state, before = dict(state, auth=None), dict(before, auth=None)

    def strip(value):
        if isinstance(value, dict):
            return dict((k, strip(v)) for k, v in value.items() if k not in LIVE)
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(state) == strip(before)


def refused(sim, kind_class, error, match, **args):
    """(d) bad input fails before any request, login included."""
    sim.server.log.clear()
    module = Module(kind_class.argument_spec(), dict(args, **connection(sim)), False, **kind_class.constraints())
    with pytest.raises(error, match=match):
        kind_driver.converge_resource(module, kind_class)
    assert sim.requests() == []


# -- sources --------------------------------------------------------------------------------------


def test_source_create_update_delete_keep_the_contract(hmp_sim):
    created = contract(hmp_sim, HMPSource, filled=("id", "active", "ctime"), name="cam", description="Studio", **UDP)
    assert created["source"]["id"] == created["id"]
    contract(hmp_sim, HMPSource, name="cam", port=5000, continuous=True)
    deleted = contract(hmp_sim, HMPSource, name="cam", state="absent")
    assert deleted["source"] == {}
    refused(hmp_sim, HMPSource, ValidationError, "latency must be between 20 and 8000", name="srt", type="SRT",
            mode="LISTENER", port=9000, latency=5)


# -- sessions -------------------------------------------------------------------------------------


SESSION_FILLED = ("id", "ctime", "duration", "movieTrackCount", "recording", "description", "active", "syncrecord",
                  "distributionPolicies")


def test_session_create_with_every_part_keeps_the_contract(hmp_sim):
    hmp_sim.device.seed({"sources": [dict(UDP, name="a"), dict(UDP, name="b", host="239.1.1.2")]})
    real = contract(hmp_sim, HMPSession, filled=SESSION_FILLED, title="Show", sources=["a", "b"],
                    metadata={"code": "X1"}, categories={"Department": ["Sales"]},
                    shares=[{"name": "viewer", "permission": "WATCH"},
                            {"name": "Operators", "type": "GROUP", "permission": "EDIT"}],
                    public_share=True, schedule=[{"start_time": 1000, "duration": 60}])
    assert [p["path"].rsplit("/", 1)[-1] for p in real["plan"]][:3] == ["sessions", "sources", "sources"]
    names = [entry["name"] for entry in real["session"]["metadata"]]
    # The metadata PUT was planned from the new session: HMP's own entries stay.
    assert "calypso:creator" in names and "code" in names
    refused(hmp_sim, HMPSession, ValidationError, "days applies to weekly-recurring events only", title="Show",
            schedule=[{"start_time": 1, "days": ["MON"]}])


def test_forced_update_of_a_recording_session_keeps_the_contract(hmp_sim):
    ids = hmp_sim.device.seed({"sources": [dict(UDP, name="a"), dict(UDP, name="b", host="239.1.1.2")],
                               "sessions": [{"title": "Live", "sources": ["a"], "metadata": {"x": "0"},
                                             "recording": True}]})
    recording = next(iter(hmp_sim.device.state()["recordings"]))
    real = contract(hmp_sim, HMPSession, title="Live", sources=["a", "b"], metadata={"x": "1"},
                    description="now with b", force=True)
    assert real["stopped_recordings"] == [recording]
    assert plan_of(real)[0] == ("DELETE", "/apis/recordings/%s" % recording)
    # Planned again once the recording stopped: its calypso:recording entry is not written back.
    session = hmp_sim.device.state()["sessions"][ids["sessions"][0]]
    assert [(m["name"], m["field"][0]["valueString"]) for m in session["metadata"]] == [("x", "1")]


def test_a_restaged_session_create_lists_the_requests_it_sent(hmp_sim):
    """The writes planned against a new session are replaced, before any is sent, by those planned from it."""
    with HMPClient(hmp_sim.url, "haiadmin", "hmp-admin-pass", ca_path=hmp_sim.ca_path) as client:
        module = Module(HMPSession.argument_spec(), dict(title="Show", metadata={"code": "X1"}, **connection(hmp_sim)),
                        **HMPSession.constraints())
        kind = HMPSession(client)
        change = kind.plan(module.params, HMPSession.desired(module.params), kind.locate(module.params))
        predicted = change.writes[1:]
        assert [(w.label, w.staged) for w in predicted] == [("PUT /apis/sessions/(new)/metadata", True)]
        hmp_sim.server.log.clear()
        apply_changes([change])
    assert change.requests == ["%s %s" % write for write in sent(hmp_sim)]
    assert change.writes[1] not in predicted and not change.writes[1].staged


# -- assets, shares ---------------------------------------------------------------------------------


def test_asset_keeps_the_contract(hmp_sim):
    hmp_sim.device.seed({"sessions": [{"title": "Town hall"}], "assets": [{"title": "Q3", "session": "Town hall"}]})
    contract(hmp_sim, HMPAsset, title="Q3", description="quarterly", metadata={"code": "Q3"},
             shares=[{"name": "viewer", "permission": "WATCH"}], public_share=True)
    refused(hmp_sim, HMPAsset, ValidationError, "type must be one of STRING, INT32, UINT32", title="Q3",
            metadata={"n": {"value": 1, "type": "FLOAT"}})


def test_source_and_section_shares_keep_the_contract(hmp_sim):
    hmp_sim.device.seed({"sources": [dict(UDP, name="cam")], "sections": [{"name": "Training"}]})
    shares = [{"name": "viewer", "permission": "WATCH"}, {"name": "Operators", "type": "GROUP", "permission": "EDIT"}]
    contract(hmp_sim, SourceShares, source="cam", shares=shares)
    contract(hmp_sim, SourceShares, source="cam", shares=[{"name": "viewer"}], state="absent")
    contract(hmp_sim, SectionShares, section="Training", shares=shares)
    refused(hmp_sim, SourceShares, ValidationError, "permission must be one of WATCH, EDIT, OWN", source="cam",
            shares=[{"name": "viewer", "permission": "ADMIN"}])
    refused(hmp_sim, SectionShares, ValidationError, "purge applies to state=present only", section="Training",
            shares=[{"name": "viewer"}], state="absent", purge=True)


def test_a_share_goes_to_the_exact_group_and_one_name_for_two_groups_fails_before_any_write(hmp_sim):
    groups = hmp_sim.device.seed({"groups": [{"groupname": "Ops", "roles": ["viewer"]},
                                             {"groupname": "ops", "roles": ["viewer"]}]})["groups"]
    session_id = hmp_sim.device.seed({"sessions": [{"title": "Show", "shares": [
        {"id": groups[0], "type": "GROUP", "permission": "EDIT"}]}]})["sessions"][0]
    real = contract(hmp_sim, HMPSession, title="Show", shares=[{"name": "ops", "type": "GROUP", "permission": "WATCH"}])
    assert plan_of(real) == [("POST", "/apis/sessions/%s/shares" % session_id)]
    shares = dict((s["id"], (s["name"], s["permission"])) for s in hmp_sim.device.state()["sessions"][session_id]["shares"])
    assert shares == {groups[0]: ("Ops", "EDIT"), groups[1]: ("ops", "WATCH")}
    hmp_sim.server.log.clear()
    module = Module(HMPSession.argument_spec(), dict(title="Show", shares=[{"name": "OPS", "type": "GROUP",
                                                                            "permission": "OWN"}], **connection(hmp_sim)))
    with pytest.raises(IdentityError) as caught:
        kind_driver.converge_resource(module, HMPSession)
    assert groups[0] in str(caught.value) and groups[1] in str(caught.value) and sent(hmp_sim) == []


# -- recordings, set-top boxes ------------------------------------------------------------------------


def test_recording_start_pause_stop_keep_the_contract(hmp_sim):
    hmp_sim.device.seed({"sources": [dict(UDP, name="a"), dict(UDP, name="b", host="239.1.1.2")],
                         "sessions": [{"title": "Live", "sources": ["a", "b"]}]})
    started = contract(hmp_sim, HMPRecording, session="Live", state="paused", recorders=["a"])
    recording = started["recording"]
    assert (recording["state"], [r["name"] for r in recording["recorders"]]) == ("paused", ["a"])
    assert [entry["method"] for entry in started["plan"]] == ["POST", "PUT"]
    assert started["plan"][1]["path"] == "/apis/recordings/%s" % recording["id"]
    contract(hmp_sim, HMPRecording, session="Live", state="recording")
    stopped = contract(hmp_sim, HMPRecording, session="Live", state="stopped")
    assert stopped["recording"] == {"id": recording["id"], "state": "stopped", "session": recording["session"],
                                    "recorders": []}
    refused(hmp_sim, HMPRecording, ValidationError, r"recorders\[0\] is empty", session="Live", recorders=[" "])


def test_recording_result_is_what_the_platform_reports_after_the_run(hmp_sim, monkeypatch):
    """The platform records the sources it has: the result says what it made, not what was asked."""
    hmp_sim.device.seed({"sources": [dict(UDP, name="a"), dict(UDP, name="b", host="239.1.1.2")],
                         "sessions": [{"title": "Live", "sources": ["a", "b"]}]})
    original = HMPClient.request

    def one_recorder(client, method, path, body=None, params=None):
        if method == "POST" and path.endswith("/recordings"):
            body = {"recorders": body["recorders"][:1]}
        return original(client, method, path, body, params)
    monkeypatch.setattr(HMPClient, "request", one_recorder)
    result, dummy, dummy = converge(hmp_sim, HMPRecording, False, session="Live")
    (active,) = hmp_sim.device.state()["recordings"].values()
    assert [r["source"] for r in result["recording"]["recorders"]] == [r["source"] for r in active["recorders"]]
    assert len(result["recording"]["recorders"]) == 1


def test_set_top_boxes_keep_the_contract(hmp_sim):
    hmp_sim.device.seed({"sources": [dict(UDP, name="cam")], "stbs": [
        {"name": "lobby1", "tags": ["Lobby"], "volume": 0.5}, {"name": "lobby2", "tags": ["Lobby"], "standby": True},
        {"name": "lobby3", "tags": ["Lobby"], "online": False}]})
    real = contract(hmp_sim, HMPSTB, tag="Lobby", standby=False, volume=0.7, channel="cam")
    assert sorted(set(entry["name"] for entry in real["plan"])) == ["lobby1", "lobby2"]
    assert [entry["name"] for entry in real["skipped_offline"]] == ["lobby3"]
    refused(hmp_sim, HMPSTB, ValidationError, "volume must be between 0.0 and 1.0", name="lobby1", volume=1.5)


# -- the line-up ----------------------------------------------------------------------------------------


def lineup_module(sim, check_mode, **params):
    return Module(hmp_lineup_argument_spec(), dict(params, **connection(sim)), check_mode)


def ordered_plan(changes):
    """The line-up's writes in the order apply_changes sends them (rank, then plan order)."""
    jobs = sorted(((w.rank, order, index, w) for order, c in enumerate(changes) for index, w in enumerate(c.writes)),
                  key=lambda job: job[:3])
    return [(w.method, w.path) for dummy, dummy, dummy, w in jobs]


def test_lineup_keeps_the_contract(hmp_sim):
    hmp_sim.device.seed({"sources": [dict(UDP, name="old")], "sessions": [{"title": "Old", "sources": ["old"]}]})
    lineup = dict(sources=[dict(UDP, name="new", host="239.1.1.7"), {"name": "old", "state": "absent"}],
                  sessions=[{"title": "Show", "sources": ["new"], "metadata": {"code": "S"}, "public_share": True},
                            {"title": "Old", "state": "absent"}])
    module = lineup_module(hmp_sim, True, **lineup)
    items = validate_items(module.params, KINDS, lambda kind, item: KINDS[kind].desired(item), id_key="id")
    with HMPClient(hmp_sim.url, "haiadmin", "hmp-admin-pass", ca_path=hmp_sim.ca_path) as client:
        planned = ordered_plan(plan_lineup(client, module.params, items, check_mode=True))
    check = converge_hmp_lineup(lineup_module(hmp_sim, True, **lineup))
    before = known_values(hmp_sim)
    hmp_sim.server.log.clear()
    real = converge_hmp_lineup(lineup_module(hmp_sim, False, **lineup))
    assigned = new_ids(hmp_sim, before)
    real_sent = sent(hmp_sim)
    assert planned == [(method, as_planned(path, assigned)) for method, path in real_sent]
    assert [(r["name"], r["action"]) for r in check["resources"]] == [(r["name"], r["action"]) for r in real["resources"]]
    assert check["diff"] == real["diff"]
    assert [r["applied"] for r in real["resources"]] == [True] * 4
    assert converge_hmp_lineup(lineup_module(hmp_sim, False, **lineup))["changed"] is False
    hmp_sim.server.log.clear()
    # Past the items' spec (Ansible checks it), the kind's own validation, still before any request.
    with pytest.raises(ValidationError, match=r"sources\[0\] \(cam\): continuous cannot be false"):
        converge_hmp_lineup(lineup_module(hmp_sim, False, sources=[
            {"name": "cam", "type": "SRT", "mode": "LISTENER", "port": 1, "continuous": False}]))
    assert hmp_sim.requests() == []
