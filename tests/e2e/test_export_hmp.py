# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hmp_info gather: [lineup]: a platform configured by hand, exported and held (or copied) with hmp_lineup.

Device A is the session's simulator; device B is a second simulator process
(its own ids), so that "apply the export to an empty platform" is the real thing.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import json
import os
import shutil
import sys
import tempfile

import pytest
import yaml

from hmp_helpers import hmp_play, source_by_name, task

from tests.ansible_warnings import warnings_in
from tests.e2e import export_helpers as playbook
from tests.simulator.control import SimDevice, start_simulators, stop_simulators

PASSPHRASES = {"srt-caller": "caller-passphrase-0001", "srt-listener": "listener-passphrase-02",
               "srt-rendezvous": "rendezvous-passphrase-3"}
ACCESS_PERMISSION = "1c4e0d0b-0000-4000-8000-000000000000"
POLICIES = ["9b1e4c7a-2f44-4f1b-9d59-7f1a3c0e2b11", "0a6f3a52-5d0e-4c1b-8c77-2a0e9d4b6c22"]

# Every source type and SRT mode, every session field and part the modules manage.
SEED = {
    "sources": [
        {"name": "udp-multicast", "type": "UDP", "host": "239.10.0.1", "port": 4900, "multicast": True,
         "description": "Stage camera", "continuous": True},
        {"name": "udp-unicast", "type": "UDP", "port": 5000, "multicast": False, "continuous": False, "description": ""},
        {"name": "srt-caller", "type": "SRT", "mode": "CALLER", "host": "10.1.1.1", "port": 9001, "latency": 250,
         "passphrase": PASSPHRASES["srt-caller"], "description": "Remote truck"},
        {"name": "srt-listener", "type": "SRT", "mode": "LISTENER", "port": 9002, "passphrase": PASSPHRASES["srt-listener"]},
        {"name": "srt-rendezvous", "type": "SRT", "mode": "RENDEZVOUS", "host": "10.1.1.3", "port": 9003, "latency": 120,
         "passphrase": PASSPHRASES["srt-rendezvous"]},
    ],
    "sessions": [
        {"title": "Town hall", "description": "Quarterly", "active": True, "syncrecord": True,
         "distributionPolicies": POLICIES, "sources": ["srt-listener", "udp-multicast", "srt-caller"],
         "metadata": [
             {"name": "speaker", "field": [{"fieldType": "STRING", "valueString": "Ann"},
                                           {"fieldType": "STRING", "valueString": "Bob"}]},
             {"name": "seats", "field": [{"fieldType": "INT32", "valueInt32": -12}]},
             {"name": "budget", "field": [{"fieldType": "UINT32", "valueUint32": 4000000000}]},
             {"name": "code", "field": [{"fieldType": "STRING", "valueString": "0042"}]},
             {"name": "calypso:category:Department",
              "field": [{"fieldType": "STRING", "valueString": "Sales"}, {"fieldType": "STRING", "valueString": "Engineering"}]},
             {"name": "calypso:category:Room Number", "field": [{"fieldType": "STRING", "valueString": "101"}]},
         ],
         "shares": [{"name": "editor", "type": "USER", "permission": "EDIT"},
                    {"name": "Operators", "type": "GROUP", "permission": "OWN"},
                    {"name": "viewer", "type": "USER", "permission": "WATCH"}],
         "publicshare": True,
         "events": [
             {"startTime": 1900000000, "duration": 3600, "type": "one-time", "command": "set-live",
              "parameters": {"record": True}, "active": True},
             {"startTime": 36000, "duration": 1800, "type": "weekly-recurring", "typeData": {"days": ["FRI", "MON"]},
              "command": "record", "parameters": {"record": False}, "active": True},
             {"startTime": 100, "type": "one-time", "command": "record", "active": False},
         ]},
        {"title": "Backstage", "sources": ["udp-unicast", "srt-rendezvous"],
         "shares": [{"name": "Viewers", "type": "GROUP", "permission": "WATCH"}]},
        {"title": "Empty"},
    ],
}


