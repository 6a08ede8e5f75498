# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Export: kraken_info's ``gather: [lineup]`` and playbooks/export.yml, round-tripped with the line-ups and
playbooks/enforce.yml, all with real ansible-playbook against two simulated Kraken devices."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import sys

import pytest
import yaml

from tests.e2e.export_helpers import BIN, PLAYBOOKS, Run, ansible_env, enforce, export, load_vars, read
from tests.simulator.control import SimDevice, start_simulators, stop_simulators
from tests.simulator.kraken_seed import METADATA, PASSPHRASES, full_device
DUPLICATE_WARNING = r"are named 'twin': exported by name and uuid"
SECRET_VARIABLES = dict(("vault_kraken_a_%s_%s_srt_passphrase" % (kind, name.replace("-", "_")), PASSPHRASES[name])
                        for kind, name in (("inputs", "srt-caller-in"), ("inputs", "srt-listener-in"),
                                           ("inputs", "srt-rendezvous-in"), ("outputs", "srt-listener-out"),
                                           ("outputs", "srt-rendezvous-out")))


class Devices:
    """Two Kraken devices (A and B) and an inventory directory on them, like playbooks/inventory."""

    def __init__(self, info):
        self.info = info
        self.a, self.b = [SimDevice(k["url"], info["ca_path"]) for k in info["kraken"][:2]]

    def reset(self):
        self.a.reset()
        self.b.reset()

    def url(self, host):
        return self.info["kraken"]["ab".index(host[-1])]["url"]

    def inventory(self, directory, hosts=("kraken-a",)):
        """hosts.yml with the given hosts (kraken-a is device A, kraken-b device B) and an empty hmp group."""
        os.makedirs(str(directory), exist_ok=True)
        kraken = self.info["kraken"][0]
        groups = {"kraken": {"vars": {"kraken_consumer_key": kraken["consumer_key"],
                                      "kraken_consumer_secret": kraken["consumer_secret"]},
                             "hosts": dict((host, {"kraken_url": self.url(host)}) for host in hosts)},
                  "hmp": {}}
        variables = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                     "haivision_ca_path": self.info["ca_path"]}
        with open(os.path.join(str(directory), "hosts.yml"), "w") as handle:
            yaml.safe_dump({"all": {"vars": variables, "children": groups}}, handle, sort_keys=False)
        return str(directory)


@pytest.fixture(scope="module")
def devices(tmp_path_factory):
    state_dir = str(tmp_path_factory.mktemp("export-sim"))
    process, info = start_simulators(state_dir, kraken_devices=2)
    try:
        yield Devices(info)
    finally:
        stop_simulators(process)


def assert_no_passphrase(*texts):
    for text in texts:
        for passphrase in PASSPHRASES.values():
            assert passphrase not in text


def info_play(devices, *tasks):
    kraken = devices.info["kraken"][0]
    return [{"name": "export", "hosts": "localhost", "gather_facts": False,
             "module_defaults": {"group/haivision.media.kraken": {
                 "kraken_url": devices.url("kraken-a"), "kraken_consumer_key": kraken["consumer_key"],
                 "kraken_consumer_secret": kraken["consumer_secret"], "ca_path": devices.info["ca_path"]}},
             "tasks": list(tasks)}]


def task_results(output, title):
    """The result lines ansible printed for the task ``title`` (one per host that ran it)."""
    lines = output.split("TASK [%s]" % title, 1)[1].split("TASK [", 1)[0].splitlines()
    return [line for line in lines if line.split(":", 1)[0] in ("ok", "changed", "failed", "fatal", "skipping")]


def run_play(tmp_path, plays, *args, **kwargs):
    path = tmp_path / "play.yml"
    path.write_text(yaml.safe_dump(plays, sort_keys=False))
    return Run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local", str(path)] + list(args), **kwargs)


# -- the info module ------------------------------------------------------------------------------------


