# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The read pool: reads side by side, results in order, the first error raised, never more than the bound."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading

import pytest

from ansible_collections.haivision.media.plugins.module_utils._common.transport import READ_WORKERS, run_concurrently


def test_results_come_in_the_calls_order_whatever_finishes_first():
    gates = [threading.Event() for dummy in range(3)]

    def read(index):
        def call():
            # The last call finishes first, the first one last.
            if index < 2:
                assert gates[index + 1].wait(5)
            gates[index].set()
            return index
        return call
    assert run_concurrently([read(i) for i in range(3)]) == [0, 1, 2]


def test_the_calls_run_side_by_side_on_at_most_the_bound():
    running, peak, lock = [0], [0], threading.Lock()
    barrier = threading.Barrier(READ_WORKERS, timeout=5)

    def call():
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        barrier.wait()  # only passes when READ_WORKERS calls are in flight at once
        with lock:
            running[0] -= 1
    run_concurrently([call] * (2 * READ_WORKERS))
    assert peak[0] == READ_WORKERS


def test_one_call_runs_on_the_callers_thread():
    assert run_concurrently([threading.current_thread]) == [threading.current_thread()]
    assert run_concurrently([]) == []


def test_the_first_error_in_order_is_raised():
    def fail(text):
        def call():
            raise ValueError(text)
        return call
    with pytest.raises(ValueError, match="first"):
        run_concurrently([lambda: 1, fail("first"), fail("second")])
