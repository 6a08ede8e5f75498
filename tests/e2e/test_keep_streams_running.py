# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The example rulebook keep_streams_running and its playbook, against the simulators.

The playbook (haivision.media.keep_stream_running) runs with real ansible-playbook and an event as
extra vars, so the restart and its loop guard are tested without ansible-rulebook. One test runs the
rulebook itself with ansible-rulebook when it and a Java 17+ runtime are installed (ansible-rulebook
from HAIVISION_ANSIBLE_RULEBOOK or PATH); it is skipped, saying which is missing, otherwise.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest
import yaml

from tests.e2e.conftest import collections_path
from tests.simulator.control import ROOT

BIN = os.path.dirname(sys.executable)
PLAYBOOK = os.path.join(ROOT, "playbooks", "keep_stream_running.yml")


def inventory(sims, path):
    kraken = sims.info["kraken"][0]
    data = {"all": {
        "vars": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                 "haivision_ca_path": sims.ca_path},
        "children": {"kraken": {
            "vars": {"kraken_consumer_key": kraken["consumer_key"], "kraken_consumer_secret": kraken["consumer_secret"]},
            "hosts": {
                "kraken-a": {"kraken_url": kraken["url"] + "/",
                             "kraken_lineup": {"streams": [{"name": "ch1", "state": "started"},
                                                           {"name": "ch2", "state": "stopped"}]}},
                # Another device: never touched by an event of kraken-a.
                "kraken-other": {"kraken_url": "https://127.0.0.1:9", "kraken_lineup": {"streams": [
                    {"name": "ch1", "state": "started"}]}},
            }}}}}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return str(path)


def seed(sims):
    created = sims.kraken.seed({"streams": [{"name": "ch1", "state": "stopped"}, {"name": "ch2", "state": "stopped"}]})
    return dict(zip(("ch1", "ch2"), created["streams"]))


def state_of(sims, uuid):
    return sims.kraken.state()["streams"][uuid]["state"]


def stream_puts(sims):
    return [r for r in sims.kraken.requests() if r["method"] == "PUT" and "/apis/kraken/streams/" in r["path"]]


def run_playbook(sims, inventory_path, counts, name, uuid, max_restarts=3):
    event = {"haivision": {"device": sims.info["kraken"][0]["url"], "product": "kraken", "kind": "stream",
                           "name": name, "id": uuid, "event": "state_changed", "state": "stopped",
                           "previous_state": "active", "time": "2026-01-01T00:00:00.000Z"}}
    extra = {"ansible_eda": {"event": event}, "keep_max_restarts": max_restarts, "keep_restarts_file": str(counts)}
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path(), ANSIBLE_NOCOLOR="1",
               ANSIBLE_RETRY_FILES_ENABLED="0", PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    completed = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", inventory_path, PLAYBOOK,
                                "-e", json.dumps(extra)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=300, check=False)
    return completed.returncode, completed.stdout.decode("utf-8", "replace")


def test_restarts_a_wanted_stream_up_to_the_limit_per_hour(clean, tmp_path):
    ids = seed(clean)
    hosts = inventory(clean, tmp_path / "hosts.yml")
    counts = tmp_path / "state" / "restarts.json"

    rc, output = run_playbook(clean, hosts, counts, "ch1", ids["ch1"], max_restarts=2)
    assert rc == 0, output[-3000:]
    assert state_of(clean, ids["ch1"]) == "active"
    assert len(stream_puts(clean)) == 1
    key = "%s %s" % (clean.info["kraken"][0]["url"], ids["ch1"])
    assert len(json.loads(counts.read_text())[key]) == 1

    clean.kraken.admin("POST", "kraken/edit", {"kind": "streams", "uuid": ids["ch1"], "fields": {"state": "stop"}})
    rc, output = run_playbook(clean, hosts, counts, "ch1", ids["ch1"], max_restarts=2)
    assert rc == 0, output[-3000:]
    assert state_of(clean, ids["ch1"]) == "active" and len(json.loads(counts.read_text())[key]) == 2

    # A third stop within the hour: the guard refuses, the stream stays stopped, the run fails.
    clean.kraken.admin("POST", "kraken/edit", {"kind": "streams", "uuid": ids["ch1"], "fields": {"state": "stop"}})
    clean.kraken.clear_log()
    rc, output = run_playbook(clean, hosts, counts, "ch1", ids["ch1"], max_restarts=2)
    assert rc == 2, output[-3000:]
    assert re.search(r"restarted 2 time\(s\)\s+in the last hour \(limit keep_max_restarts=2\): not restarting", output)
    assert state_of(clean, ids["ch1"]) == "stopped" and stream_puts(clean) == []
    assert len(json.loads(counts.read_text())[key]) == 2

    # Restarts older than an hour do not count.
    stale = json.loads(counts.read_text())
    stale[key] = [int(time.time()) - 7200, int(time.time()) - 3700]
    counts.write_text(json.dumps(stale))
    rc, output = run_playbook(clean, hosts, counts, "ch1", ids["ch1"], max_restarts=2)
    assert rc == 0, output[-3000:]
    assert state_of(clean, ids["ch1"]) == "active"
    assert len(json.loads(counts.read_text())[key]) == 1


