#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hmp_recording
short_description: Start, pause, resume or stop the recording of a Haivision Media Platform session
version_added: 0.1.0
description:
  - Make the active recording of one session of a Haivision Media Platform (HMP) 3.5 be recording, paused, or
    stopped.
  - The task compares with the session's active recordings (C(GET /apis/sessions/:id/recordings)) and writes only
    what differs. Starting POSTs the session's recordings, pausing and resuming PUT the recording's C(state),
    stopping DELETEs the active recording (it becomes a video). With no active recording, V(stopped) is already
    true and nothing is written.
  - The session, its sources and O(recorders) are resolved before anything is written, so an unknown or
    ambiguous name, a recorder that is not one of the session's sources, or a session without sources fails the
    task having changed nothing, in check mode too.
  - An active recording's sources cannot change. When O(recorders) is given and the session records other sources,
    the task fails having changed nothing; stop that recording first.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.hmp
  - haivision.media.attributes
  - haivision.media.attributes.hmp_group
seealso:
  - module: haivision.media.hmp_session
    description: Manage one session with its sources, metadata, categories, shares and schedule.
  - module: haivision.media.hmp_info
    description: Read what an HMP holds, its active recordings included.
options:
  session:
    description:
      - The session, by title or id. Two sessions with that title make the task fail, listing their ids.
    type: str
    required: true
  state:
    description:
      - V(recording), the session has an active recording that records (a paused one is resumed; with none, one
        is started).
      - V(paused), the session has an active recording that is paused (with none, one is started and paused).
      - V(stopped), the session has no active recording (with O(recorders), no active recording that records any
        of them; a recording always stops whole).
    type: str
    choices: [recording, paused, stopped]
    default: recording
  recorders:
    description:
      - The sources to record, each by name or id; each must be one of the session's sources.
      - Default, all the session's sources when a recording starts, and whichever active recording the session
        has otherwise.
      - Given, the active recording must record exactly these sources.
    type: list
    elements: str
'''

EXAMPLES = r'''
- name: Record the town hall (all its sources)
  haivision.media.hmp_recording:
    hmp_url: https://hmp.example.com
    hmp_username: haiadmin
    hmp_password: "{{ vault_hmp_password }}"
    session: Town hall

- name: Record only the stage camera
  haivision.media.hmp_recording:
    session: Town hall
    recorders: [stage-cam]

- name: Pause during the break
  haivision.media.hmp_recording:
    session: Town hall
    state: paused

- name: Stop; the recording becomes a video
  haivision.media.hmp_recording:
    session: Town hall
    state: stopped
'''

RETURN = r'''
action:
  description:
    - What the task did (in check mode, would do) to the session's recording. V(create), a recording was started
      (and paused with O(state=paused)); V(update), it was paused or resumed; V(delete), it was stopped; V(none),
      nothing.
  returned: always
  type: str
  choices: [create, update, delete, none]
  sample: create
recording:
  description:
    - The session's recording as the platform reports it after the run (in check mode, as it would be).
    - C(id) is none when check mode would start a recording or when no recording was active and V(stopped) was
      wanted; after a stop it is the stopped recording's id.
    - C(state) is V(recording), V(paused) or V(stopped); C(session) is the session's id; C(recorders) the sources
      recorded, each with C(source) (its id) and C(name) (empty after a stop).
  returned: always
  type: dict
  sample: {"id": "bea38704-ef95-4330-9f77-ad52a2c5a8b3", "state": "recording",
           "session": "ad0eff6f-12b3-4622-893e-a5586046ab82",
           "recorders": [{"source": "323e1db5-5bb4-4988-85fc-b07605b365c8", "name": "stage-cam"}]}
stopped_recordings:
  description: Ids of the active recordings stopped (in check mode, to be stopped).
  returned: when O(state=stopped) stopped recordings
  type: list
  elements: str
  sample: ["bea38704-ef95-4330-9f77-ad52a2c5a8b3"]
plan:
  description:
    - The requests the task sends (in check mode, would send), in their order, each with C(method), C(path),
      C(kind), C(name) and C(action). Request bodies are left out, so no secret appears.
    - In check mode a C(path) holds "(new)" where the platform has not assigned the id yet.
  returned: always
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/apis/sessions/ad0eff6f-12b3-4622-893e-a5586046ab82/recordings",
            "kind": "recordings", "name": "Town hall", "action": "create"}]
plan_digest:
  description:
    - sha256 (hex) of the plan and what each write sets (a secret only as changed or not, never by value);
      null when the plan is empty. The same task on the same device gives the same digest, in check mode too.
  returned: always
  type: str
  sample: 3f0c1b6e0e7a4a1c9d2f8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d
'''

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMP_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.recording import HMPRecording
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(HMPRecording, HMP_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
