#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kraken_configuration
short_description: Save, load and choose the boot configuration of a Haivision Kraken
version_added: 0.1.0
description:
  - Manage one saved configuration of a Kraken encoder/transcoder, a named snapshot of its running
    inputs, outputs, transcoders and streams.
  - V(present) saves the running configuration under O(name) when no configuration has that name;
    an existing one is left as it is unless O(save=always).
  - O(default) marks the configuration the Kraken loads at boot (there is one default); it is compared with the
    device's C(defaultConfig), so a second run changes nothing.
  - O(load=true) loads the configuration now, replacing the running inputs, outputs, transcoders and streams;
    it is an action, so the task always reports C(changed). In check mode nothing is loaded, and the task
    reports that it would be.
  - The Kraken API cannot rename a configuration nor save into an existing one. A different O(name) with
    O(uuid) fails, and O(save=always) saves a new configuration of that name first, then removes the old
    one, then makes the new one the default if the old one was (or if O(default=true)); its uuid changes.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.kraken
  - haivision.media.attributes
  - haivision.media.attributes.kraken_group
seealso:
  - module: haivision.media.kraken_info
    description: Read what a Kraken holds, its saved configurations (O(haivision.media.kraken_info#module:gather=configurations)) included.
  - module: haivision.media.kraken_lineup
    description: Converge a whole Kraken line-up (inputs, transcoders, outputs, streams) in one task.
options:
  name:
    description:
      - Name of the configuration. Required to save a new one.
      - Two configurations with this name make the task fail, listing their uuids; give O(uuid) then.
    type: str
  uuid:
    description:
      - The configuration's uuid, to address it whatever its name. With O(name), the name must be its
        current one (the Kraken API cannot rename a configuration).
    type: str
  state:
    description:
      - V(present) makes the configuration exist, saving the running configuration under O(name) if none has it.
      - V(absent) removes it; O(default), O(save=always) and O(load=true) cannot be used with it.
    type: str
    choices: [present, absent]
    default: present
  default:
    description:
      - Whether this is the configuration the Kraken loads at boot. V(true) takes the flag from any other
        configuration; V(false) leaves the Kraken with no default if this one was it.
      - Not managed when left out.
    type: bool
  save:
    description:
      - V(on_create) saves the running configuration only when the configuration does not exist.
      - V(always) also replaces an existing one with the running configuration (always reported as a change).
    type: str
    choices: [on_create, always]
    default: on_create
  load:
    description:
      - Load the configuration now (after saving it, and after changing O(default), when the task does those too).
      - Always reported as a change; skipped in check mode.
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: Save the running line-up as "before-change" (replacing an older save of that name)
  haivision.media.kraken_configuration:
    kraken_url: https://kraken.example.com
    kraken_consumer_key: "{{ vault_kraken_key }}"
    kraken_consumer_secret: "{{ vault_kraken_secret }}"
    name: before-change
    save: always

- name: Boot into the studio line-up
  haivision.media.kraken_configuration:
    name: studio
    default: true

- name: Roll back to the saved line-up now
  haivision.media.kraken_configuration:
    name: before-change
    load: true

- name: Remove an old save
  haivision.media.kraken_configuration:
    name: before-change
    state: absent
'''

RETURN = r'''
action:
  description:
    - What the task did to the configuration (in check mode, what it would do). V(update) covers a change of
      O(default), a replacement with O(save=always) and a load.
  returned: always
  type: str
  choices: [create, update, delete, none]
  sample: update
configuration:
  description:
    - The configuration after the run (in check mode, as it would be; its C(uuid) is then null when it would be
      saved anew). Empty after V(absent).
  returned: always
  type: dict
  contains:
    uuid:
      description: The configuration's uuid.
      type: str
      returned: unless empty
      sample: 83d0df6f-b1f9-421e-8942-06054703d265
    name:
      description: Its name.
      type: str
      returned: unless empty
      sample: before-change
    default:
      description: Whether the Kraken loads it at boot.
      type: bool
      returned: unless empty
      sample: false
uuid:
  description:
    - The configuration's uuid after the run. In check mode, none when it would be saved anew (created, or
      replaced with O(save=always), which gives it a new uuid), as in RV(configuration).
  returned: always
  type: str
  sample: 83d0df6f-b1f9-421e-8942-06054703d265
diff:
  description:
    - The compared fields before and after (C(name), C(default)); C(saved) and C(loaded) in C(after) say that
      the running configuration is saved into it again or that it is loaded.
  returned: always
  type: dict
  sample: {"before": {"default": false}, "after": {"default": true, "loaded": true}}
plan:
  description:
    - The requests the task sends (in check mode, would send), in their order, each with C(method), C(path),
      C(kind), C(name) and C(action) (and C(note) where the path alone does not say what it carries). Request
      bodies are left out, so no secret appears.
    - A C(path) holds "(new)" where the device has not assigned the id yet.
  returned: always
  type: list
  elements: dict
  sample: [{"method": "PUT", "path": "/apis/kraken/outputs/output-f5684714-5ee6-4523-ab73-c61773769b53",
            "kind": "outputs", "name": "studio-out", "action": "update"}]
plan_digest:
  description:
    - sha256 (hex) of the plan and what each write sets (a secret only as changed or not, never by value);
      null when the plan is empty. The same task on the same device gives the same digest, in check mode too.
  returned: always
  type: str
  sample: 3f0c1b6e0e7a4a1c9d2f8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d
'''

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KRAKEN_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._kraken.configuration import KrakenConfiguration
from ansible_collections.haivision.media.plugins.module_utils._common.kind import run_kind_module


def main():
    run_kind_module(KrakenConfiguration, KRAKEN_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