def test_kraken_info_exports_a_lineup_that_feeds_back_unchanged_and_never_a_secret(devices, tmp_path):
    devices.reset()
    devices.a.seed(full_device())
    lineup_args = dict((kind, "{{ exported.lineup.%s }}" % kind) for kind in ("inputs", "outputs", "transcoders", "streams"))
    plays = info_play(
        devices,
        {"name": "export", "haivision.media.kraken_info": {"gather": ["lineup"]}, "register": "exported"},
        {"name": "export again", "haivision.media.kraken_info": {"gather": ["lineup", "system"]}, "register": "again"},
        {"name": "feed back", "haivision.media.kraken_lineup": lineup_args, "register": "fed"},
        {"name": "show", "ansible.builtin.copy": {"dest": str(tmp_path / "out.json"), "mode": "0600",
                                                  "content": "{{ {'first': exported, 'second': again, 'fed': fed} | to_json }}"}})
    devices.a.clear_log()
    run = run_play(tmp_path, plays, "-vvv")
    assert run.rc == 0, run.output
    result = json.loads(read(tmp_path / "out.json"))
    first, second = result["first"], result["second"]
    assert first["changed"] is False and set(first) >= {"lineup", "lineup_secrets"}
    # Two exports of one device are equal (the simulator answers lists and elements in a shuffled order).
    assert json.dumps(first["lineup"]) == json.dumps(second["lineup"])
    lineup = first["lineup"]
    assert list(lineup) == ["inputs", "outputs", "transcoders", "streams"]
    for kind, items in lineup.items():
        assert [i["name"] for i in items] == sorted(i["name"] for i in items)
        assert all("uuid" not in i for i in items)
    streams = dict((s["name"], s) for s in lineup["streams"])
    # References by name, sorted; run states as the module takes them; device-specific metadata by uuid.
    assert streams["ch-main"] == {"name": "ch-main", "description": "Main programme", "auto_start": True, "input": "cam-udp",
                                  "transcoder": "tc-hd", "outputs": ["out-cloud", "out-udp", "srt-caller-out"],
                                  "metadatas": [METADATA], "state": "started"}
    assert streams["ch-passthru"] == {"name": "ch-passthru", "auto_start": False, "input": "srt-listener-in",
                                      "passthru": "out-passthru", "state": "stopped"}
    out_udp = next(o for o in lineup["outputs"] if o["name"] == "out-udp")
    assert out_udp["interface"] == "eth0" and out_udp["sap"]["transmit_sap"] is True and out_udp["tos"] == 136
    srt = next(i for i in lineup["inputs"] if i["name"] == "srt-rendezvous-in")
    assert srt == {"name": "srt-rendezvous-in", "stream_type": "SRT", "srt_mode": "rendezvous", "srt_address": "203.0.113.9",
                   "srt_remote_port": 9005, "srt_local_port": 9005}
    # Only what the device reports: an input's empty url and an unset interface are not invented.
    assert next(i for i in lineup["inputs"] if i["name"] == "decklink-in") == {
        "name": "decklink-in", "stream_type": "DECKLINK", "decklink_port": 1, "decklink_mode": 9}
    assert first["lineup_secrets"] == [
        {"kind": "inputs", "name": "srt-caller-in", "option": "srt_passphrase"},
        {"kind": "inputs", "name": "srt-listener-in", "option": "srt_passphrase"},
        {"kind": "inputs", "name": "srt-rendezvous-in", "option": "srt_passphrase"},
        {"kind": "outputs", "name": "srt-listener-out", "option": "srt_passphrase"},
        {"kind": "outputs", "name": "srt-rendezvous-out", "option": "srt_passphrase"}]
    assert result["fed"]["changed"] is False
    assert all(r["action"] == "none" for r in result["fed"]["resources"])
    assert devices.a.writes() == []
    assert_no_passphrase(run.output, read(tmp_path / "out.json"))


# -- the playbook ----------------------------------------------------------------------------------------


