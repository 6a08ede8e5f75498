# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""playbooks/plan.yml and playbooks/apply.yml as the change-control guide runs them, on two Kraken devices and an
HMP at once: plan on a merge request, review, drift behind Ansible's back, apply refuses that device and applies
the others, plan again, apply, converged. Real ansible-playbook against the simulators, checked on their logs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re
import sys

import pytest
import yaml

from tests.e2e.export_helpers import BIN, PLAYBOOKS, Run, read
from tests.simulator.control import SimDevice, start_simulators, stop_simulators

SECRETS = {"vault_kraken_srt_passphrase": "plan-apply-kraken-srt-4711", "vault_hmp_srt_passphrase": "plan-apply-hmp-srt-0815"}
UDP = {"type": "UDP", "port": 4900, "multicast": True}


def kraken_lineup(ttl=16):
    return {"inputs": [{"name": "cam", "url": "udp://239.40.0.1:5000"},
                       {"name": "field-srt", "stream_type": "SRT", "srt_mode": "listener", "srt_local_port": 9000,
                        "srt_passphrase": "{{ vault_kraken_srt_passphrase }}"}],
            "outputs": [{"name": "studio-out", "url": "udp://239.41.0.1:4900", "ttl": ttl},
                        {"name": "cloud-out", "url": "udp://239.41.0.2:4900", "ttl": 16}],
            "streams": [{"name": "studio", "input": "cam", "outputs": ["studio-out", "cloud-out"], "state": "started"}],
            "purge": True}


HMP_LINEUP = {"sources": [dict(UDP, name="stage-cam", host="239.20.0.10"),
                          {"name": "guest", "type": "SRT", "mode": "LISTENER", "port": 9000,
                           "passphrase": "{{ vault_hmp_srt_passphrase }}"}],
              "sessions": [{"title": "Town hall", "sources": ["stage-cam", "guest"], "categories": {"Department": ["Sales"]}}]}


class Devices:
    """Two Kraken devices (kraken-a, kraken-b), an HMP (hmp-a), and an inventory on them."""

    def __init__(self, info):
        self.info = info
        self.krakens = dict(("kraken-" + "ab"[i], SimDevice(k["url"], info["ca_path"])) for i, k in enumerate(info["kraken"][:2]))
        self.hmp = SimDevice(info["hmp"]["url"], info["ca_path"])
        self.all = dict(self.krakens, **{"hmp-a": self.hmp})

    def inventory(self, path, ttl=16):
        kraken, hmp = self.info["kraken"][0], self.info["hmp"]
        groups = {"kraken": {"vars": {"kraken_consumer_key": kraken["consumer_key"], "kraken_consumer_secret": kraken["consumer_secret"]},
                             "hosts": dict((host, {"kraken_url": device.url, "kraken_lineup": kraken_lineup(ttl)})
                                           for host, device in self.krakens.items())},
                  "hmp": {"vars": {"hmp_username": hmp["username"], "hmp_password": hmp["password"]},
                          "hosts": {"hmp-a": {"hmp_url": hmp["url"], "hmp_lineup": HMP_LINEUP}}}}
        variables = dict(SECRETS, ansible_connection="local", ansible_python_interpreter=sys.executable,
                         haivision_ca_path=self.info["ca_path"])
        path.write_text(yaml.safe_dump({"all": {"vars": variables, "children": groups}}, sort_keys=False))
        return str(path)

    def clear_logs(self):
        for device in self.all.values():
            device.clear_log()


@pytest.fixture(scope="module")
def devices(tmp_path_factory):
    state_dir = str(tmp_path_factory.mktemp("plan-apply-sim"))
    process, info = start_simulators(state_dir, kraken_devices=2)
    try:
        yield Devices(info)
    finally:
        stop_simulators(process)


def playbook(name, inventory, *args):
    return Run([os.path.join(BIN, "ansible-playbook"), "-i", inventory, os.path.join(PLAYBOOKS, name)] + list(args))


def plan(inventory, plan_dir, *args):
    run = playbook("plan.yml", inventory, "-e", "plan_dir=%s" % plan_dir, *args)
    run.plan = json.loads(read(plan_dir / "plan.json"))
    run.page = read(plan_dir / "plan.md")
    return run


def apply(inventory, plan_file, *args):
    run = playbook("apply.yml", inventory, "-e", "plan_file=%s" % plan_file, *args)
    run.report = json.loads(read(os.path.join(os.path.dirname(str(plan_file)), "apply.json")))
    return run


def assert_sent_as_planned(planned, device):
    sent = [(r["method"], r["path"]) for r in device.writes()]
    assert len(sent) == len(planned), (planned, sent)
    for write, (method, path) in zip(planned, sent):
        assert write["method"] == method
        assert re.match("^%s$" % re.escape(write["path"]).replace(re.escape("(new)"), "[^/]+"), path), (write, path)


def assert_no_secret(*texts):
    for text in texts:
        for secret in SECRETS.values():
            assert secret not in text


