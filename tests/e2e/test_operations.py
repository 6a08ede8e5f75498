# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Operations: drift enforcement (playbooks/enforce.yml), AWX through ansible-runner, the
execution environment definition, and the modules' documentation.

Everything runs as real processes: the simulators, ansible-playbook, ansible-runner,
ansible-doc and ansible-builder.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ast
import glob
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.e2e.conftest import assert_no_warnings, collections_path
from tests.simulator.control import ROOT, SimDevice, start_simulators, stop_simulators

BIN = os.path.dirname(sys.executable)
PLAYBOOKS = os.path.join(ROOT, "playbooks")
EXAMPLE = os.path.join(PLAYBOOKS, "inventory")
SECRETS = {"vault_field_srt_passphrase": "demo-srt-passphrase-2026", "vault_remote_guest_passphrase": "demo-srt-passphrase-01"}
CONNECTION_OPTIONS = {"kraken_url", "kraken_consumer_key", "kraken_consumer_secret", "hmp_url", "hmp_username",
                      "hmp_password", "validate_certs", "ca_path", "timeout"}
MODULES = sorted(os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(ROOT, "plugins", "modules", "*.py"))
                 if not os.path.basename(p).startswith("_"))
FILTERS = sorted(os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(ROOT, "plugins", "filter", "*.py")))


def example_vars(host):
    with open(os.path.join(EXAMPLE, "host_vars", host + ".yml")) as handle:
        return yaml.safe_load(handle)


def ansible_env(**extra):
    env = dict(os.environ)
    env.update({"ANSIBLE_COLLECTIONS_PATH": collections_path(), "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0",
                "ANSIBLE_RETRY_FILES_ENABLED": "0", "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
                "ANSIBLE_DEPRECATION_WARNINGS": "1", "ANSIBLE_SYSTEM_WARNINGS": "1",
                "PATH": BIN + os.pathsep + env.get("PATH", "")})
    env.update(extra)
    return env


class Fleet:
    """Simulators with several Kraken devices, and inventories pointing at them."""

    def __init__(self, info):
        self.info = info
        self.ca_path = info["ca_path"]
        self.krakens = [SimDevice(k["url"], self.ca_path) for k in info["kraken"]]
        self.hmp = SimDevice(info["hmp"]["url"], self.ca_path)

    def reset(self):
        for device in self.krakens + [self.hmp]:
            device.reset()

    def inventory(self, path, krakens=1, hmp=False, kraken_lineup=None, secrets=None):
        """An inventory like playbooks/inventory: kraken-a, kraken-b, ... on the simulated devices."""
        lineup = kraken_lineup or example_vars("kraken-studio-a")["kraken_lineup"]
        kraken_hosts = {}
        for index, info in enumerate(self.info["kraken"][:krakens]):
            kraken_hosts["kraken-" + "abcdefgh"[index]] = {"kraken_url": info["url"], "kraken_lineup": lineup}
        groups = {"kraken": {"vars": {"kraken_consumer_key": self.info["kraken"][0]["consumer_key"],
                                      "kraken_consumer_secret": self.info["kraken"][0]["consumer_secret"]},
                             "hosts": kraken_hosts}}
        # enforce.yml runs on kraken:hmp; like the example inventory, define both groups (an empty one
        # where there is no such device), or ansible-core warns that the pattern matched nothing.
        groups["hmp"] = {}
        if hmp:
            groups["hmp"] = {"hosts": {"hmp-main": {
                "hmp_url": self.info["hmp"]["url"], "hmp_username": self.info["hmp"]["username"],
                "hmp_password": self.info["hmp"]["password"], "hmp_lineup": example_vars("hmp-main")["hmp_lineup"]}}}
        variables = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                     "haivision_ca_path": self.ca_path}
        variables.update(SECRETS if secrets is None else secrets)
        path.write_text(yaml.safe_dump({"all": {"vars": variables, "children": groups}}, sort_keys=False))
        return str(path)


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    """Its own simulators: three Kraken devices and one HMP (the session's `sims` has one Kraken)."""
    state_dir = str(tmp_path_factory.mktemp("fleet-sim"))
    process, info = start_simulators(state_dir, kraken_devices=3)
    try:
        yield Fleet(info)
    finally:
        stop_simulators(process)