@pytest.fixture(scope="module")
def device_b():
    """A second, empty HMP: its own simulator process."""
    state_dir = tempfile.mkdtemp(prefix="hvsim-b-")
    process, info = start_simulators(state_dir)
    try:
        yield info
    finally:
        stop_simulators(process)
        shutil.rmtree(state_dir, ignore_errors=True)


@pytest.fixture
def empty_b(device_b):
    device = SimDevice(device_b["hmp"]["url"], device_b["ca_path"])
    device.reset()
    device.vars = {"hmp_url": device_b["hmp"]["url"], "sim_ca_path": device_b["ca_path"]}
    return device


def export(ansible, gather=("lineup",), **options):
    run = ansible(hmp_play(task("export", "hmp_info", gather=list(gather))), **options)
    result = run.task("export")
    assert result["status"] == "ok", run.output
    return run, result["result"]


def apply(ansible, lineup, **options):
    run = ansible(hmp_play(task("apply", "hmp_lineup", **lineup)), **options)
    return run, run.task("apply")


def with_passphrases(lineup, secrets):
    """The export with each listed secret given back, as the export playbook does from its vault."""
    lineup = copy.deepcopy(lineup)
    for secret in secrets:
        item = next(i for i in lineup[secret["kind"]] if i["name"] == secret["name"] and i.get("id") == secret.get("id"))
        item[secret["option"]] = PASSPHRASES[secret["name"]]
    return lineup


def no_passphrase_in(output):
    return not any(p in output for p in PASSPHRASES.values())


def test_export_is_stable_has_every_field_and_holds_the_platform_with_zero_writes(clean, ansible):
    clean.hmp.seed(SEED)
    clean.hmp.clear_log()
    run, first = export(ansible, gather=("sources", "lineup"), verbosity=3)
    assert no_passphrase_in(run.output)
    assert clean.hmp.writes() == []
    lineup = first["lineup"]
    assert [s["name"] for s in first["sources"]]  # the other gather values still come with it
    assert [s["name"] for s in lineup["sources"]] == sorted(s["name"] for s in SEED["sources"])
    assert [s["title"] for s in lineup["sessions"]] == ["Backstage", "Empty", "Town hall"]
    # Names are unique here: no id anywhere, so the export applies to another platform.
    state = clean.hmp.state()
    assert not any("id" in item for kind in lineup for item in lineup[kind])
    assert not any(rid in json.dumps(lineup) for kind in ("sources", "sessions") for rid in state[kind])
    sources = dict((s["name"], s) for s in lineup["sources"])
    assert sources["udp-unicast"] == {"name": "udp-unicast", "type": "UDP", "host": "0.0.0.0", "port": 5000,
                                      "multicast": False, "description": "", "continuous": False}
    assert sources["srt-caller"] == {"name": "srt-caller", "type": "SRT", "host": "10.1.1.1", "port": 9001,
                                     "description": "Remote truck", "continuous": True, "mode": "CALLER", "latency": 250}
    assert first["lineup_secrets"] == [{"kind": "sources", "name": n, "option": "passphrase"} for n in sorted(PASSPHRASES)]
    town_hall = lineup["sessions"][2]
    assert town_hall == {
        "title": "Town hall", "description": "Quarterly", "active": True, "syncrecord": True,
        "distribution_policies": sorted(POLICIES), "sources": ["srt-listener", "udp-multicast", "srt-caller"],
        "metadata": {"budget": [{"type": "UINT32", "value": 4000000000}], "code": ["0042"],
                     "seats": [{"type": "INT32", "value": -12}], "speaker": ["Ann", "Bob"]},
        "categories": {"Department": ["Engineering", "Sales"], "Room Number": ["101"]},
        "shares": [{"name": "Operators", "type": "GROUP", "permission": "OWN"},
                   {"name": "editor", "type": "USER", "permission": "EDIT"},
                   {"name": "viewer", "type": "USER", "permission": "WATCH"}],
        "public_share": True,
        "schedule": [{"start_time": 36000, "duration": 1800, "type": "weekly-recurring", "days": ["MON", "FRI"],
                      "command": "record", "record": False},
                     {"start_time": 1900000000, "duration": 3600, "type": "one-time", "command": "set-live", "record": True}]}
    assert lineup["sessions"][1] == {"title": "Empty", "active": False, "syncrecord": False, "sources": [],
                                     "public_share": False, "schedule": []}

    # Two exports (one in check mode, with --diff) are byte-identical; an info module changes nothing.
    _run, again = export(ansible, check=True, diff=True)
    assert json.dumps(again["lineup"]) == json.dumps(lineup)
    assert json.dumps(again["lineup_secrets"]) == json.dumps(first["lineup_secrets"])
    assert clean.hmp.writes() == []

    # Fed back to hmp_lineup on the same platform: nothing to do, in check mode and for real.
    for check in (True, False):
        run, result = apply(ansible, lineup, check=check, diff=True)
        assert result["status"] == "ok", run.output
        assert all(r["action"] == "none" for r in result["result"]["resources"])
        assert result["result"]["diff"] == {"before": {}, "after": {}}
        assert clean.hmp.writes() == []


