# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The hmp_watch event source against the HMP simulator: events, their order, requests per poll, one login."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import os
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

# pylint: disable=wrong-import-position
from ansible_collections.haivision.media.plugins.plugin_utils import _watch  # noqa: E402
from tests.simulator.hmp import HMPDevice  # noqa: E402
from tests.unit.extensions.eda_helpers import HANG, KillableSim, PollDriver, brief, load_source  # noqa: E402

USER = "haiadmin"
PASSWORD = "hmp-admin-pass"
LOGIN = "/apis/authentication/login"
POLL = [("GET", "/apis/sources"), ("GET", "/apis/sessions"), ("GET", "/apis/recordings")]

hmp_watch = load_source("hmp_watch")


@pytest.fixture(name="sim")
def fixture_sim(tmp_path):
    sim = KillableSim(HMPDevice(), str(tmp_path / "tls"))
    yield sim
    sim.stop()


def args_for(sim, **extra):
    args = {"hmp_url": sim.url, "hmp_username": USER, "hmp_password": PASSWORD, "ca_path": sim.ca_path,
            "interval": 5, "max_backoff": 15}
    args.update(extra)
    return args


def seed(sim):
    created = sim.admin.seed({
        "sources": [{"name": "cam-b", "type": "UDP", "host": "239.1.1.2", "port": 4900, "multicast": True},
                    {"name": "cam-a", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}],
        "sessions": [{"title": "Town hall", "active": True, "sources": ["cam-a", "cam-b"]}],
    })
    return {"cam-b": created["sources"][0], "cam-a": created["sources"][1], "Town hall": created["sessions"][0]}


def test_recording_lifecycle_one_login_outage_and_logout(sim):
    ids = seed(sim)
    watch, client = hmp_watch.build_watch(args_for(sim, startup_snapshot=True), clock=lambda: "T")
    all_events = []

    async def scenario():
        driver = PollDriver(_watch, watch, sim)

        events, requests = await driver.start()
        all_events.extend(events)
        assert brief(events, "kind", "name", "id", "event", "state") == [
            ("source", "cam-a", ids["cam-a"], "snapshot", "active"),
            ("source", "cam-b", ids["cam-b"], "snapshot", "active"),
            ("session", "Town hall", ids["Town hall"], "snapshot", "active"),
        ]
        assert set(events[0]) == {"device", "product", "kind", "name", "id", "event", "state", "previous_state", "time"}
        assert (events[0]["device"], events[0]["product"], events[0]["time"]) == (sim.url, "hmp", "T")
        assert requests == [("POST", LOGIN)] + POLL

        events, requests = await driver.step()
        assert (events, requests) == ([], POLL)  # the login is kept across polls

        recording = sim.admin.admin("POST", "hmp/record", {"session": ids["Town hall"]})["data"]["id"]
        events, requests = await driver.step()
        all_events.extend(events)
        assert brief(events, "kind", "name", "id", "event", "state", "previous_state") == [
            ("recording", "Town hall", recording, "appeared", "recording", None)]
        assert requests == POLL

        sim.admin.admin("POST", "hmp/pause", {"recording": recording})
        events, dummy_requests = await driver.step()
        assert brief(events) == [("recording", "Town hall", "state_changed", "paused", "recording")]

        # Two changes in one poll come in kind order: the source before the recording.
        sim.admin.admin("POST", "hmp/pause", {"recording": recording, "paused": False})
        sim.admin.admin("POST", "hmp/edit", {"kind": "sources", "id": ids["cam-b"], "fields": {"active": False}})
        events, dummy_requests = await driver.step()
        assert brief(events) == [("source", "cam-b", "state_changed", "inactive", "active"),
                                 ("recording", "Town hall", "state_changed", "recording", "paused")]

        sim.admin.admin("POST", "hmp/stop", {"recording": recording})
        events, dummy_requests = await driver.step()
        all_events.extend(events)
        assert brief(events) == [("recording", "Town hall", "disappeared", "stopped", "recording")]

        # The platform forgets the login: one new login, the same request again, no event.
        sim.admin.admin("POST", "hmp/expire", {})
        events, requests = await driver.step()
        assert events == []
        assert requests == [("GET", "/apis/sources"), ("POST", LOGIN)] + POLL
        assert client.logins == 2

        sim.kill()
        events, dummy_requests = await driver.step()
        all_events.extend(events)
        assert brief(events) == [("device", sim.url, "device_unreachable", "unreachable", "reachable")]
        assert "GET /apis/sources" in events[0]["error"]
        events, dummy_requests = await driver.step()
        assert events == []
        assert driver.delays[-3:] == [5, 10, 15]  # doubled, capped at max_backoff

        sim.revive()
        events, requests = await driver.step()
        all_events.extend(events)
        assert brief(events) == [("device", sim.url, "device_recovered", "reachable", "unreachable")]
        assert requests == POLL  # the platform kept the session through the outage

        assert await driver.cancel() == [("DELETE", LOGIN)]  # logout when the source is cancelled
        assert sim.device.auth == {}

    asyncio.run(scenario())
    assert PASSWORD not in repr(all_events)