class EnforceRun:
    def __init__(self, completed, report_dir):
        self.rc = completed.returncode
        self.output = completed.stdout.decode("utf-8", "replace")
        path = os.path.join(report_dir, "drift-report.json")
        self.report = None
        self.summary = None
        if os.path.exists(path):
            with open(path) as handle:
                self.report = json.load(handle)
            with open(os.path.join(report_dir, "drift-summary.txt")) as handle:
                self.summary = handle.read()

    def changes(self, *keys):
        keys = keys or ("device", "module", "resource", "action", "fields", "before", "after")
        return [dict((k, c.get(k)) for k in keys) for c in self.report["changes"]]

    def statuses(self):
        return dict((d["device"], d["status"]) for d in self.report["devices"])


def enforce(inventory, report_dir, mode="report", *args):
    """Run playbooks/enforce.yml with ansible-playbook; the report is read back from report_dir."""
    shutil.rmtree(str(report_dir), ignore_errors=True)
    command = [os.path.join(BIN, "ansible-playbook"), "-i", inventory, os.path.join(PLAYBOOKS, "enforce.yml"),
               "-e", "enforce_mode=%s" % mode, "-e", "enforce_report_dir=%s" % report_dir] + list(args)
    completed = subprocess.run(command, cwd=ROOT, env=ansible_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=300, check=False)
    run = EnforceRun(completed, str(report_dir))
    assert_no_warnings(run.output)
    return run


def uuid_of(device, kind, name):
    matches = [uuid for uuid, r in device.state()[kind].items() if r.get("name") == name]
    assert len(matches) == 1, (kind, name, matches)
    return matches[0]


def kraken_edit(device, kind, name, **fields):
    """Change a setting behind Ansible's back, as an operator at the device's web interface would."""
    return device.admin("POST", "kraken/edit", {"kind": kind, "uuid": uuid_of(device, kind, name), "fields": fields})


# -- drift enforcement ------------------------------------------------------------------------------


def test_report_finds_the_drift_enforce_fixes_it_report_is_clean_again(fleet, tmp_path):
    fleet.reset()
    kraken = fleet.krakens[0]
    inventory = fleet.inventory(tmp_path / "hosts.yml")
    reports = tmp_path / "reports"

    built = enforce(inventory, reports, "enforce", "-v")
    assert built.rc == 0, built.output[-3000:]
    assert sorted((c["module"], c["resource"], c["action"]) for c in built.report["changes"]) == [
        ("haivision.media.kraken_input", "field-srt", "create"), ("haivision.media.kraken_input", "studio-cam", "create"),
        ("haivision.media.kraken_output", "cloud-out", "create"), ("haivision.media.kraken_output", "studio-out", "create"),
        ("haivision.media.kraken_stream", "studio", "create"), ("haivision.media.kraken_transcoder", "studio-hd", "create")]
    # The SRT passphrase is in the line-up; it shows masked in the report and nowhere in clear, even with -v.
    field_srt = [c for c in built.report["changes"] if c["resource"] == "field-srt"][0]
    assert field_srt["after"]["srt_passphrase"].startswith("********")
    for text in (built.output, json.dumps(built.report), built.summary):
        assert SECRETS["vault_field_srt_passphrase"] not in text
        assert fleet.info["kraken"][0]["consumer_secret"] not in text

    kraken_edit(kraken, "outputs", "studio-out", ttl=64)
    kraken.clear_log()
    drift = [{"device": "kraken-a", "module": "haivision.media.kraken_output", "resource": "studio-out", "action": "update",
              "fields": ["ttl"], "before": {"ttl": 64}, "after": {"ttl": 16}}]

    report = enforce(inventory, reports, "report", "-e", "fail_on_drift=true")
    assert report.rc == 2, report.output[-3000:]
    assert "1 device(s) drifted" in report.output
    assert report.report["mode"] == "report" and report.report["drift_found"] is True
    assert report.changes() == drift
    assert report.statuses() == {"kraken-a": "drift"}
    assert "kraken-a  haivision.media.kraken_output  studio-out  update  ttl: 64 -> 16" in report.summary
    assert kraken.writes() == []
    assert kraken.state()["outputs"][uuid_of(kraken, "outputs", "studio-out")]["ttl"] == 64

    fixed = enforce(inventory, reports, "enforce")
    assert fixed.rc == 0, fixed.output[-3000:]
    assert fixed.report["mode"] == "enforce"
    assert fixed.changes() == drift
    assert fixed.statuses() == {"kraken-a": "corrected"}
    writes = kraken.writes()
    assert [(w["method"], w["path"]) for w in writes] == [("PUT", "/apis/kraken/outputs/output-" + uuid_of(kraken, "outputs", "studio-out"))]
    assert kraken.state()["outputs"][uuid_of(kraken, "outputs", "studio-out")]["ttl"] == 16

    kraken.clear_log()
    clean = enforce(inventory, reports, "report", "-e", "fail_on_drift=true")
    assert clean.rc == 0, clean.output[-3000:]
    assert clean.report["drift_found"] is False and clean.changes() == []
    assert clean.statuses() == {"kraken-a": "clean"}
    assert "every device matches its desired line-up" in clean.summary
    assert kraken.writes() == []


