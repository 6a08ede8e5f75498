# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The warnings an ansible run printed, for the end-to-end tests and ``make demo``, which fail on them.

Our roles, playbooks and modules must run without a [WARNING] or [DEPRECATION WARNING]. Warnings that
the machine running the tests causes are let through: ENVIRONMENT_WARNINGS lists them, and
core_warnings() adds those the installed ansible-core causes by itself whatever a role does.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import functools
import inspect
import re

# Warnings that come from the machine running the tests, not from our roles, playbooks or modules:
# ansible-core's own notes on the environment (the working directory's permissions, a locale it has to
# fall back from). Everything else a run prints as [WARNING] or [DEPRECATION WARNING] fails the test.
ENVIRONMENT_WARNINGS = (
    r"Ansible is being run in a world writable directory",
    r"[Ll]ocale",
)
# ansible-core 2.16.20 deprecates a mapping for a task's `action`, yet still builds the task that checks
# a role's arguments against its meta/argument_specs.yml with one (ansible/ansible#85399, which 2.19
# fixed in #85401 and no 2.16 release did): on that core every role with an argument spec prints it.
ROLE_VALIDATION_DEPRECATION = r"Using a mapping for `action` is deprecated"
WARNING_START = re.compile(r"^\[(?:DEPRECATION )?WARNING\]:?", re.M)


# Lines that end a warning's block: the next result, task, play or message of the run.
BLOCK_END = re.compile(r"^(\[|TASK |PLAY|RUNNING HANDLER|ok:|changed:|fatal:|failed:|skipping:|included:|"
                       r"\.\.\.ignoring|localhost\s+:)")


def warnings_in(output):
    """The [WARNING] and [DEPRECATION WARNING] messages of ansible output, one string each.

    A message is its header line and the lines after it up to a blank line or the next result, task,
    play or message (ansible-core wraps long warnings and, from 2.19, adds their origin), unwrapped and
    with its whitespace collapsed so that a pattern matches however the message was wrapped.
    """
    found = []
    lines = output.splitlines()
    for index, line in enumerate(lines):
        if WARNING_START.match(line):
            message = " ".join(line.split())
            for following in lines[index + 1:]:
                if not following.strip() or BLOCK_END.match(following):
                    break
                message = unwrap(message, " ".join(following.split()))
            found.append(message)
    return found


def unwrap(message, line):
    """``message`` continued by its next printed ``line``.

    ansible-core's textwrap breaks lines after a hyphen as well as at spaces (2.16 wraps a uuid at one
    of its dashes): a line that ends in a hyphen glued to a word goes on without a space.
    """
    if re.search(r"\w-$", message):
        return message + line
    return message + " " + line


@functools.lru_cache(maxsize=None)
def core_warnings():
    """The warnings the installed ansible-core prints by itself: found in its code, not guessed from its version.

    A core whose task parser deprecates an `action` mapping while its role loader still builds the role's
    argument validation task as one warns of its own task; any other core (2.16.19, 2.19 and later)
    gets no pass for it, so a mapping of ours is still caught there. Read once: the core does not change
    while the tests run.
    """
    try:
        from ansible.parsing import mod_args
        from ansible.playbook.role import Role
    except ImportError:
        return ()
    deprecates = ROLE_VALIDATION_DEPRECATION in inspect.getsource(mod_args)
    builds_one = re.search(r"""['"]action['"]\s*:\s*\{""", inspect.getsource(Role._create_validation_task))
    return (ROLE_VALIDATION_DEPRECATION,) if deprecates and builds_one else ()


def unexpected_warnings(output, expected=()):
    """The warnings of ``output`` that neither the environment nor the test (``expected`` regexes) explain."""
    allowed = [re.compile(p) for p in ENVIRONMENT_WARNINGS + core_warnings() + tuple(expected)]
    return [w for w in warnings_in(output) if not any(p.search(w) for p in allowed)]
