# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: result_log
type: aggregate
short_description: Write every task result to a JSON lines file (tests only)
description:
  - Appends one JSON object per task result to the file named by E(RESULT_LOG_FILE),
    so the end-to-end tests can assert on each task's status and returned values.
  - C(ended) is the time the result came (seconds since the epoch, as the simulators' request log
    stamps requests), so a test can tell which task sent which request.
options: {}
'''

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "result_log"
    CALLBACK_NEEDS_ENABLED = True

    def _record(self, result, status):
        path = os.environ.get("RESULT_LOG_FILE")
        if not path:
            return
        entry = {"task": result.task_name, "host": result._host.get_name(), "status": status,
                 "result": result._result, "ended": time.time()}
        if status == "ok" and result._result.get("changed"):
            entry["status"] = "changed"
        with open(path, "a") as handle:
            handle.write(json.dumps(entry, default=str) + "\n")

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "ignored" if ignore_errors else "failed")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._record(result, "unreachable")
