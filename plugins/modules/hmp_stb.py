#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hmp_stb
short_description: Control the Haivision set-top boxes of a Haivision Media Platform
version_added: 0.1.0
description:
  - Bring one set-top box (STB), or every box with a tag, of a Haivision Media Platform (HMP) 3.5 to a standby
    state, volume, mute state and channel, and show a message on them or reboot them.
  - Each box's reported state (C(GET /apis/devices/stbs)) is compared and only the commands that differ are sent
    (C(POST /apis/devices/stbs/:id/commands)), the guide's C(standby-on) or C(standby-off), C(mute) or C(unmute),
    C(set-volume), C(set-channel). A box is woken first and put to standby last.
  - O(text_message) and O(reboot) are actions, sent on every run, so the task reports C(changed) for each reachable box.
  - The guide sends commands only to a box that is online and connected (status C(Online) or C(Standby)). Any
    other box (C(Offline), C(Never), C(Warning)) is reported in RV(skipped_offline) and left alone, unless
    O(require_online=true), which fails the task before any command.
  - The targets, the channel and the volume are checked before the first command, so an unknown box, tag or
    channel, or a volume out of range, fails the task having sent nothing, in check mode too.
  - Needs the STB Administration permission (the Administrator and Set-Top Box roles).
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.hmp
  - haivision.media.attributes
  - haivision.media.attributes.hmp_group
seealso:
  - module: haivision.media.hmp_info
    description: Read what an HMP holds, its set-top boxes and device tags included.
  - module: haivision.media.hmp_session
    description: Manage one session (a channel a box may show).
  - module: haivision.media.hmp_source
    description: Manage one source (a channel a box may show).
options:
  name:
    description:
      - The box, by its name. Two boxes with that name make the task fail, listing their ids.
      - One of O(name), O(id) and O(tag) is required.
    type: str
  id:
    description: The box, by its id (the guide's C(_id)).
    type: str
  tag:
    description: Every box with this device tag, by the tag's name or id. A tag no box has changes nothing.
    type: str
  standby:
    description: Whether the box is in standby (off, but connected and in service).
    type: bool
  volume:
    description: The volume, from V(0.0) to V(1.0), compared and sent to two decimals; independent of O(muted).
    type: float
  muted:
    description: Whether the sound is muted, independent of O(volume).
    type: bool
  channel:
    description:
      - What the box shows, a source (by name or id) or a session (by title or id). A name that both a source and
        a session carry fails the task; give the id.
    type: str
  text_message:
    description:
      - A text message to show on the box (the guide's C(show-text-message)), sent on every run.
      - Ansible reserves the option name C(message).
    type: dict
    suboptions:
      text:
        description: The text.
        type: str
        required: true
      seconds:
        description: How long it shows, in seconds.
        type: int
        required: true
  reboot:
    description: Reboot the box, on every run, after any other command.
    type: bool
    default: false
  require_online:
    description: Fail, before any command, when a targeted box cannot receive commands, instead of skipping it.
    type: bool
    default: false
notes:
  - The guide's endpoint table names the command path C(/apis/devices/stbs/:id/command); every request example of
    the guide uses C(/apis/devices/stbs/:id/commands), which this module sends to.
'''

EXAMPLES = r'''
- name: Lobby screens on the town hall, at 60% volume
  haivision.media.hmp_stb:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
    tag: Lobby
    standby: false
    channel: Town hall
    volume: 0.6
    muted: false

- name: Tell the meeting room, every box must be reachable
  haivision.media.hmp_stb:
    name: Meeting room 2
    text_message:
      text: The town hall starts in 5 minutes
      seconds: 30
    require_online: true

- name: Night, every lobby screen to standby
  haivision.media.hmp_stb:
    tag: Lobby
    standby: true
'''

RETURN = r'''
stbs:
  description:
    - The reachable boxes the task is about, each with C(id), C(name), C(status) (as the box reported it before
      the run) and C(commands), the commands sent (in check mode, that would be sent), each as its request body.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "SK8DQW7KjDyopkreyMNrSA", "name": "Lobby 1", "status": "Online",
            "commands": [{"command": "set-volume", "parameters": {"volume": 0.6}}]}]
skipped_offline:
  description: The targeted boxes that cannot receive commands (status neither C(Online) nor C(Standby)), with C(id), C(name) and C(status).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "SAVBwpHXagaN3I1Xt0qHJA", "name": "Lobby 2", "status": "Offline"}]
plan:
  description:
    - The commands the task sends (in check mode, would send), in their order, each with C(method), C(path),
      C(kind), C(name) (the box's name), C(action) and C(note) (the command). Request bodies are left out.
  returned: always
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/apis/devices/stbs/SK8DQW7KjDyopkreyMNrSA/commands", "kind": "stbs",
            "name": "Lobby 1", "action": "update", "note": "set-volume"}]
plan_digest:
  description:
    - sha256 (hex) of the plan and what each write sets (a secret only as changed or not, never by value);
      null when the plan is empty. The same task on the same device gives the same digest, in check mode too.
  returned: always
  type: str
  sample: 3f0c1b6e0e7a4a1c9d2f8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d
'''

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.stb import HMPSTB
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(HMPSTB, HMP_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
