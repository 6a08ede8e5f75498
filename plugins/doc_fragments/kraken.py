# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    """Connection options shared by every Kraken module."""

    DOCUMENTATION = r'''
options:
  kraken_url:
    description:
      - Root URL of the Kraken portal, C(https://host[:port]); C(/apis/...) is appended.
      - Plain C(http://) is refused, as OAuth 1.0 needs HTTPS.
      - If not set, the environment variable E(KRAKEN_URL) is used.
    type: str
    required: true
  kraken_consumer_key:
    description:
      - OAuth consumer key generated on the Kraken web interface (REST API page).
      - If not set, the environment variable E(KRAKEN_CONSUMER_KEY) is used.
    type: str
    required: true
  kraken_consumer_secret:
    description:
      - OAuth consumer secret that goes with O(kraken_consumer_key). Never shown in output.
      - If not set, the environment variable E(KRAKEN_CONSUMER_SECRET) is used.
    type: str
    required: true
  validate_certs:
    description:
      - Whether to verify the device's TLS certificate. Prefer O(ca_path) to switching this off.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a PEM CA bundle used to verify the device's certificate.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP response.
    type: int
    default: 30
requirements:
  - requests >= 2.25
  - requests-oauthlib >= 1.3
  - lxml >= 4.6
notes:
  - Requests are signed with two-legged OAuth 1.0 HMAC-SHA1 (consumer key and secret, no token).
  - Connection refusals and HTTP 502/503/504 answers are retried a bounded number of times with
    backoff; a write that may already have been applied is never sent twice.
'''
