#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kraken_lineup
short_description: Converge a whole Haivision Kraken line-up in one task
version_added: 0.1.0
description:
  - Declare a Kraken's inputs, outputs, transcoders and streams in one task; the module converges all of
    them with the same rules as M(haivision.media.kraken_input), M(haivision.media.kraken_output),
    M(haivision.media.kraken_transcoder) and M(haivision.media.kraken_stream), whose options the items take.
  - Each collection is listed once and detail reads run concurrently on a small pool, so a device with
    100 resources converges in seconds.
  - Everything is planned before the first write. Writes go in dependency order - stream removals, then
    inputs, outputs and transcoders, then stream fields, then stream run states (each alone in its request),
    then removals of inputs, outputs and transcoders. A stream may refer to resources created in the same run.
  - If the device refuses a write, the task fails saying which resources were applied and which were not;
    every write is whole, so the next run converges from there.
author:
  - haivision.media developers (@haivision-media)
extends_documentation_fragment:
  - haivision.media.kraken
  - haivision.media.attributes
  - haivision.media.attributes.kraken_group
seealso:
  - module: haivision.media.kraken_input
    description: Manage one input.
  - module: haivision.media.kraken_transcoder
    description: Manage one transcoder.
  - module: haivision.media.kraken_output
    description: Manage one output.
  - module: haivision.media.kraken_stream
    description: Manage one stream, tying an input, a transcoder and outputs together, and whether it runs.
  - module: haivision.media.kraken_info
    description: Read what a Kraken holds.
  - name: One task per resource, or one task per device (README)
    description: >-
      The C(haivision.media.kraken_channel) role converges
      a channel (input, transcoder, outputs, stream) from one variable; the README compares roles, resource modules and line-ups.
    link: https://github.com/haivision-media/haivision.media/blob/main/README.md#one-task-per-resource-or-one-task-per-device
  - name: Drift enforcement, cron and AWX (README)
    description: Fleets with line-ups, and drift enforcement from an inventory (cron and AWX).
    link: https://github.com/haivision-media/haivision.media/blob/main/README.md#drift-enforcement-cron-and-awx
