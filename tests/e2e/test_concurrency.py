# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""forks: 10 over 10 simulated Kraken devices and one HMP platform: each device ends with exactly its own
line-up, the platform with every host's sources and sessions, the second run writes nothing, and no
HMP session is left open."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import shutil
import tempfile

import pytest

from tests.simulator.control import SimDevice, start_simulators, stop_simulators

DEVICES = 10


@pytest.fixture(scope="module")
def fleet():
    """A separate simulator process with 10 Kraken devices and one HMP."""
    state_dir = tempfile.mkdtemp(prefix="hvsim-fleet-")
    process, info = start_simulators(state_dir, kraken_devices=DEVICES)
    try:
        yield info
    finally:
        stop_simulators(process)
        shutil.rmtree(state_dir, ignore_errors=True)


def lineup(index):
    """Two started channels per device, every name carrying the device's index."""
    names = dict(("%s%d" % (kind, n), "%s-%02d-%d" % (kind, index, n)) for kind in ("in", "tc", "out", "ch") for n in (0, 1))
    return {
        "inputs": [{"name": names["in%d" % n], "url": "udp://239.60.%d.%d:5000" % (index, n)} for n in (0, 1)],
        "transcoders": [{"name": names["tc%d" % n], "video_bitrate": 2000 + 100 * index + n} for n in (0, 1)],
        "outputs": [{"name": names["out%d" % n], "url": "udp://239.61.%d.%d:4900" % (index, n)} for n in (0, 1)],
        "streams": [{"name": names["ch%d" % n], "input": names["in%d" % n], "transcoder": names["tc%d" % n],
                     "outputs": [names["out%d" % n]], "state": "started"} for n in (0, 1)],
    }


def plays(info):
    hosts = [{"name": "add kraken %02d" % i, "ansible.builtin.add_host": {
        "name": "kraken-%02d" % i, "groups": "fleet", "ansible_connection": "local", "index": i,
        "device_url": kraken["url"]}} for i, kraken in enumerate(info["kraken"])]
    defaults = {
        "group/haivision.media.kraken": {
            "kraken_url": "{{ device_url }}", "kraken_consumer_key": "{{ kraken_consumer_key }}",
            "kraken_consumer_secret": "{{ kraken_consumer_secret }}", "ca_path": "{{ sim_ca_path }}"},
        "group/haivision.media.hmp": {
            "hmp_url": "{{ hmp_url }}", "hmp_username": "{{ hmp_username }}", "hmp_password": "{{ hmp_password }}",
            "ca_path": "{{ sim_ca_path }}"},
    }
    return [
        {"name": "inventory", "hosts": "localhost", "gather_facts": False, "tasks": hosts},
        {"name": "fleet", "hosts": "fleet", "gather_facts": False, "module_defaults": defaults, "tasks": [
            {"name": "line-up", "haivision.media.kraken_lineup": dict(
                (kind, "{{ lineups[index].%s }}" % kind) for kind in ("inputs", "transcoders", "outputs", "streams"))},
            {"name": "source", "haivision.media.hmp_source": {
                "name": "feed-{{ index }}", "type": "UDP", "host": "239.62.0.{{ index }}", "port": 4900, "multicast": True}},
            {"name": "session", "haivision.media.hmp_session": {
                "title": "channel {{ index }}", "sources": ["feed-{{ index }}"], "metadata": {"device": "kraken-{{ index }}"},
                "shares": [{"name": "viewer", "permission": "WATCH"}]}},
        ]},
    ]


def names(state, kind):
    return sorted(r["name"] for r in state[kind].values())


def test_ten_devices_and_one_platform_with_forks_10(fleet, ansible):
    krakens = [SimDevice(k["url"], fleet["ca_path"]) for k in fleet["kraken"]]
    hmp = SimDevice(fleet["hmp"]["url"], fleet["ca_path"])
    for device in krakens + [hmp]:
        device.reset()
    extra = {"sim_ca_path": fleet["ca_path"], "kraken_consumer_key": fleet["kraken"][0]["consumer_key"],
             "kraken_consumer_secret": fleet["kraken"][0]["consumer_secret"], "hmp_url": fleet["hmp"]["url"],
             "hmp_username": fleet["hmp"]["username"], "hmp_password": fleet["hmp"]["password"],
             "lineups": [lineup(i) for i in range(DEVICES)]}
    env = {"ANSIBLE_FORKS": str(DEVICES)}

    first = ansible(plays(fleet), extra_vars=extra, env=env)
    assert first.rc == 0, first.output
    fleet_results = [r for r in first.results if r["host"].startswith("kraken-")]
    assert len(fleet_results) == 3 * DEVICES and all(r["status"] == "changed" for r in fleet_results), first.output

    for index, device in enumerate(krakens):
        state = device.state()
        wanted = lineup(index)
        for kind in ("inputs", "transcoders", "outputs", "streams"):
            assert names(state, kind) == sorted(item["name"] for item in wanted[kind]), (index, kind)
        uuids = dict((r["name"], u) for kind in ("inputs", "transcoders", "outputs") for u, r in state[kind].items())
        for stream in state["streams"].values():
            n = stream["name"][-1]
            assert stream["state"] == "active"
            assert (stream["input"], stream["transcoder"], stream["outputs"]) == (
                uuids["in-%02d-%s" % (index, n)], uuids["tc-%02d-%s" % (index, n)], [uuids["out-%02d-%s" % (index, n)]])
        assert sorted(r["videoBitrate"] for r in state["transcoders"].values()) == [2000 + 100 * index, 2001 + 100 * index]

    # The forks did run side by side: request windows of different devices overlap.
    windows = sorted((min(r["time"] for r in d.requests()), max(r["time"] for r in d.requests())) for d in krakens)
    assert any(later[0] < earlier[1] for earlier, later in zip(windows, windows[1:]))

    platform = hmp.state()
    sources = dict((r["name"], sid) for sid, r in platform["sources"].items())
    assert sorted(sources) == sorted("feed-%d" % i for i in range(DEVICES))
    sessions = dict((r["title"], r) for r in platform["sessions"].values())
    assert sorted(sessions) == sorted("channel %d" % i for i in range(DEVICES))
    for index in range(DEVICES):
        assert sessions["channel %d" % index]["sources"] == [sources["feed-%d" % index]]
    counters = hmp.admin("GET", "hmp/sessions")
    assert counters["open"] == 0 and counters["logins"] == counters["logouts"] == 2 * DEVICES

    for device in krakens + [hmp]:
        device.clear_log()
    second = ansible(plays(fleet), extra_vars=extra, env=env)
    assert second.rc == 0, second.output
    fleet_results = [r for r in second.results if r["host"].startswith("kraken-")]
    assert len(fleet_results) == 3 * DEVICES and all(r["status"] == "ok" for r in fleet_results), second.output
    for device in krakens + [hmp]:
        assert [(r["method"], r["path"]) for r in device.writes()] == []
    assert hmp.admin("GET", "hmp/sessions")["open"] == 0