def test_report_mode_does_not_fail_without_fail_on_drift_and_check_flag_wins(fleet, tmp_path):
    fleet.reset()
    inventory = fleet.inventory(tmp_path / "hosts.yml")
    report = enforce(inventory, tmp_path / "r1", "report")
    assert report.rc == 0, report.output[-3000:]
    assert report.report["drift_found"] is True
    # A stream naming resources that do not exist yet is drift, not an error: the line-up plans it as a
    # create referring to the resources the same run would create first.
    stream = [c for c in report.report["changes"] if c["module"] == "haivision.media.kraken_stream"][0]
    assert stream["action"] == "create" and {"input", "transcoder", "outputs"} <= set(stream["fields"])
    assert report.report["summary"] == {"devices": 1, "devices_with_drift": 1, "resources": 6, "errors": 0}
    assert report.report["errors"] == []
    # --check always means report, even with enforce_mode=enforce.
    checked = enforce(inventory, tmp_path / "r2", "enforce", "--check")
    assert checked.rc == 0, checked.output[-3000:]
    assert checked.report["mode"] == "report"
    assert fleet.krakens[0].writes() == []
    assert fleet.krakens[0].state()["outputs"] == {}


def test_forks_over_several_devices_of_both_products(fleet, tmp_path):
    fleet.reset()
    inventory = fleet.inventory(tmp_path / "hosts.yml", krakens=3, hmp=True)
    reports = tmp_path / "reports"
    built = enforce(inventory, reports, "enforce", "--forks", "5")
    assert built.rc == 0, built.output[-3000:]
    assert built.statuses() == {"kraken-a": "corrected", "kraken-b": "corrected", "kraken-c": "corrected",
                                "hmp-main": "corrected"}
    assert len(built.report["changes"]) == 3 * 6 + 3  # six Kraken resources per device; two sources, one session

    kraken_edit(fleet.krakens[0], "outputs", "cloud-out", url="udp://239.20.0.99:4900")
    kraken_edit(fleet.krakens[2], "transcoders", "studio-hd", videoBitrate=2500)
    source = [i for i, s in fleet.hmp.state()["sources"].items() if s["name"] == "demo-stage-cam"][0]
    fleet.hmp.admin("POST", "hmp/edit", {"kind": "sources", "id": source, "fields": {"port": 4999}})
    for device in fleet.krakens + [fleet.hmp]:
        device.clear_log()

    report = enforce(inventory, reports, "report", "--forks", "5", "-e", "fail_on_drift=true")
    assert report.rc == 2, report.output[-3000:]
    assert report.statuses() == {"kraken-a": "drift", "kraken-b": "clean", "kraken-c": "drift", "hmp-main": "drift"}
    assert sorted(report.changes("device", "module", "resource", "before", "after"), key=lambda c: c["device"]) == [
        {"device": "hmp-main", "module": "haivision.media.hmp_source", "resource": "demo-stage-cam",
         "before": {"port": 4999}, "after": {"port": 4900}},
        {"device": "kraken-a", "module": "haivision.media.kraken_output", "resource": "cloud-out",
         "before": {"url": "udp://239.20.0.99:4900"}, "after": {"url": "udp://239.20.0.2:4900"}},
        {"device": "kraken-c", "module": "haivision.media.kraken_transcoder", "resource": "studio-hd",
         "before": {"video_bitrate": 2500}, "after": {"video_bitrate": 4000}},
    ]
    assert report.report["summary"] == {"devices": 4, "devices_with_drift": 3, "resources": 3, "errors": 0}
    for device in fleet.krakens:
        assert device.writes() == []
    assert fleet.hmp.writes() == []