def test_export_applied_to_an_empty_platform_exports_the_same(clean, ansible, empty_b):
    clean.hmp.seed(SEED)
    _run, exported = export(ansible)
    lineup = with_passphrases(exported["lineup"], exported["lineup_secrets"])

    run, result = apply(ansible, lineup, extra_vars=empty_b.vars, diff=True, verbosity=3)
    assert result["status"] == "changed", run.output
    assert all(r["action"] == "create" and r["applied"] for r in result["result"]["resources"])
    assert no_passphrase_in(run.output)
    for name, passphrase in PASSPHRASES.items():
        assert source_by_name(empty_b, name)["passphrase"] == passphrase

    run, exported_b = export(ansible, extra_vars=empty_b.vars, verbosity=3)
    assert no_passphrase_in(run.output)
    assert json.dumps(exported_b["lineup"]) == json.dumps(exported["lineup"])
    assert exported_b["lineup_secrets"] == exported["lineup_secrets"]

    empty_b.clear_log()
    run, result = apply(ansible, lineup, extra_vars=empty_b.vars)
    assert result["status"] == "ok", run.output
    assert empty_b.writes() == []


def test_duplicate_names_export_by_name_and_id_with_a_warning_and_round_trip(clean, ansible):
    ids = clean.hmp.seed({"sources": [{"name": "cam", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True},
                                      {"name": "cam", "type": "UDP", "host": "239.1.1.2", "port": 4900, "multicast": True},
                                      {"name": "srt-listener", "type": "SRT", "mode": "LISTENER", "port": 9002,
                                       "passphrase": PASSPHRASES["srt-listener"]}]})["sources"]
    clean.hmp.seed({"sessions": [{"title": "Dup", "sources": [ids[1], "srt-listener"]}, {"title": "Dup", "active": True},
                                 {"title": "Solo", "sources": [ids[0]]}]})
    warnings = (r"2 sources have the name 'cam' \(ids: .*\): exported with their ids",
                r"2 sessions have the title 'Dup' \(ids: .*\): exported with their ids")
    run, exported = export(ansible, warnings=warnings, verbosity=3)
    printed = warnings_in(run.output)
    assert [w for w in printed if "2 sources have the name 'cam'" in w and ids[0] in w and ids[1] in w]
    assert [w for w in printed if "2 sessions have the title 'Dup'" in w]
    assert no_passphrase_in(run.output)
    lineup = exported["lineup"]
    assert [(s["name"], s.get("id")) for s in lineup["sources"]] == sorted([("cam", ids[0]), ("cam", ids[1])]) + \
        [("srt-listener", None)]
    assert [(s["title"], "id" in s) for s in lineup["sessions"]] == [("Dup", True), ("Dup", True), ("Solo", False)]
    assert lineup["sessions"][2]["sources"] == [ids[0]]  # a source whose name is not unique: by id
    assert sorted(s["sources"] for s in lineup["sessions"][:2]) == [[], [ids[1], "srt-listener"]]
    assert exported["lineup_secrets"] == [{"kind": "sources", "name": "srt-listener", "option": "passphrase"}]

    clean.hmp.clear_log()
    for check in (True, False):
        run, result = apply(ansible, lineup, check=check, diff=True)
        assert result["status"] == "ok", run.output
        assert clean.hmp.writes() == []


