# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""playbooks/export.yml and playbooks/enforce.yml run as a user runs them, for the export tests of both products."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import shutil
import subprocess
import sys

import yaml

from tests.e2e.conftest import assert_no_warnings, collections_path
from tests.simulator.control import ROOT

BIN = os.path.dirname(sys.executable)
PLAYBOOKS = os.path.join(ROOT, "playbooks")


def ansible_env():
    env = dict(os.environ)
    env.update({"ANSIBLE_COLLECTIONS_PATH": collections_path(), "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0",
                "ANSIBLE_RETRY_FILES_ENABLED": "0", "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
                "ANSIBLE_DEPRECATION_WARNINGS": "1", "ANSIBLE_SYSTEM_WARNINGS": "1",
                "PATH": BIN + os.pathsep + env.get("PATH", "")})
    return env


class Run:
    def __init__(self, command, warnings=()):
        completed = subprocess.run(command, cwd=ROOT, env=ansible_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   timeout=300, check=False)
        self.rc = completed.returncode
        self.output = completed.stdout.decode("utf-8", "replace")
        assert_no_warnings(self.output, warnings)

    def recap(self, host):
        line = next(line for line in self.output.splitlines() if line.startswith(host + " ") and "ok=" in line)
        return dict((k, int(v)) for k, v in (part.split("=") for part in line.split()[2:]))


def export(inventory, export_dir, *args, **kwargs):
    return Run([os.path.join(BIN, "ansible-playbook"), "-i", inventory, os.path.join(PLAYBOOKS, "export.yml"),
                "-e", "export_dir=%s" % export_dir] + list(args), **kwargs)


def enforce(inventory, report_dir, mode, secrets, *args):
    shutil.rmtree(str(report_dir), ignore_errors=True)
    run = Run([os.path.join(BIN, "ansible-playbook"), "-i", inventory, os.path.join(PLAYBOOKS, "enforce.yml"),
               "-e", "enforce_mode=%s" % mode, "-e", "enforce_report_dir=%s" % report_dir,
               "-e", json.dumps(secrets)] + list(args))
    with open(os.path.join(str(report_dir), "drift-report.json")) as handle:
        run.report = json.load(handle)
    return run


class VarsLoader(yaml.SafeLoader):
    """Reads a vars file as Ansible does for these tests: ``!unsafe`` text is text."""


VarsLoader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))


def load_vars(text):
    return yaml.load(text, Loader=VarsLoader)


def read(path):
    with open(str(path)) as handle:
        return handle.read()