def test_a_device_that_cannot_be_checked_is_reported_and_fails_the_run(fleet, tmp_path):
    fleet.reset()
    path = tmp_path / "hosts.yml"
    fleet.inventory(path, krakens=3)
    inventory = yaml.safe_load(path.read_text())
    hosts = inventory["all"]["children"]["kraken"]["hosts"]
    hosts["kraken-b"]["kraken_consumer_secret"] = "not-the-secret-0123"
    hosts["kraken-c"]["kraken_lineup"] = {"outputs": [{"name": "typo-out", "url": "udp://239.1.1.1:4900", "tll": 16}]}
    path.write_text(yaml.safe_dump(inventory))
    run = enforce(str(path), tmp_path / "reports", "enforce")
    assert run.rc == 2, run.output[-3000:]
    assert run.statuses() == {"kraken-a": "corrected", "kraken-b": "error", "kraken-c": "error"}
    errors = dict((e["device"], e["error"]) for e in run.report["errors"])
    assert "HTTP 401" in errors["kraken-b"]
    # ansible-core's validation of the items, before any request: the key is named as unsupported, with its kind.
    assert "Unsupported parameters" in errors["kraken-c"] and "outputs.tll" in errors["kraken-c"]
    assert "2 device(s) could not be checked" in run.output
    assert "not-the-secret-0123" not in run.output + json.dumps(run.report)
    assert fleet.krakens[1].writes() == [] and fleet.krakens[2].requests() == []


def test_a_bad_line_up_is_that_device_s_error_before_any_request_and_the_others_still_run(fleet, tmp_path):
    """Unknown keys fail that device before any request: in an item (its kind and key named) and at the top."""
    fleet.reset()
    path = tmp_path / "hosts.yml"
    fleet.inventory(path, krakens=2, hmp=True)
    inventory = yaml.safe_load(path.read_text())
    children = inventory["all"]["children"]
    hmp = children["hmp"]["hosts"]["hmp-main"]
    hmp["hmp_lineup"]["sessions"][0]["activ"] = True
    children["kraken"]["hosts"]["kraken-b"]["kraken_lineup"] = {"stream": [{"name": "studio"}]}
    path.write_text(yaml.safe_dump(inventory))
    for device in fleet.krakens + [fleet.hmp]:
        device.clear_log()

    run = enforce(str(path), tmp_path / "reports", "report")
    assert run.rc == 2, run.output[-3000:]
    assert run.statuses() == {"kraken-a": "drift", "kraken-b": "error", "hmp-main": "error"}
    assert len(run.report["changes"]) == 6 and set(c["device"] for c in run.report["changes"]) == {"kraken-a"}
    errors = dict((e["device"], e["error"]) for e in run.report["errors"])
    assert "Unsupported parameters" in errors["hmp-main"] and "sessions.activ" in errors["hmp-main"]
    assert "kraken_lineup of kraken-b has keys that haivision.media.kraken_lineup does not take: stream" in errors["kraken-b"]
    assert "2 device(s) could not be checked" in run.output
    assert fleet.hmp.requests() == [] and fleet.krakens[1].requests() == []
    assert fleet.krakens[0].requests() != [] and fleet.krakens[0].writes() == []
    for text in (run.output, json.dumps(run.report), run.summary):
        assert SECRETS["vault_remote_guest_passphrase"] not in text and fleet.info["hmp"]["password"] not in text


