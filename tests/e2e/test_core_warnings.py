# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The warnings tests/ansible_warnings.py lets through as the installed ansible-core's own are printed by it.

core_warnings() reads them from the core's code; this runs the core on a role that does nothing but
declare an argument spec, so a pass that no core needs (or a warning a core prints that we blame on
our roles) fails here, on every core the suite runs on.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import yaml

from tests.ansible_warnings import ROLE_VALIDATION_DEPRECATION, core_warnings, warnings_in


def test_a_role_with_an_argument_spec_prints_the_role_validation_deprecation_exactly_where_core_warnings_says(ansible, tmp_path):
    role = tmp_path / "roles" / "quiet"
    (role / "meta").mkdir(parents=True)
    (role / "tasks").mkdir()
    (role / "meta" / "argument_specs.yml").write_text(yaml.safe_dump(
        {"argument_specs": {"main": {"short_description": "A role with one option",
                                     "options": {"quiet_word": {"type": "str", "default": "hush"}}}}}))
    (role / "tasks" / "main.yml").write_text(yaml.safe_dump(
        [{"name": "Say the word", "ansible.builtin.debug": {"msg": "hush"}}]))
    # The fixture fails on a warning core_warnings() does not let through; this checks the converse.
    run = ansible([{"name": "Role", "hosts": "localhost", "gather_facts": False, "roles": [{"role": "quiet"}]}],
                  env={"ANSIBLE_ROLES_PATH": str(tmp_path / "roles")})
    assert run.rc == 0, run.output
    printed = [w for w in warnings_in(run.output) if re.search(ROLE_VALIDATION_DEPRECATION, w)]
    assert bool(printed) == (ROLE_VALIDATION_DEPRECATION in core_warnings()), run.output
