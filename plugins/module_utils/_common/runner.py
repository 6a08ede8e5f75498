# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one place where client errors become ``fail_json``."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError


def run_module(argument_spec, work, connection_spec, **module_kwargs):
    """Build the AnsibleModule, call ``work(module)`` and report its result dict.

    ``work`` returns the result; any HaivisionError it raises fails the task
    with the device's own code and message. Secrets never reach the message:
    errors are built from method, path and the device's answer only.
    """
    spec = dict(connection_spec)
    spec.update(argument_spec)
    module_kwargs.setdefault("supports_check_mode", True)
    module = AnsibleModule(argument_spec=spec, **module_kwargs)
    try:
        result = work(module)
    except HaivisionError as exc:
        module.fail_json(msg="%s" % exc, **exc.result_fields())
    module.exit_json(**result)
