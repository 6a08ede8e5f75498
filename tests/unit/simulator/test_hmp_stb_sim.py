# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The simulated set-top boxes: the guide's records, commands that change them, and what is refused."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.unit.simulator.test_hmp_sim import Client, admin, assert_error, fixture_sim  # noqa: E402,F401  pylint: disable=wrong-import-position,unused-import

CAM = {"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}


@pytest.fixture(name="boxes")
def fixture_boxes(sim):
    """A fresh platform with a source and two boxes (one offline); an admin client logged in."""
    admin(sim, "POST", "/_sim/reset")
    seeded = admin(sim, "POST", "/_sim/seed", {"sources": [CAM], "stbs": [{"name": "lobby", "tags": ["Lobby"]},
                                                                          {"name": "dark", "online": False}]})
    client = Client(sim)
    assert client.login().status_code == 200
    return client, seeded


def command(client, box_id, body):
    return client.post("/apis/devices/stbs/%s/commands" % box_id, body)


def test_a_command_changes_the_reported_state(boxes):
    client, seeded = boxes
    lobby = seeded["stbs"][0]
    for body in ({"command": "standby-on"}, {"command": "mute"}, {"command": "set-volume", "parameters": {"volume": 0.25}},
                 {"command": "set-channel", "parameters": {"id": seeded["sources"][0], "name": None, "type": "source"}}):
        response = command(client, lobby, body)
        assert response.status_code == 200 and response.json()["data"]["status"] == "ok", response.text
    record = client.get("/apis/devices/stbs/%s" % lobby).json()["data"]
    assert (record["status"], record["standby"], record["muted"], record["volume"]) == ("Standby", True, True, 0.25)
    assert (record["channelId"], record["channelName"], record["channelType"]) == (seeded["sources"][0], "cam1", "source")


@pytest.mark.parametrize("body", [
    {"command": "power-off"},
    {"command": "set-volume", "parameters": {"volume": 1.5}},
    {"command": "set-volume", "parameters": {"volume": "loud"}},
    {"command": "set-channel", "parameters": {"id": "nowhere", "name": None, "type": "source"}},
    {"command": "show-text-message", "parameters": {"data": []}},
])
def test_a_bad_command_is_refused_with_the_guides_error_format(boxes, body):
    client, seeded = boxes
    assert_error(command(client, seeded["stbs"][0], body), 400, "010001", "InputValidation")


def test_an_offline_or_unknown_box_is_404(boxes):
    client, seeded = boxes
    offline = assert_error(command(client, seeded["stbs"][1], {"command": "mute"}), 404, "040000", "NotFound")
    assert offline["message"] == "Device stream not found"
    unknown = assert_error(command(client, "no-such-box", {"command": "mute"}), 404, "040000", "NotFound")
    assert unknown["message"] == "Device not found"


def test_devices_need_stb_administration(sim, boxes):
    client = Client(sim)
    assert client.login("editor", "hmp-editor-pass").status_code == 200
    assert_error(client.get("/apis/devices/stbs"), 403, "030000", "Forbidden")
    assert_error(command(client, boxes[1]["stbs"][0], {"command": "mute"}), 403, "030000", "Forbidden")


def test_no_boxes_and_no_tags_are_the_guides_404s(sim):
    admin(sim, "POST", "/_sim/reset")
    client = Client(sim)
    client.login()
    assert assert_error(client.get("/apis/devices/stbs"), 404, "040000", "NotFound")["message"] == "Device not found"
    assert_error(client.get("/apis/devices/tags"), 404, "040033", "TagNotFound")
