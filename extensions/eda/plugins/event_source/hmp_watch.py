# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hmp_watch: an Event-Driven Ansible source of HMP source, session and recording changes."""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

DOCUMENTATION = r"""
---
short_description: Watch the sources, sessions and recordings of one HMP and send an event per change.
description:
  - An ansible-rulebook event source plugin that polls one Haivision Media Platform (HMP 3.5) every O(interval)
    seconds and puts one event on the queue per change it sees.
  - 'Kinds and states: C(source) (C(active) while stream data is available, else C(inactive)), C(session)
    (C(active) or C(inactive), the session''s own flag), C(recording) (an active recording: C(recording) or
    C(paused)).'
  - 'Recordings: a recording that started is C(appeared) (state C(recording)); paused and resumed are
    C(state_changed) (C(recording) to C(paused) and back); a recording that stopped leaves the list of active
    recordings and is C(disappeared) with state C(stopped). The name of a recording is its title (the session
    title at the time it started), its id the recording id.'
  - 'Every event has the form C({"haivision": {"device", "product", "kind", "name", "id", "event", "state",
    "previous_state", "time"}}): C(device) is the URL (scheme, host, port) that O(hmp_url) names, C(product) is
    C(hmp), C(event) one of C(appeared), C(disappeared), C(state_changed), C(device_unreachable),
    C(device_recovered), C(snapshot), C(time) an ISO 8601 UTC timestamp. Device events (kind C(device)) also carry
    C(error); there is one C(device_unreachable) per outage. See the collection README, section "Watching devices".'
  - Three requests per poll (C(GET /apis/sources), C(/apis/sessions), C(/apis/recordings), 100 items per page), all
    under one login kept across polls; an expired session is logged in again once (HTTP 401), and the source logs
    out when it is cancelled.
  - Never more than one poll in flight. After a failed poll the next one waits O(interval) doubled per consecutive
    failure, at most O(max_backoff) seconds; one good poll goes back to O(interval).
  - The password never appears in events or logs.
options:
  hmp_url:
    description:
      - Root URL of the platform, C(https://host[:port]). Plain C(http://) is refused.
      - If not set, the environment variable E(HMP_URL) is used.
    type: str
    required: true
  hmp_username:
    description:
      - User to log in as; a user with the VIEW permission on sources, sessions and recordings is enough.
      - If not set, the environment variable E(HMP_USERNAME) is used.
    type: str
    required: true
  hmp_password:
    description:
      - Password of O(hmp_username).
      - If not set, the environment variable E(HMP_PASSWORD) is used.
    type: str
    required: true
  validate_certs:
    description:
      - Whether to verify the platform's TLS certificate. Prefer O(ca_path) to switching this off.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a PEM CA bundle used to verify the platform's certificate.
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
      - Whether the first poll puts one C(snapshot) event per source, session and active recording on the queue.
      - When false the first poll only sets the baseline that later polls compare with.
    type: bool
    default: false
  max_backoff:
    description:
      - Longest wait in seconds between two polls while the platform fails (at least O(interval)).
    type: float
    default: 300
"""

EXAMPLES = r"""
- name: Recordings that end early
  hosts: all
  sources:
    - haivision.media.hmp_watch:
        hmp_url: https://hmp.example.com
        hmp_username: watcher
        hmp_password: "{{ hmp_password }}"
        interval: 20
  rules:
    - name: A recording stopped or paused
      condition: event.haivision.kind == "recording" and event.haivision.event in ["disappeared", "state_changed"]
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
from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC, HMPClient  # noqa: E402
from ansible_collections.haivision.media.plugins.plugin_utils import _watch  # noqa: E402

KINDS = ("source", "session", "recording")


def _flag(value):
    return "active" if value else "inactive"


def read_platform(client):
    """One poll: sources, sessions and active recordings with their states (three paged reads)."""
    items = []
    for source in client.list_all("/apis/sources"):
        items.append({"kind": "source", "id": source["id"], "name": source.get("name") or source["id"],
                      "state": _flag(source.get("active"))})
    for session in client.list_all("/apis/sessions"):
        items.append({"kind": "session", "id": session["id"], "name": session.get("title") or session["id"],
                      "state": _flag(session.get("active"))})
    for recording in client.list_all("/apis/recordings"):
        items.append({"kind": "recording", "id": recording["id"], "name": recording.get("title") or recording["id"],
                      "state": (recording.get("state") or "").lower() or None})
    return items


def build_watch(args: dict[str, Any], clock=_watch.utc_now):
    """The Watch of one platform from the source's arguments; bad arguments raise before any request."""
    client = HMPClient(*_watch.credentials(args, HMP_CONNECTION_SPEC), **_watch.connection(args, HMP_CONNECTION_SPEC))
    interval = _watch.number("interval", args.get("interval", _watch.DEFAULT_INTERVAL), 0.001)
    return _watch.Watch(
        "hmp", _watch.device_label(client.base_url), lambda: read_platform(client), KINDS,
        close=client.logout,  # the one login ends with the source
        interval=interval,
        startup_snapshot=_watch.boolean("startup_snapshot", args.get("startup_snapshot", False)),
        max_backoff=_watch.number("max_backoff", args.get("max_backoff", _watch.DEFAULT_MAX_BACKOFF), 0.001),
        gone_states={"recording": "stopped"},
        clock=clock,
    ), client


async def main(queue: asyncio.Queue, args: dict[str, Any]) -> None:
    """Poll one HMP until cancelled, putting one event per change on ``queue``; log out on cancellation."""
    watch, dummy = build_watch(args)
    await _watch.run(watch, queue)


if __name__ == "__main__":
    # Try it by hand: HMP_URL=... HMP_USERNAME=... HMP_PASSWORD=... python hmp_watch.py

    class PrintQueue(asyncio.Queue):
        async def put(self, item):
            print(item, flush=True)

    asyncio.run(main(PrintQueue(), {"interval": 5, "startup_snapshot": True}))
