# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kraken_streams event source against the Kraken simulator: events, their order, requests per poll."""

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
from ansible_collections.haivision.media.plugins.module_utils._common.transport import ConfigurationError  # noqa: E402
from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KrakenClient  # noqa: E402
from ansible_collections.haivision.media.plugins.plugin_utils import _watch  # noqa: E402
from tests.simulator.kraken import KrakenDevice  # noqa: E402
from tests.unit.extensions.eda_helpers import HANG, KillableSim, PollDriver, brief, load_source  # noqa: E402

KEY = "eda-kraken-key"
SECRET = "eda-kraken-secret-0123456789"
LIST = ("GET", "/apis/kraken/streams")

kraken_streams = load_source("kraken_streams")


@pytest.fixture(name="sim")
def fixture_sim(tmp_path):
    sim = KillableSim(KrakenDevice(KEY, SECRET), str(tmp_path / "tls"))
    yield sim
    sim.stop()


def args_for(sim, **extra):
    args = {"kraken_url": sim.url, "kraken_consumer_key": KEY, "kraken_consumer_secret": SECRET,
            "ca_path": sim.ca_path, "interval": 10, "max_backoff": 60}
    args.update(extra)
    return args


def seed(sim):
    created = sim.admin.seed({"streams": [{"name": "bravo", "state": "stopped"}, {"name": "alpha", "state": "started"}]})
    return dict(zip(("bravo", "alpha"), created["streams"]))


def set_state(sim, uuid, state):
    sim.admin.admin("POST", "kraken/edit", {"kind": "streams", "uuid": uuid, "fields": {"state": state}})


def test_snapshot_changes_outage_and_recovery(sim):
    ids = seed(sim)
    watch, dummy = kraken_streams.build_watch(args_for(sim, startup_snapshot=True), clock=lambda: "T")
    all_events = []

    async def scenario():
        driver = PollDriver(_watch, watch, sim)

        events, requests = await driver.start()
        all_events.extend(events)
        assert events[0] == {"device": sim.url, "product": "kraken", "kind": "stream", "name": "alpha",
                             "id": ids["alpha"], "event": "snapshot", "state": "active", "previous_state": None,
                             "time": "T"}
        assert brief(events) == [("stream", "alpha", "snapshot", "active", None),
                                 ("stream", "bravo", "snapshot", "stopped", None)]
        assert requests == [LIST]  # the list carries each stream's state: one request per poll

        events, requests = await driver.step()
        assert (events, requests) == ([], [LIST])

        # Behind the source's back: alpha stops, bravo goes, charlie comes (started).
        set_state(sim, ids["alpha"], "stop")
        client = KrakenClient(sim.url, KEY, SECRET, ca_path=sim.ca_path)
        client.delete("streams", ids["bravo"])
        charlie = sim.admin.seed({"streams": [{"name": "charlie", "state": "started"}]})["streams"][0]
        sim.new_requests()
        events, requests = await driver.step()
        all_events.extend(events)
        assert brief(events, "name", "id", "event", "state", "previous_state") == [
            ("alpha", ids["alpha"], "state_changed", "stopped", "active"),
            ("bravo", ids["bravo"], "disappeared", None, "stopped"),
            ("charlie", charlie, "appeared", "active", None),
        ]
        assert requests == [LIST]

        # The device dies: one device_unreachable for the whole outage, and the pause doubles.
        sim.kill()
        events, dummy_requests = await driver.step()
        all_events.extend(events)
        assert len(events) == 1
        down = events[0]
        assert brief(events) == [("device", sim.url, "device_unreachable", "unreachable", "reachable")]
        assert down["id"] is None and "connection" in down["error"] and "GET /apis/kraken/streams" in down["error"]
        for dummy_poll in range(2):
            events, dummy_requests = await driver.step()
            assert events == []
        assert driver.delays == [10, 10, 10, 20, 40, 60]  # doubled per failed poll, capped at max_backoff

        # It comes back with a change made while it was down: recovered first, then the change.
        sim.revive()
        set_state(sim, ids["alpha"], "start")
        events, requests = await driver.step()
        all_events.extend(events)
        assert brief(events) == [("device", sim.url, "device_recovered", "reachable", "unreachable"),
                                 ("stream", "alpha", "state_changed", "active", "stopped")]
        assert events[0]["error"] == down["error"]
        assert requests == [LIST]
        assert driver.delays[-1] == 10  # back to the interval

        assert await driver.cancel() == []

    asyncio.run(scenario())
    assert SECRET not in repr(all_events)


def test_without_startup_snapshot_the_first_poll_is_only_the_baseline(sim):
    ids = seed(sim)
    watch, dummy = kraken_streams.build_watch(args_for(sim))

    async def scenario():
        driver = PollDriver(_watch, watch, sim)
        assert await driver.start() == ([], [LIST])
        set_state(sim, ids["bravo"], "start")
        events, dummy_requests = await driver.step()
        assert brief(events) == [("stream", "bravo", "state_changed", "active", "stopped")]
        assert events[0]["time"].endswith("Z")  # ISO 8601 UTC
        await driver.cancel()

    asyncio.run(scenario())


