# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Stand-in for ansible-test's pip bootstrap script (get-pip.py).

ansible-test creates its sanity virtual environments without pip and
downloads get-pip.py from a host that is not one of the package registries
this project may reach. This script does the same job with what is at hand:
the interpreter's own ensurepip, then pip from PyPI at the version asked for.
`make sanity` copies it to the cache path ansible-test looks at first.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import subprocess
import sys

GET_PIP_ONLY_OPTIONS = ("--no-setuptools", "--no-wheel")


def main():
    args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_OPTIONS]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"], stdout=subprocess.DEVNULL)
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet"] + args)


if __name__ == "__main__":
    main()
