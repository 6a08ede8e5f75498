# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sequential round trips of a converged hmp_session and hmp_lineup, on the in-process simulator.

On a remote link a converged run costs its sequential round trips. They are
counted from the code's structure, not from a clock: a request sent on its
own is one round trip, and a batch of reads sent side by side
(``run_concurrently``) is one, however the threads happen to be scheduled.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.haivision.media.plugins.module_utils._common import kind as kind_driver
from ansible_collections.haivision.media.plugins.module_utils._common import transport
from ansible_collections.haivision.media.plugins.module_utils._hmp import parts as hmp_parts
from ansible_collections.haivision.media.plugins.module_utils._hmp import session as hmp_session
from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.lineup import converge_hmp_lineup, hmp_lineup_argument_spec
from ansible_collections.haivision.media.plugins.module_utils._hmp.session import HMPSession

LOGIN = "/apis/authentication/login"
UDP = {"type": "UDP", "host": "239.1.1.1", "multicast": True}


class Module:
    """What converge_* use of an AnsibleModule: validated params and the check mode flag."""

    def __init__(self, spec, args, check_mode=False, **constraints):
        full = dict(HMP_CONNECTION_SPEC)
        full.update(spec)
        result = ArgumentSpecValidator(full, **constraints).validate(args)
        assert not result.error_messages, result.error_messages
        self.params = result.validated_parameters
        self.check_mode = check_mode

    def fail_json(self, **kwargs):
        raise AssertionError(kwargs)


class RoundTrips:
    """Counts sequential round trips: a request sent alone is one, a batch of side-by-side reads is one."""

    def __init__(self, monkeypatch):
        self.steps = []  # one entry per round trip: the requests sent in it
        self.batch = threading.local()
        self.lock = threading.Lock()
        original_send = transport.Transport.send
        original_run = transport.run_concurrently
        counter = self

        def send(transport_self, method, url, path, **kwargs):
            batch = getattr(counter.batch, "step", None)
            with counter.lock:
                # The first read of a batch logs in first (once, under the client's lock): a step of its own.
                if batch is None or path == LOGIN:
                    counter.steps.append(["%s %s" % (method, path)])
                else:
                    batch.append("%s %s" % (method, path))
            return original_send(transport_self, method, url, path, **kwargs)

        def run_concurrently(calls, workers=transport.READ_WORKERS):
            calls = list(calls)
            step = []

            def in_batch(call):
                def run():
                    counter.batch.step = step
                    try:
                        return call()
                    finally:
                        counter.batch.step = None
                return run
            results = original_run([in_batch(call) for call in calls], workers)
            if step:
                counter.steps.append(step)
            return results

        monkeypatch.setattr(transport.Transport, "send", send)
        for module in (hmp_parts, hmp_session, kind_driver):
            monkeypatch.setattr(module, "run_concurrently", run_concurrently)

    def between_login_and_logout(self):
        assert self.steps[0] == ["POST %s" % LOGIN] and self.steps[-1] == ["DELETE %s" % LOGIN], self.steps
        return self.steps[1:-1]


def seed_job(sim):
    """The benchmark's HMP job: a session with 3 sources, 2 metadata entries and 2 shares."""
    sim.device.seed({"sources": [dict(UDP, name="cam%d" % i, port=4900 + i) for i in range(3)]})


SESSION = dict(title="Town hall", description="Quarterly", sources=["cam0", "cam1", "cam2"],
               metadata={"Department": ["Finance"], "Year": ["2026"]},
               shares=[{"type": "USER", "name": "viewer", "permission": "WATCH"},
                       {"type": "GROUP", "name": "Operators", "permission": "EDIT"}])


def converge_session(module):
    return kind_driver.converge_resource(module, HMPSession)


def session_module(check_mode=False, **args):
    return Module(HMPSession.argument_spec(), dict(args, hmp_url=args.pop("url"), hmp_username="haiadmin",
                                                   hmp_password="hmp-admin-pass", ca_path=args.pop("ca_path")),
                  check_mode=check_mode, **HMPSession.constraints())


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_converged_hmp_session_takes_two_sequential_round_trips_between_login_and_logout(hmp_sim, monkeypatch, check_mode):
    seed_job(hmp_sim)
    connection = dict(url=hmp_sim.url, ca_path=hmp_sim.ca_path)
    assert converge_session(session_module(**dict(SESSION, **connection)))["changed"]
    counter = RoundTrips(monkeypatch)
    result = converge_session(session_module(check_mode=check_mode, **dict(SESSION, **connection)))
    assert result["changed"] is False
    steps = counter.between_login_and_logout()
    # The session and the source list side by side; then the session's parts side by side.
    assert len(steps) == 2, steps
    assert sorted(steps[0]) == ["GET /apis/sessions", "GET /apis/sources"]
    parts = sorted(request.rsplit("/", 1)[1] for request in steps[1])
    # The result shows the whole session (in check mode too: as the run would), so its unmanaged parts are read too.
    assert parts == ["events", "metadata", "publicshare", "shares"]
    assert result["session"]["public_share"] is False and result["session"]["schedule"] == []


def test_a_converged_hmp_lineup_reads_every_session_part_in_one_round_trip(hmp_sim, monkeypatch):
    seed_job(hmp_sim)
    sessions = [dict(SESSION, title="Session %d" % i) for i in range(3)]
    args = dict(sources=[dict(UDP, name="cam%d" % i, port=4900 + i) for i in range(3)], sessions=sessions,
                hmp_url=hmp_sim.url, hmp_username="haiadmin", hmp_password="hmp-admin-pass", ca_path=hmp_sim.ca_path)
    assert converge_hmp_lineup(Module(hmp_lineup_argument_spec(), args))["changed"]
    counter = RoundTrips(monkeypatch)
    result = converge_hmp_lineup(Module(hmp_lineup_argument_spec(), args))
    assert result["changed"] is False
    steps = counter.between_login_and_logout()
    assert len(steps) == 2, steps
    assert sorted(steps[0]) == ["GET /apis/sessions", "GET /apis/sources"]
    # Only what the items manage (sources come with the session record): metadata and shares of each session.
    assert sorted(request.rsplit("/", 1)[1] for request in steps[1]) == ["metadata"] * 3 + ["shares"] * 3
