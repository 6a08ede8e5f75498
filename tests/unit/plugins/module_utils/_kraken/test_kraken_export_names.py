# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A device holding a name kraken_lineup refuses (edge whitespace): exported by uuid, and it plans back to nothing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.export import export_lineup
from ansible_collections.haivision.media.plugins.module_utils._kraken.lineup import KIND_TYPES as KINDS, argument_spec, plan_lineup
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import validate_items
from tests.unit.plugins.module_utils.lineup_params import module_params


def test_a_name_with_edge_whitespace_exports_by_uuid_and_plans_back_to_nothing(kraken_sim):
    client = KrakenClient(kraken_sim.url, kraken_sim.consumer_key, kraken_sim.consumer_secret, ca_path=kraken_sim.ca_path,
                          backoff=0.01)
    created = kraken_sim.device.seed({
        "inputs": [{"name": "cam ", "url": "udp://239.1.1.1:1", "description": "Stage.\n", "streamType": "SRT",
                    "srtMode": "listener", "srtLocalPort": 9000, "srtPassphrase": "cam-passphrase-0"}],
        "outputs": [{"name": "out", "url": "udp://239.2.2.2:1"}]})
    kraken_sim.device.seed({"streams": [{"name": "ch", "input": "cam ", "outputs": ["out"]}]})
    lineup, secrets, warnings = export_lineup(client)
    uuid = created["inputs"][0]
    assert lineup["inputs"] == [{"uuid": uuid, "description": "Stage.\n", "stream_type": "SRT", "url": "udp://239.1.1.1:1",
                                 "srt_mode": "listener", "srt_local_port": 9000}]
    assert [(s["name"], s["input"], s["outputs"]) for s in lineup["streams"]] == [("ch", uuid, ["out"])]
    assert secrets == [{"kind": "inputs", "name": "cam ", "option": "srt_passphrase", "uuid": uuid}]
    assert warnings == ["inputs named 'cam ': a line-up refuses a name that begins or ends with white space, so they "
                        "are exported by uuid, without the name"]
    params = module_params(argument_spec(), lineup)
    items = validate_items(params, KINDS, lambda kind, item: KINDS[kind].fields.desired(item))  # not refused
    changes = plan_lineup(client, params, items)
    assert [c.action for c in changes] == ["none"] * 3
    assert [r for r in kraken_sim.requests() if r["method"] != "GET"] == []
