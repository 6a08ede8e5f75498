# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end fixtures: the simulators as a real process, ansible-playbook as a real process."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import shutil
import subprocess
import sys
import tempfile

import pytest
import yaml

from tests.ansible_warnings import unexpected_warnings
from tests.simulator.control import SimDevice, start_simulators, stop_simulators

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))


def collections_path():
    """A tree where ``ansible_collections/haivision/media`` is this checkout."""
    base = os.path.join(ROOT, ".tmp", "collections")
    link = os.path.join(base, "ansible_collections", "haivision", "media")
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(ROOT, link)
    return base


def assert_no_warnings(output, expected=()):
    unexpected = unexpected_warnings(output, expected)
    assert not unexpected, "ansible printed warnings:\n%s\n\n--- output ---\n%s" % (
        "\n".join(unexpected), output[-4000:])


class Simulators:
    def __init__(self, info):
        self.info = info
        self.ca_path = info["ca_path"]
        self.krakens = [SimDevice(k["url"], self.ca_path) for k in info["kraken"]]
        self.kraken = self.krakens[0]
        self.hmp = SimDevice(info["hmp"]["url"], self.ca_path)

    def extra_vars(self):
        kraken = self.info["kraken"][0]
        hmp = self.info["hmp"]
        return {
            "sim_ca_path": self.ca_path,
            "kraken_url": kraken["url"], "kraken_consumer_key": kraken["consumer_key"],
            "kraken_consumer_secret": kraken["consumer_secret"],
            "hmp_url": hmp["url"], "hmp_username": hmp["username"], "hmp_password": hmp["password"],
        }


@pytest.fixture(scope="session")
def sims():
    state_dir = tempfile.mkdtemp(prefix="hvsim-")
    process, info = start_simulators(state_dir, kraken_devices=int(os.environ.get("SIM_KRAKEN_DEVICES", "1")))
    try:
        yield Simulators(info)
    finally:
        stop_simulators(process)
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
    """Run a playbook (YAML text or a list of plays) with real ansible-playbook.

    The run fails the test if ansible prints a [WARNING] or [DEPRECATION WARNING] that is neither
    caused by the environment (tests/ansible_warnings.py) nor listed in ``warnings`` (regexes of the
    warnings the test provokes on purpose).
    """

    def run(plays, check=False, diff=False, verbosity=0, extra_vars=None, env=None, warnings=()):
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
            "ANSIBLE_DEPRECATION_WARNINGS": "1",
            "ANSIBLE_SYSTEM_WARNINGS": "1",
            "RESULT_LOG_FILE": str(results),
        })
        run_env.update(env or {})
        completed = subprocess.run(command, cwd=ROOT, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   timeout=600, check=False)
        entries = []
        if results.exists():
            entries = [json.loads(line) for line in results.read_text().splitlines() if line.strip()]
        output = completed.stdout.decode("utf-8", "replace")
        assert_no_warnings(output, warnings)
        return PlaybookRun(completed.returncode, output, entries)

    return run
