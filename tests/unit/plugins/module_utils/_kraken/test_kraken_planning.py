# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Kraken kinds' plans and the line-up's write order, on the in-process simulator (no Ansible process)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.lineup import KIND_TYPES, argument_spec, plan_lineup
from ansible_collections.haivision.media.plugins.module_utils._common.change import ChangeFailed, apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import validate_items
from tests.unit.plugins.module_utils.lineup_params import module_params

WRITES = ("POST", "PUT", "DELETE")


@pytest.fixture
def kraken(kraken_sim):
    client = KrakenClient(kraken_sim.url, kraken_sim.consumer_key, kraken_sim.consumer_secret, ca_path=kraken_sim.ca_path,
                          backoff=0.01)
    return kraken_sim, client


def params_for(kind, **args):
    """An item validated with the kind's one spec, as a module or line-up gets it."""
    kind_type = KIND_TYPES[kind]
    result = ArgumentSpecValidator(kind_type.argument_spec(), **kind_type.constraints()).validate(args)
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


def plan(client, kind, **args):
    params = params_for(kind, **args)
    planner = KIND_TYPES[kind](client)
    return planner.plan(params, planner.desired(params), planner.locate(params))


def uuid_of(client, kind, name):
    return KIND_TYPES[kind](client).locate({"name": name})["uuid"]


def writes(sim):
    return [(r["method"], r["path"]) for r in sim.requests() if r["method"] in WRITES]


def test_create_update_none_delete_are_the_four_actions(kraken):
    sim, client = kraken
    change = plan(client, "outputs", name="o", url="udp://239.1.1.1:1", ttl=16)
    assert (change.action, change.requests) == ("create", ["POST /apis/kraken/outputs"])
    apply_changes([change])
    assert change.applied and change.resource_id
    assert plan(client, "outputs", name="o", ttl=16).action == "none"
    update = plan(client, "outputs", name="o", ttl=32)
    assert (update.action, update.options, update.diff()) == ("update", ["ttl"], {"before": {"ttl": 16},
                                                                                  "after": {"ttl": 32}})
    delete = plan(client, "outputs", name="o", state="absent")
    assert delete.action == "delete" and delete.requests == ["DELETE /apis/kraken/outputs/output-%s" % change.resource_id]
    assert plan(client, "outputs", name="gone", state="absent").action == "none"


def test_planning_sends_no_write(kraken):
    sim, client = kraken
    sim.device.seed({"outputs": [{"name": "o", "url": "udp://239.1.1.1:1"}]})
    for args in ({"name": "o", "ttl": 5}, {"name": "o", "state": "absent"}, {"name": "p", "url": "udp://239.1.1.2:1"}):
        assert plan(client, "outputs", **args).changed
    assert writes(sim) == []


def test_an_unreported_field_compares_as_its_absent_meaning_and_is_never_written(kraken):
    sim, client = kraken
    sim.device.seed({"outputs": [{"name": "o", "url": "udp://239.1.1.1:1"}]})
    assert plan(client, "outputs", name="o", interface="auto", stream_type="", description="").action == "none"
    change = plan(client, "outputs", name="o", ttl=9, interface="auto")
    assert change.options == ["ttl"] and "interface" not in change.after


def test_a_nic_the_device_does_not_have_fails_the_plan_before_any_write(kraken):
    sim, client = kraken
    sim.device.seed({"outputs": [{"name": "o", "url": "udp://239.1.1.1:1"}]})
    for args in ({"name": "o", "ttl": 9, "interface": "eth9"}, {"name": "p", "url": "udp://239.1.1.2:1", "interface": "eth9"}):
        with pytest.raises(ValidationError) as caught:
            plan(client, "outputs", **args)  # what check mode does too
        assert "interface 'eth9' is not a NIC of this Kraken; it has: eth0, eth1, lo" in str(caught.value)
    assert writes(sim) == []


