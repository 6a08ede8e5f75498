# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start the simulators as their own process, and drive a device through its admin side channel.

The end-to-end tests, the fleet tests and the benchmark all use this one
launcher and this one admin client.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import signal
import subprocess
import sys
import time

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WRITE_METHODS = ("POST", "PUT", "DELETE", "PATCH")
LOGIN_PATH = "/apis/authentication/login"


class SimDevice:
    """The admin side channel (``/_sim/``) of one simulated device."""

    def __init__(self, url, ca_path):
        self.url = url
        self.ca_path = ca_path

    def admin(self, method, path, body=None):
        response = requests.request(method, self.url + "/_sim/" + path.lstrip("/"), json=body, verify=self.ca_path, timeout=30)
        response.raise_for_status()
        return response.json()

    def reset(self):
        return self.admin("POST", "reset")

    def state(self):
        return self.admin("GET", "state")

    def seed(self, data):
        return self.admin("POST", "seed", data)

    def fault(self, **rule):
        return self.admin("POST", "faults", rule)

    def requests(self):
        return self.admin("GET", "requests")["requests"]

    def clear_log(self):
        return self.admin("DELETE", "requests")

    def set_latency(self, ms):
        """The round trip added to each API request from now on (admin requests never wait)."""
        return self.admin("POST", "latency", {"ms": ms})

    def trim_text(self, enabled=True):
        """Whether the device trims edge whitespace of names and free text it stores, until the next reset."""
        return self.admin("POST", "text", {"trim": enabled})

    def writes(self, include_login=False):
        return [r for r in self.requests() if r["method"] in WRITE_METHODS
                and (include_login or r["path"] != LOGIN_PATH)]


def start_simulators(state_dir, kraken_devices=1, timeout=60, latency_ms=0, trim_text=False):
    """Start ``python -m tests.simulator``; return (process, the sim.json it wrote) once every device listens."""
    command = [sys.executable, "-m", "tests.simulator", "--state-dir", state_dir,
               "--kraken-devices", str(kraken_devices), "--latency-ms", str(latency_ms)]
    if trim_text:
        command.append("--trim-text")
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    info_path = os.path.join(state_dir, "sim.json")
    deadline = time.time() + timeout
    while not os.path.exists(info_path):
        if process.poll() is not None:
            raise RuntimeError("simulator exited: %s" % process.stdout.read().decode())
        if time.time() > deadline:
            process.kill()
            raise RuntimeError("simulator did not write %s within %s s" % (info_path, timeout))
        time.sleep(0.1)
    with open(info_path) as handle:
        return process, json.load(handle)


def stop_simulators(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