def test_export_then_report_shows_no_drift_and_the_export_clones_to_an_empty_device(devices, tmp_path):
    devices.reset()
    devices.a.seed(full_device())
    inventory = devices.inventory(tmp_path / "inventory", hosts=("kraken-a",))
    devices.a.clear_log()
    # Adopting: export into the inventory itself.
    run = export(inventory, inventory, "-vvv")
    assert run.rc == 0, run.output
    assert devices.a.writes() == []
    exported = read(tmp_path / "inventory" / "host_vars" / "kraken-a.yml")
    assert_no_passphrase(run.output, exported)
    for variable in SECRET_VARIABLES:
        assert "#   %s: the srt_passphrase of " % variable in exported
        assert '"{{ %s }}"' % variable in exported
        assert variable in run.output
    data = load_vars(exported)
    assert sorted(data) == ["kraken_lineup", "kraken_url"] and data["kraken_url"] == devices.url("kraken-a")
    assert list(data["kraken_lineup"]) == ["inputs", "outputs", "transcoders", "streams"]
    # Text that looks like a template stays text (enforce.yml below finds no drift in it).
    assert "description: !unsafe 'Stage {{ camera }} feed'" in exported

    # Report mode on the same device, the vault variables given: zero drift, zero writes.
    report = enforce(inventory, tmp_path / "report", "report", SECRET_VARIABLES, "-vvv")
    assert report.rc == 0, report.output
    assert report.report["changes"] == [] and report.report["drift_found"] is False
    assert devices.a.writes() == []
    assert_no_passphrase(report.output)

    # Cloning: A's file on the empty device B (its own URL), enforced with the secrets.
    clone = devices.inventory(tmp_path / "clone", hosts=("kraken-b",))
    os.makedirs(os.path.join(clone, "host_vars"))
    with open(os.path.join(clone, "host_vars", "kraken-b.yml"), "w") as handle:
        handle.write(exported.replace(devices.url("kraken-a"), devices.url("kraken-b")))
    applied = enforce(clone, tmp_path / "applied", "enforce", SECRET_VARIABLES)
    assert applied.rc == 0, applied.output
    assert len(applied.report["changes"]) == 21
    state_b = devices.b.state()
    passphrases_b = sorted(r["srtPassphrase"] for kind in ("inputs", "outputs") for r in state_b[kind].values()
                           if r.get("srtPassphrase"))
    assert passphrases_b == sorted(PASSPHRASES.values())
    assert sorted(s["name"] for s in state_b["streams"].values() if s["state"] == "active") == ["ch-contribution", "ch-main"]
    # B exported: the same file but for the host's name and URL.
    again = export(clone, tmp_path / "exported-b")
    assert again.rc == 0, again.output
    exported_b = read(tmp_path / "exported-b" / "host_vars" / "kraken-b.yml")
    assert exported_b.replace(devices.url("kraken-b"), "URL").replace("kraken_b", "kraken_a").replace("kraken-b", "kraken-a") \
        == exported.replace(devices.url("kraken-a"), "URL")


ANSIBLE_LINT = os.path.join(BIN, "ansible-lint")


