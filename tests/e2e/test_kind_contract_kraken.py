# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kind contract, kept by every Kraken kind: the resource modules and the line-up, through ansible-playbook.

One playbook per case (bad input, check mode, the run, a second run); the
simulator's request log is cut at the time each task's result came:

- bad input sends no request at all;
- the check-mode run sends no write, and its ``plan`` is, write for write, what
  the real run then sends (``(new)`` stands for the id the device assigns: the
  id of the resource of that kind and name after the run);
- the check-mode result (changed, action, diff, plan, the resource's view) is
  the real run's apart from the ids the device assigns; a create's view holds
  what the task sets, which the device's view holds too (the device adds its
  defaults);
- a second run plans no write and sends none.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from kraken_helpers import by_name, kraken_play, task

WRITES = ("POST", "PUT", "DELETE")
NEW = "(new)"

PARTS = {
    "inputs": [{"name": "cam1", "url": "udp://239.1.1.1:5000"}],
    "transcoders": [{"name": "HD", "videoBitrate": "3000"}],
    "outputs": [{"name": "out%d" % i, "url": "udp://239.2.2.%d:4900" % i} for i in (1, 2, 3)],
}


def with_parts(**more):
    seed = dict((kind, list(items)) for kind, items in PARTS.items())
    for kind, items in more.items():
        seed[kind] = seed.get(kind, []) + items
    return seed


def channel(i):
    return {"inputs": [{"name": "in%d" % i, "url": "udp://239.40.0.%d:5000" % i}],
            "transcoders": [{"name": "tc%d" % i, "video_bitrate": 1000 + i}],
            "outputs": [{"name": "out%d" % i, "url": "udp://239.41.0.%d:4900" % i, "ttl": 16},
                        {"name": "mon%d" % i, "url": "udp://239.42.0.%d:4900" % i}],
            "streams": [{"name": "ch%d" % i, "input": "in%d" % i, "transcoder": "tc%d" % i, "outputs": ["out%d" % i],
                         "passthru": "mon%d" % i, "state": "started"}]}


def lineup_of(*channels, **args):
    kinds = ("inputs", "transcoders", "outputs", "streams")
    items = dict((kind, [item for one in channels for item in one[kind]]) for kind in kinds)
    items.update(args)
    return items


KEEP = {"inputs": [{"name": "keep-in", "url": "udp://239.50.0.1:5000"}],
        "outputs": [{"name": "keep-out", "url": "udp://239.51.0.1:4900"}],
        "streams": [{"name": "keep", "input": "keep-in", "outputs": ["keep-out"]}]}
STRAY = {"inputs": [{"name": "stray-in", "url": "udp://239.50.0.2:5000"}],
         "outputs": [{"name": "stray-out", "url": "udp://239.51.0.2:4900"}],
         "streams": [{"name": "stray", "input": "stray-in", "outputs": ["stray-out"]}],
         "transcoders": [{"name": "stray-tc"}]}