def test_cancel_during_a_poll_logs_out_after_it(sim):
    """Cancellation while a poll is in flight: the logout waits for that poll, never races it."""
    seed(sim)
    watch, dummy = hmp_watch.build_watch(args_for(sim))
    # The second poll's sessions read is slow enough for the cancel to land inside it.
    sim.admin.fault(kind="latency", method="GET", path="/apis/sessions", seconds=0.5, count=1)

    async def scenario():
        driver = PollDriver(_watch, watch, sim)
        dummy_events, requests = await driver.start()
        assert requests == [("POST", LOGIN)] + POLL
        driver.release()
        # Cancel once the second poll has begun (its first request is logged); the slow sessions
        # read after it keeps the poll in flight while the cancellation arrives.
        await asyncio.wait_for(until(lambda: len(sim.server.log.snapshot()) >= 5), HANG)
        shutdown = await driver.cancel()
        assert shutdown == POLL + [("DELETE", LOGIN)]

    asyncio.run(scenario())


async def until(condition):
    while not condition():
        await asyncio.sleep(0.01)


def test_main_with_environment_variables(sim, monkeypatch):
    ids = seed(sim)
    monkeypatch.setenv("HMP_URL", sim.url)
    monkeypatch.setenv("HMP_USERNAME", USER)
    monkeypatch.setenv("HMP_PASSWORD", PASSWORD)

    async def scenario():
        queue = asyncio.Queue()
        task = asyncio.ensure_future(hmp_watch.main(queue, {"ca_path": sim.ca_path, "interval": 0.05,
                                                            "startup_snapshot": True}))
        snapshot = [(await asyncio.wait_for(queue.get(), HANG))["haivision"]["event"] for dummy in range(3)]
        assert snapshot == ["snapshot"] * 3
        sim.admin.admin("POST", "hmp/record", {"session": ids["Town hall"]})
        event = (await asyncio.wait_for(queue.get(), HANG))["haivision"]
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return event

    event = asyncio.run(scenario())
    assert (event["kind"], event["event"], event["state"]) == ("recording", "appeared", "recording")
    methods = [(e["method"], e["path"]) for e in sim.server.log.snapshot()]
    assert methods.count(("POST", LOGIN)) == 1 and methods[-1] == ("DELETE", LOGIN)


def test_refused_login_is_an_outage_without_the_password(sim):
    seed(sim)
    watch, dummy = hmp_watch.build_watch(args_for(sim, hmp_password="not-the-password"))

    async def scenario():
        driver = PollDriver(_watch, watch, sim)
        events, requests = await driver.start()
        assert brief(events) == [("device", sim.url, "device_unreachable", "unreachable", None)]
        assert events[0]["error"].startswith("HMP API error")
        assert "not-the-password" not in repr(events)
        assert requests == [("POST", LOGIN)]
        assert await driver.cancel() == []  # never logged in: nothing to log out

    asyncio.run(scenario())