# make test's venv has ansible-lint; make test-core's venvs hold only what runs the modules and playbooks.
@pytest.mark.skipif(not os.path.exists(ANSIBLE_LINT), reason="ansible-lint is not in this venv (make test runs this test)")
def test_the_exported_file_is_one_ansible_lint_accepts(devices, tmp_path):
    devices.reset()
    devices.a.seed(full_device())
    inventory = devices.inventory(tmp_path / "inventory", hosts=("kraken-a",))
    run = export(inventory, inventory)
    assert run.rc == 0, run.output
    lint = subprocess.run([ANSIBLE_LINT, "--offline", "--profile", "production", "host_vars"],
                          cwd=inventory, env=ansible_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    assert lint.returncode == 0, lint.stdout.decode()
    assert "kraken-a.yml" in os.listdir(os.path.join(inventory, "host_vars"))


def test_check_mode_writes_nothing_and_an_existing_file_is_replaced_only_when_asked(devices, tmp_path):
    devices.reset()
    devices.a.seed(full_device())
    devices.b.seed({"inputs": [{"name": "b-cam", "url": "udp://239.1.1.2:5000"}]})
    inventory = devices.inventory(tmp_path / "inventory", hosts=("kraken-a", "kraken-b"))
    target = tmp_path / "out" / "host_vars"
    check = export(inventory, tmp_path / "out", "--check", "--diff")
    assert check.rc == 0, check.output
    assert not target.exists()
    assert "+kraken_url: %s" % devices.url("kraken-a") in check.output and "+    - name: b-cam" in check.output
    # Check mode says what a run would do: each file would be written, the one directory made once.
    for host in ("kraken-a", "kraken-b"):
        assert '"%s would be written (check mode)"' % (target / (host + ".yml")) in check.output
        assert '%s written"' % (target / (host + ".yml")) not in check.output
    assert task_results(check.output, "Create the host_vars directory") == ["changed: [kraken-a -> localhost]"]

    first = export(inventory, tmp_path / "out")
    assert first.rc == 0, first.output
    assert task_results(first.output, "Create the host_vars directory") == ["changed: [kraken-a -> localhost]"]
    for host in ("kraken-a", "kraken-b"):
        assert '"%s written"' % (target / (host + ".yml")) in first.output
    written = dict((host, read(target / (host + ".yml"))) for host in ("kraken-a", "kraken-b"))
    assert "# No secret to define" in written["kraken-b"]
    # An existing file is not replaced: that host fails before its device is read; the others run.
    (target / "kraken-b.yml").write_text("# mine\n")
    (target / "kraken-a.yml").unlink()
    devices.b.clear_log()
    refused = export(inventory, tmp_path / "out")
    assert refused.rc == 2
    assert "kraken-b.yml exists: nothing was written for kraken-b; set export_overwrite=true to replace it" in refused.output
    assert read(target / "kraken-b.yml") == "# mine\n"
    assert read(target / "kraken-a.yml") == written["kraken-a"]
    assert devices.b.requests() == []
    # Asked to: replaced; a file that would not change is left as it is (ok, not changed).
    replaced = export(inventory, tmp_path / "out", "-e", "export_overwrite=true")
    assert replaced.rc == 0, replaced.output
    assert read(target / "kraken-b.yml") == written["kraken-b"]
    assert replaced.recap("kraken-a")["changed"] == 0 and replaced.recap("kraken-b")["changed"] == 1
    assert '"%s unchanged"' % (target / "kraken-a.yml") in replaced.output
    assert task_results(replaced.output, "Create the host_vars directory") == ["ok: [kraken-a -> localhost]"]
    assert devices.a.writes() == [] and devices.b.writes() == []


def test_export_needs_export_dir_and_reads_no_device_without_it(devices, tmp_path):
    devices.reset()
    inventory = devices.inventory(tmp_path / "inventory")
    devices.a.clear_log()
    run = Run([os.path.join(BIN, "ansible-playbook"), "-i", inventory, os.path.join(PLAYBOOKS, "export.yml")])
    assert run.rc == 2
    assert "set export_dir (-e export_dir=DIR)" in run.output
    assert devices.a.requests() == []


def test_duplicate_names_export_by_name_and_uuid_with_a_warning_and_still_round_trip(devices, tmp_path):
    devices.reset()
    created = devices.a.seed({"inputs": [{"name": "twin", "url": "udp://239.1.1.1:5000"},
                                         {"name": "twin", "url": "udp://239.1.1.2:5000"}],
                              "outputs": [{"name": "out", "url": "udp://239.2.2.2:4900"}]})
    twins = created["inputs"]
    devices.a.seed({"streams": [{"name": "ch", "input": twins[1], "outputs": ["out"], "state": "started"}]})
    inventory = devices.inventory(tmp_path / "inventory")
    run = export(inventory, inventory, warnings=[DUPLICATE_WARNING])
    assert run.rc == 0, run.output
    assert "[WARNING]: 2 inputs are named 'twin'" in run.output
    exported = read(tmp_path / "inventory" / "host_vars" / "kraken-a.yml")
    lineup = load_vars(exported)["kraken_lineup"]
    assert lineup["inputs"] == sorted([{"name": "twin", "uuid": u, "url": "udp://239.1.1.%d:5000" % (i + 1),
                                        "stream_type": "MPEG2TS"} for i, u in enumerate(twins)],
                                      key=lambda item: item["uuid"])
    assert lineup["streams"][0]["input"] == twins[1] and lineup["streams"][0]["outputs"] == ["out"]
    assert "# Warning: 2 inputs are named 'twin'" in exported
    devices.a.clear_log()
    report = enforce(inventory, tmp_path / "report", "report", {})
    assert report.rc == 0, report.output
    assert report.report["changes"] == []
    assert devices.a.writes() == []
