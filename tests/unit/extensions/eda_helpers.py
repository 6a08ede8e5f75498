# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers: the EDA event sources against real in-process simulators that a test can kill and bring back.

``PollDriver`` runs a source's poll loop (the very loop its ``main()`` runs)
with a pause between polls that the test controls: each ``step()`` lets exactly
one poll happen and answers the events it queued and the API requests it sent.
No wall-clock waits: the timeouts only turn a hang into a failure.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import importlib.util
import os
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.simulator.common import SimServer, make_tls  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator.control import SimDevice  # noqa: E402  pylint: disable=wrong-import-position

SOURCES = os.path.join(ROOT, "extensions", "eda", "plugins", "event_source")
HANG = 60  # seconds after which a wait counts as a hang (never reached by a passing test)


def load_source(name):
    """The event source file as ansible-rulebook loads it: by path, not as a package module."""
    spec = importlib.util.spec_from_file_location("haivision_eda_" + name, os.path.join(SOURCES, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class KillableSim:
    """A simulated device on a fixed port that can be stopped and started again with its state."""

    def __init__(self, device, directory):
        self.device = device
        self.ca_path, self.context = make_tls(directory)
        self.server = SimServer(device, self.context).start()
        self.port = self.server.httpd.server_address[1]
        self.url = self.server.url
        self.admin = SimDevice(self.url, self.ca_path)
        self.mark = 0

    def kill(self):
        # Keep-alive connections outlive the listening socket; a drop rule closes each on its
        # next request, so the client then meets a refused connection like a dead device's.
        self.server.faults.add({"kind": "drop_before", "count": -1})
        self.server.stop()

    def revive(self):
        self.server = SimServer(self.device, self.context, port=self.port).start()
        self.mark = 0

    def new_requests(self):
        """API requests since the last call (admin calls are not logged)."""
        entries = self.server.log.snapshot()
        fresh, self.mark = entries[self.mark:], len(entries)
        return [(e["method"], e["path"]) for e in fresh]

    def stop(self):
        self.server.stop()


class PollDriver:
    """Runs ``_watch.run`` with a sleep the test releases one poll at a time."""

    def __init__(self, watch_module, watch, sim):
        self.watch_module = watch_module
        self.watch = watch
        self.sim = sim
        self.queue = asyncio.Queue()
        self.delays = []  # every pause the loop asked for, in order (the backoff)
        self._slept = asyncio.Queue()
        self._go = asyncio.Queue()
        self.task = None

    async def _sleep(self, seconds):
        self.delays.append(seconds)
        await self._slept.put(seconds)
        await self._go.get()

    def _drain(self):
        events = []
        while not self.queue.empty():
            events.append(self.queue.get_nowait()["haivision"])
        return events

    async def start(self):
        """Start the loop; answers the first poll's (events, requests)."""
        self.sim.new_requests()
        self.task = asyncio.ensure_future(self.watch_module.run(self.watch, self.queue, sleep=self._sleep))
        await asyncio.wait_for(self._slept.get(), HANG)
        return self._drain(), self.sim.new_requests()

    def release(self):
        """Let the next poll begin without waiting for it."""
        self._go.put_nowait(True)

    async def step(self):
        """Let one more poll run; answers its (events, requests)."""
        self.release()
        await asyncio.wait_for(self._slept.get(), HANG)
        return self._drain(), self.sim.new_requests()

    async def cancel(self):
        """Cancel the source as ansible-rulebook does; answers the requests its shutdown sent."""
        self.task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(self.task, HANG)
        return self.sim.new_requests()


def brief(events, *keys):
    """Events reduced to the named fields, for exact comparisons."""
    keys = keys or ("kind", "name", "event", "state", "previous_state")
    return [tuple(e[k] for k in keys) for e in events]