def test_plan_review_drift_apply_replan_apply_converged_on_three_devices(devices, tmp_path):
    for device in devices.all.values():
        device.reset()
    inventory = devices.inventory(tmp_path / "hosts.yml")
    plan_dir = tmp_path / "plan"

    # The merge request: plan (check mode), exit 2 since every device has something to do; nothing written.
    planned = plan(inventory, plan_dir, "-vvv")
    assert planned.rc == 2, planned.output
    assert "3 device(s) have writes to review" in planned.output
    assert all(not device.writes() for device in devices.all.values())
    hosts = planned.plan["hosts"]
    assert sorted(hosts) == ["hmp-a", "kraken-a", "kraken-b"] and planned.plan["something_to_do"] is True
    for host in hosts.values():
        assert re.match("^[0-9a-f]{64}$", host["plan_digest"]) and host["plan"] and host["error"] is None
    assert hosts["kraken-a"]["plan_digest"] == hosts["kraken-b"]["plan_digest"]  # equal line-ups on equal devices
    for name in hosts:
        assert "## %s (" % name in planned.page
    assert "| 1 | `POST /apis/kraken/inputs` | inputs `cam` | create |" in planned.page
    assert "| srt_passphrase |  | `******** (changed)` |" in planned.page
    assert_no_secret(planned.output, planned.page, read(plan_dir / "plan.json"))

    # The review approves the Krakens only: hmp-a, not in the reviewed file, is not touched (not even read).
    reviewed = dict(planned.plan, hosts=dict((k, v) for k, v in hosts.items() if k != "hmp-a"))
    (plan_dir / "plan.json").write_text(json.dumps(reviewed))
    devices.clear_logs()
    applied = apply(inventory, plan_dir / "plan.json", "-vvv")
    assert applied.rc == 0, applied.output
    assert devices.hmp.requests() == [] and applied.report["untouched"] == ["hmp-a"]
    for name in ("kraken-a", "kraken-b"):
        assert applied.report["hosts"][name]["status"] == "applied"
        assert_sent_as_planned(hosts[name]["plan"], devices.krakens[name])
    assert_no_secret(applied.output, read(plan_dir / "apply.json"))

    # Plan again: only hmp-a has something to do; apply; plan: every device converged, exit 0.
    replanned = plan(inventory, plan_dir)
    assert replanned.rc == 2 and [k for k, v in replanned.plan["hosts"].items() if v["plan"]] == ["hmp-a"]
    devices.clear_logs()
    assert apply(inventory, plan_dir / "plan.json").rc == 0
    assert_sent_as_planned(replanned.plan["hosts"]["hmp-a"]["plan"], devices.hmp)
    assert all(not devices.krakens[name].writes() for name in devices.krakens)
    converged = plan(inventory, plan_dir)
    assert converged.rc == 0, converged.output
    assert all(host["plan"] == [] and host["plan_digest"] is None for host in converged.plan["hosts"].values())
    assert "Nothing to do." in converged.page

    # A change in git (studio-out's TTL), planned and reviewed; then cloud-out drifts on kraken-a behind Ansible's back.
    changed = devices.inventory(tmp_path / "hosts.yml", ttl=32)
    # An AWX workflow's plan job exits 2 on errors only.
    assert plan(changed, tmp_path / "awx", "-e", "plan_fail_on_writes=false").rc == 0
    review = plan(changed, plan_dir)
    assert review.rc == 2
    assert [(w["method"], w["name"]) for w in review.plan["hosts"]["kraken-a"]["plan"]] == [("PUT", "studio-out")]
    cloud = next(u for u, o in devices.krakens["kraken-a"].state()["outputs"].items() if o["name"] == "cloud-out")
    devices.krakens["kraken-a"].admin("POST", "kraken/edit", {"kind": "outputs", "uuid": cloud, "fields": {"ttl": 3}})
    # --check only verifies: kraken-a no longer matches its review, nothing is written anywhere.
    devices.clear_logs()
    verified = apply(changed, plan_dir / "plan.json", "--check")
    assert verified.rc == 2 and verified.report["check_mode"] is True
    assert [h["status"] for h in verified.report["hosts"].values()] == ["verified", "changed since review", "verified"]
    assert all(not device.writes() for device in devices.all.values())
    # The apply refuses kraken-a, with zero writes to it, naming the write added since the review, and applies the others.
    refused = apply(changed, plan_dir / "plan.json")
    assert refused.rc == 2, refused.output
    report = refused.report["hosts"]
    assert (report["kraken-a"]["status"], report["kraken-b"]["status"], report["hmp-a"]["status"]) == (
        "changed since review", "applied", "applied")
    assert devices.krakens["kraken-a"].writes() == []
    assert [w["name"] for w in report["kraken-a"]["differences"]["added"]] == ["cloud-out"]
    assert re.search(r"added +PUT /apis/kraken/outputs/output-%s \(outputs cloud-out, update\)" % cloud, refused.output)
    assert_sent_as_planned(review.plan["hosts"]["kraken-b"]["plan"], devices.krakens["kraken-b"])
    assert devices.hmp.writes() == []

    # Plan again (the drift shows), review, apply: every device converged.
    again = plan(changed, plan_dir)
    assert again.rc == 2 and sorted(w["name"] for w in again.plan["hosts"]["kraken-a"]["plan"]) == ["cloud-out", "studio-out"]
    devices.clear_logs()
    final = apply(changed, plan_dir / "plan.json")
    assert final.rc == 0, final.output
    assert_sent_as_planned(again.plan["hosts"]["kraken-a"]["plan"], devices.krakens["kraken-a"])
    done = plan(changed, plan_dir)
    assert done.rc == 0 and all(host["plan_digest"] is None for host in done.plan["hosts"].values())


def test_apply_needs_a_plan_file_and_reads_no_device_without_it(devices, tmp_path):
    inventory = devices.inventory(tmp_path / "hosts.yml")
    devices.clear_logs()
    run = playbook("apply.yml", inventory)
    assert run.rc == 2 and "set plan_file (-e plan_file=PATH)" in run.output
    assert all(device.requests() == [] for device in devices.all.values())
