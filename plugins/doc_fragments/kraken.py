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

    # Identity options of the Kraken resource modules.
    IDENTITY = r'''
options:
  name:
    description:
      - Name of the resource. Required to create one.
      - A name that begins or ends with white space is refused, before any request.
    type: str
  uuid:
    description:
      - The resource's uuid, to address it whatever its name (and to rename it with O(name)).
    type: str
'''

    # SRT options shared by inputs and outputs.
    SRT = r'''
options:
  srt_mode:
    description:
      - SRT connection mode. V(caller) and V(rendezvous) need O(srt_address) and O(srt_remote_port);
        V(listener) needs O(srt_local_port).
    type: str
    choices: [caller, listener, rendezvous]
  srt_address:
    description: Address or FQDN of the SRT peer.
    type: str
  srt_remote_port:
    description: UDP destination port of the SRT peer (1-65535).
    type: int
  srt_local_port:
    description: Local UDP port the SRT listener binds (1-65535).
    type: int
  srt_passphrase:
    description:
      - SRT encryption passphrase, 10 to 79 characters. Never shown in output; a change is
        reported as changed with the value masked.
    type: str
  srt_latency:
    description: SRT receiver buffer in milliseconds (20-8000).
    type: int
'''
