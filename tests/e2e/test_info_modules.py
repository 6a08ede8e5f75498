# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""kraken_info and hmp_info through ansible-playbook, connection set once per action group."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

KRAKEN_DEFAULTS = {
    "group/haivision.media.kraken": {
        "kraken_url": "{{ kraken_url }}", "kraken_consumer_key": "{{ kraken_consumer_key }}",
        "kraken_consumer_secret": "{{ kraken_consumer_secret }}", "ca_path": "{{ sim_ca_path }}",
    }
}
HMP_DEFAULTS = {
    "group/haivision.media.hmp": {
        "hmp_url": "{{ hmp_url }}", "hmp_username": "{{ hmp_username }}", "hmp_password": "{{ hmp_password }}",
        "ca_path": "{{ sim_ca_path }}",
    }
}


def play(tasks, defaults):
    return [{"name": "info", "hosts": "localhost", "gather_facts": False, "module_defaults": defaults, "tasks": tasks}]


def seed_kraken(device):
    device.seed({
        "inputs": [{"name": "cam1", "url": "udp://239.1.1.1:5000", "streamType": "MPEG2TS"},
                   {"name": "contrib", "streamType": "SRT", "srtMode": "listener", "srtLocalPort": "9000",
                    "srtPassphrase": "kraken-srt-secret-1"}],
        "outputs": [{"name": "out1", "url": "udp://239.2.2.2:4900"}],
        "transcoders": [{"name": "HD", "videoBitrate": "4000"}],
        "streams": [{"name": "ch1", "input": "cam1", "transcoder": "HD", "outputs": ["out1"]}],
    })


def test_kraken_info_reads_everything_through_the_group_defaults(clean, ansible):
    seed_kraken(clean.kraken)
    clean.kraken.clear_log()
    run = ansible(play([{"name": "read kraken", "haivision.media.kraken_info": {}}], KRAKEN_DEFAULTS))
    assert run.rc == 0, run.output
    result = run.task("read kraken")
    assert result["status"] == "ok"
    info = result["result"]
    assert info["system"]["version"]
    assert {n["name"] for n in info["servers"][0]["nics"]} >= {"eth0", "eth1"}
    assert [i["name"] for i in info["inputs"]] == ["cam1", "contrib"]
    assert info["inputs"][1]["srt_passphrase"] == "********"
    assert all("x-vendor-extension" not in item for item in info["inputs"] + info["streams"])  # unknown: ignored
    assert info["transcoders"][0]["video_bitrate"] == 4000
    stream = info["streams"][0]
    assert stream["input"]["name"] == "cam1"
    assert stream["outputs"][0]["uuid"] == info["outputs"][0]["uuid"]  # no-dash link resolved
    assert "kraken-srt-secret-1" not in run.output
    assert clean.kraken.writes() == []


def test_kraken_info_on_an_empty_device_lists_nothing(clean, ansible):
    run = ansible(play([{"name": "read", "haivision.media.kraken_info": {"gather": ["inputs", "streams"]}}],
                       KRAKEN_DEFAULTS))
    assert run.rc == 0, run.output
    result = run.task("read")["result"]
    assert result["inputs"] == [] and result["streams"] == []
    assert "system" not in result


def test_kraken_info_refuses_plain_http_before_any_request(clean, ansible):
    run = ansible(play([{"name": "read", "haivision.media.kraken_info": {"kraken_url": "http://127.0.0.1:9"}}],
                       KRAKEN_DEFAULTS))
    assert run.task("read")["status"] == "failed"
    assert "https" in run.task("read")["result"]["msg"].lower()


def test_hmp_info_reads_everything_and_leaves_no_session_open(clean, ansible):
    clean.hmp.seed({
        "sources": [{"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True},
                    {"name": "srt1", "type": "SRT", "host": "0.0.0.0", "port": 9000, "mode": "LISTENER",
                     "passphrase": "hmp-srt-secret-1"}],
        "sessions": [{"title": "Town hall", "sources": ["cam1"]}],
    })
    run = ansible(play([{"name": "read hmp", "haivision.media.hmp_info": {}}], HMP_DEFAULTS))
    assert run.rc == 0, run.output
    info = run.task("read hmp")["result"]
    assert info["version"]["version"]
    assert sorted(s["name"] for s in info["sources"]) == ["cam1", "srt1"]
    assert [s for s in info["sources"] if s["name"] == "srt1"][0]["passphrase"] == "********"
    session = info["sessions"][0]
    assert session["title"] == "Town hall"
    assert [s["name"] for s in session["sources"]] == ["cam1"]
    assert any(m["name"] == "calypso:creator" for m in session["metadata"])
    assert "hmp-srt-secret-1" not in run.output
    assert clean.hmp.admin("GET", "hmp/sessions")["open"] == 0
    assert clean.hmp.writes() == []


def test_hmp_info_logs_out_after_a_failing_run(clean, ansible):
    clean.hmp.fault(kind="status", status=503, count=20, path="/apis/sources")
    run = ansible(play([{"name": "read", "haivision.media.hmp_info": {"gather": ["sources"]}}], HMP_DEFAULTS))
    result = run.task("read")
    assert result["status"] == "failed"
    assert "HMP API error 090001" in result["result"]["msg"] and "GET /apis/sources" in result["result"]["msg"]
    counts = clean.hmp.admin("GET", "hmp/sessions")
    assert counts["open"] == 0 and counts["logins"] == 1


def test_hmp_wrong_password_fails_clearly(clean, ansible):
    run = ansible(play([{"name": "read", "haivision.media.hmp_info": {"gather": ["version"],
                                                                      "hmp_password": "not-the-password"}}],
                       HMP_DEFAULTS))
    result = run.task("read")
    assert result["status"] == "failed"
    assert "020002" in result["result"]["msg"] and "not-the-password" not in run.output
