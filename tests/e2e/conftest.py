# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end fixtures: the simulators as a real process, ansible-playbook as a real process."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest
import requests
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
WRITE_METHODS = ("POST", "PUT", "DELETE", "PATCH")
LOGIN_PATH = "/apis/authentication/login"


def collections_path():
    """A tree where ``ansible_collections/haivision/media`` is this checkout."""
    base = os.path.join(ROOT, ".tmp", "collections")
    link = os.path.join(base, "ansible_collections", "haivision", "media")
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(ROOT, link)
    return base


class Device:
    """The admin side channel of one simulated device."""

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

    def writes(self, include_login=False):
        return [r for r in self.requests() if r["method"] in WRITE_METHODS
                and (include_login or r["path"] != LOGIN_PATH)]


class Simulators:
    def __init__(self, info):
        self.info = info
        self.ca_path = info["ca_path"]
        self.krakens = [Device(k["url"], self.ca_path) for k in info["kraken"]]
        self.kraken = self.krakens[0]
        self.hmp = Device(info["hmp"]["url"], self.ca_path)

    def extra_vars(self):
        kraken = self.info["kraken"][0]
        hmp = self.info["hmp"]
        return {
            "sim_ca_path": self.ca_path,
            "kraken_url": kraken["url"], "kraken_consumer_key": kraken["consumer_key"],
            "kraken_consumer_secret": kraken["consumer_secret"],
            "hmp_url": hmp["url"], "hmp_username": hmp["username"], "hmp_password": hmp["password"],
        }


def start_simulators(state_dir, kraken_devices=1):
    process = subprocess.Popen([sys.executable, "-m", "tests.simulator", "--state-dir", state_dir,
                                "--kraken-devices", str(kraken_devices)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    info_path = os.path.join(state_dir, "sim.json")
    deadline = time.time() + 60
    while not os.path.exists(info_path):
        if process.poll() is not None:
            raise RuntimeError("simulator exited: %s" % process.stdout.read().decode())
        if time.time() > deadline:
            process.kill()
            raise RuntimeError("simulator did not write %s within 60 s" % info_path)
        time.sleep(0.1)
    with open(info_path) as handle:
        return process, json.load(handle)


@pytest.fixture(scope="session")
def sims():
    state_dir = tempfile.mkdtemp(prefix="hvsim-")
    process, info = start_simulators(state_dir, kraken_devices=int(os.environ.get("SIM_KRAKEN_DEVICES", "1")))
    try:
        yield Simulators(info)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(state_dir, ignore_errors=True)


@pytest.fixture
def clean(sims):
    """Both devices emptied and their logs cleared before a test."""
    for device in sims.krakens + [sims.hmp]:
        device.reset()
    return sims


class PlaybookRun:
    def __init__(self, returncode, output, results):
        self.rc = returncode
        self.output = output
        self.results = results

    def task(self, name):
        matches = [r for r in self.results if r["task"] == name]
        assert matches, "no result for task %r in:\n%s" % (name, self.output[-4000:])
        return matches[-1]

    def statuses(self):
        return dict((r["task"], r["status"]) for r in self.results)

    @property
    def changed(self):
        return [r["task"] for r in self.results if r["status"] == "changed"]

    @property
    def failed(self):
        return [r["task"] for r in self.results if r["status"] == "failed"]


@pytest.fixture
def ansible(sims, tmp_path):
    """Run a playbook (YAML text or a list of plays) with real ansible-playbook."""

    def run(plays, check=False, diff=False, verbosity=0, extra_vars=None, env=None):
        playbook = tmp_path / ("play-%d.yml" % len(list(tmp_path.iterdir())))
        playbook.write_text(plays if isinstance(plays, str) else yaml.safe_dump(plays, sort_keys=False))
        results = tmp_path / ("results-%d.jsonl" % len(list(tmp_path.iterdir())))
        variables = sims.extra_vars()
        variables.update(extra_vars or {})
        vars_file = tmp_path / "vars.json"
        vars_file.write_text(json.dumps(variables))
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", os.path.join(HERE, "inventory.ini"),
                   str(playbook), "-e", "@%s" % vars_file]
        if check:
            command.append("--check")
        if diff:
            command.append("--diff")
        if verbosity:
            command.append("-" + "v" * verbosity)
        run_env = dict(os.environ)
        run_env.update({
            "ANSIBLE_COLLECTIONS_PATH": collections_path(),
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(HERE, "callback_plugins"),
            "ANSIBLE_CALLBACKS_ENABLED": "result_log",
            "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "RESULT_LOG_FILE": str(results),
        })
        run_env.update(env or {})
        completed = subprocess.run(command, cwd=ROOT, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   timeout=600, check=False)
        entries = []
        if results.exists():
            entries = [json.loads(line) for line in results.read_text().splitlines() if line.strip()]
        return PlaybookRun(completed.returncode, completed.stdout.decode("utf-8", "replace"), entries)

    return run
