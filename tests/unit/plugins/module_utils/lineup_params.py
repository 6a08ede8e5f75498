# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A line-up's params as AnsibleModule hands them to the module: its items checked and completed by the line-up's spec."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator


class Refused(Exception):
    """AnsibleModule would fail the task with this message before the module runs."""


def module_params(argument_spec, params):
    """``params`` validated with ``argument_spec``, defaults set; Refused with Ansible's messages when invalid."""
    result = ArgumentSpecValidator(argument_spec).validate(params)
    if result.error_messages:
        raise Refused("; ".join(result.error_messages))
    return result.validated_parameters
