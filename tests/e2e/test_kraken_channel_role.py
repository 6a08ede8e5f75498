# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kraken_channel role: one variable to a running channel; second run all ok; absent removes it all."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import sys

import yaml

from kraken_helpers import KRAKEN_DEFAULTS, by_name
from tests.e2e.conftest import collections_path

CONNECTION_OPTIONS = {"kraken_url", "kraken_consumer_key", "kraken_consumer_secret", "validate_certs", "ca_path", "timeout"}

CHANNEL = {
    "name": "news", "state": "started",
    "input": {"name": "news-cam", "url": "udp://239.30.0.1:5000"},
    "transcoder": {"name": "news-sd", "video_bitrate": 2000},
    "outputs": [{"name": "news-out", "url": "udp://239.31.0.1:4900"},
                {"name": "news-srt", "stream_type": "SRT", "srt_mode": "listener", "srt_local_port": 9100,
                 "srt_encryption": "aes128", "srt_passphrase": "role-srt-passphrase-77"}],
}


def role_play(channel):
    return [{"name": "channel", "hosts": "localhost", "gather_facts": False, "module_defaults": KRAKEN_DEFAULTS,
             "roles": [{"role": "haivision.media.kraken_channel", "vars": {"kraken_channel": channel}}]}]


def test_role_builds_a_running_channel_and_second_run_is_all_ok(clean, ansible):
    first = ansible(role_play(CHANNEL), verbosity=1)
    assert first.rc == 0, first.output
    assert first.changed
    stream = by_name(clean.kraken, "streams", "news")
    assert stream["state"] == "active"
    assert len(stream["outputs"]) == 2
    clean.kraken.clear_log()
    second = ansible(role_play(CHANNEL), verbosity=1)
    assert second.rc == 0, second.output
    assert second.changed == []
    assert clean.kraken.writes() == []
    assert "role-srt-passphrase-77" not in first.output + second.output


def test_role_absent_removes_stream_then_parts(clean, ansible):
    ansible(role_play(CHANNEL))
    run = ansible(role_play(dict(CHANNEL, state="absent")))
    assert run.rc == 0, run.output
    state = clean.kraken.state()
    assert all(not state[kind] for kind in ("inputs", "outputs", "transcoders", "streams"))


def test_role_passes_every_option_of_the_part_modules():
    """The role names each part's options (no templated argument dict): all the module's options but
    the connection options and state, and nothing else."""
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    with open(os.path.join(root, "roles", "kraken_channel", "vars", "main.yml")) as handle:
        keys = yaml.safe_load(handle)
    with open(os.path.join(root, "roles", "kraken_channel", "tasks", "main.yml")) as handle:
        tasks = yaml.safe_load(handle)
    parts = dict((task["name"], task) for task in tasks[1]["block"])
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path())
    for module, key, task in (("kraken_input", "input", "Input of the channel"),
                              ("kraken_transcoder", "transcoder", "Transcoder of the channel"),
                              ("kraken_output", "output", "Outputs of the channel")):
        completed = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-doc"), "--json",
                                    "haivision.media." + module], env=env, stdout=subprocess.PIPE, check=True)
        options = set(json.loads(completed.stdout.decode())["haivision.media." + module]["doc"]["options"])
        options -= CONNECTION_OPTIONS | {"state"}
        assert set(keys["kraken_channel_%s_keys" % key]) == options, (module, sorted(options ^ set(keys["kraken_channel_%s_keys" % key])))
        assert set(parts[task]["haivision.media." + module]) == options, module


def test_role_refuses_an_option_it_does_not_know_before_any_request(clean, ansible):
    channel = dict(CHANNEL, outputs=[dict(CHANNEL["outputs"][0], tll=16)])
    run = ansible(role_play(channel))
    assert run.rc != 0
    assert "unsupported options" in run.output and "tll" in run.output, run.output
    assert clean.kraken.writes() == []
