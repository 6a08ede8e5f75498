# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    """Connection options shared by every HMP module."""

    DOCUMENTATION = r'''
options:
  hmp_url:
    description:
      - Root URL of the Haivision Media Platform, C(https://host[:port]).
      - If not set, the environment variable E(HMP_URL) is used.
    type: str
    required: true
  hmp_username:
    description:
      - HMP user name used to log in.
      - If not set, the environment variable E(HMP_USERNAME) is used.
    type: str
    required: true
  hmp_password:
    description:
      - Password of O(hmp_username). Never shown in output.
      - If not set, the environment variable E(HMP_PASSWORD) is used.
    type: str
    required: true
  validate_certs:
    description:
      - Whether to verify the platform's TLS certificate. Prefer O(ca_path) to switching this off.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a PEM CA bundle used to verify the platform's certificate.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP response.
    type: int
    default: 30
requirements:
  - requests >= 2.25
notes:
  - The module logs in once per run (C(POST /apis/authentication/login)), sends the
    C(calypso-session-id) cookie on every request, logs in again once if the platform answers
    401 mid-run, and always logs out when it ends, also when it fails.
  - Connection refusals and HTTP 502/503/504 answers are retried a bounded number of times with
    backoff; a write that may already have been applied is never sent twice.
'''
