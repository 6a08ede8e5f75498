# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The line-up driver's change control on the in-process simulators: the on-air guard of a purge, the order of
its removals, max_deletes and the pinned digest (no Ansible process)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.haivision.media.plugins.module_utils._hmp import lineup as hmp_lineup
from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient
from ansible_collections.haivision.media.plugins.module_utils._kraken import lineup as kraken_lineup
from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._common.change import apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import validate_items
from ansible_collections.haivision.media.plugins.module_utils._common.plan import (
    PlanRefused, check_change_control, plan_digest, refuse_unreviewed)
from tests.unit.plugins.module_utils.lineup_params import module_params

UDP = {"type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}


@pytest.fixture
def kraken(kraken_sim):
    client = KrakenClient(kraken_sim.url, kraken_sim.consumer_key, kraken_sim.consumer_secret, ca_path=kraken_sim.ca_path,
                          backoff=0.01)
    return kraken_sim, client


@pytest.fixture
def hmp(hmp_sim):
    with HMPClient(hmp_sim.url, "haiadmin", "hmp-admin-pass", ca_path=hmp_sim.ca_path, backoff=0.01) as client:
        yield hmp_sim, client


def kraken_plan(client, **params):
    params = module_params(kraken_lineup.argument_spec(), dict(dict(purge=True), **params))
    kinds = kraken_lineup.KIND_TYPES
    items = validate_items(params, kinds, lambda kind, item: kinds[kind].desired(item))
    return kraken_lineup.plan_lineup(client, params, items)


def hmp_plan(client, **params):
    params = module_params(hmp_lineup.hmp_lineup_argument_spec(), dict(dict(purge=True), **params))
    kinds = hmp_lineup.KINDS
    items = validate_items(params, kinds, lambda kind, item: kinds[kind].desired(item), id_key="id")
    return hmp_lineup.plan_lineup(client, params, items)


def deleted(changes):
    return [(c.kind, c.name) for c in changes if c.action == "delete"]


def kept(changes):
    return [(k["kind"], k["name"]) for k in changes.kept_on_air]


def seed_channel(sim, name, state):
    parts = sim.device.seed({"inputs": [{"name": name + "-in", "url": "udp://239.1.1.1:1"}],
                             "outputs": [{"name": name + "-out", "url": "udp://239.2.2.2:1"}],
                             "transcoders": [{"name": name + "-tc"}]})
    sim.device.seed({"streams": [{"name": name, "input": parts["inputs"][0], "transcoder": parts["transcoders"][0],
                                  "outputs": parts["outputs"], "state": state}]})


# -- the Kraken ----------------------------------------------------------------------------------


def test_a_purge_keeps_a_running_stream_and_what_it_uses_and_reads_each_candidate_once(kraken):
    sim, client = kraken
    seed_channel(sim, "live", "start")
    seed_channel(sim, "idle", "stop")
    sim.server.log.clear()
    changes = kraken_plan(client, inputs=[], outputs=[], transcoders=[], streams=[])
    assert kept(changes) == [("inputs", "live-in"), ("outputs", "live-out"), ("transcoders", "live-tc"),
                             ("streams", "live")]
    # Removals come after the rest, the kinds reversed (a stream before what it used).
    assert deleted(changes) == [("streams", "idle"), ("transcoders", "idle-tc"), ("outputs", "idle-out"),
                                ("inputs", "idle-in")]
    details = [r["path"] for r in sim.requests() if r["method"] == "GET" and r["path"].count("/") == 4]
    assert len(details) == len(set(details)) == 8
    apply_changes(changes)
    assert sorted(s["name"] for s in sim.device.state()["streams"].values()) == ["live"]
    assert sorted(i["name"] for i in sim.device.state()["inputs"].values()) == ["live-in"]


def test_purge_on_air_removes_a_running_stream_stopping_it_first(kraken):
    sim, client = kraken
    seed_channel(sim, "live", "start")
    changes = kraken_plan(client, streams=[], inputs=[], purge_on_air=True)
    assert changes.kept_on_air == []
    assert deleted(changes) == [("streams", "live"), ("inputs", "live-in")]
    assert [(w["method"], w.get("note")) for w in changes[0].plan()] == [("PUT", "state stop"), ("DELETE", None)]


def test_an_item_that_asks_for_a_running_stream_absent_is_obeyed_and_its_parts_go_with_the_purge(kraken):
    sim, client = kraken
    seed_channel(sim, "live", "start")
    changes = kraken_plan(client, streams=[{"name": "live", "state": "absent"}], inputs=[])
    assert changes.kept_on_air == []
    assert deleted(changes) == [("streams", "live"), ("inputs", "live-in")]


def test_a_named_running_stream_keeps_the_parts_the_line_up_forgot_and_a_stopped_one_does_not(kraken):
    sim, client = kraken
    seed_channel(sim, "live", "start")
    running = kraken_plan(client, streams=[{"name": "live"}], inputs=[])
    assert kept(running) == [("inputs", "live-in")] and deleted(running) == []
    stopped = kraken_plan(client, streams=[{"name": "live", "state": "stopped"}], inputs=[])
    assert stopped.kept_on_air == [] and deleted(stopped) == [("inputs", "live-in")]
    # A stream of a kind the line-up does not give is on air as the device has it.
    alone = kraken_plan(client, inputs=[])
    assert kept(alone) == [("inputs", "live-in")]


def test_a_purge_removes_in_name_and_uuid_order_whatever_the_device_lists(kraken):
    sim, client = kraken
    sim.device.seed({"outputs": [{"name": n, "url": "udp://239.2.2.2:1"} for n in ("c", "a", "b", "a")]})
    orders = set()
    for dummy in range(4):
        changes = kraken_plan(client, outputs=[])
        orders.add(tuple((c.name, c.resource_id) for c in changes))
    assert len(orders) == 1
    (order,) = orders
    assert list(order) == sorted(order)


# -- the HMP ----------------------------------------------------------------------------------------


def test_a_purge_keeps_a_session_that_records_and_the_sources_it_records(hmp):
    sim, client = hmp
    ids = sim.device.seed({"sources": [dict(UDP, name="cam"), dict(UDP, name="spare", host="239.1.1.2")],
                           "sessions": [{"title": "Live", "sources": ["cam"], "recording": True},
                                        {"title": "Old", "sources": ["spare"]}]})
    sim.server.log.clear()
    changes = hmp_plan(client, sources=[], sessions=[])
    assert kept(changes) == [("sources", "cam"), ("sessions", "Live")]
    assert deleted(changes) == [("sessions", "Old"), ("sources", "spare")]
    recordings = [r["path"] for r in sim.requests() if r["path"].endswith("/recordings")]
    assert sorted(recordings) == sorted("/apis/sessions/%s/recordings" % i for i in ids["sessions"])
    apply_changes(changes)
    assert [s["title"] for s in sim.device.state()["sessions"].values()] == ["Live"]


def test_purge_on_air_stops_the_recording_then_removes_the_session(hmp):
    sim, client = hmp
    sim.device.seed({"sources": [dict(UDP, name="cam")], "sessions": [{"title": "Live", "sources": ["cam"],
                                                                       "recording": True}]})
    changes = hmp_plan(client, sessions=[], sources=[], purge_on_air=True)
    assert deleted(changes) == [("sessions", "Live"), ("sources", "cam")]
    assert [w["path"].split("/")[2] for w in changes[0].plan()] == ["recordings", "sessions"]
    apply_changes(changes)
    assert sim.device.state()["sessions"] == {} and sim.device.state()["sources"] == {}


def test_a_source_that_a_named_session_records_stays_when_the_sources_list_forgets_it(hmp):
    sim, client = hmp
    sim.device.seed({"sources": [dict(UDP, name="cam")], "sessions": [{"title": "Live", "sources": ["cam"],
                                                                       "recording": True}]})
    changes = hmp_plan(client, sessions=[{"title": "Live"}], sources=[])
    assert kept(changes) == [("sources", "cam")] and deleted(changes) == []


# -- max_deletes and the pinned digest ------------------------------------------------------------------


def test_too_many_deletes_or_another_plan_than_the_reviewed_one_is_refused_showing_the_plan(kraken):
    sim, client = kraken
    sim.device.seed({"outputs": [{"name": n, "url": "udp://239.2.2.2:1"} for n in ("a", "b", "c")]})
    changes = kraken_plan(client, outputs=[])
    digest = plan_digest(changes)
    refuse_unreviewed(changes, digest, {"expect_plan_digest": digest, "max_deletes": 3})
    with pytest.raises(PlanRefused, match=r"deletes 3 resources, more than max_deletes 2: outputs a \(") as caught:
        refuse_unreviewed(changes, digest, {"max_deletes": 2})
    assert caught.value.result_fields()["plan_digest"] == digest
    with pytest.raises(PlanRefused, match="differs from the reviewed one") as caught:
        refuse_unreviewed(changes, digest, {"expect_plan_digest": "empty"})
    assert [w["name"] for w in caught.value.result_fields()["plan"]] == ["a", "b", "c"]
    refuse_unreviewed(kraken_plan(client, outputs=[{"name": n} for n in "abc"]), None, {"expect_plan_digest": "empty"})


def test_change_control_options_are_checked_before_any_request():
    with pytest.raises(ValidationError, match="expect_plan_digest must be"):
        check_change_control({"expect_plan_digest": "abc"})
    with pytest.raises(ValidationError, match="max_deletes must be 0 or more"):
        check_change_control({"max_deletes": -1})
    check_change_control({"expect_plan_digest": "0" * 64, "max_deletes": 0})