# -- playbooks/export.yml on an HMP --------------------------------------------------------------------


def hmp_inventory(directory, host, hmp, ca_path):
    """hosts.yml with one host of the group ``hmp`` (and an empty ``kraken`` group), like playbooks/inventory."""
    os.makedirs(str(directory), exist_ok=True)
    groups = {"hmp": {"vars": {"hmp_username": hmp["username"], "hmp_password": hmp["password"]},
                      "hosts": {host: {"hmp_url": hmp["url"], "haivision_ca_path": ca_path}}},
              "kraken": {}}
    variables = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    with open(os.path.join(str(directory), "hosts.yml"), "w") as handle:
        yaml.safe_dump({"all": {"vars": variables, "children": groups}}, handle, sort_keys=False)
    return str(directory)


def platform_writes(device):
    """The writes a platform received, its logins and logouts left out."""
    return [r for r in device.requests() if r["method"] in ("POST", "PUT", "DELETE") and "/authentication/" not in r["path"]]


# The vault variables export.yml names for hmp-a's passphrases: host, kind, item and option.
SECRET_VARIABLES = dict(("vault_hmp_a_sources_%s_passphrase" % name.replace("-", "_"), passphrase)
                        for name, passphrase in PASSPHRASES.items())


def test_export_playbook_holds_the_platform_and_clones_it_to_an_empty_one(clean, empty_b, tmp_path):
    clean.hmp.seed(SEED)
    hmp_a = clean.info["hmp"]
    inventory = hmp_inventory(tmp_path / "inventory", "hmp-a", hmp_a, clean.ca_path)
    clean.hmp.clear_log()
    # Adopting: export into the inventory itself; nothing is written to the platform.
    run = playbook.export(inventory, inventory, "-vvv")
    assert run.rc == 0, run.output
    assert platform_writes(clean.hmp) == []
    exported = playbook.read(tmp_path / "inventory" / "host_vars" / "hmp-a.yml")
    assert no_passphrase_in(run.output) and no_passphrase_in(exported)
    for variable in SECRET_VARIABLES:
        assert '"{{ %s }}"' % variable in exported
    data = playbook.load_vars(exported)
    assert sorted(data) == ["hmp_lineup", "hmp_url"] and data["hmp_url"] == hmp_a["url"]
    assert [s["title"] for s in data["hmp_lineup"]["sessions"]] == ["Backstage", "Empty", "Town hall"]

    # Report mode on the same platform, the vault variables given: zero drift, zero writes.
    clean.hmp.clear_log()
    report = playbook.enforce(inventory, tmp_path / "report", "report", SECRET_VARIABLES, "-vvv")
    assert report.rc == 0, report.output
    assert report.report["changes"] == [] and report.report["drift_found"] is False
    assert platform_writes(clean.hmp) == []
    assert no_passphrase_in(report.output)

    # Cloning: A's file on the empty platform B (its own URL), enforced with the secrets.
    hmp_b = dict(hmp_a, url=empty_b.vars["hmp_url"])
    clone = hmp_inventory(tmp_path / "clone", "hmp-b", hmp_b, empty_b.vars["sim_ca_path"])
    os.makedirs(os.path.join(clone, "host_vars"))
    with open(os.path.join(clone, "host_vars", "hmp-b.yml"), "w") as handle:
        handle.write(exported.replace(hmp_a["url"], hmp_b["url"]))
    applied = playbook.enforce(clone, tmp_path / "applied", "enforce", SECRET_VARIABLES)
    assert applied.rc == 0, applied.output
    assert len(applied.report["changes"]) == len(SEED["sources"]) + len(SEED["sessions"])
    for name, passphrase in PASSPHRASES.items():
        assert source_by_name(empty_b, name)["passphrase"] == passphrase
    # B exported: the same file but for the host's name and URL.
    again = playbook.export(clone, tmp_path / "exported-b")
    assert again.rc == 0, again.output
    exported_b = playbook.read(tmp_path / "exported-b" / "host_vars" / "hmp-b.yml")
    assert exported_b.replace(hmp_b["url"], "URL").replace("hmp_b", "hmp_a").replace("hmp-b", "hmp-a") \
        == exported.replace(hmp_a["url"], "URL")