# (id, module, seed, task arguments, bad arguments, the second run's arguments when they differ)
CASES = [
    ("input-create", "kraken_input", {},
     {"name": "cam9", "url": "udp://239.9.9.9:5000", "description": "studio"},
     {"name": "cam9", "url": "udp://239.9.9.9:5000", "srt_latency": 5}, None),
    ("output-update", "kraken_output", {"outputs": [{"name": "out1", "url": "udp://239.2.2.1:4900", "ttl": "64"}]},
     {"name": "out1", "ttl": 16, "interface": "eth1", "sap": {"transmit_sap": True, "port": 9875}},
     {"name": "out1", "ttl": 999}, None),
    ("transcoder-update", "kraken_transcoder", {"transcoders": [{"name": "HD", "videoBitrate": "3000"}]},
     {"name": "HD", "video_bitrate": 4000, "audio": True},
     {"name": "HD", "video_bitrate": 1}, None),
    ("stream-create-with-references-started", "kraken_stream", with_parts(),
     {"name": "ch1", "input": "cam1", "transcoder": "HD", "outputs": ["out2", "out1"], "passthru": "out3",
      "state": "started"},
     {"name": "ch1", "input": "cam1", "state": "running"}, None),
    ("stream-update-then-started", "kraken_stream",
     with_parts(streams=[{"name": "ch1", "input": "cam1", "outputs": ["out1"]}]),
     {"name": "ch1", "outputs": ["out1", "out2"], "description": "main", "state": "started", "wait": True},
     {"name": "ch1", "wait_timeout": "soon"}, None),
    ("stream-auto-start-create-waits", "kraken_stream", with_parts(),
     {"name": "ch2", "input": "cam1", "outputs": ["out1"], "auto_start": True, "state": "started", "wait": True},
     {"name": "ch2", "auto_start": "maybe"}, None),
    ("stream-running-removed", "kraken_stream",
     with_parts(streams=[{"name": "ch1", "input": "cam1", "outputs": ["out1"], "state": "start"}]),
     {"name": "ch1", "state": "absent"},
     {"name": "ch1", "state": "gone"}, None),
    ("configuration-create-default", "kraken_configuration", with_parts(),
     {"name": "A", "default": True},
     {"name": "A", "state": "absent", "default": True}, None),
    ("configuration-resave", "kraken_configuration", {"configurations": [{"name": "A", "defaultConfig": "yes"}]},
     {"name": "A", "save": "always"},
     {"name": "A", "save": "sometimes"}, {"name": "A"}),
    ("lineup-create-every-kind", "kraken_lineup", {},
     lineup_of(channel(0), channel(1)),
     lineup_of(channel(0), outputs=[{"name": "out0", "url": "udp://239.41.0.1:4900", "ttl": 300}]), None),
    ("lineup-purge", "kraken_lineup", dict((kind, KEEP.get(kind, []) + STRAY.get(kind, [])) for kind in STRAY),
     lineup_of(dict(KEEP, transcoders=[]), purge=True),
     lineup_of(dict(KEEP, transcoders=[]), purge="yes please"), None),
]
RESULT_KEYS = {"kraken_input": "input", "kraken_output": "output", "kraken_transcoder": "transcoder",
               "kraken_stream": "stream", "kraken_configuration": "configuration"}


def contract_play(module, args, bad, again):
    return kraken_play(
        dict(task("bad", module, **bad), ignore_errors=True),
        dict(task("check", module, **args), check_mode=True, diff=True),
        dict(task("run", module, **args), diff=True),
        dict(task("again", module, **(again or args)), diff=True))


def phases(play, requests, tasks=("bad", "check", "run", "again")):
    """The request log cut at the times the tasks' results came: what each task sent."""
    ends = [play.task(name)["ended"] for name in tasks]
    cut = [[] for dummy in tasks]
    for request in requests:
        index = next((i for i, end in enumerate(ends) if request["time"] <= end), None)
        assert index is not None, "a request after the last task: %r" % (request,)
        cut[index].append(request)
    return cut


def writes(requests):
    return [(r["method"], r["path"]) for r in requests if r["method"] in WRITES]


def sent_plan(plan, device):
    """A plan's writes as the device received them: ``(new)`` is the id it gave the resource of that kind and name."""
    sent = []
    for write in plan:
        path = write["path"]
        if NEW in path:
            record = by_name(device, write["kind"], write["name"])
            assert record, "nothing named %r among the %s after the run" % (write["name"], write["kind"])
            path = path.replace(NEW, record["uuid"])
        sent.append((write["method"], path))
    return sent


def without_ids(value, new_ids):
    """``value`` with the ids the device assigned in the run as None, and reference lists in name order."""
    if isinstance(value, dict):
        return dict((k, without_ids(v, new_ids)) for k, v in value.items())
    if isinstance(value, list):
        items = [without_ids(v, new_ids) for v in value]
        if all(isinstance(i, dict) and set(i) == {"name", "uuid"} for i in items):
            items.sort(key=lambda i: (i["name"] or "", i["uuid"] or ""))
        return items
    return None if value in new_ids else value


