# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The simulated HMP's assets and sections (hmp_library.py), through its real HTTPS server."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.simulator.common import RunningSim  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator.hmp import HMPDevice  # noqa: E402  pylint: disable=wrong-import-position
from tests.unit.simulator.test_hmp_sim import Client, admin, assert_error  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(name="sim", scope="module")
def fixture_sim(tmp_path_factory):
    running = RunningSim(HMPDevice(), str(tmp_path_factory.mktemp("hmp-library-tls")))
    yield running
    running.stop()


@pytest.fixture(name="hmp")
def fixture_hmp(sim):
    admin(sim, "POST", "/_sim/reset")
    client = Client(sim)
    assert client.login().status_code == 200
    return client


def seed(sim, data):
    return admin(sim, "POST", "/_sim/seed", data)


def test_a_recording_makes_an_asset_with_the_guides_metadata(hmp, sim):
    seeded = seed(sim, {"sources": [{"name": "cam", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}],
                        "sessions": [{"title": "Live", "sources": ["cam"]}]})
    recording = hmp.post("/apis/sessions/%s/recordings" % seeded["sessions"][0]).json()["data"]
    metadata = hmp.get("/apis/assets/%s/metadata" % recording["id"]).json()["data"]
    assert [e["name"] for e in metadata] == ["calypso:creator", "calypso:recorded_from_session", "calypso:creatorDisplayName"]
    assert metadata[1]["field"] == [{"fieldType": "STRING", "valueString": seeded["sessions"][0]}]
    assert_error(hmp.get("/apis/assets/%s/shares" % recording["id"]), 404, "040012", "NoResults")


def test_asset_put_resets_the_description_and_metadata_put_replaces_the_set(hmp, sim):
    asset_id = seed(sim, {"assets": [{"title": "Video", "description": "kept?"}]})["assets"][0]
    answer = hmp.put("/apis/assets/" + asset_id, {"title": "Renamed", "duration": 1})
    assert answer.status_code == 200 and answer.json()["data"]["description"] == ""
    assert answer.json()["data"]["duration"] == 60.0  # an Ignored property
    assert_error(hmp.put("/apis/assets/" + asset_id, {"description": "x"}), 400, "010001", "InputValidation")
    assert_error(hmp.put("/apis/assets/" + asset_id, {"title": "t", "id": "other"}), 400, "010001", "InputValidation")
    entries = [{"name": "only", "field": [{"fieldType": "STRING", "valueString": "this"}]}]
    assert hmp.put("/apis/assets/%s/metadata" % asset_id, entries).json()["data"] == entries
    assert_error(hmp.put("/apis/assets/nope/metadata", entries), 404, "040006", "AssetNotFound")  # the guide's code here
    assert_error(hmp.get("/apis/assets/nope/metadata"), 404, "040002", "AssetNotFound")


def test_asset_shares_and_public_share(hmp, sim):
    asset_id = seed(sim, {"assets": [{"title": "Video"}]})["assets"][0]
    base = "/apis/assets/" + asset_id
    share = hmp.post(base + "/shares", {"shareType": "GROUP", "name": "Viewers", "permission": "WATCH"})
    assert share.status_code == 201
    assert hmp.get(base + "/shares").json()["data"][0]["name"] == "Viewers"
    assert_error(hmp.get(base + "/publicshare"), 404, "040025", "SharePermissionNotFound")
    assert hmp.post(base + "/publicshare", {"permission": "WATCH"}).status_code == 201
    assert hmp.get(base + "/publicshare").json() == {"data": {"permission": "WATCH"}}
    assert hmp.delete(base + "/publicshare").status_code == 200
    assert admin(sim, "GET", "/_sim/state")["videos"][asset_id]["publicshare"] is False
    viewer = Client(sim)
    viewer.login("viewer", "hmp-viewer-pass")
    assert_error(viewer.post(base + "/publicshare", {"permission": "WATCH"}), 403, "030000", "Forbidden")


def test_sections_quirks(hmp, sim):
    ids = seed(sim, {"sections": [{"name": "Training"}, {"name": "News", "shares": [{"name": "editor", "permission": "WATCH"}]}]})
    training, news = ids["sections"]
    # The single feed GET answers the bare object (the guide's example), no data envelope.
    assert hmp.get("/apis/sections/" + training).json() == {"id": training, "name": "Training", "index": 0}
    assert_error(hmp.get("/apis/sections/nope"), 404, "020029", "SectionNotFound")
    assert [s["name"] for s in hmp.get("/apis/sections").json()["data"]] == ["Training", "News"]
    editor = Client(sim)
    editor.login("editor", "hmp-editor-pass")
    assert [s["id"] for s in editor.get("/apis/sections").json()["data"]] == [news]  # only the feeds shared with it
    assert_error(editor.post("/apis/sections/%s/shares" % news, {"shareType": "USER", "name": "viewer", "permission": "WATCH"}),
                 403, "030000", "Forbidden")  # Administrator only
    assert_error(hmp.post("/apis/sections/nope/shares", {"shareType": "USER", "name": "viewer", "permission": "WATCH"}),
                 404, "040002", "AssetNotFound")  # sic, the guide's table
    assert hmp.post("/apis/sections/%s/shares" % training,
                    {"shareType": "USER", "name": "viewer", "permission": "WATCH"}).status_code == 201
    assert admin(sim, "GET", "/_sim/state")["sections"][training]["shares"][0]["name"] == "viewer"