def test_a_changed_secret_is_detected_and_masked(kraken):
    sim, client = kraken
    sim.device.seed({"outputs": [{"name": "o", "streamType": "SRT", "srtMode": "listener", "srtLocalPort": 9000,
                                  "srtPassphrase": "old-passphrase-1"}]})
    change = plan(client, "outputs", name="o", srt_passphrase="new-passphrase-2")
    assert change.options == ["srt_passphrase"]
    assert change.diff() == {"before": {"srt_passphrase": "********"}, "after": {"srt_passphrase": "******** (changed)"}}


def test_sets_compare_without_order_and_nested_dicts_key_by_key(kraken):
    sim, client = kraken
    seeded = sim.device.seed({"outputs": [{"name": "o%d" % i, "url": "udp://239.1.1.%d:1" % i} for i in (1, 2)] +
                              [{"name": "sap", "url": "udp://239.1.1.3:1",
                                "sap": {"transmitSap": "on", "address": "224.2.127.254", "port": 9875}}]})
    sim.device.seed({"streams": [{"name": "s", "outputs": seeded["outputs"][:2]}]})
    assert plan(client, "streams", name="s", outputs=["o2", "o1"]).action == "none"
    assert plan(client, "outputs", name="sap", sap={"port": 9875}).action == "none"
    change = plan(client, "outputs", name="sap", sap={"port": 9876})
    assert change.after["sap"] == {"transmit_sap": True, "address": "224.2.127.254", "port": 9876}


def test_stream_references_resolve_by_name_and_an_ambiguous_name_is_refused(kraken):
    sim, client = kraken
    sim.device.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:1"}, {"name": "twin", "url": "udp://239.1.1.2:1"},
                                {"name": "twin", "url": "udp://239.1.1.3:1"}]})
    change = plan(client, "streams", name="s", input="cam")
    assert change.action == "create" and change.after["input"] == uuid_of(client, "inputs", "cam")
    with pytest.raises(IdentityError) as caught:
        plan(client, "streams", name="s", input="twin")
    assert "input 'twin' is ambiguous: 2 inputs have that name" in str(caught.value)


def test_a_stream_run_state_is_its_own_write_after_its_fields(kraken):
    sim, client = kraken
    parts = sim.device.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:1"}]})
    sim.device.seed({"streams": [{"name": "s", "input": parts["inputs"][0]}]})
    change = plan(client, "streams", name="s", description="news", state="started")
    assert change.options == ["description", "state"]
    assert [w.rank for w in change.writes] == sorted(w.rank for w in change.writes) and len(change.writes) == 2
    apply_changes([change])
    puts = [r for r in sim.requests() if r["method"] == "PUT"]
    assert "<description>news</description>" in puts[0]["body"] and "<state>" not in puts[0]["body"]
    assert "<state>start</state>" in puts[1]["body"] and "<description>" not in puts[1]["body"]


def test_a_running_stream_is_stopped_before_it_is_deleted(kraken):
    sim, client = kraken
    parts = sim.device.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:1"}]})
    uuid = sim.device.seed({"streams": [{"name": "s", "input": parts["inputs"][0], "state": "start"}]})["streams"][0]
    change = plan(client, "streams", name="s", state="absent")
    assert change.requests == ["PUT /apis/kraken/streams/stream-%s (state stop)" % uuid,
                               "DELETE /apis/kraken/streams/stream-%s" % uuid]


def lineup(client, **kinds):
    params = module_params(argument_spec(), kinds)
    items = validate_items(params, KIND_TYPES, lambda kind, item: KIND_TYPES[kind].fields.desired(item))
    return plan_lineup(client, params, items)