def assert_view_predicted(check, real, action):
    if action == "create":
        # What the task sets, as the device then reports it; the device adds its defaults and usage state.
        assert set(check) <= set(real), "predicted keys the device does not report: %s" % (set(check) - set(real))
        real = dict((key, real[key]) for key in check)
    assert check == real


def device_ids(device):
    return set(uuid for records in device.state().values() for uuid in records)


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_every_kraken_kind_keeps_the_contract(clean, ansible, case):
    dummy, module, seed, args, bad, again = case
    if seed:
        clean.kraken.seed(seed)
    before = device_ids(clean.kraken)
    clean.kraken.clear_log()
    play = ansible(contract_play(module, args, bad, again))
    bad_input, check_requests, run_requests, again_requests = phases(play, clean.kraken.requests())
    check, run, second = (play.task(name)["result"] for name in ("check", "run", "again"))

    # (d) Bad input: a clear error, and not one request.
    assert play.task("bad")["status"] == "ignored", play.output
    assert bad_input == []

    # (a) The check-mode plan is what the run sends, write for write.
    assert play.task("check")["status"] == "changed" and play.task("run")["status"] == "changed", play.output
    assert writes(check_requests) == []
    assert check["plan"] and check["plan"] == run["plan"]
    assert sent_plan(check["plan"], clean.kraken) == writes(run_requests)

    # (b) The check-mode result is the run's, apart from the ids the device assigned.
    new_ids = device_ids(clean.kraken) - before
    check, real = without_ids(check, new_ids), without_ids(run, new_ids)
    for key in ("changed", "action", "diff", "uuid"):
        assert check.get(key) == real.get(key), key
    if module == "kraken_lineup":
        assert [dict(r, applied=None) for r in check["resources"]] == [dict(r, applied=None) for r in real["resources"]]
        assert all(r["applied"] for r in run["resources"] if r["action"] != "none")
    else:
        assert_view_predicted(check[RESULT_KEYS[module]], real[RESULT_KEYS[module]], run["action"])

    # (c) Converged: the second run plans no write and sends none.
    assert play.task("again")["status"] == "ok", play.output
    assert second["plan"] == [] and writes(again_requests) == []


def test_check_mode_results_of_a_stream_create_with_references(clean, ansible):
    """A stream's references come back as the device's view gives them, {name, uuid}, in check mode too; the
    diff names them as the task does."""
    parts = clean.kraken.seed(PARTS)
    args = {"name": "ch1", "input": "cam1", "transcoder": parts["transcoders"][0], "outputs": ["out1", "out2"],
            "passthru": "out3"}
    play = ansible(kraken_play(dict(task("check", "kraken_stream", **args), check_mode=True, diff=True),
                               dict(task("run", "kraken_stream", **args), diff=True)))
    check, run = play.task("check")["result"], play.task("run")["result"]
    out1, out2, out3 = ({"name": "out%d" % i, "uuid": parts["outputs"][i - 1]} for i in (1, 2, 3))
    expected = {"input": {"name": "cam1", "uuid": parts["inputs"][0]}, "transcoder": {"name": "HD", "uuid": parts["transcoders"][0]},
                "outputs": [out1, out2], "passthru": out3}
    for result in (check, run):
        stream = dict(result["stream"], outputs=sorted(result["stream"]["outputs"], key=repr))
        assert dict((key, stream.get(key)) for key in expected) == expected
        assert dict((key, result["diff"]["after"][key]) for key in expected) == {
            "input": "cam1", "transcoder": "HD", "outputs": ["out1", "out2"], "passthru": "out3"}
    assert check["stream"]["uuid"] is None and check["uuid"] is None
