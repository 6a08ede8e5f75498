# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The warnings the e2e tests and make demo read from ansible's output, however ansible-core wrapped them."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from tests.ansible_warnings import unexpected_warnings, warnings_in

UUID = "8c0d3a57-6a8e-4d3c-9a51-0d6e2f7b9c11"


def test_a_uuid_wrapped_at_one_of_its_dashes_is_read_whole():
    # ansible-core 2.16's textwrap breaks after a hyphen: the uuid's second half starts the next line.
    output = ("[WARNING]: 2 sources have the name 'cam' (ids: 8c0d3a57-6a8e-\n"
              "4d3c-9a51-0d6e2f7b9c11, x): exported with their ids\n\nTASK [next] ***\n")
    assert warnings_in(output) == ["[WARNING]: 2 sources have the name 'cam' (ids: %s, x): exported with their ids" % UUID]


def test_a_message_wrapped_at_spaces_is_one_line_and_ends_at_the_next_task():
    output = "[WARNING]: one\n  two -\nthree\nTASK [next] ***\n[DEPRECATION WARNING]: old\n"
    assert warnings_in(output) == ["[WARNING]: one two - three", "[DEPRECATION WARNING]: old"]


def test_environment_warnings_pass_and_others_are_reported():
    output = "[WARNING]: Ansible is being run in a world writable directory\n\n[WARNING]: surprise\n"
    assert unexpected_warnings(output) == ["[WARNING]: surprise"]
