# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""playbooks/health.yml with real ansible-playbook against the simulators: healthy (exit 0) and broken (exit 2)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import socket
import subprocess
import sys

import yaml

from tests.e2e.conftest import collections_path
from tests.simulator.control import ROOT

BIN = os.path.dirname(sys.executable)


def closed_port():
    """A local port nothing listens on: a device that does not answer."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seed(sims):
    kraken = sims.kraken.seed({"streams": [{"name": "ch1", "state": "started"}, {"name": "ch2", "state": "stopped"},
                                           {"name": "scratch", "state": "stopped"}]})
    hmp = sims.hmp.seed({
        "sources": [{"name": "cam-a", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}],
        "sessions": [{"title": "Town hall", "active": True, "sources": ["cam-a"], "recording": True}],
    })
    return dict(zip(("ch1", "ch2", "scratch"), kraken["streams"])), hmp["sessions"][0]


def inventory(sims, path, dead_kraken=False):
    kraken = sims.info["kraken"][0]
    hmp = sims.info["hmp"]
    hosts = {"kraken-a": {"kraken_url": kraken["url"],
                          "kraken_lineup": {"streams": [{"name": "ch1", "state": "started"},
                                                        {"name": "ch2", "state": "stopped"}]}}}
    if dead_kraken:
        hosts["kraken-dead"] = {"kraken_url": "https://127.0.0.1:%d" % closed_port(),
                                "kraken_lineup": {"streams": [{"name": "ch1", "state": "started"}]}}
    data = {"all": {
        "vars": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                 "haivision_ca_path": sims.ca_path},
        "children": {
            "kraken": {"vars": {"kraken_consumer_key": kraken["consumer_key"],
                                "kraken_consumer_secret": kraken["consumer_secret"]},
                       "hosts": hosts},
            "hmp": {"hosts": {"hmp-main": {
                "hmp_url": hmp["url"], "hmp_username": hmp["username"], "hmp_password": hmp["password"],
                "hmp_lineup": {"sources": [{"name": "cam-a"}], "sessions": [{"title": "Town hall", "active": True}]},
                "hmp_health_recording": ["Town hall"]}}},
        }}}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return str(path)


def health(inventory_path, report_dir):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path(), ANSIBLE_NOCOLOR="1",
               ANSIBLE_RETRY_FILES_ENABLED="0", PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    completed = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", inventory_path, "haivision.media.health",
                                "-e", "health_report_dir=%s" % report_dir],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300, check=False)
    output = completed.stdout.decode("utf-8", "replace")
    with open(os.path.join(str(report_dir), "health-report.json")) as handle:
        report = json.load(handle)
    with open(os.path.join(str(report_dir), "health-summary.txt")) as handle:
        summary = handle.read()
    return completed.returncode, report, summary, output


def statuses(report):
    return dict(((r["device"], r["kind"], r["name"]), (r["state"], r["wanted"], r["status"]))
                for d in report["devices"] for r in d["resources"])


def test_healthy_fleet_exits_0_with_every_state(clean, tmp_path):
    ids, dummy = seed(clean)
    rc, report, summary, output = health(inventory(clean, tmp_path / "hosts.yml"), tmp_path / "report")
    assert rc == 0, output[-3000:]
    assert report["healthy"] is True
    assert report["summary"] == {"devices": 2, "unreachable": 0, "down": 0, "mismatch": 0, "ok": 5, "unmanaged": 1}
    devices = dict((d["device"], d) for d in report["devices"])
    assert (devices["kraken-a"]["version"], devices["kraken-a"]["status"]) == ("3.0.1", "ok")
    assert (devices["hmp-main"]["version"], devices["hmp-main"]["status"]) == ("3.5.0", "ok")
    assert statuses(report) == {
        ("kraken-a", "stream", "ch1"): ("active", "started", "ok"),
        ("kraken-a", "stream", "ch2"): ("stopped", "stopped", "ok"),
        ("kraken-a", "stream", "scratch"): ("stopped", None, "unmanaged"),
        ("hmp-main", "source", "cam-a"): ("active", "present", "ok"),
        ("hmp-main", "session", "Town hall"): ("active", "active", "ok"),
        ("hmp-main", "recording", "Town hall"): ("recording", "recording", "ok"),
    }
    assert [r["id"] for r in devices["kraken-a"]["resources"]][:2] == [ids["ch1"], ids["ch2"]]
    assert report["problems"] == []
    assert summary.splitlines()[0] == "haivision.media health report: 2 device(s), 0 unreachable, 0 down, 0 mismatch(es), 5 ok"
    assert "  kraken-a  kraken  reachable  version 3.0.1" in summary.splitlines()


def test_broken_fleet_exits_2_and_names_what_is_down(clean, tmp_path):
    ids, session = seed(clean)
    clean.kraken.admin("POST", "kraken/edit", {"kind": "streams", "uuid": ids["ch1"], "fields": {"state": "stop"}})
    clean.kraken.admin("POST", "kraken/edit", {"kind": "streams", "uuid": ids["ch2"], "fields": {"state": "start"}})
    recording_id = [rid for rid, r in clean.hmp.state()["recordings"].items() if r["session"] == session][0]
    clean.hmp.admin("POST", "hmp/pause", {"recording": recording_id})
    rc, report, summary, output = health(inventory(clean, tmp_path / "hosts.yml", dead_kraken=True), tmp_path / "report")
    assert rc == 2, output[-3000:]
    assert report["healthy"] is False
    assert report["summary"] == {"devices": 3, "unreachable": 1, "down": 2, "mismatch": 1, "ok": 2, "unmanaged": 1}
    devices = dict((d["device"], d) for d in report["devices"])
    dead = devices["kraken-dead"]
    assert (dead["reachable"], dead["status"], dead["version"], dead["resources"]) == (False, "unreachable", None, [])
    assert "connection refused" in dead["error"]
    assert devices["kraken-a"]["status"] == "down" and devices["hmp-main"]["status"] == "down"
    assert [(p["device"], p["kind"], p["name"], p["state"], p["wanted"], p["status"]) for p in report["problems"]] == [
        ("hmp-main", "recording", "Town hall", "paused", "recording", "down"),
        ("kraken-a", "stream", "ch1", "stopped", "started", "down"),
        ("kraken-a", "stream", "ch2", "active", "stopped", "mismatch"),
    ]
    lines = summary.splitlines()
    assert lines[0] == "haivision.media health report: 3 device(s), 1 unreachable, 2 down, 1 mismatch(es), 2 ok"
    assert any(line.startswith("  kraken-dead  kraken  UNREACHABLE  ") for line in lines)
    assert "  kraken-a  stream  ch1  DOWN  state stopped, wanted started" in lines
    secrets = [clean.info["kraken"][0]["consumer_secret"], clean.info["hmp"]["password"]]
    text = json.dumps(report) + summary
    assert not [s for s in secrets if s in text]
