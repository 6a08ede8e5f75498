# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""kraken_streams: an Event-Driven Ansible source of Kraken stream state changes."""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

DOCUMENTATION = r"""
---
short_description: Watch the streams of one Haivision Kraken and send an event per change.
description:
  - An ansible-rulebook event source plugin that polls one Kraken (REST API v1.0) every O(interval) seconds
    and puts one event on the queue per change it sees.
  - A stream that appeared, disappeared or changed run state (C(active), C(stopped), C(waiting)) gives one event of
    kind C(stream); a device that stops answering gives one C(device_unreachable) event per outage, with the error,
    and C(device_recovered) once it answers again (changes made during the outage follow as ordinary events).
  - 'Every event has the form C({"haivision": {"device", "product", "kind", "name", "id", "event", "state",
    "previous_state", "time"}}): C(device) is the URL (scheme, host, port) that O(kraken_url) names, C(product) is
    C(kraken), C(kind) is C(stream) or C(device), C(id) the stream uuid, C(event) one of C(appeared),
    C(disappeared), C(state_changed), C(device_unreachable), C(device_recovered), C(snapshot), C(time) an ISO 8601
    UTC timestamp. Device events also carry C(error). See the collection README, section "Watching devices".'
  - One request per poll, C(GET /apis/kraken/streams), as the list carries each stream's state; should a firmware
    leave the state out of the list, the details of those streams are read as well.
  - Never more than one poll in flight. After a failed poll the next one waits O(interval) doubled per consecutive
    failure, at most O(max_backoff) seconds; one good poll goes back to O(interval).
  - The consumer secret never appears in events or logs.
options:
  kraken_url:
    description:
      - Root URL of the Kraken portal, C(https://host[:port]). Plain C(http://) is refused.
      - If not set, the environment variable E(KRAKEN_URL) is used.
    type: str
    required: true
  kraken_consumer_key:
    description:
      - OAuth consumer key generated on the Kraken web interface.
      - If not set, the environment variable E(KRAKEN_CONSUMER_KEY) is used.
    type: str
    required: true
  kraken_consumer_secret:
    description:
      - OAuth consumer secret that goes with O(kraken_consumer_key).
      - If not set, the environment variable E(KRAKEN_CONSUMER_SECRET) is used.
    type: str
    required: true
  validate_certs:
    description:
      - Whether to verify the device's TLS certificate. Prefer O(ca_path) to switching this off.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a PEM CA bundle used to verify the device's certificate.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP response.
    type: int
    default: 30
  interval:
    description:
      - Seconds between two polls.
    type: float
    default: 30
  startup_snapshot:
    description:
      - Whether the first poll puts one C(snapshot) event per stream on the queue (its current state).
      - When false the first poll only sets the baseline that later polls compare with.
    type: bool
    default: false
  max_backoff:
    description:
      - Longest wait in seconds between two polls while the device fails (at least O(interval)).
    type: float
    default: 300
"""

EXAMPLES = r"""
- name: Keep the studio streams running
  hosts: all
  sources:
    - haivision.media.kraken_streams:
        kraken_url: https://kraken-studio-a.example.com
        kraken_consumer_key: "{{ kraken_consumer_key }}"
        kraken_consumer_secret: "{{ kraken_consumer_secret }}"
        ca_path: /etc/pki/haivision/ca.pem
        interval: 15
        startup_snapshot: true
  rules:
    - name: A stream stopped
      condition: event.haivision.event == "state_changed" and event.haivision.state == "stopped"
      action:
        debug:
"""


def _make_collection_importable():
    # ansible-rulebook runs this file by its path, without the collection tree on sys.path.
    # The file is <root>/ansible_collections/haivision/media/extensions/eda/plugins/event_source/;
    # put <root> on sys.path so that the collection's own clients import. When <root> is not
    # there, the import below fails with its own, clear ImportError.
    try:
        import ansible_collections.haivision.media.plugins  # noqa: F401 pylint: disable=unused-import
    except ImportError:
        root = os.path.abspath(__file__)
        for dummy in range(8):
            root = os.path.dirname(root)
        if os.path.isdir(os.path.join(root, "ansible_collections")):
            sys.path.insert(0, root)


_make_collection_importable()

# pylint: disable=wrong-import-position
from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KRAKEN_CONNECTION_SPEC, KrakenClient  # noqa: E402
from ansible_collections.haivision.media.plugins.plugin_utils import _watch  # noqa: E402

KINDS = ("stream",)


def read_streams(client):
    """One poll: every stream with its run state, in as few requests as the device allows."""
    entries = [e for e in client.list("streams") if isinstance(e, dict) and e.get("uuid")]
    missing = [e["uuid"] for e in entries if not e.get("state")]
    details = dict((d["uuid"], d) for d in client.get_many([("streams", uuid) for uuid in missing])) if missing else {}
    items = []
    for entry in entries:
        state = entry.get("state") or details.get(entry["uuid"], {}).get("state") or None
        items.append({"kind": "stream", "id": entry["uuid"], "name": entry.get("name") or entry["uuid"], "state": state})
    return items


def build_watch(args: dict[str, Any], clock=_watch.utc_now):
    """The Watch of one Kraken from the source's arguments; bad arguments raise before any request."""
    client = KrakenClient(*_watch.credentials(args, KRAKEN_CONNECTION_SPEC), **_watch.connection(args, KRAKEN_CONNECTION_SPEC))
    interval = _watch.number("interval", args.get("interval", _watch.DEFAULT_INTERVAL), 0.001)
    return _watch.Watch(
        "kraken", _watch.device_label(client.base_url), lambda: read_streams(client), KINDS,
        interval=interval,
        startup_snapshot=_watch.boolean("startup_snapshot", args.get("startup_snapshot", False)),
        max_backoff=_watch.number("max_backoff", args.get("max_backoff", _watch.DEFAULT_MAX_BACKOFF), 0.001),
        clock=clock,
    ), client


async def main(queue: asyncio.Queue, args: dict[str, Any]) -> None:
    """Poll one Kraken until cancelled, putting one event per stream change on ``queue``."""
    watch, dummy = build_watch(args)
    await _watch.run(watch, queue)


if __name__ == "__main__":
    # Try it by hand: KRAKEN_URL=... KRAKEN_CONSUMER_KEY=... KRAKEN_CONSUMER_SECRET=... python kraken_streams.py

    class PrintQueue(asyncio.Queue):
        async def put(self, item):
            print(item, flush=True)

    asyncio.run(main(PrintQueue(), {"interval": 5, "startup_snapshot": True}))
