# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: task_timer
type: aggregate
short_description: Write when each task started and each result arrived to a JSON lines file (benchmark only)
description:
  - Appends one JSON object per task start, per task result and at the end of the playbook to the
    file named by E(TASK_TIMER_FILE), so the benchmark can time tasks and attribute the simulators'
    requests to the task that sent them.
options: {}
'''

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "task_timer"
    CALLBACK_NEEDS_ENABLED = True

    def _write(self, entry):
        path = os.environ.get("TASK_TIMER_FILE")
        if not path:
            return
        entry["time"] = time.time()
        with open(path, "a") as handle:
            handle.write(json.dumps(entry) + "\n")

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._write({"event": "start", "task": task.get_name()})

    def _result(self, result, status):
        self._write({"event": "result", "task": result.task_name, "host": result._host.get_name(), "status": status,
                     "changed": bool(result._result.get("changed"))})

    def v2_runner_on_ok(self, result):
        self._result(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._result(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._result(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._result(result, "unreachable")

    def v2_playbook_on_stats(self, stats):
        self._write({"event": "end"})
