# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""scripts/find-python.sh: which Python `make test-core` builds a core's venv with.

The interpreters here are stand-ins that print their version the way the script asks for it, on a
PATH that holds only them and the few tools the script runs; HOME is empty, so the machine's own
pythons and pyenv are never seen.
"""

import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SCRIPT = os.path.join(ROOT, "scripts", "find-python.sh")


def fake_python(path, version):
    """An interpreter that reports ``version``, or fails like a pyenv shim when ``version`` is None."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        if version is None:
            handle.write("#!/bin/sh\necho \"pyenv: ${0##*/}: command not found\" >&2\nexit 127\n")
        else:
            handle.write("#!/bin/sh\necho %s\n" % version)
    os.chmod(path, 0o755)
    return path


@pytest.fixture
def machine(tmp_path):
    """A PATH, an empty HOME and a pyenv root in tmp_path; ``find`` runs the script there."""
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("bash", "sort", "cat"):
        os.symlink(shutil.which(tool), str(tools / tool))
    fakebin = tmp_path / "bin"
    fakebin.mkdir()
    home = tmp_path / "home"
    home.mkdir()

    class Machine:
        bin = str(fakebin)
        pyenv_root = str(tmp_path / "pyenv")

        def python_on_path(self, name, version):
            return fake_python(os.path.join(self.bin, name), version)

        def pyenv_version(self, name, version):
            return fake_python(os.path.join(self.pyenv_root, "versions", name, "bin", "python3"), version)

        def find(self, *args, **env):
            run_env = {"PATH": "%s:%s" % (fakebin, tools), "HOME": str(home)}
            run_env.update(env)
            return subprocess.run([shutil.which("bash"), SCRIPT] + list(args), env=run_env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, universal_newlines=True, check=False)

    return Machine()


def test_python3_is_taken_when_new_enough(machine):
    python3 = machine.python_on_path("python3", "3.12")
    machine.python_on_path("python3.13", "3.13")
    found = machine.find("3.12")
    assert (found.returncode, found.stdout.strip()) == (0, python3)


def test_the_minimum_is_an_argument_and_3_12_by_default(machine):
    python3 = machine.python_on_path("python3", "3.11")
    assert machine.find("3.10").stdout.strip() == python3
    assert machine.find().returncode == 1


def test_a_failing_shim_is_skipped_for_the_next_python_on_path(machine):
    machine.python_on_path("python3", "3.11")
    machine.python_on_path("python3.13", None)
    python312 = machine.python_on_path("python3.12", "3.12")
    found = machine.find()
    assert (found.returncode, found.stdout.strip()) == (0, python312)


def test_pyenv_versions_newest_first_when_path_has_none(machine):
    machine.python_on_path("python3", "3.11")
    machine.python_on_path("python3.13", None)
    machine.pyenv_version("3.11.7", "3.11")
    machine.pyenv_version("3.12.9", "3.12")
    newest_312 = machine.pyenv_version("3.12.10", "3.12")
    machine.pyenv_version("3.13.0", None)  # installed but broken: the next one
    machine.pyenv_version("3.13-dev", "3.13")  # not a release: never taken
    found = machine.find(PYENV_ROOT=machine.pyenv_root)
    assert (found.returncode, found.stdout.strip()) == (0, newest_312)


def test_pyenv_root_from_pyenv_itself_then_from_home(machine, tmp_path):
    machine.python_on_path("python3", "3.11")
    python313 = machine.pyenv_version("3.13.0", "3.13")
    with open(os.path.join(machine.bin, "pyenv"), "w") as handle:
        handle.write("#!/bin/sh\n[ \"$1\" = root ] && echo %s\n" % machine.pyenv_root)
    os.chmod(os.path.join(machine.bin, "pyenv"), 0o755)
    assert machine.find().stdout.strip() == python313
    os.remove(os.path.join(machine.bin, "pyenv"))
    home = tmp_path / "elsewhere"
    fake_python(str(home / ".pyenv" / "versions" / "3.12.1" / "bin" / "python3"), "3.12")
    assert machine.find(HOME=str(home)).stdout.strip() == str(home / ".pyenv" / "versions" / "3.12.1" / "bin" / "python3")


def test_python_given_by_the_user_wins(machine):
    machine.python_on_path("python3", "3.13")
    mine = fake_python(os.path.join(machine.pyenv_root, "mine", "python"), "3.12")
    found = machine.find("3.12", PYTHON=mine)
    assert (found.returncode, found.stdout.strip()) == (0, mine)


def test_python_given_by_the_user_too_old_fails_naming_it(machine):
    machine.python_on_path("python3", "3.13")
    old = fake_python(os.path.join(machine.pyenv_root, "old", "python"), "3.11")
    found = machine.find("3.12", PYTHON=old)
    assert found.returncode == 1 and found.stdout == ""
    assert "PYTHON=%s is not a Python 3.12 or later" % old in found.stderr


def test_none_found_says_how_to_give_one(machine):
    machine.python_on_path("python3", "3.11")
    machine.python_on_path("python3.12", None)
    machine.pyenv_version("3.11.7", "3.11")
    found = machine.find(PYENV_ROOT=machine.pyenv_root)
    assert found.returncode == 1 and found.stdout == ""
    assert "no Python 3.12 or later found" in found.stderr
    assert "PYTHON=/path/to/python3.12" in found.stderr


def test_a_real_interpreter_is_asked_its_version(machine):
    """The stand-ins answer as a real Python does: the running one passes for its own version, not the next."""
    version = "%d.%d" % sys.version_info[:2]
    found = machine.find(version, PYTHON=sys.executable)
    assert (found.returncode, found.stdout.strip()) == (0, sys.executable)
    assert machine.find("%d.%d" % (sys.version_info[0], sys.version_info[1] + 1), PYTHON=sys.executable).returncode == 1
