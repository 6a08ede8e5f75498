# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HMP planners, their one change record and the line-up's write order, on the in-process simulator."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient
from ansible_collections.haivision.media.plugins.module_utils._hmp.lineup import KINDS, hmp_lineup_argument_spec, plan_lineup
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import find_one
from ansible_collections.haivision.media.plugins.module_utils._hmp.session import HMPSession, RecordingInProgress
from ansible_collections.haivision.media.plugins.module_utils._hmp.source import HMPSource, masked
from ansible_collections.haivision.media.plugins.module_utils._common.change import apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import LineupError, apply_lineup, validate_items
from ansible_collections.haivision.media.plugins.module_utils._common.masking import MASK
from tests.unit.plugins.module_utils.lineup_params import Refused, module_params

WRITES = ("POST", "PUT", "DELETE")
UDP = {"type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}


@pytest.fixture
def hmp(hmp_sim):
    with HMPClient(hmp_sim.url, "haiadmin", "hmp-admin-pass", ca_path=hmp_sim.ca_path, backoff=0.01) as client:
        yield hmp_sim, client


def params_for(kind_type, **args):
    """An item validated with the kind's one spec, as a module or line-up gets it."""
    result = ArgumentSpecValidator(kind_type.argument_spec(), **kind_type.constraints()).validate(args)
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


def plan(client, kind_type, **args):
    params = params_for(kind_type, **args)
    kind = "sources" if kind_type is HMPSource else "sessions"
    record = find_one(client, kind, params.get(kind_type.key), params.get("id"))
    return kind_type(client).plan(params, kind_type.desired(params), record)


def writes(sim):
    return [(r["method"], r["path"]) for r in sim.requests() if r["method"] in WRITES and "/authentication/" not in r["path"]]


def session_record(sim, title):
    return next(s for s in sim.device.state()["sessions"].values() if s["title"] == title)


# -- sources -------------------------------------------------------------------------------


def test_source_create_none_update_delete(hmp):
    sim, client = hmp
    create = plan(client, HMPSource, name="cam", **UDP)
    assert (create.action, create.requests, create.resource_id) == ("create", ["POST /apis/sources"], None)
    assert create.diff() == {"before": {}, "after": dict(UDP, name="cam")}
    apply_changes([create])
    assert create.applied and create.resource_id
    assert plan(client, HMPSource, name="cam", **UDP).action == "none"
    update = plan(client, HMPSource, name="cam", port=5000)
    assert (update.action, update.options) == ("update", ["port"])
    assert update.diff() == {"before": {"port": 4900}, "after": {"port": 5000}}
    assert update.requests == ["PUT /apis/sources/%s" % create.resource_id]
    delete = plan(client, HMPSource, name="cam", state="absent")
    assert (delete.action, delete.requests) == ("delete", ["DELETE /apis/sources/%s" % create.resource_id])
    assert plan(client, HMPSource, name="gone", state="absent").action == "none"
    entry = update.entry()
    assert set(entry) == {"name", "kind", "action", "diff", "id", "applied"} and entry["applied"] is False


def test_planning_a_source_sends_no_write_and_masks_by_its_fields(hmp):
    sim, client = hmp
    sim.device.seed({"sources": [{"name": "srt", "type": "SRT", "mode": "LISTENER", "port": 9000,
                                  "passphrase": "a-long-passphrase"}]})
    sim.server.log.clear()
    change = plan(client, HMPSource, name="srt", passphrase="another-passphrase")
    assert change.action == "update" and writes(sim) == []
    assert change.diff()["after"]["passphrase"] != "another-passphrase"
    assert masked(change.raw)["passphrase"] == MASK


def test_source_refusals_come_before_any_request(hmp):
    sim, client = hmp
    with pytest.raises(ValidationError, match="host is required to create a multicast UDP source"):
        plan(client, HMPSource, name="cam", type="UDP", port=1, multicast=True)
    with pytest.raises(IdentityError, match="no source with id nope on this HMP"):
        plan(client, HMPSource, id="nope", name="cam", **UDP)
    sim.device.seed({"sources": [dict(UDP, name="twin"), dict(UDP, name="twin")]})
    with pytest.raises(IdentityError, match="2 sources have the name 'twin'"):
        plan(client, HMPSource, name="twin", port=1)
    assert writes(sim) == []


# -- sessions ---------------------------------------------------------------------------------


def test_session_create_with_sources_metadata_shares_public_share_and_schedule(hmp):
    sim, client = hmp
    ids = sim.device.seed({"sources": [dict(UDP, name="a"), dict(UDP, name="b", host="239.1.1.2")]})["sources"]
    change = plan(client, HMPSession, title="Show", sources=["a", ids[1]], metadata={"code": "X1"},
                  shares=[{"name": "viewer", "permission": "WATCH"}], public_share=True,
                  schedule=[{"start_time": 1000, "duration": 60}])
    assert change.action == "create" and writes(sim) == []
    assert change.requests == ["POST /apis/sessions"] + ["POST /apis/sessions/(new)%s" % suffix for suffix in (
        "/sources", "/sources")] + ["PUT /apis/sessions/(new)/metadata", "POST /apis/sessions/(new)/shares",
                                    "POST /apis/sessions/(new)/publicshare", "POST /apis/sessions/(new)/events"]
    assert change.diff()["before"] == {} and change.diff()["after"]["sources"] == ["a", "b"]
    apply_changes([change])
    assert change.applied
    record = session_record(sim, "Show")
    assert record["id"] == change.resource_id and record["sources"] == ids
    # Planned again against the new session: the creator entries the platform added are kept.
    names = [m["name"] for m in record["metadata"]]
    assert "calypso:creator" in names and names[-1] == "code"
    assert [s["name"] for s in record["shares"]] == ["viewer"] and record["publicshare"] is not None
    assert plan(client, HMPSession, title="Show", sources=["b", "a"], metadata={"code": "X1"},
                shares=[{"name": "viewer", "permission": "WATCH"}], public_share=True,
                schedule=[{"start_time": 1000, "duration": 60}]).action == "none"


def test_session_update_of_sources_and_metadata_map(hmp):
    sim, client = hmp
    ids = sim.device.seed({"sources": [dict(UDP, name="a"), dict(UDP, name="b", host="239.1.1.2")],
                           "sessions": [{"title": "Show", "sources": ["a"], "metadata": {"keep": "1", "drop": "2"}}]})
    session_id = ids["sessions"][0]
    sim.server.log.clear()
    change = plan(client, HMPSession, title="Show", sources=["b"], metadata={"new": {"value": 5, "type": "INT32"}},
                  purge_metadata=True)
    base = "/apis/sessions/%s" % session_id
    assert change.action == "update" and writes(sim) == []
    assert change.requests == ["POST %s/sources" % base, "DELETE %s/sources/%s" % (base, ids["sources"][0]),
                               "PUT %s/metadata" % base]
    assert change.diff() == {"before": {"sources": ["a"], "metadata": {"keep": ["1"], "drop": ["2"]}},
                             "after": {"sources": ["b"], "metadata": {"new": [{"type": "INT32", "value": 5}]}}}
    apply_changes([change])
    assert writes(sim) == [("POST", base + "/sources"), ("DELETE", "%s/sources/%s" % (base, ids["sources"][0])),
                           ("PUT", base + "/metadata")]
    assert session_record(sim, "Show")["sources"] == [ids["sources"][1]]


def test_session_field_edit_sends_the_full_state_and_none_sends_nothing(hmp):
    sim, client = hmp
    session_id = sim.device.seed({"sessions": [{"title": "Show", "description": "d", "active": True}]})["sessions"][0]
    change = plan(client, HMPSession, title="Show", syncrecord=True)
    assert (change.action, change.options, change.requests) == ("update", ["syncrecord"],
                                                                ["PUT /apis/sessions/%s" % session_id])
    apply_changes([change])
    record = session_record(sim, "Show")
    assert (record["description"], record["active"], record["syncrecord"]) == ("d", True, True)
    unchanged = plan(client, HMPSession, title="Show", syncrecord=True)
    assert (unchanged.action, unchanged.writes, unchanged.diff()) == ("none", [], {"before": {}, "after": {}})


def test_session_absent_and_recordings_found_while_planning(hmp):
    sim, client = hmp
    session_id = sim.device.seed({"sources": [dict(UDP, name="a")],
                                  "sessions": [{"title": "Live", "sources": ["a"], "recording": True}]})["sessions"][0]
    sim.server.log.clear()
    with pytest.raises(RecordingInProgress, match="nothing was changed"):
        plan(client, HMPSession, title="Live", state="absent")
    with pytest.raises(RecordingInProgress, match="change its sources"):
        plan(client, HMPSession, title="Live", sources=[])
    assert writes(sim) == []
    delete = plan(client, HMPSession, title="Live", state="absent", force=True)
    recording = delete.stopped_recordings[0]
    assert delete.action == "delete"
    assert delete.requests == ["DELETE /apis/recordings/%s" % recording, "DELETE /apis/sessions/%s" % session_id]
    apply_changes([delete])
    assert delete.applied and session_id not in sim.device.state()["sessions"]
    assert plan(client, HMPSession, title="Live", state="absent").action == "none"


def test_forced_source_change_stops_the_recording_then_plans_the_parts_again(hmp):
    sim, client = hmp
    ids = sim.device.seed({"sources": [dict(UDP, name="a"), dict(UDP, name="b", host="239.1.1.2")],
                           "sessions": [{"title": "Live", "sources": ["a"], "recording": True}]})
    change = plan(client, HMPSession, title="Live", sources=["a", "b"], metadata={"x": "1"}, force=True)
    assert change.requests[0].startswith("DELETE /apis/recordings/")
    apply_changes([change])
    record = session_record(sim, "Live")
    assert record["sources"] == ids["sources"]
    assert "calypso:recording" not in [m["name"] for m in record["metadata"]]


# -- the line-up ---------------------------------------------------------------------------------


def lineup_items(**params):
    params = module_params(hmp_lineup_argument_spec(), params)
    items = validate_items(params, KINDS, lambda kind, item: KINDS[kind].desired(item), id_key="id")
    return params, items


def test_lineup_plans_everything_first_and_writes_by_rank(hmp):
    sim, client = hmp
    ids = sim.device.seed({"sources": [dict(UDP, name="old"), dict(UDP, name="stray", host="239.1.1.9")],
                           "sessions": [{"title": "Old show", "sources": ["old"]}]})
    params, items = lineup_items(
        sources=[{"name": "old", "state": "absent"}, dict(UDP, name="new"), {"id": ids["sources"][1], "name": "renamed"}],
        sessions=[{"title": "Old show", "state": "absent"}, {"title": "Show", "sources": ["new", "renamed"]}])
    changes = plan_lineup(client, params, items)
    assert writes(sim) == []
    assert [(c.kind, c.name, c.action) for c in changes] == [
        ("sources", "new", "create"), ("sources", "renamed", "update"), ("sessions", "Show", "create"),
        ("sessions", "Old show", "delete"), ("sources", "old", "delete")]
    show = changes[2]
    assert show.diff()["after"]["sources"] == ["new", "renamed"]  # a planned source by its name, a renamed one too
    apply_lineup(changes)
    assert all(c.applied for c in changes)
    assert [w[0] + " " + w[1].split("/")[2] for w in writes(sim)] == [
        "POST sources", "PUT sources", "POST sessions", "POST sessions", "POST sessions", "DELETE sessions",
        "DELETE sources"]
    new_id = find_one(client, "sources", "new")["id"]
    assert session_record(sim, "Show")["sources"] == [new_id, ids["sources"][1]]  # the real id was sent


def test_a_refused_write_reports_the_planned_action_of_every_resource_not_reached(hmp):
    sim, client = hmp
    params, items = lineup_items(sources=[dict(UDP, name="a"), dict(UDP, name="b", host="239.1.1.2")],
                                 sessions=[{"title": "One", "sources": ["a"]}, {"title": "Two", "sources": ["b"]}])
    changes = plan_lineup(client, params, items)
    sim.server.faults.add({"kind": "status", "status": 500, "method": "POST", "path": "/apis/sessions"})
    with pytest.raises(LineupError) as caught:
        apply_lineup(changes)
    assert [(e["name"], e["action"], e["applied"]) for e in caught.value.entries] == [
        ("a", "create", True), ("b", "create", True), ("One", "create", False), ("Two", "create", False)]
    assert str(caught.value).startswith("sessions One: ")
    assert str(caught.value).endswith("Applied: sources a, sources b. Not applied: sessions One, sessions Two. "
                                      "The next run converges from here.")
    assert caught.value.result_fields()["changed"] is True


def test_lineup_items_use_each_kinds_one_spec():
    with pytest.raises(Refused, match=r"type is UDP but all of the following are missing: multicast found in sources"):
        lineup_items(sources=[{"name": "cam", "type": "UDP", "port": 1}])
    with pytest.raises(Refused, match=r"one of the following is required: title, id found in sessions"):
        lineup_items(sessions=[{"title": "a"}, {"description": "x"}])
    with pytest.raises(Refused, match=r"sessions\.colour\. Supported parameters include: .*title"):
        lineup_items(sessions=[{"title": "a", "colour": "red"}])
    with pytest.raises(ValidationError, match=r"sources\[1\] \(b\): latency does not apply to UDP sources"):
        lineup_items(sources=[dict(UDP, name="a"), dict(UDP, name="b", latency=200)])
    with pytest.raises(ValidationError, match="sessions lists a more than once"):
        lineup_items(sessions=[{"title": "a"}, {"title": "a"}])


def test_purge_plans_removals_of_unnamed_resources_of_the_given_kinds_only(hmp):
    sim, client = hmp
    sim.device.seed({"sources": [dict(UDP, name="keep"), dict(UDP, name="stray", host="239.1.1.2")],
                     "sessions": [{"title": "untouched"}]})
    params, items = lineup_items(sources=[{"name": "keep"}], purge=True)
    changes = plan_lineup(client, params, items)
    assert [(c.kind, c.name, c.action) for c in changes] == [("sources", "keep", "none"), ("sources", "stray", "delete")]
    assert writes(sim) == []
