# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The export builder on the in-process simulator: the line-up it builds plans no change on the device."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.export import export_lineup
from ansible_collections.haivision.media.plugins.module_utils._kraken.lineup import KIND_TYPES, argument_spec, plan_lineup
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import validate_items
from tests.simulator.kraken_seed import PASSPHRASES, full_device
from tests.unit.plugins.module_utils.lineup_params import module_params

WRITES = ("POST", "PUT", "DELETE")


@pytest.fixture
def kraken(kraken_sim):
    client = KrakenClient(kraken_sim.url, kraken_sim.consumer_key, kraken_sim.consumer_secret, ca_path=kraken_sim.ca_path,
                          backoff=0.01)
    return kraken_sim, client


def plan(client, lineup):
    params = module_params(argument_spec(), lineup)
    items = validate_items(params, KIND_TYPES, lambda kind, item: KIND_TYPES[kind].fields.desired(item))
    return plan_lineup(client, params, items)


def test_the_export_of_a_device_plans_no_change_on_it_and_holds_no_secret(kraken):
    sim, client = kraken
    sim.device.seed(full_device())
    lineup, secrets, warnings = export_lineup(client)
    assert warnings == []
    assert sorted((s["kind"], s["name"]) for s in secrets) == sorted(
        ("inputs" if name.endswith("-in") else "outputs", name) for name in PASSPHRASES)
    text = json.dumps(lineup)
    assert not [p for p in PASSPHRASES.values() if p in text] and "srt_passphrase" not in text
    # Every field a kind declares and the device reports is there: the builder reads the FieldSet, not a list.
    hd = next(t for t in lineup["transcoders"] if t["name"] == "tc-hd")
    assert set(hd) == set(f.option for f in KIND_TYPES["transcoders"].fields.fields)
    changes = plan(client, lineup)
    assert [(c.kind, c.name) for c in changes if c.action != "none"] == []
    assert len(changes) == sum(len(items) for items in lineup.values())
    assert not [r for r in sim.requests() if r["method"] in WRITES]
    # The simulator shuffles its lists and elements; the export does not move.
    assert export_lineup(client)[0] == lineup


def test_names_that_are_not_unique_export_with_their_uuid_and_references_to_them_by_uuid(kraken):
    sim, client = kraken
    created = sim.device.seed({"inputs": [{"name": "twin", "url": "udp://239.1.1.1:1"},
                                          {"name": "twin", "url": "udp://239.1.1.2:1", "streamType": "SRT",
                                           "srtMode": "listener", "srtLocalPort": 9000,
                                           "srtPassphrase": "twin-passphrase-0"}]})
    sim.device.seed({"streams": [{"name": "s", "input": created["inputs"][1]}, {"name": "s", "input": created["inputs"][0]}]})
    lineup, secrets, warnings = export_lineup(client)
    assert [i.get("uuid") for i in lineup["inputs"]] == sorted(created["inputs"])
    assert list(lineup["inputs"][0])[:2] == ["name", "uuid"]
    assert sorted(s["input"] for s in lineup["streams"]) == sorted(created["inputs"])
    assert secrets == [{"kind": "inputs", "name": "twin", "option": "srt_passphrase", "uuid": created["inputs"][1]}]
    assert warnings == ["2 inputs are named 'twin': exported by name and uuid, so the line-up holds this device only",
                        "2 streams are named 's': exported by name and uuid, so the line-up holds this device only"]
    assert [c.action for c in plan(client, lineup)] == ["none"] * 4


@pytest.mark.parametrize("items, refused", [
    ([{"name": "a"}, {"name": "a", "uuid": "u1"}], "a"),
    ([{"name": "a", "uuid": "u1"}, {"name": "b", "uuid": "u1"}], "u1"),
    ([{"name": "a"}, {"name": "a"}], "a"),
])
def test_a_name_comes_twice_only_on_items_that_each_give_their_uuid(items, refused):
    params = module_params(argument_spec(), dict(outputs=[dict(i, url="udp://239.2.2.2:1") for i in items]))
    with pytest.raises(ValidationError, match="outputs lists (the uuid )?%s more than once" % refused):
        validate_items(params, KIND_TYPES, lambda kind, item: KIND_TYPES[kind].fields.desired(item))
    params = module_params(argument_spec(), dict(outputs=[{"name": "a", "uuid": "u1"}, {"name": "a", "uuid": "u2"}]))
    assert len(validate_items(params, KIND_TYPES, lambda kind, item: KIND_TYPES[kind].fields.desired(item))["outputs"]) == 2
