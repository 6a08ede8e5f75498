# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's examples run as the README says: every play of its YAML blocks, taken from README.md itself,
with the command the README gives, against fresh simulators and the sim-vars.yml they write."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re
import shlex
import subprocess
import sys

import pytest
import yaml

from tests.e2e.conftest import assert_no_warnings, collections_path
from tests.simulator.control import ROOT, SimDevice, start_simulators, stop_simulators

BIN = os.path.dirname(sys.executable)
README = os.path.join(ROOT, "README.md")
COMMAND = "ansible-playbook -i localhost, -e @.sim/sim-vars.yml"


def readme():
    with open(README) as handle:
        return handle.read()


def readme_playbooks():
    """(text, plays) of each YAML block of the README that is a playbook, in the README's order."""
    blocks = [(text, yaml.safe_load(text)) for text in re.findall(r"^```yaml\n(.*?)^```", readme(), re.M | re.S)]
    return [(text, plays) for text, plays in blocks
            if isinstance(plays, list) and all(isinstance(play, dict) and "hosts" in play for play in plays)]


def readme_command():
    """The README's command line for its examples, as words."""
    lines = [line[2:] for line in readme().splitlines() if line.startswith("$ " + COMMAND)]
    assert len(lines) == 1, "the README gives its examples' command %d times" % len(lines)
    return shlex.split(lines[0])


def modules(playbooks):
    found = set()
    for play in (play for dummy, plays in playbooks for play in plays):
        for task in play["tasks"]:
            for block in [task] + task.get("block", []) + task.get("rescue", []):
                found.update(key for key in block if key.startswith("haivision.media."))
    return found


@pytest.fixture(scope="module")
def simulators(tmp_path_factory):
    """Fresh simulators (the README's examples build on each other from an empty Kraken and the seeded HMP)."""
    state_dir = str(tmp_path_factory.mktemp("readme-sim"))
    process, info = start_simulators(state_dir)
    try:
        yield state_dir, info
    finally:
        stop_simulators(process)


def test_the_readmes_examples_run_against_the_simulators_with_the_vars_file_they_write(simulators, tmp_path):
    state_dir, info = simulators
    playbooks = readme_playbooks()
    # Quick start, the Kraken channel, the HMP session, the rollback recipe: no block may silently drop out.
    assert len(playbooks) == 4, [plays[0].get("name") for dummy, plays in playbooks]
    assert modules(playbooks) >= {"haivision.media.kraken_info", "haivision.media.hmp_info", "haivision.media.kraken_stream",
                                  "haivision.media.hmp_session", "haivision.media.kraken_lineup",
                                  "haivision.media.kraken_configuration"}
    command = readme_command()
    vars_file = os.path.join(state_dir, "sim-vars.yml")
    passphrase = next(word.split("=", 1)[1] for word in command if word.startswith("vault_guest_passphrase="))
    # No ANSIBLE_PYTHON_INTERPRETER: the vars file alone must choose the Python with the requirements.
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("ANSIBLE_"))
    env.update({"ANSIBLE_COLLECTIONS_PATH": collections_path(), "ANSIBLE_NOCOLOR": "1", "ANSIBLE_RETRY_FILES_ENABLED": "0",
                "ANSIBLE_DEPRECATION_WARNINGS": "1", "ANSIBLE_SYSTEM_WARNINGS": "1",
                "PATH": BIN + os.pathsep + env.get("PATH", "")})
    assert command[-1] == "example.yml"
    for index, (text, dummy) in enumerate(playbooks):
        example = tmp_path / ("example-%d.yml" % index)
        example.write_text(text)
        # The README's words, with this run's vars file and example in place of .sim/sim-vars.yml and example.yml.
        words = ([os.path.join(BIN, command[0])] + [("@" + vars_file) if w == "@.sim/sim-vars.yml" else w for w in command[1:-1]]
                 + [str(example)])
        completed = subprocess.run(words, cwd=str(tmp_path), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   timeout=300, check=False)
        output = completed.stdout.decode("utf-8", "replace")
        assert completed.returncode == 0, "README example %d failed:\n%s" % (index, output[-4000:])
        assert_no_warnings(output)

    # What the examples built, in the simulators' own records.
    kraken = SimDevice(info["kraken"][0]["url"], info["ca_path"]).state()
    names = dict((kind, dict((r["name"], r) for r in kraken[kind].values()))
                 for kind in ("inputs", "outputs", "transcoders", "streams"))
    assert sorted(names["inputs"]) == ["studio-cam"] and sorted(names["transcoders"]) == ["studio-hd"]
    # The rollback recipe's line-up, applied over the Kraken example's channel.
    assert sorted(names["outputs"]) == ["backup-out", "cloud-out", "studio-out"]
    assert names["outputs"]["studio-out"]["ttl"] == 32
    studio = names["streams"]["studio"]
    output_names = dict((r["uuid"], name) for name, r in names["outputs"].items())
    assert sorted(output_names[uuid] for uuid in studio["outputs"]) == ["backup-out", "studio-out"]
    assert (studio["input"], studio["state"]) == (names["inputs"]["studio-cam"]["uuid"], "active")
    assert [c["name"] for c in kraken["configurations"].values()] == ["before-change"]

    hmp = SimDevice(info["hmp"]["url"], info["ca_path"]).state()
    sources = dict((s["name"], s) for s in hmp["sources"].values())
    assert sorted(sources) == ["remote-guest", "stage-cam"]
    assert sources["remote-guest"]["passphrase"] == passphrase and sources["stage-cam"]["host"] == "239.20.0.10"
    session = next(s for s in hmp["sessions"].values() if s["title"] == "Town hall")
    assert sorted(session["sources"]) == sorted(s["id"] for s in sources.values())
    assert [(share["name"], share["shareType"], share["permission"]) for share in session["shares"]] == [
        ("Operators", "GROUP", "EDIT")]


def test_the_readme_names_every_filter_and_module():
    text = readme()
    plugins = [(kind, name[:-3]) for kind in ("filter", "modules")
               for name in sorted(os.listdir(os.path.join(ROOT, "plugins", kind))) if name.endswith(".py") and name != "__init__.py"]
    assert ("filter", "health_report") in plugins
    assert [(kind, name) for kind, name in plugins if "`haivision.media.%s`" % name not in text] == []