def test_unreachable_at_startup_then_snapshot_on_first_answer(sim):
    seed(sim)
    watch, dummy = kraken_streams.build_watch(args_for(sim, startup_snapshot=True))
    sim.kill()

    async def scenario():
        driver = PollDriver(_watch, watch, sim)
        events, dummy_requests = await driver.start()
        assert brief(events) == [("device", sim.url, "device_unreachable", "unreachable", None)]
        sim.revive()
        events, requests = await driver.step()
        assert brief(events) == [("device", sim.url, "device_recovered", "reachable", "unreachable"),
                                 ("stream", "alpha", "snapshot", "active", None),
                                 ("stream", "bravo", "snapshot", "stopped", None)]
        assert requests == [LIST]
        await driver.cancel()

    asyncio.run(scenario())


def test_list_without_states_falls_back_to_details(sim):
    """A firmware whose list leaves the state out: the details of just those streams are read."""
    ids = seed(sim)
    listing = ("<response><streams><stream><uuid>%s</uuid><name>alpha</name></stream>"
               "<stream><uuid>%s</uuid><name>bravo</name><state>stopped</state></stream></streams></response>"
               % (ids["alpha"], ids["bravo"]))
    sim.admin.fault(kind="answer", path="/apis/kraken/streams", method="GET", count=1, body=listing,
                    content_type="application/xml")
    watch, dummy = kraken_streams.build_watch(args_for(sim, startup_snapshot=True))

    async def scenario():
        driver = PollDriver(_watch, watch, sim)
        events, requests = await driver.start()
        assert brief(events) == [("stream", "alpha", "snapshot", "active", None),
                                 ("stream", "bravo", "snapshot", "stopped", None)]
        assert requests == [LIST, ("GET", "/apis/kraken/streams/stream-" + ids["alpha"])]
        await driver.cancel()

    asyncio.run(scenario())


def test_an_api_error_is_an_outage_with_the_api_message(sim):
    seed(sim)
    watch, dummy = kraken_streams.build_watch(args_for(sim, kraken_consumer_secret="wrong-secret-0123456789"))

    async def scenario():
        driver = PollDriver(_watch, watch, sim)
        events, requests = await driver.start()
        assert brief(events) == [("device", sim.url, "device_unreachable", "unreachable", None)]
        assert events[0]["error"].startswith("Kraken API error 1014 (HTTP 401) on GET /apis/kraken/streams")
        assert "wrong-secret" not in repr(events)
        assert requests == [LIST]  # a 401 is not retried
        await driver.cancel()

    asyncio.run(scenario())


def test_main_with_environment_variables_and_real_pauses(sim, monkeypatch):
    """main() itself, as ansible-rulebook calls it: connection options from the environment."""
    ids = seed(sim)
    monkeypatch.setenv("KRAKEN_URL", sim.url)
    monkeypatch.setenv("KRAKEN_CONSUMER_KEY", KEY)
    monkeypatch.setenv("KRAKEN_CONSUMER_SECRET", SECRET)

    async def scenario():
        queue = asyncio.Queue()
        task = asyncio.ensure_future(kraken_streams.main(queue, {"ca_path": sim.ca_path, "interval": 0.05,
                                                                 "startup_snapshot": "true"}))
        first = [(await asyncio.wait_for(queue.get(), HANG))["haivision"] for dummy in range(2)]
        assert brief(first) == [("stream", "alpha", "snapshot", "active", None),
                                ("stream", "bravo", "snapshot", "stopped", None)]
        set_state(sim, ids["alpha"], "stop")
        changed = (await asyncio.wait_for(queue.get(), HANG))["haivision"]
        assert brief([changed]) == [("stream", "alpha", "state_changed", "stopped", "active")]
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert queue.empty()

    asyncio.run(scenario())
    # Polls never overlapped: each request started after the previous one was answered.
    assert all(entry["status"] == 200 for entry in sim.server.log.snapshot())


@pytest.mark.parametrize("override, error, text", [
    ({"kraken_url": "http://kraken.example.com"}, ConfigurationError, "plain http://"),
    ({"kraken_consumer_secret": None}, ValueError, "KRAKEN_CONSUMER_SECRET"),
    ({"interval": 0}, ValueError, "interval must be at least"),
    ({"startup_snapshot": "maybe"}, ValueError, "startup_snapshot must be a boolean"),
])
def test_bad_arguments_fail_before_any_request(sim, monkeypatch, override, error, text):
    monkeypatch.delenv("KRAKEN_CONSUMER_SECRET", raising=False)
    args = args_for(sim)
    args.update(override)

    async def scenario():
        with pytest.raises(error, match=text):
            await kraken_streams.main(asyncio.Queue(), args)

    asyncio.run(scenario())
    assert sim.new_requests() == []
