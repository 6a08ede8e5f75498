# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HMP export (hmp_info gather: [lineup]) on the in-process simulator, planned back with the line-up's own plan."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient
from ansible_collections.haivision.media.plugins.module_utils._hmp.export import export_lineup
from ansible_collections.haivision.media.plugins.module_utils._hmp.lineup import KINDS, hmp_lineup_argument_spec, plan_lineup
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import validate_items
from tests.unit.plugins.module_utils.lineup_params import module_params

PASSPHRASE = "export-unit-passphrase-1"
UDP = {"type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}
WRITES = ("POST", "PUT", "DELETE")


@pytest.fixture
def hmp(hmp_sim):
    with HMPClient(hmp_sim.url, "haiadmin", "hmp-admin-pass", ca_path=hmp_sim.ca_path, backoff=0.01) as client:
        yield hmp_sim, client


def writes(sim):
    return [(r["method"], r["path"]) for r in sim.requests() if r["method"] in WRITES and "/authentication/" not in r["path"]]


def plan_back(client, lineup):
    params = module_params(hmp_lineup_argument_spec(), lineup)
    items = validate_items(params, KINDS, lambda kind, item: KINDS[kind].desired(item), id_key="id")
    return plan_lineup(client, params, items)


def seed(sim):
    return sim.device.seed({
        "sources": [dict(UDP, name="b-cam", description="Stage"),
                    {"name": "a-srt", "type": "SRT", "mode": "LISTENER", "port": 9000, "latency": 200,
                     "passphrase": PASSPHRASE},
                    {"name": "c-srt", "type": "SRT", "mode": "CALLER", "host": "10.0.0.1", "port": 9001, "passphrase": ""}],
        "sessions": [{"title": "Show", "active": True, "sources": ["b-cam", "a-srt"],
                      "metadata": [{"name": "calypso:creator", "field": [{"fieldType": "STRING", "valueString": "x"}]},
                                   {"name": "n", "field": [{"fieldType": "INT32", "valueInt32": -3}]},
                                   {"name": "calypso:category:Department",
                                    "field": [{"fieldType": "STRING", "valueString": "Sales"},
                                              {"fieldType": "STRING", "valueString": "Engineering"}]}],
                      "shares": [{"name": "Operators", "type": "GROUP", "permission": "EDIT"}],
                      "publicshare": True,
                      "events": [{"startTime": 100, "duration": 60, "type": "one-time", "command": "set-live",
                                  "parameters": {"record": True}, "active": True},
                                 {"startTime": 50, "type": "one-time", "command": "record", "active": False}]}],
    })


def test_export_takes_the_modules_shape_leaves_secrets_out_and_plans_back_to_nothing(hmp):
    sim, client = hmp
    seed(sim)
    lineup, secrets, warnings = export_lineup(client)
    assert warnings == []
    assert lineup["sources"] == [
        {"name": "a-srt", "type": "SRT", "host": "0.0.0.0", "port": 9000, "continuous": True, "mode": "LISTENER",
         "latency": 200},
        {"name": "b-cam", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True, "description": "Stage"},
        {"name": "c-srt", "type": "SRT", "host": "10.0.0.1", "port": 9001, "continuous": True, "mode": "CALLER"}]
    assert secrets == [{"kind": "sources", "name": "a-srt", "option": "passphrase"}]
    assert lineup["sessions"] == [
        {"title": "Show", "active": True, "syncrecord": False, "sources": ["b-cam", "a-srt"],
         "metadata": {"n": [{"type": "INT32", "value": -3}]}, "categories": {"Department": ["Engineering", "Sales"]},
         "shares": [{"name": "Operators", "type": "GROUP", "permission": "EDIT"}], "public_share": True,
         "schedule": [{"start_time": 100, "duration": 60, "type": "one-time", "command": "set-live", "record": True}]}]
    assert PASSPHRASE not in json.dumps(lineup)
    sim.server.log.clear()
    changes = plan_back(client, lineup)
    assert [(c.name, c.action) for c in changes] == [("a-srt", "none"), ("b-cam", "none"), ("c-srt", "none"),
                                                     ("Show", "none")]
    assert writes(sim) == []
    assert json.dumps(export_lineup(client)) == json.dumps((lineup, secrets, warnings))


def test_duplicate_names_export_with_ids_a_warning_and_references_by_id(hmp):
    sim, client = hmp
    ids = sim.device.seed({"sources": [dict(UDP, name="cam"), dict(UDP, name="cam", host="239.1.1.2"),
                                       {"name": "guest", "type": "SRT", "mode": "LISTENER", "port": 9000,
                                        "passphrase": PASSPHRASE}]})
    sim.device.seed({"sessions": [{"title": "Dup", "sources": [ids["sources"][1], "guest"]}, {"title": "Dup"},
                                  {"title": "Solo", "sources": [ids["sources"][0]]}]})
    lineup, secrets, warnings = export_lineup(client)
    assert [(s["name"], s.get("id")) for s in lineup["sources"]] == sorted(
        [("cam", ids["sources"][0]), ("cam", ids["sources"][1])]) + [("guest", None)]
    assert [(s["title"], "id" in s) for s in lineup["sessions"]] == [("Dup", True), ("Dup", True), ("Solo", False)]
    solo = lineup["sessions"][2]
    assert solo["sources"] == [ids["sources"][0]]
    assert sorted(s["sources"] for s in lineup["sessions"][:2]) == [[], [ids["sources"][1], "guest"]]
    assert len(warnings) == 2 and "2 sources have the name 'cam'" in warnings[0] and "'Dup'" in warnings[1]
    assert secrets == [{"kind": "sources", "name": "guest", "option": "passphrase"}]
    sim.server.log.clear()
    assert all(c.action == "none" for c in plan_back(client, lineup))
    assert writes(sim) == []


def test_line_up_items_may_share_a_name_only_when_each_has_its_id():
    def check(**lists):
        validate_items(module_params(hmp_lineup_argument_spec(), lists), KINDS, lambda kind, item: KINDS[kind].desired(item),
                       id_key="id")
    check(sources=[dict(UDP, name="cam", id="1"), dict(UDP, name="cam", id="2")])
    with pytest.raises(ValidationError, match="sources lists cam more than once"):
        check(sources=[dict(UDP, name="cam", id="1"), dict(UDP, name="cam")])
    with pytest.raises(ValidationError, match="sessions lists the id 7 more than once"):
        check(sessions=[{"title": "a", "id": "7"}, {"title": "b", "id": "7"}])
