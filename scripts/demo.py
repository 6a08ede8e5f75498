# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make demo`: start the simulators, run the demo playbooks, stop the simulators.

Each step prints the real ansible-playbook output; the script checks the
promises the demo makes (first run changed, second run all ok, no [WARNING]
or [DEPRECATION WARNING] but those the machine causes, see
tests/ansible_warnings.py) and exits non-zero if one is broken.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, ROOT)
from tests.ansible_warnings import unexpected_warnings  # noqa: E402 (needs ROOT on the path)

SIM_DIR = os.path.join(ROOT, ".sim")
BIN = os.path.join(ROOT, ".venv", "bin")
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def banner(text):
    print("\n" + "=" * 78 + "\n== " + text + "\n" + "=" * 78, flush=True)


def sim(action):
    subprocess.run([os.path.join(ROOT, "scripts", "sim.sh"), action, SIM_DIR], cwd=ROOT, check=True)


def write_vars():
    with open(os.path.join(SIM_DIR, "sim.json")) as handle:
        info = json.load(handle)
    kraken, hmp = info["kraken"][0], info["hmp"]
    variables = {"sim_ca_path": info["ca_path"], "kraken_url": kraken["url"],
                 "kraken_consumer_key": kraken["consumer_key"], "kraken_consumer_secret": kraken["consumer_secret"],
                 "hmp_url": hmp["url"], "hmp_username": hmp["username"], "hmp_password": hmp["password"]}
    path = os.path.join(SIM_DIR, "demo-vars.json")
    with open(path, "w") as handle:
        json.dump(variables, handle)
    return path


def playbook(name, vars_path, *args):
    """Run one playbook (a path from the checkout's root), echo its output, return the PLAY RECAP counts summed over hosts."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".tmp", "collections"),
               ANSIBLE_PYTHON_INTERPRETER=os.path.join(BIN, "python"), ANSIBLE_RETRY_FILES_ENABLED="0",
               ANSIBLE_FORCE_COLOR=os.environ.get("ANSIBLE_FORCE_COLOR", "0"), ANSIBLE_DEPRECATION_WARNINGS="1",
               ANSIBLE_SYSTEM_WARNINGS="1")
    command = [os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
               os.path.join(ROOT, name), "-e", "@" + vars_path] + list(args)
    completed = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    output = completed.stdout.decode("utf-8", "replace")
    print(output, flush=True)
    totals = {"ok": 0, "changed": 0, "failed": 0, "rc": completed.returncode, "warnings": unexpected_warnings(output)}
    for _host, ok, changed, _unreachable, failed in RECAP.findall(output):
        totals["ok"] += int(ok)
        totals["changed"] += int(changed)
        totals["failed"] += int(failed)
    return totals


def main():
    banner("Starting the bundled Kraken and HMP simulators")
    sim("start")
    failures = []
    try:
        vars_path = write_vars()
        for step in demo_steps():
            banner(step["title"])
            totals = playbook(step["playbook"], vars_path, *step.get("args", []))
            problem = step["check"](totals)
            if problem:
                failures.append("%s: %s" % (step["title"], problem))
    finally:
        banner("Stopping the simulators")
        sim("stop")
    if failures:
        print("\nDEMO FAILED:\n  " + "\n  ".join(failures))
        return 1
    print("\nDemo finished: every step did what it promised.")
    return 0


def expect(changed=None, rc=0):
    def check(totals):
        if totals["warnings"]:
            return "ansible printed warnings:\n    " + "\n    ".join(totals["warnings"])
        if totals["rc"] != rc:
            return "ansible-playbook exited %s (expected %s)" % (totals["rc"], rc)
        if changed == "some" and totals["changed"] == 0:
            return "expected changes, got none"
        if changed == "none" and totals["changed"] != 0:
            return "expected all ok, got changed=%d" % totals["changed"]
        return None
    return check


def demo_steps():
    steps = [
        {"title": "Kraken line-up, first run: everything is created (changed)", "playbook": "demo/kraken.yml",
         "check": expect(changed="some")},
        {"title": "Kraken line-up, second run: nothing to do (all ok)", "playbook": "demo/kraken.yml",
         "check": expect(changed="none")},
        {"title": "HMP line-up, first run: sources, session, categories, shares created (changed)",
         "playbook": "demo/hmp.yml", "check": expect(changed="some")},
        {"title": "HMP line-up, second run: nothing to do (all ok)", "playbook": "demo/hmp.yml",
         "check": expect(changed="none")},
        {"title": "Show what both devices hold", "playbook": "demo/info.yml", "check": expect(changed="none")},
    ]

    # Drift round trip: playbooks/enforce.yml on the example inventory (playbooks/inventory), limited to
    # the devices the demo builds and pointed at the simulators by extra vars, which win over the
    # inventory's URLs and credentials. The HMP platform joins when the demo builds its line-up.
    devices = ["kraken-studio-a"] + (["hmp-main"] if any(s["playbook"] == "demo/hmp.yml" for s in steps) else [])
    report_dir = os.path.join(SIM_DIR, "drift")
    enforce_vars = {"haivision_ca_path": "{{ sim_ca_path }}", "enforce_report_dir": report_dir, "fail_on_drift": True,
                    "vault_field_srt_passphrase": "demo-srt-passphrase-2026",
                    "vault_remote_guest_passphrase": "demo-srt-passphrase-01"}
    enforce = ["-i", os.path.join(ROOT, "playbooks", "inventory"), "--limit", ",".join(devices),
               "-e", json.dumps(enforce_vars)]
    ttl_drift = [{"device": "kraken-studio-a", "module": "haivision.media.kraken_output", "resource": "studio-out",
                  "action": "update", "fields": ["ttl"], "before": {"ttl": 64}, "after": {"ttl": 16}}]

    def report_shows(changes, **expected):
        """The run's totals as expected, and drift-report.json lists exactly ``changes``."""
        def check(totals):
            problem = expect(**expected)(totals)
            if problem:
                return problem
            with open(os.path.join(report_dir, "drift-report.json")) as handle:
                found = [dict((k, c[k]) for k in ("device", "module", "resource", "action", "fields", "before", "after"))
                         for c in json.load(handle)["changes"]]
            return None if found == changes else "drift report lists %s, expected %s" % (found, changes)
        return check

    steps += [
        {"title": "Drift: studio-out's TTL changed behind Ansible's back (simulator admin)", "playbook": "demo/drift.yml",
         "check": expect(changed="none")},
        {"title": "Enforcement, report mode: the drift is found (check mode, nothing written, exit 2)",
         "playbook": "playbooks/enforce.yml", "args": enforce + ["-e", "enforce_mode=report"],
         "check": report_shows(ttl_drift, changed="some", rc=2)},
        {"title": "Enforcement, enforce mode: the drift is corrected", "playbook": "playbooks/enforce.yml",
         "args": enforce + ["-e", "enforce_mode=enforce"], "check": report_shows(ttl_drift, changed="some")},
        {"title": "Enforcement, report mode again: every device matches its line-up", "playbook": "playbooks/enforce.yml",
         "args": enforce + ["-e", "enforce_mode=report"], "check": report_shows([], changed="none")},
    ]

    # Export (playbooks/export.yml): the demo's devices as the host_vars files enforce.yml reads, into
    # .sim/export; a second export gives the same files (all ok).
    export_dir = os.path.join(SIM_DIR, "export")
    exported = [os.path.join(export_dir, "host_vars", "%s.yml" % device) for device in devices]
    export = ["-i", os.path.join(ROOT, "playbooks", "inventory"), "--limit", ",".join(devices),
              "-e", json.dumps({"haivision_ca_path": "{{ sim_ca_path }}", "export_dir": export_dir,
                                "export_overwrite": True})]
    for path in exported:
        if os.path.exists(path):
            os.remove(path)

    def show_export(totals):
        problem = expect(changed="none")(totals)
        if problem:
            return problem
        for path in exported:
            banner("The exported file: " + os.path.relpath(path, ROOT))
            with open(path) as handle:
                print(handle.read(), flush=True)
        return None

    steps += [
        {"title": "Export, first run: %s as host_vars files (changed: the files are written)" % " and ".join(devices),
         "playbook": "playbooks/export.yml", "args": export, "check": expect(changed="some")},
        {"title": "Export, second run: the same devices give the same files (all ok)", "playbook": "playbooks/export.yml",
         "args": export, "check": show_export},
    ]
    return steps + change_control_steps(devices, enforce_vars)