def test_a_line_up_refused_part_way_reports_what_it_applied_and_what_it_did_not(fleet, tmp_path):
    fleet.reset()
    kraken = fleet.krakens[0]
    inventory = fleet.inventory(tmp_path / "hosts.yml")
    kraken.fault(kind="status", status=400, count=10, method="POST", path="/apis/kraken/outputs")
    run = enforce(inventory, tmp_path / "reports", "enforce")
    assert run.rc == 2, run.output[-3000:]
    assert run.statuses() == {"kraken-a": "error"}
    error = run.report["errors"][0]["error"]
    assert "Applied: inputs studio-cam, inputs field-srt." in error and "outputs studio-out" in error
    # Every planned change is listed, the ones not written marked so; the figures count them all.
    assert [(c["module"], c["resource"], c["action"], c.get("note")) for c in run.report["changes"]] == [
        ("haivision.media.kraken_input", "studio-cam", "create", None),
        ("haivision.media.kraken_input", "field-srt", "create", None),
        ("haivision.media.kraken_transcoder", "studio-hd", "create", "not applied: the line-up stopped at its error"),
        ("haivision.media.kraken_output", "studio-out", "create", "not applied: the line-up stopped at its error"),
        ("haivision.media.kraken_output", "cloud-out", "create", "not applied: the line-up stopped at its error"),
        ("haivision.media.kraken_stream", "studio", "create", "not applied: the line-up stopped at its error")]
    assert run.report["summary"] == {"devices": 1, "devices_with_drift": 1, "resources": 6, "errors": 1}
    assert "kraken-a  haivision.media.kraken_output  cloud-out  create  name, url  (not applied: the line-up stopped at its error)" \
        in run.summary
    assert sorted(r["name"] for r in kraken.state()["inputs"].values()) == ["field-srt", "studio-cam"]
    assert kraken.state()["outputs"] == {} and kraken.state()["streams"] == {}
    assert SECRETS["vault_field_srt_passphrase"] not in run.output + json.dumps(run.report) + run.summary

# -- AWX: the demo through ansible-runner -----------------------------------------------------------


def runner(private_data_dir, playbook, ident, *args):
    command = [os.path.join(BIN, "ansible-runner"), "run", str(private_data_dir), "-p", playbook, "--ident", ident] + list(args)
    completed = subprocess.run(command, env=ansible_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300,
                               check=False)
    assert_no_warnings(completed.stdout.decode("utf-8", "replace"))
    artifacts = private_data_dir / "artifacts" / ident
    events = []
    for name in sorted(os.listdir(str(artifacts / "job_events")), key=lambda n: int(n.split("-")[0])):
        with open(str(artifacts / "job_events" / name)) as handle:
            events.append(json.load(handle))
    return completed, (artifacts / "status").read_text().strip(), events


