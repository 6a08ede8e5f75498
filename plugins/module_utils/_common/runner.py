# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one place where client errors become ``fail_json``."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError


class NestedSecretsModule(AnsibleModule):
    """An AnsibleModule that also masks secrets its argument spec cannot declare.

    The line-ups take lists of items validated against the resource modules'
    specs later, so ``no_log`` on an item's passphrase is unknown to
    AnsibleModule. ``nested_secrets(params)`` names those values; they join
    ``no_log_values`` before anything is logged or returned, including when
    AnsibleModule itself refuses an argument before the module runs.
    """

    def __init__(self, *args, **kwargs):
        self._nested_secrets = kwargs.pop("nested_secrets")
        super(NestedSecretsModule, self).__init__(*args, **kwargs)

    def _mask_nested_secrets(self):
        self.no_log_values.update(self._nested_secrets(self.params))

    def _log_invocation(self):
        self._mask_nested_secrets()
        super(NestedSecretsModule, self)._log_invocation()

    def exit_json(self, **kwargs):
        self._mask_nested_secrets()
        super(NestedSecretsModule, self).exit_json(**kwargs)

    def fail_json(self, msg, **kwargs):
        self._mask_nested_secrets()
        super(NestedSecretsModule, self).fail_json(msg, **kwargs)


def run_module(argument_spec, work, connection_spec, nested_secrets=None, **module_kwargs):
    """Build the AnsibleModule, call ``work(module)`` and report its result dict.

    ``work`` returns the result; any HaivisionError it raises fails the task
    with the device's own code and message. Secrets never reach the message:
    errors are built from method, path and the device's answer only.
    """
    spec = dict(connection_spec)
    spec.update(argument_spec)
    module_kwargs.setdefault("supports_check_mode", True)
    if nested_secrets:
        module = NestedSecretsModule(argument_spec=spec, nested_secrets=nested_secrets, **module_kwargs)
    else:
        module = AnsibleModule(argument_spec=spec, **module_kwargs)
    try:
        result = work(module)
    except HaivisionError as exc:
        module.fail_json(msg="%s" % exc, **exc.result_fields())
    module.exit_json(**result)
