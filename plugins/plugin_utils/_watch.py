# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The polling core shared by the Event-Driven Ansible sources kraken_streams and hmp_watch.

A source gives a blocking ``read()`` (one poll: every watched resource with its
state) and optionally a blocking ``close()``; this module turns successive reads
into the events of SPEC 6c, backs off while the device fails, and runs every
blocking call on one worker thread, so that never more than one poll is in
flight and ``close()`` (HMP's logout) cannot race a poll still running when the
source is cancelled.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

LOG = logging.getLogger("haivision.media.watch")

DEFAULT_INTERVAL = 30
DEFAULT_MAX_BACKOFF = 300
# The clients' own retries of a refused connection or 502/503/504 on one request.
# Kept short: the watch loop has its own, longer backoff between polls, and a
# poll held up by many in-request retries would only delay device_unreachable.
CLIENT_RETRIES = 1
CLIENT_BACKOFF = 0.5


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def option(args, name, env=None, default=None):
    """An argument of the rulebook, else its environment variable, else the default."""
    value = args.get(name)
    if value is None and env:
        value = os.environ.get(env)
    return default if value is None else value


def boolean(name, value):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError("%s must be a boolean, got %r" % (name, value))


def number(name, value, minimum):
    try:
        result = float(value)
    except (TypeError, ValueError):
        raise ValueError("%s must be a number of seconds, got %r" % (name, value)) from None
    if result < minimum:
        raise ValueError("%s must be at least %s seconds, got %r" % (name, minimum, value))
    return result


def _env(spec, name):
    # The modules' connection spec names each option's environment variable (env_fallback).
    fallback = spec[name].get("fallback")
    return fallback[1][0] if fallback else None


def credentials(args, spec):
    """The spec's required connection options (URL and credentials), from the arguments or their env variables."""
    values = []
    for name, entry in spec.items():
        if not entry.get("required"):
            continue
        value = option(args, name, _env(spec, name))
        if value in (None, ""):
            raise ValueError("%s is required (argument %s or environment variable %s)" % (name, name, _env(spec, name)))
        values.append(value)
    return values


def connection(args, spec):
    """The options every source shares with the modules (validate_certs, ca_path, timeout), defaults from ``spec``."""
    timeout = number("timeout", option(args, "timeout", default=spec["timeout"]["default"]), 0.001)
    return {
        "validate_certs": boolean("validate_certs", option(args, "validate_certs", default=spec["validate_certs"]["default"])),
        "ca_path": os.path.expanduser(args["ca_path"]) if args.get("ca_path") else None,
        "timeout": timeout,
        "retries": CLIENT_RETRIES,
        "backoff": CLIENT_BACKOFF,
    }


def device_label(url):
    """The device as events name it: scheme, host and port of its URL, never a user:password part."""
    split = urlsplit(url)
    host = split.hostname or ""
    if ":" in host:
        host = "[%s]" % host
    return "%s://%s%s" % (split.scheme, host, ":%d" % split.port if split.port else "")


class Watch:
    """Turns successive reads of one device into events; knows nothing of HTTP or asyncio.

    ``kinds`` orders the events of one poll (then name, then id); ``gone_states``
    gives the state a vanished resource is reported in (HMP: a recording that
    vanished from the active list was stopped); other kinds report ``None``.
    """

    def __init__(self, product, device, read, kinds, close=None, interval=DEFAULT_INTERVAL,
                 startup_snapshot=False, max_backoff=DEFAULT_MAX_BACKOFF, gone_states=None, clock=utc_now):
        self.product = product
        self.device = device
        self.read = read
        self.close = close
        self.kinds = tuple(kinds)
        self.interval = interval
        self.startup_snapshot = startup_snapshot
        self.max_backoff = max(max_backoff, interval)
        self.gone_states = dict(gone_states or {})
        self.clock = clock
        self.known = None       # (kind, id) -> item of the last good poll; None before the first
        self.failures = 0       # consecutive failed polls
        self.reachable = None   # None until the first poll answered or failed
        self.last_error = None

    def event(self, kind, name, ident, event, state, previous_state, **extra):
        body = {"device": self.device, "product": self.product, "kind": kind, "name": name, "id": ident,
                "event": event, "state": state, "previous_state": previous_state, "time": self.clock()}
        body.update(extra)
        return {"haivision": body}

    def _order(self, key, current):
        item = current.get(key) or self.known[key]
        return (self.kinds.index(item["kind"]), item["name"] or "", item["id"])

    def observed(self, items):
        """Events for a poll that answered ``items`` (dicts with kind, id, name, state)."""
        events = []
        if self.reachable is False:
            events.append(self.event("device", self.device, None, "device_recovered", "reachable", "unreachable",
                                     error=self.last_error))
        self.reachable = True
        self.failures = 0
        current = dict(((item["kind"], item["id"]), item) for item in items)
        if self.known is None:
            if self.startup_snapshot:
                for key in sorted(current, key=lambda k: self._order(k, current)):
                    item = current[key]
                    events.append(self.event(item["kind"], item["name"], item["id"], "snapshot", item["state"], None))
        else:
            for key in sorted(set(current) | set(self.known), key=lambda k: self._order(k, current)):
                new, old = current.get(key), self.known.get(key)
                if old is None:
                    events.append(self.event(new["kind"], new["name"], new["id"], "appeared", new["state"], None))
                elif new is None:
                    events.append(self.event(old["kind"], old["name"], old["id"], "disappeared",
                                             self.gone_states.get(old["kind"]), old["state"]))
                elif new["state"] != old["state"]:
                    events.append(self.event(new["kind"], new["name"], new["id"], "state_changed",
                                             new["state"], old["state"]))
        self.known = current
        return events

    def failed(self, error):
        """Events for a poll that failed; one device_unreachable per outage, not one per poll."""
        self.failures += 1
        self.last_error = str(error)
        if self.reachable is False:
            return []
        previous = "reachable" if self.reachable else None
        self.reachable = False
        LOG.warning("%s %s is unreachable: %s", self.product, self.device, self.last_error)
        return [self.event("device", self.device, None, "device_unreachable", "unreachable", previous,
                           error=self.last_error)]

    def delay(self):
        """Seconds until the next poll: the interval, doubled per consecutive failure up to max_backoff."""
        if not self.failures:
            return self.interval
        return min(self.interval * (2 ** self.failures), self.max_backoff)


async def run(watch, queue, sleep=asyncio.sleep):
    """Poll forever; every blocking call goes to one worker thread, so polls never overlap.

    ``sleep`` is the pause between polls (tests pass one they control). On
    cancellation ``close()`` runs on the same worker after a poll still in
    flight has finished, then CancelledError goes on to the caller.
    """
    loop = asyncio.get_running_loop()
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="haivision-%s-watch" % watch.product)
    try:
        while True:
            try:
                items = await loop.run_in_executor(worker, watch.read)
            except HaivisionError as exc:
                events = watch.failed(exc)
            else:
                events = watch.observed(items)
            for event in events:
                await queue.put(event)
            await sleep(watch.delay())
    finally:
        if watch.close is not None:
            await loop.run_in_executor(worker, watch.close)
        worker.shutdown(wait=False)