def test_lineup_writes_references_first_and_removes_streams_before_what_they_used(kraken):
    sim, client = kraken
    old = sim.device.seed({"inputs": [{"name": "old-cam", "url": "udp://239.1.1.9:1"}]})
    sim.device.seed({"streams": [{"name": "old", "input": old["inputs"][0]}]})
    changes = lineup(client, streams=[{"name": "new", "input": "cam", "outputs": ["out"], "state": "started"},
                                      {"name": "old", "state": "absent"}],
                     inputs=[{"name": "cam", "url": "udp://239.1.1.1:1"}, {"name": "old-cam", "state": "absent"}],
                     outputs=[{"name": "out", "url": "udp://239.2.2.2:1"}])
    sim.server.log.clear()
    apply_changes(changes)
    assert [(m, p.rsplit("/", 1)[-1].split("-")[0]) for m, p in writes(sim)] == [
        ("DELETE", "stream"), ("POST", "inputs"), ("POST", "outputs"), ("POST", "streams"), ("PUT", "stream"),
        ("DELETE", "input")]
    assert all(change.applied for change in changes)
    assert [s["state"] for s in sim.device.state()["streams"].values()] == ["active"]
    new_stream = next(c for c in changes if c.name == "new")
    # The diff names what the stream refers to, as the line-up does, not the uuid the run created.
    assert new_stream.diff()["after"]["input"] == "cam" and new_stream.diff()["after"]["outputs"] == ["out"]


def test_lineup_lists_each_collection_once(kraken):
    sim, client = kraken
    sim.device.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:1"}], "outputs": [{"name": "o", "url": "udp://239.2.2.2:1"}]})
    lineup(client, streams=[{"name": "s", "input": "cam", "outputs": ["o"]}], inputs=[{"name": "cam"}])
    lists = [r["path"] for r in sim.requests() if r["method"] == "GET" and r["path"].count("/") == 3]
    assert sorted(lists) == ["/apis/kraken/inputs", "/apis/kraken/outputs", "/apis/kraken/streams", "/apis/kraken/transcoders"]


def test_applied_only_when_every_write_of_a_change_succeeded(kraken):
    sim, client = kraken
    parts = sim.device.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:1"}]})
    seeded = sim.device.seed({"streams": [{"name": "s%d" % i, "input": parts["inputs"][0]} for i in range(3)]})
    items = [{"name": "s0", "description": "d", "state": "started"}, {"name": "s1", "state": "started"},
             {"name": "s2", "description": "d", "state": "started"}]
    changes = lineup(client, streams=items)
    sim.server.faults.add({"kind": "status", "status": 500, "method": "PUT",
                           "path": "/apis/kraken/streams/stream-%s" % seeded["streams"][1], "count": 1})
    with pytest.raises(ChangeFailed) as caught:
        apply_changes(changes)
    assert caught.value.change is changes[1]
    # Fields of s0 and s2, then the run state of s0, then s1's is refused: s2's run state is never sent.
    assert [c.applied for c in changes] == [True, False, False]
    assert [s["description"] for s in sim.device.state()["streams"].values() if s["name"] == "s2"] == ["d"]


def test_a_converged_stream_is_planned_from_its_own_record_in_two_requests(kraken):
    sim, client = kraken
    parts = sim.device.seed({"inputs": [{"name": "cam", "url": "udp://239.1.1.1:1"}], "transcoders": [{"name": "hd"}],
                             "outputs": [{"name": "o%d" % i, "url": "udp://239.2.2.%d:1" % i} for i in (1, 2, 3)]})
    sim.device.seed({"streams": [{"name": "s", "input": parts["inputs"][0], "transcoder": parts["transcoders"][0],
                                  "outputs": parts["outputs"][:2], "passthru": parts["outputs"][2]}]})
    sim.server.log.clear()
    change = plan(client, "streams", name="s", input="cam", transcoder=parts["transcoders"][0], outputs=["o2", "o1"],
                  passthru="o3")
    assert change.action == "none"
    assert [r["path"] for r in sim.requests()] == ["/apis/kraken/streams",
                                                   "/apis/kraken/streams/stream-%s" % change.resource_id]
    sim.server.log.clear()
    change = plan(client, "streams", name="s", outputs=["o1", "o3"])
    assert change.options == ["outputs"] and change.after["outputs"] == sorted([parts["outputs"][0], parts["outputs"][2]])
    # A reference the record does not name is resolved by listing its collection, once.
    assert [r["path"] for r in sim.requests()][2:] == ["/apis/kraken/outputs"]
