# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A platform holding a name or title hmp_lineup refuses (edge whitespace): exported by id, planned back to nothing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient
from ansible_collections.haivision.media.plugins.module_utils._hmp.export import export_lineup
from ansible_collections.haivision.media.plugins.module_utils._hmp.lineup import KINDS, hmp_lineup_argument_spec, plan_lineup
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import validate_items
from tests.unit.plugins.module_utils.lineup_params import module_params

UDP = {"type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}


def test_names_with_edge_whitespace_export_by_id_and_plan_back_to_nothing(hmp_sim):
    ids = hmp_sim.device.seed({"sources": [dict(UDP, name="cam 1 ", description="Stage.\n")],
                               "sessions": [{"title": " Show", "description": "Agenda:\n", "sources": ["cam 1 "]}]})
    source_id, session_id = ids["sources"][0], ids["sessions"][0]
    with HMPClient(hmp_sim.url, "haiadmin", "hmp-admin-pass", ca_path=hmp_sim.ca_path, backoff=0.01) as client:
        lineup, _secrets, warnings = export_lineup(client)
        assert lineup["sources"] == [dict(UDP, id=source_id, description="Stage.\n")]
        (session,) = lineup["sessions"]
        assert (session["id"], "title" in session, session["description"], session["sources"]) == \
            (session_id, False, "Agenda:\n", [source_id])
        assert warnings == [
            "source 'cam 1 ' (id %s): hmp_lineup refuses a name that begins or ends with white space, so it is "
            "exported by id, without the name" % source_id,
            "session ' Show' (id %s): hmp_lineup refuses a title that begins or ends with white space, so it is "
            "exported by id, without the title" % session_id]
        hmp_sim.server.log.clear()
        params = module_params(hmp_lineup_argument_spec(), lineup)
        items = validate_items(params, KINDS, lambda kind, item: KINDS[kind].desired(item), id_key="id")
        assert [c.action for c in plan_lineup(client, params, items)] == ["none", "none"]
    assert [r for r in hmp_sim.requests() if r["method"] != "GET" and "/authentication/" not in r["path"]] == []