def test_demo_and_enforcement_through_ansible_runner(clean, tmp_path):
    """An AWX job in miniature: a private data dir with the project, inventory and extra vars."""
    private = tmp_path / "private"
    shutil.copytree(PLAYBOOKS, str(private / "project"), ignore=shutil.ignore_patterns("inventory"))
    shutil.copy(os.path.join(ROOT, "demo", "kraken.yml"), str(private / "project" / "demo_kraken.yml"))
    shutil.copytree(EXAMPLE, str(private / "inventory"))
    (private / "inventory" / "controller.yml").write_text(yaml.safe_dump({"all": {"hosts": {"localhost": {}}}}))
    (private / "env").mkdir()
    extravars = clean.extra_vars()
    extravars.update(SECRETS, haivision_ca_path="{{ sim_ca_path }}", enforce_report_dir=str(tmp_path / "reports"),
                     fail_on_drift=True)
    (private / "env" / "extravars").write_text(yaml.safe_dump(extravars))
    (private / "env" / "envvars").write_text(yaml.safe_dump({"ANSIBLE_COLLECTIONS_PATH": collections_path(),
                                                             "ANSIBLE_PYTHON_INTERPRETER": sys.executable}))

    completed, status, events = runner(private, "demo_kraken.yml", "demo")
    assert completed.returncode == 0 and status == "successful", completed.stdout.decode()[-3000:]
    changed = [e["event_data"]["resolved_action"] for e in events
               if e["event"] == "runner_on_ok" and e["event_data"]["res"].get("changed")]
    assert "haivision.media.kraken_stream" in changed and "haivision.media.kraken_input" in changed
    assert clean.kraken.state()["streams"], "the demo built no stream"

    # The scheduled job: enforcement over the example inventory, limited to the device the demo built
    # (extra vars point it at the simulator). It finds nothing to do and says so in its artifacts.
    completed, status, events = runner(private, "enforce.yml", "enforce", "--limit", "kraken-studio-a")
    assert completed.returncode == 0 and status == "successful", completed.stdout.decode()[-3000:]
    tasks = [e["event_data"]["task"] for e in events if e["event"] == "playbook_on_task_start"]
    for expected in ("Converge the Kraken line-up", "Merge the devices' reports", "Publish the report to AWX / ansible-runner"):
        assert expected in tasks
    assert [e["event_data"]["resolved_action"] for e in events if e["event"] == "runner_on_ok"
            and e["event_data"]["task"] == "Converge the Kraken line-up"] == ["haivision.media.kraken_lineup"]
    stats = [e for e in events if e["event"] == "playbook_on_stats"][0]["event_data"]
    drift = stats["artifact_data"]["haivision_drift"]
    assert drift["drift_found"] is False and drift["summary"]["devices"] == 1 and drift["devices"][0]["status"] == "clean"
    assert stats["changed"] == {}
    for text in (completed.stdout.decode(), json.dumps(events)):
        assert SECRETS["vault_field_srt_passphrase"] not in text

    # Drift behind Ansible's back: the scheduled job fails (fail_on_drift) and its artifacts say why.
    kraken_edit(clean.kraken, "outputs", "studio-out", ttl=64)
    completed, status, events = runner(private, "enforce.yml", "drift", "--limit", "kraken-studio-a")
    assert status == "failed", completed.stdout.decode()[-3000:]
    drift = [e for e in events if e["event"] == "playbook_on_stats"][0]["event_data"]["artifact_data"]["haivision_drift"]
    assert [(c["resource"], c["before"], c["after"]) for c in drift["changes"]] == [("studio-out", {"ttl": 64}, {"ttl": 16})]


# -- execution environment --------------------------------------------------------------------------