options:
  inputs:
    description:
      - Inputs, each with the options of M(haivision.media.kraken_input).
    type: list
    elements: dict
    # BEGIN suboptions of inputs: kraken_input's options, written by python scripts/lineup_docs.py (edit that module, then run it)
    suboptions:
      name:
        description:
          - Name of the resource. Required to create one.
          - A name that begins or ends with white space is refused, before any request.
        type: str
      uuid:
        description:
          - The resource's uuid, to address it whatever its name (and to rename it with O(inputs[].name)).
        type: str
      state:
        description: Whether the input should exist.
        type: str
        choices: [present, absent]
        default: present
      description:
        description: Free text describing the input.
        type: str
      stream_type:
        description:
          - The source type. The device creates V(MPEG2TS) inputs when this is not given.
        type: str
        choices: [MPEG2TS, SRT, DECKLINK, V4L2, RTSP, MJPEGRAW]
      url:
        description:
          - Source URL, for example C(udp://239.100.100.100:5000), or C(rtsp://host/path) for V(RTSP).
          - Needed to create V(MPEG2TS), V(RTSP) and V(MJPEGRAW) inputs.
        type: str
      interface:
        description:
          - Network interface receiving the stream, as a NIC name such as C(eth1) (resolved through C(/apis/servers/.../nics)),
            a full NIC link, or V(auto).
        type: str
      decklink_port:
        description: DeckLink capture card port (V(DECKLINK)), 0 for the first.
        type: int
      decklink_mode:
        description: DeckLink capture mode, -1 for automatic.
        type: int
      capture_port:
        description: Analog capture card port (V(V4L2)), 0 for the first.
        type: int
      capture_mode:
        description: Analog capture mode, -1 for automatic.
        type: int
      srt_mode:
        description:
          - SRT connection mode. V(caller) and V(rendezvous) need O(inputs[].srt_address) and O(inputs[].srt_remote_port);
            V(listener) needs O(inputs[].srt_local_port).
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
          - SRT encryption passphrase, 10 to 79 characters. Never shown in output; a change is reported as changed with
            the value masked.
        type: str
      srt_latency:
        description: SRT receiver buffer in milliseconds (20-8000).
        type: int
    # END suboptions of inputs
  outputs:
    description:
      - Outputs, each with the options of M(haivision.media.kraken_output).
    type: list
    elements: dict
    # BEGIN suboptions of outputs: kraken_output's options, written by python scripts/lineup_docs.py (edit that module, then run it)
    suboptions:
      name:
        description:
          - Name of the resource. Required to create one.
          - A name that begins or ends with white space is refused, before any request.
        type: str
      uuid:
        description:
          - The resource's uuid, to address it whatever its name (and to rename it with O(outputs[].name)).
        type: str
      state:
        description: Whether the output should exist.
        type: str
        choices: [present, absent]
        default: present
      description:
        description: Free text describing the output.
        type: str
      url:
        description:
          - Destination URL, for example C(udp://239.100.100.100:4900). Needed to create a non-SRT output.
        type: str
      stream_type:
        description: Empty for the default (TS over UDP) or V(SRT).
        type: str
        choices: ['', SRT]
      mtu:
        description: Maximum size of outgoing IP packets (228-1500; the device defaults to 1490).
        type: int
      ttl:
        description: Time to live of the stream packets (1-255; the device defaults to 64).
        type: int
      tos:
        description: Type of service of the stream packets (0-255; the device defaults to 184).
        type: int
      interface:
        description:
          - Network interface sending the stream, as a NIC name such as C(eth1), a full NIC link, or V(auto).
        type: str
      sap:
        description: SAP announcement of the output. Only the keys given are managed.
        type: dict
        suboptions:
          transmit_sap:
            description: Whether to transmit SAP announcements.
            type: bool
          address:
            description: SAP multicast address, for example C(224.2.127.254).
            type: str
          port:
            description: SAP port (1-65535), usually 9875.
            type: int
          session_name:
            description: SAP session name.
            type: str
          session_description:
            description: SAP session description.
            type: str
          keywords:
            description: SAP keywords.
            type: str
          author:
            description: SAP author.
            type: str
      srt_mode:
        description:
          - SRT connection mode. V(caller) and V(rendezvous) need O(outputs[].srt_address) and O(outputs[].srt_remote_port);
            V(listener) needs O(outputs[].srt_local_port).
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
          - SRT encryption passphrase, 10 to 79 characters. Never shown in output; a change is reported as changed with
            the value masked.
        type: str
      srt_latency:
        description: SRT receiver buffer in milliseconds (20-8000).
        type: int
      srt_encryption:
        description: SRT AES encryption key length.
        type: str
        choices: [none, aes128, aes256]
    # END suboptions of outputs
  transcoders:
    description:
      - Transcoders, each with the options of M(haivision.media.kraken_transcoder).
    type: list
    elements: dict
    # BEGIN suboptions of transcoders: kraken_transcoder's options, written by python scripts/lineup_docs.py (edit that module, then run it)
    suboptions:
      name:
        description:
          - Name of the resource. Required to create one.
          - A name that begins or ends with white space is refused, before any request.
        type: str
      uuid:
        description:
          - The resource's uuid, to address it whatever its name (and to rename it with O(transcoders[].name)).
        type: str
      state:
        description: Whether the transcoder should exist.
        type: str
        choices: [present, absent]
        default: present
      resolution_mode:
        description:
          - Resolution of the outbound stream - V(1) custom (see O(transcoders[].resolution)), V(2) auto-detect on stream
            start, V(3) auto-detect continuously (the device's default).
        type: int
        choices: [1, 2, 3]
      resolution:
        description: Custom resolution (with O(transcoders[].resolution_mode=1)).
        type: dict
        suboptions:
          width:
            description: Width in pixels.
            type: int
          height:
            description: Height in pixels.
            type: int
      frame_rate:
        description:
          - Coded frame rate - V(-1) auto (continuously), V(0) auto (on stream start), or 1-60 fps.
        type: int
      video_bitrate:
        description: Video bitrate in kbps (150-15000).
        type: int
      gop_size:
        description: GOP size (0-1000).
        type: int
      metadata:
        description: Whether KLV metadata passes through.
        type: bool
      audio:
        description: Whether the outbound stream carries audio.
        type: bool
      audio_bitrate:
        description: Audio bitrate in kbps (14-576).
        type: int
      video_type:
        description: Video format.
        type: str
        choices: [avc, hevc, mpeg2video]
      b_frame:
        description: B-frames per P-frame (-1 to 3; -1 lets the encoder decide).
        type: int
      enable_intra_refresh:
        description: Intra refresh instead of I-frames.
        type: bool
      encoding_profile:
        description: Speed/quality balance.
        type: str
        choices: [vbr, cbr, performance, balanced, quality]
      encoder_type:
        description: Software encoding (V(unset) or V(software)) or Intel Quick Sync (V(qsv)).
        type: str
        choices: [unset, qsv, software]
      interleave_adjustment_ms:
        description: Audio delay before muxing in ms (-5000 to 5000; -1 lets the transcoder decide).
        type: int
      jitter_buffer_ms:
        description: Jitter buffer of the inbound stream in ms (0-10000).
        type: int
      video_profile:
        description: MPEG-2 video profile (with O(transcoders[].video_type=mpeg2video)).
        type: str
        choices: [unset, mpeg2_main, mpeg2_simple]
      audio_type:
        description: MPEG-2 audio compression (with O(transcoders[].video_type=mpeg2video)).
        type: str
        choices: [unset, mpeg1_layer2, mpeg2_aac_adts]
      output_pacing:
        description: Whether output pacing is on.
        type: bool
      output_pacing_interval:
        description: Output pacing interval.
        type: int
      shaping_bitrate:
        description: Traffic shaping bitrate (-1 off).
        type: int
      shaping_max_bitrate_percent:
        description: Traffic shaping maximum bitrate percentage (-1 off).
        type: int
      shaping_target_bitrate_percent:
        description: Traffic shaping target bitrate percentage (-1 off).
        type: int
      shaping_vbv_size_ms:
        description: Traffic shaping VBV size in ms (-1 off).
        type: int
      shaping_buffering_interval_ms:
        description: Traffic shaping buffering interval in ms (-1 off).
        type: int
      enable_pcs:
        description: Whether PCS is enabled.
        type: bool
      quality_level:
        description: Quality level (older firmware).
        type: int
      use_legacy_transcoder:
        description: Whether the legacy transcoder is used.
        type: bool
    # END suboptions of transcoders
  streams:
    description:
      - Streams, each with the options of M(haivision.media.kraken_stream), references by name, uuid or link.
    type: list
    elements: dict
    # BEGIN suboptions of streams: kraken_stream's options, written by python scripts/lineup_docs.py (edit that module, then run it)
    suboptions:
      name:
        description:
          - Name of the resource. Required to create one.
          - A name that begins or ends with white space is refused, before any request.
        type: str
      uuid:
        description:
          - The resource's uuid, to address it whatever its name (and to rename it with O(streams[].name)).
        type: str
      state:
        description:
          - V(present) makes the stream exist without touching whether it runs; V(started) and V(stopped) make it exist
            and be running or not running; V(absent) removes it (stopping it first).
        type: str
        choices: [present, absent, started, stopped]
        default: present
      wait:
        description: Wait until a started stream is V(active) or a stopped one V(stopped).
        type: bool
        default: false
      wait_timeout:
        description: Seconds to wait with O(streams[].wait).
        type: int
        default: 60
      description:
        description: Free text describing the stream.
        type: str
      auto_start:
        description: Whether the stream starts when a preset loads or after a reboot (and on creation).
        type: bool
      input:
        description: The input of the stream, by name, uuid or link.
        type: str
      transcoder:
        description: The transcoder of the stream, by name, uuid or link.
        type: str
      outputs:
        description: The outputs of the stream, by name, uuid or link; the exact set.
        type: list
        elements: str
      passthru:
        description: An output the input is also re-transmitted to unchanged, by name, uuid or link; V('') for none.
        type: str
      metadatas:
        description: Metadata sources of the stream, by uuid or link; the exact set.
        type: list
        elements: str
    # END suboptions of streams
  purge:
    description:
      - Remove the resources of the kinds given (O(inputs), O(outputs), O(transcoders), O(streams)) that the
        line-up does not name. Kinds not given are left alone.
      - What is on air stays (unless O(purge_on_air)) and is listed in RV(kept_on_air) - a running stream,
        and the input, transcoder, outputs and passthru of every stream that runs once the task is done (a
        stream the line-up names, as it plans it; one it does not name, as the device has it). A stream an
        item names with C(state=absent) or C(state=stopped) is deleted or stopped as asked.
    type: bool
    default: false
  purge_on_air:
    description:
      - With O(purge), remove also what is on air; running streams are stopped first.
    type: bool
    default: false
  max_deletes:
    description:
      - The most resources the task may delete (items with C(state=absent), and
        O(purge)). A plan that deletes more fails before any write, listing them (also in check mode).
      - Unset, any number.
    type: int
  expect_plan_digest:
    description:
      - The RV(plan_digest) of a reviewed plan (a check-mode run, for example by the C(haivision.media.plan)
        playbook). The task plans the device again; when the digest differs (the device or the line-up changed
        since the review), it fails before any write, and its RV(plan) and RV(plan_digest) show what it would
        send now; when it is equal, it applies that plan.
      - V(empty) pins a reviewed plan without any write (whose RV(plan_digest) is V(null)).
      - In check mode the comparison is made too, and nothing is written.
    type: str
'''

EXAMPLES = r'''
- name: The whole studio Kraken, as written in git
  haivision.media.kraken_lineup:
    kraken_url: https://kraken.example.com
    kraken_consumer_key: "{{ vault_kraken_key }}"
    kraken_consumer_secret: "{{ vault_kraken_secret }}"
    purge: true
    inputs:
      - {name: studio-cam, url: "udp://239.10.0.1:5000", interface: eth1}
    transcoders:
      - {name: studio-hd, video_bitrate: 4000, resolution_mode: 1, resolution: {width: 1280, height: 720}}
    outputs:
      - {name: studio-out, url: "udp://239.20.0.1:4900", ttl: 16}
    streams:
      - {name: studio, input: studio-cam, transcoder: studio-hd, outputs: [studio-out], state: started}
  register: lineup

- name: What changed
  ansible.builtin.debug:
    msg: "{{ lineup.resources | rejectattr('action', 'equalto', 'none') | map(attribute='name') }}"

- name: Plan only (check mode); review lineup_plan.plan, keep lineup_plan.plan_digest
  haivision.media.kraken_lineup:
    purge: true
    max_deletes: 2
    outputs:
      - {name: studio-out, url: "udp://239.20.0.1:4900", ttl: 16}
  check_mode: true
  register: lineup_plan

- name: Later, in the change window, apply exactly the reviewed plan (fails, writing nothing, if it changed)
  haivision.media.kraken_lineup:
    purge: true
    max_deletes: 2
    outputs:
      - {name: studio-out, url: "udp://239.20.0.1:4900", ttl: 16}
    expect_plan_digest: "{{ lineup_plan.plan_digest | default('empty', true) }}"
'''

RETURN = r'''
resources:
  description: One entry per resource of the line-up (and per purged resource).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The resource's name.
      returned: always
      type: str
    kind:
      description: V(inputs), V(outputs), V(transcoders) or V(streams).
      returned: always
      type: str
    action:
      description: V(create), V(update), V(delete) or V(none).
      returned: always
      type: str
    diff:
      description: C(before) and C(after) of the changed fields, secrets masked.
      returned: always (empty C(before) and C(after) when RV(resources[].action) is V(none))
      type: dict
    uuid:
      description: The resource's uuid (none for a create in check mode).
      returned: always (V(null) for a create in check mode)
      type: str
    applied:
      description: Whether the change was written (false in check mode and for steps not reached after a failure).
      returned: always
      type: bool
  sample: [{"name": "studio-out", "kind": "outputs", "action": "update", "applied": true,
            "uuid": "fcc7f606-c331-427c-bff9-644f8aa62d11", "diff": {"before": {"ttl": 64}, "after": {"ttl": 16}}}]
plan:
  description:
    - The writes the task sends (in check mode, would send), in the order they go; no bodies, so no secret values.
      V([]) when the device matches the line-up.
    - A real run lists what it sent; its writes are those of a check-mode run on the same device, write for write.
  returned: always (also when the task fails for RV(plan_digest) or O(max_deletes))
  type: list
  elements: dict
  contains:
    method:
      description: V(POST), V(PUT) or V(DELETE).
      type: str
    path:
      description: The request's path, with V((new\)) where the device has not assigned the resource's uuid yet.
      type: str
    kind:
      description: V(inputs), V(outputs), V(transcoders) or V(streams).
      type: str
    name:
      description: The resource's name.
      type: str
    action:
      description: V(create), V(update) or V(delete).
      type: str
    note:
      description: What a request whose path alone does not tell carries (V(state start), V(state stop)).
      returned: when the write has one
      type: str
  sample: [{"method": "PUT", "path": "/apis/kraken/outputs/output-fcc7f606-c331-427c-bff9-644f8aa62d11",
            "kind": "outputs", "name": "studio-out", "action": "update"}]
plan_digest:
  description:
    - sha256 (hex) over every write of RV(plan) and what it sets (the options it changes and their values; a
      secret only as changing or not, never by value); V(null) when RV(plan) is empty.
    - Equal desired state on an equal device gives an equal digest, whatever the order of the items; a change on
      the device that changes a write changes it. Computed before the first write, so a real run's digest is the
      one its check-mode run gave. Pin it with O(expect_plan_digest).
  returned: always (also when the task fails for it or for O(max_deletes))
  type: str
  sample: 5f0c6a1e9b3d2c4f8a7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a2918
kept_on_air:
  description: What O(purge) left because it is on air (see O(purge_on_air)), in kind order, then by name.
  returned: always (V([]) without O(purge))
  type: list
  elements: dict
  contains:
    kind:
      description: V(inputs), V(outputs), V(transcoders) or V(streams).
      type: str
    name:
      description: The resource's name.
      type: str
    id:
      description: The resource's uuid.
      type: str
  sample: [{"kind": "streams", "name": "studio", "id": "6e6862e0-d65d-4de5-b690-62e680d4587b"}]
requests:
  description: HTTP requests the module sent (reads and writes), for sizing scheduled runs.
  returned: always
  type: int
  sample: 9
'''

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KRAKEN_CONNECTION_SPEC
from ansible_collections.haivision.media.plugins.module_utils._kraken.lineup import argument_spec, converge_lineup
from ansible_collections.haivision.media.plugins.module_utils._common.runner import run_module


def main():
    run_module(argument_spec(), converge_lineup, KRAKEN_CONNECTION_SPEC, supports_check_mode=True)


if __name__ == "__main__":
    main()