def change_control_steps(devices, enforce_vars):
    """Plan (playbooks/plan.yml) a small change as a merge request would carry it, show the page for review, apply
    exactly the reviewed plan (playbooks/apply.yml), plan again: nothing left to do."""
    change_dir = os.path.join(SIM_DIR, "change")
    inventory = os.path.join(change_dir, "inventory")
    plan_dir = os.path.join(change_dir, "plan")
    if os.path.exists(change_dir):
        shutil.rmtree(change_dir)
    # The merge request: a copy of the example inventory where studio-out's TTL goes from 16 to 32.
    shutil.copytree(os.path.join(ROOT, "playbooks", "inventory"), inventory)
    host_vars = os.path.join(inventory, "host_vars", "kraken-studio-a.yml")
    with open(host_vars) as handle:
        text = handle.read()
    with open(host_vars, "w") as handle:
        handle.write(text.replace("      ttl: 16\n", "      ttl: 32\n", 1))
    variables = dict((k, v) for k, v in enforce_vars.items() if k.startswith("vault_") or k == "haivision_ca_path")
    common = ["-i", inventory, "--limit", ",".join(devices), "-e", json.dumps(dict(variables, plan_dir=plan_dir))]
    plan_file = os.path.join(plan_dir, "plan.json")

    def show_plan(totals):
        problem = expect(changed="some", rc=2)(totals)
        if problem:
            return problem
        with open(plan_file) as handle:
            hosts = json.load(handle)["hosts"]
        writes = dict((host, [(w["method"], w["kind"], w["name"]) for w in entry["plan"]]) for host, entry in hosts.items())
        if writes.get("kraken-studio-a") != [("PUT", "outputs", "studio-out")] or any(
                writes[host] for host in writes if host != "kraken-studio-a"):
            return "the plan holds %s, expected one PUT of studio-out on kraken-studio-a" % writes
        banner("The page for review: " + os.path.relpath(os.path.join(plan_dir, "plan.md"), ROOT))
        with open(os.path.join(plan_dir, "plan.md")) as handle:
            print(handle.read(), flush=True)
        return None

    def applied(totals):
        problem = expect(changed="some")(totals)
        if problem:
            return problem
        with open(os.path.join(plan_dir, "apply.json")) as handle:
            report = json.load(handle)
        return None if report["ok"] else "apply.json says not every reviewed device applied: %s" % report["hosts"]

    return [
        {"title": "Change control, plan: a merge request sets studio-out's TTL to 32 (check mode, exit 2: to review)",
         "playbook": "playbooks/plan.yml", "args": common, "check": show_plan},
        {"title": "Change control, apply: exactly the reviewed plan, its digest pinned", "playbook": "playbooks/apply.yml",
         "args": common + ["-e", "plan_file=" + plan_file], "check": applied},
        {"title": "Change control, plan again: nothing to do (exit 0)", "playbook": "playbooks/plan.yml", "args": common,
         "check": expect(changed="none")},
    ]


if __name__ == "__main__":
    sys.exit(main())