def test_a_stream_the_line_up_wants_stopped_is_left_alone(clean, tmp_path):
    ids = seed(clean)
    counts = tmp_path / "restarts.json"
    clean.kraken.clear_log()
    rc, output = run_playbook(clean, inventory(clean, tmp_path / "hosts.yml"), counts, "ch2", ids["ch2"])
    assert rc == 0, output[-3000:]
    assert state_of(clean, ids["ch2"]) == "stopped"
    assert clean.kraken.requests() == [] and not counts.exists()


def _rulebook_or_skip():
    rulebook = os.environ.get("HAIVISION_ANSIBLE_RULEBOOK") or shutil.which("ansible-rulebook")
    if not rulebook or not os.path.exists(rulebook):
        pytest.skip("ansible-rulebook is not installed (set HAIVISION_ANSIBLE_RULEBOOK to its path, or put it on PATH)")
    java = shutil.which("java")
    if not java:
        pytest.skip("no Java runtime: ansible-rulebook needs Java 17+ (Debian: openjdk-17-jre-headless)")
    version = subprocess.run([java, "-version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False).stdout.decode()
    match = re.search(r'version "(\d+)', version)
    if not match or int(match.group(1)) < 17:
        pytest.skip("ansible-rulebook needs Java 17+, found: %s" % version.splitlines()[0] if version else "none")
    return rulebook, os.path.dirname(os.path.dirname(os.path.realpath(java)))


def test_the_rulebook_restarts_a_stopped_stream(clean, tmp_path):
    rulebook, java_home = _rulebook_or_skip()
    ids = seed(clean)
    clean.kraken.admin("POST", "kraken/edit", {"kind": "streams", "uuid": ids["ch1"], "fields": {"state": "start"}})
    kraken = clean.info["kraken"][0]
    variables = tmp_path / "vars.yml"
    variables.write_text(yaml.safe_dump({"haivision_ca_path": clean.ca_path, "watch_interval": 0.5,
                                         "keep_max_restarts": 3}))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path(), ANSIBLE_NOCOLOR="1", JAVA_HOME=java_home,
               KRAKEN_URL=kraken["url"], KRAKEN_CONSUMER_KEY=kraken["consumer_key"],
               KRAKEN_CONSUMER_SECRET=kraken["consumer_secret"], HOME=str(tmp_path),
               # The rulebook's playbook runs with the ansible-playbook beside ansible-rulebook.
               PATH=os.path.dirname(rulebook) + os.pathsep + os.environ.get("PATH", ""))
    log = tmp_path / "rulebook.log"
    with open(str(log), "wb") as handle:
        process = subprocess.Popen([rulebook, "-r", "haivision.media.keep_streams_running", "-i",
                                    inventory(clean, tmp_path / "hosts.yml"), "--vars", str(variables)],
                                   cwd=str(tmp_path), env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        # The source's first poll sees ch1 active; stop it once that poll has happened.
        wait_for(lambda: any(r["path"] == "/apis/kraken/streams" for r in clean.kraken.requests()), process, log)
        clean.kraken.admin("POST", "kraken/edit", {"kind": "streams", "uuid": ids["ch1"], "fields": {"state": "stop"}})
        wait_for(lambda: stream_puts(clean), process, log)
        wait_for(lambda: state_of(clean, ids["ch1"]) == "active", process, log)
        assert state_of(clean, ids["ch2"]) == "stopped"  # the line-up wants it stopped: left alone
        puts = stream_puts(clean)
        assert len(puts) == 1 and puts[0]["path"].endswith(ids["ch1"]) and "<state>start</state>" in puts[0]["body"]
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    assert kraken["consumer_secret"] not in log.read_text()


def wait_for(condition, process, log, timeout=180):
    """Until the condition holds; fails with the rulebook's output if it exits or the time runs out."""
    deadline = time.time() + timeout
    while not condition():
        if process.poll() is not None or time.time() > deadline:
            why = "exited %s" % process.returncode if process.poll() is not None else "timed out"
            pytest.fail("ansible-rulebook %s:\n%s" % (why, log.read_text()[-5000:]))
        time.sleep(0.2)
