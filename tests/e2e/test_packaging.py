# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What ships: the tarball `ansible-galaxy collection build` makes, and an installed copy of it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import subprocess
import sys
import tarfile

import pytest

from tests.e2e.conftest import assert_no_warnings
from tests.simulator.control import ROOT

BIN = os.path.dirname(sys.executable)

# What a user needs (a file, or a directory that must hold at least one file).
REQUIRED = [
    "MANIFEST.json", "FILES.json", "README.md", "COPYING", "LICENSES/GPL-3.0-or-later.txt", "meta/runtime.yml",
    "meta/execution-environment.yml", "requirements.txt", "bindep.txt", "changelogs/changelog.yaml",
    "changelogs/config.yaml", "plugins/modules/kraken_lineup.py", "plugins/modules/hmp_lineup.py",
    "plugins/module_utils/_common/fields.py", "plugins/plugin_utils/drift.py", "plugins/doc_fragments/attributes.py",
    "plugins/filter/drift_changes.py", "plugins/filter/drift_report.py", "roles/kraken_channel/tasks/main.yml", "roles/kraken_channel/meta/argument_specs.yml",
    "roles/hmp_live_session/tasks/main.yml", "playbooks/enforce.yml", "playbooks/tasks/enforce_kraken.yml",
    "playbooks/inventory/hosts.yml", "playbooks/health.yml", "playbooks/keep_stream_running.yml",
    "playbooks/export.yml", "playbooks/tasks/export_write.yml", "plugins/filter/export_host_vars.py",
    "plugins/filter/health_fragment.py", "plugins/filter/health_report.py", "plugins/plugin_utils/health.py",
    "playbooks/plan.yml", "playbooks/apply.yml", "plugins/filter/plan_report.py", "plugins/filter/plan_markdown.py",
    "plugins/filter/apply_report.py", "plugins/plugin_utils/change_control.py",
    "extensions/eda/plugins/event_source/kraken_streams.py", "extensions/eda/plugins/event_source/hmp_watch.py",
    "extensions/eda/rulebooks/keep_streams_running.yml", "docs/docsite/links.yml", "docs/docsite/extra-docs.yml",
    "tests/unit/", "tests/simulator/",
]
# Development files, and the playbooks that only work against the bundled simulators.
ABSENT = [
    "Makefile", ".ansible-lint", ".gitignore", "requirements-dev.txt", "execution-environment.yml", "scripts/", ".ci/",
    "demo/", "tests/e2e/", "tests/benchmark/", "tests/unit/scripts/", "tests/output/", ".venv", ".tmp/", ".sim/", ".pytest_cache/",
]


@pytest.fixture(scope="module")
def tarball(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    completed = subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", str(out), ROOT],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    output = completed.stdout.decode("utf-8", "replace")
    assert completed.returncode == 0, output
    assert_no_warnings(output)
    built = glob.glob(str(out / "haivision-media-*.tar.gz"))
    assert len(built) == 1, built
    return built[0]


def test_tarball_holds_what_a_user_needs_and_no_development_file(tarball):
    with tarfile.open(tarball) as archive:
        names = [m.name + ("/" if m.isdir() else "") for m in archive.getmembers()]
    files = [n for n in names if not n.endswith("/")]
    for required in REQUIRED:
        if required.endswith("/"):
            assert any(f.startswith(required) for f in files), required
        else:
            assert required in files, required
    for absent in ABSENT:
        found = [n for n in names if n == absent or n.startswith(absent.rstrip("/") + "/")]
        assert not found, found
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    # The collection's playbooks: enforce, export, health, plan and apply, and the one the example rulebook runs;
    # no demo.
    assert sorted(f for f in files if f.startswith("playbooks/") and f.count("/") == 1) == [
        "playbooks/apply.yml", "playbooks/enforce.yml", "playbooks/export.yml", "playbooks/health.yml",
        "playbooks/keep_stream_running.yml", "playbooks/plan.yml"]
    # One filter per file, documented inside it under its own name: no undocumented `drift` plugin, and no
    # .yml beside the code that Galaxy's importer would lint as Python.
    filters = sorted(f for f in files if f.startswith("plugins/filter/"))
    assert filters == ["plugins/filter/apply_report.py", "plugins/filter/drift_changes.py", "plugins/filter/drift_report.py",
                       "plugins/filter/export_host_vars.py", "plugins/filter/health_fragment.py", "plugins/filter/health_report.py",
                       "plugins/filter/plan_markdown.py", "plugins/filter/plan_report.py"]


def test_installed_copy_lists_its_plugins_and_runs_its_unit_tests(tarball, tmp_path):
    target = tmp_path / "collections"
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(target), ANSIBLE_NOCOLOR="1")
    env.pop("PYTHONPATH", None)
    completed = subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--offline", "-p", str(target),
                                tarball], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    assert completed.returncode == 0, completed.stdout.decode()
    installed = target / "ansible_collections" / "haivision" / "media"

    listed = {}
    for kind in ("module", "filter", "role"):
        completed = subprocess.run([os.path.join(BIN, "ansible-doc"), "-t", kind, "-l", "haivision.media"], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        text = completed.stdout.decode("utf-8", "replace")
        assert completed.returncode == 0 and "[ERROR]" not in text, text
        assert_no_warnings(text)
        listed[kind] = sorted(line.split()[0].rstrip(":") for line in text.splitlines() if line.startswith("haivision.media."))
    assert listed["filter"] == ["haivision.media.apply_report", "haivision.media.drift_changes", "haivision.media.drift_report",
                                "haivision.media.export_host_vars", "haivision.media.health_fragment", "haivision.media.health_report",
                                "haivision.media.plan_markdown", "haivision.media.plan_report"]
    assert listed["role"] == ["haivision.media.hmp_live_session", "haivision.media.kraken_channel"]
    modules = sorted("haivision.media." + os.path.basename(p)[:-3] for p in glob.glob(os.path.join(ROOT, "plugins", "modules", "*.py")))
    assert listed["module"] == modules

    completed = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit"], cwd=str(installed),
                               env=dict(env, PYTHONPATH=str(target)), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               check=False)
    assert completed.returncode == 0, completed.stdout.decode()[-4000:]