def test_execution_environment_renders_a_build_context(tmp_path):
    """ansible-builder create renders the Containerfile and its build files (no image is built)."""
    with open(os.path.join(ROOT, "execution-environment.yml")) as handle:
        definition = yaml.safe_load(handle)
    assert definition["version"] == 3
    with open(os.path.join(ROOT, "meta", "execution-environment.yml")) as handle:
        meta = yaml.safe_load(handle)
    for kind in ("python", "system"):
        assert os.path.exists(os.path.join(ROOT, meta["dependencies"][kind]))

    # What `make ee-context` does: the collection tarball beside a copy of the definition, then create.
    built = tmp_path / "ee" / "collections"
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--force", "--output-path", str(built), ROOT],
                   check=True, stdout=subprocess.PIPE, env=ansible_env())
    tarballs = glob.glob(str(built / "haivision-media-*.tar.gz"))
    assert len(tarballs) == 1
    os.rename(tarballs[0], str(built / "haivision-media.tar.gz"))
    shutil.copy(os.path.join(ROOT, "execution-environment.yml"), str(tmp_path / "ee"))
    context = tmp_path / "context"
    completed = subprocess.run([os.path.join(BIN, "ansible-builder"), "create", "-f", str(tmp_path / "ee" / "execution-environment.yml"),
                                "-c", str(context), "--output-filename", "Containerfile", "-v", "3"], env=ansible_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    assert completed.returncode == 0, completed.stdout.decode()
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-galaxy collection install" in containerfile
    assert "introspect" in containerfile  # the collection's meta/execution-environment.yml is read at build time
    # The newest supported core, on a Python it runs on (2.20 and later need 3.12).
    assert 'ANSIBLE_INSTALL_REFS="ansible-core>=2.21,<2.22 ansible-runner>=2.4"' in containerfile
    assert 'ARG PYCMD="/usr/bin/python3.12"' in containerfile and 'ARG PYPKG="python3.12"' in containerfile
    requirements = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    assert [c["name"] for c in requirements["collections"]] == ["/build/collections/haivision-media.tar.gz"]
    assert os.path.exists(str(context / "_build" / "collections" / "haivision-media.tar.gz"))


# -- documentation ----------------------------------------------------------------------------------


def module_docs(name):
    with open(os.path.join(ROOT, "plugins", "modules", name + ".py")) as handle:
        tree = ast.parse(handle.read())
    docs = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("DOCUMENTATION", "EXAMPLES", "RETURN"):
                docs[node.targets[0].id] = yaml.safe_load(node.value.value)
    return docs


def plain(text):
    """Text without the doc markup (``O(x)``, ``C(x)``...), quotes and line breaks, as ansible-doc renders it."""
    text = re.sub(r"\b[A-Z]\(([^)]*)\)", r"\1", text)
    return " ".join(re.sub(r"[`'\"]", "", text).split())


@pytest.mark.parametrize("module", MODULES)
def test_ansible_doc_renders_every_module(module):
    completed = subprocess.run([os.path.join(BIN, "ansible-doc"), "haivision.media." + module], env=ansible_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120, check=False)
    text = completed.stdout.decode("utf-8", "replace")
    assert completed.returncode == 0, text
    assert "[WARNING]" not in text and "[ERROR]" not in text, text
    docs = module_docs(module)
    documentation = docs["DOCUMENTATION"]
    description = documentation["description"]
    description = description[0] if isinstance(description, list) else description
    assert plain(description)[:60] in plain(text)
    for option in documentation.get("options") or {}:
        assert re.search(r"^\s*[-=]?\s*%s\s" % re.escape(option), text, re.M), option
    assert "EXAMPLES:" in text and docs["EXAMPLES"][0]["name"] in text
    assert "RETURN VALUES:" in text
    for key in docs["RETURN"] or {}:
        assert "- %s " % key in text or "- %s\n" % key in text, key


def readme_anchors():
    """The anchors GitHub gives the README's headings."""
    with open(os.path.join(ROOT, "README.md")) as handle:
        headings = re.findall(r"^#+ (.+)$", handle.read(), re.M)
    return set(re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings)


@pytest.mark.parametrize("module", MODULES)
def test_see_also_links_are_real_pages_of_the_collection(module):
    with open(os.path.join(ROOT, "galaxy.yml")) as handle:
        documentation = yaml.safe_load(handle)["documentation"]
    entries = module_docs(module)["DOCUMENTATION"].get("seealso") or []
    assert [e for e in entries if "ref" in e] == []
    links = [e["link"] for e in entries if "link" in e]
    for link in links:
        page, dummy, anchor = link.partition("#")
        assert page == documentation and anchor in readme_anchors(), link
    completed = subprocess.run([os.path.join(BIN, "ansible-doc"), "haivision.media." + module], env=ansible_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120, check=True)
    text = completed.stdout.decode("utf-8", "replace")
    assert "docs.ansible.com" not in text
    # ansible-core 2.16 wraps a long URL at its dashes over several lines: compare without the white space.
    unwrapped = "".join(text.split())
    assert all(link in unwrapped for link in links), text


@pytest.mark.parametrize("name", FILTERS)
def test_ansible_doc_renders_the_filters(name):
    completed = subprocess.run([os.path.join(BIN, "ansible-doc"), "-t", "filter", "haivision.media." + name],
                               env=ansible_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120, check=False)
    text = completed.stdout.decode("utf-8", "replace")
    assert completed.returncode == 0 and "EXAMPLES:" in text and "RETURN VALUES:" in text, text


# The options a line-up task does not read from the line-up variable alone: the reviewed digest that
# apply.yml pins, and the inventory-wide limit of deletes for a line-up that sets none.
RUN_OPTIONS = {"expect_plan_digest": "{{ enforce_expect_plan_digest | default(omit) }}"}
DEFAULTED = {"max_deletes": "{{ %s.max_deletes | default(haivision_max_deletes | default(omit)) }}"}


def test_enforce_passes_every_option_of_the_line_ups_it_uses():
    """One line-up task per product, fed its inventory variable as it is: each option of the line-up module
    (and nothing else) is read from the variable's key of the same name (but the digest apply.yml pins), the
    keys the variable may have are those options, and no task decides failure on its own (no failed_when in
    playbooks/)."""
    modules = {}
    for path in glob.glob(os.path.join(PLAYBOOKS, "tasks", "enforce_*.yml")):
        with open(path) as handle:
            tasks = yaml.safe_load(handle)
        allowed = tasks[0]["vars"]["enforce_lineup_keys"]
        lineups = [t for t in tasks[1:] if any(k.startswith("haivision.media.") for k in t)]
        assert len(lineups) == 1 and len(tasks) == 2, path
        module = [k for k in lineups[0] if k.startswith("haivision.media.")][0]
        variable = module.split(".")[-1]
        for option, value in lineups[0][module].items():
            if option in RUN_OPTIONS:
                expected = RUN_OPTIONS[option]
            elif option in DEFAULTED:
                expected = DEFAULTED[option] % variable
            else:
                expected = "{{ %s.%s | default(omit) }}" % (variable, option)
            assert value == expected, (module, option)
        modules[module] = (set(lineups[0][module]), set(allowed) | set(RUN_OPTIONS))
    assert sorted(modules) == ["haivision.media.hmp_lineup", "haivision.media.kraken_lineup"]
    completed = subprocess.run([os.path.join(BIN, "ansible-doc"), "--json"] + sorted(modules), env=ansible_env(),
                               stdout=subprocess.PIPE, check=True)
    documented = json.loads(completed.stdout.decode())
    assert sorted(documented) == sorted(modules)
    for module, (given, allowed) in modules.items():
        options = set(documented[module]["doc"]["options"]) - CONNECTION_OPTIONS
        assert given == options, (module, sorted(options ^ given))
        assert allowed == options, (module, sorted(options ^ allowed))
    for path in glob.glob(os.path.join(PLAYBOOKS, "**", "*.yml"), recursive=True):
        with open(path) as handle:
            assert "failed_when" not in handle.read(), path


def test_changelog_release_lists_every_module(tmp_path):
    """The README's release step, `make release-notes`, on a copy of the checkout: it works without the
    venv on PATH (the Makefile puts it there for ansible-doc), and the config and fragments are valid."""
    tree = tmp_path / "media"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, stdout=subprocess.PIPE,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if os.path.isfile(os.path.join(ROOT, name)):
            os.makedirs(str((tree / name).parent), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, name), str(tree / name))
    venv = os.path.dirname(BIN)
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if os.path.abspath(p or ".") != BIN)
    for name in ("ANSIBLE_COLLECTIONS_PATH", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(name, None)
    # VENV: this test's venv (the shared .venv or a make test-core one); -o: never rebuild it from the copy.
    completed = subprocess.run(["make", "--no-print-directory", "-o", os.path.join(venv, ".installed"), "release-notes",
                                "VENV=" + venv, "VERSION=0.1.0", "DATE=2026-01-01"],
                               cwd=str(tree), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    assert completed.returncode == 0, completed.stdout.decode()
    changelog = (tree / "CHANGELOG.rst").read_text()
    for module in MODULES:
        assert "haivision.media.%s - " % module in changelog, module
    for name in FILTERS:
        assert "haivision.media.%s - " % name in changelog, name
    assert "playbooks/enforce.yml" in changelog
    assert not [f for f in os.listdir(str(tree / "changelogs" / "fragments")) if f.endswith(".yml")]
