# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every module at -vvv with --diff, in check and normal mode, succeeding and failing: no secret value
(consumer secret, HMP password, SRT passphrases of inputs, outputs, sources and line-up items) appears
anywhere in the output or in the task results."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from hmp_helpers import HMP_DEFAULTS, source_by_name
from kraken_helpers import KRAKEN_DEFAULTS, by_name

SECRETS = {
    "input": "kraken-input-passphrase-1a2b",
    "input rotated": "kraken-input-passphrase-3c4d",
    "output": "kraken-output-passphrase-5e6f",
    "output refused": "kraken-output-passphrase-7a8b",
    "lineup input": "lineup-input-passphrase-9c0d",
    "lineup output": "lineup-output-passphrase-1e2f",
    "lineup refused": "lineup-refused-passphrase-3a4b",
    "lineup bad purge": "lineup-badpurge-passphrase-5c6d",
    "source": "hmp-source-passphrase-7e8f",
    "source rotated": "hmp-source-passphrase-9a0b",
    "source refused": "hmp-source-passphrase-1c2d",
    "hmp lineup source": "hmp-lineup-passphrase-3e4f",
    "hmp lineup bad purge": "hmp-lineup-badpurge-pass-5a6b",
    "lineup unknown key": "lineup-unknown-key-pass-7e8f",
    "lineup bad type": "lineup-bad-type-pass-9a0b",
    "lineup item before a bad one": "lineup-earlier-item-pass-1c2d",
    "hmp lineup unknown key": "hmp-lineup-unknown-pass-3e4f",
    "hmp lineup bad choice": "hmp-lineup-badchoice-pass-5a6b",
    "hmp lineup too long": "hmp-lineup-" + "long-pass-" * 7,
    "too short": "sh0rt-pw",
    "wrong consumer secret": "wrong-consumer-secret-7c8d",
    "wrong password": "wrong-hmp-password-9e0f",
}
SRT_IN = {"name": "contrib", "stream_type": "SRT", "srt_mode": "listener", "srt_local_port": 9000}
SRT_OUT = {"name": "srt-out", "stream_type": "SRT", "srt_mode": "caller", "srt_address": "203.0.113.7",
           "srt_remote_port": 9001, "srt_encryption": "aes128"}
SRT_SOURCE = {"name": "guest", "type": "SRT", "mode": "LISTENER", "port": 9000}


def vault(label):
    """A secret as users write it: a variable (from a vault), never a literal in the playbook.

    ansible-core shows the playbook lines around a failed task; a literal there would be the
    user's own doing, not the collection's.
    """
    return "{{ secrets[%r] }}" % label


def merged(base, **changes):
    """A copy of ``base`` with ``changes``."""
    result = dict(base)
    result.update(changes)
    return result


def task(task_name, module, **args):
    return {"name": task_name, "haivision.media." + module: args, "ignore_errors": True}


def tasks():
    """(tasks that succeed in a normal run, tasks that fail), every module in both."""
    # Refused by the device (an injected 500) with the secret in the request body: first, so the fault hits them.
    refused_writes = [
        task("kraken output refused", "kraken_output", srt_passphrase=vault("output refused"),
             **merged(SRT_OUT, name="refused-out")),
        task("hmp source refused", "hmp_source", passphrase=vault("source refused"), **merged(SRT_SOURCE, name="refused")),
    ]
    succeeding = [
        task("kraken input", "kraken_input", srt_passphrase=vault("input"), **SRT_IN),
        task("kraken input again", "kraken_input", srt_passphrase=vault("input"), **SRT_IN),
        task("kraken output", "kraken_output", srt_passphrase=vault("output"), **SRT_OUT),
        task("kraken transcoder", "kraken_transcoder", name="HD", video_bitrate=4000),
        task("kraken stream", "kraken_stream", name="ch1", input="contrib", transcoder="HD", outputs=["srt-out"]),
        task("kraken lineup", "kraken_lineup",
             inputs=[dict(SRT_IN, name="lineup-in", srt_local_port=9100, srt_passphrase=vault("lineup input"))],
             outputs=[dict(SRT_OUT, name="lineup-out", srt_passphrase=vault("lineup output"))]),
        task("kraken input rotated", "kraken_input", name="contrib", srt_passphrase=vault("input rotated")),
        task("kraken info", "kraken_info", gather=["inputs", "outputs", "streams"]),
        task("kraken configuration", "kraken_configuration", name="saved", default=True),
        task("hmp source", "hmp_source", passphrase=vault("source"), **SRT_SOURCE),
        task("hmp source rotated", "hmp_source", name="guest", passphrase=vault("source rotated")),
        task("hmp session", "hmp_session", title="Town hall", sources=["guest"], metadata={"code": "TH1"},
             shares=[{"name": "viewer", "permission": "WATCH"}]),
        task("hmp source share", "hmp_source_share", source="guest", shares=[{"name": "viewer", "permission": "WATCH"}]),
        task("hmp lineup", "hmp_lineup",
             sources=[dict(SRT_SOURCE, name="lineup-guest", port=9100, passphrase=vault("hmp lineup source"))],
             sessions=[{"title": "Lineup session", "sources": ["lineup-guest"]}]),
        task("hmp info", "hmp_info", gather=["sources", "sessions"]),
    ]
    failing = refused_writes + [
        task("kraken input too short", "kraken_input", srt_passphrase=vault("too short"), **SRT_IN),
        task("kraken transcoder refused", "kraken_transcoder", name="HD", gop_size=5000),
        task("kraken stream refused", "kraken_stream", name="ch2", input="no-such-input"),
        task("kraken lineup refused", "kraken_lineup",
             inputs=[dict(SRT_IN, name="bad-in", srt_mode="push", srt_passphrase=vault("lineup refused"))]),
        task("kraken info wrong secret", "kraken_info", gather=["system"], kraken_consumer_secret=vault("wrong consumer secret")),
        task("kraken configuration wrong secret", "kraken_configuration", name="saved", load=True,
             kraken_consumer_secret=vault("wrong consumer secret")),
        task("hmp source too short", "hmp_source", name="guest", passphrase=vault("too short")),
        task("hmp session refused", "hmp_session", title="Town hall", sources=["no-such-source"]),
        task("hmp source share refused", "hmp_source_share", source="guest", shares=[{"name": "nobody", "permission": "WATCH"}]),
        task("hmp info wrong password", "hmp_info", gather=["version"], hmp_password=vault("wrong password")),
    ]
    return succeeding, failing


def play(*task_list):
    defaults = dict(KRAKEN_DEFAULTS)
    defaults.update(HMP_DEFAULTS)
    return [{"name": "secrets", "hosts": "localhost", "gather_facts": False, "module_defaults": defaults,
             "tasks": list(task_list)}]


def plays():
    succeeding, failing = tasks()
    return play(*(failing[:2] + succeeding + failing[2:]))


def leaks(runs, secrets):
    """Where each secret value shows: in a run's output, or in its task results (what callbacks and AWX store)."""
    hits = []
    for label, run in runs.items():
        results = json.dumps(run.results)
        for name, value in secrets.items():
            if value in run.output:
                hits.append("%s: %s in the output" % (label, name))
            if value in results:
                hits.append("%s: %s in the task results" % (label, name))
    return hits


def inject_faults(sims):
    for device in (sims.kraken, sims.hmp):
        device.admin("DELETE", "faults")
    sims.kraken.fault(kind="status", status=500, method="POST", path="/apis/kraken/outputs", count=1)
    sims.hmp.fault(kind="status", status=500, method="POST", path="/apis/sources", count=1)


def test_no_secret_in_any_output_at_vvv_with_diff(clean, ansible):
    inject_faults(clean)
    secrets = {"secrets": SECRETS}
    runs = {"check, empty devices": ansible(plays(), check=True, diff=True, verbosity=3, extra_vars=secrets)}
    inject_faults(clean)
    runs["normal"] = ansible(plays(), diff=True, verbosity=3, extra_vars=secrets)
    inject_faults(clean)
    runs["check, on what exists"] = ansible(plays(), check=True, diff=True, verbosity=3, extra_vars=secrets)

    normal = runs["normal"]
    statuses = normal.statuses()
    succeeding, failing = tasks()
    unchanged = ("kraken input again", "kraken info", "hmp info")
    assert [t["name"] for t in succeeding if statuses[t["name"]] != ("ok" if t["name"] in unchanged else "changed")] == [], \
        normal.output
    assert [t["name"] for t in failing if statuses[t["name"]] != "ignored"] == [], normal.output
    # The secrets reached the devices, and a changed one is reported changed, masked.
    assert by_name(clean.kraken, "inputs", "contrib")["srtPassphrase"] == SECRETS["input rotated"]
    assert by_name(clean.kraken, "outputs", "lineup-out")["srtPassphrase"] == SECRETS["lineup output"]
    assert source_by_name(clean.hmp, "guest")["passphrase"] == SECRETS["source rotated"]
    assert normal.task("kraken input rotated")["result"]["diff"]["after"]["srt_passphrase"] == "******** (changed)"
    assert normal.task("hmp source rotated")["result"]["diff"]["after"]["passphrase"] == "******** (changed)"
    assert runs["check, on what exists"].statuses()["kraken input"] == "changed"  # the rotated one differs from the first

    secrets = dict(SECRETS, **{"consumer secret": clean.info["kraken"][0]["consumer_secret"],
                               "hmp password": clean.info["hmp"]["password"]})
    for run in runs.values():
        assert len(run.results) == len(plays()[0]["tasks"]), run.output
    hits = leaks(runs, secrets)
    assert hits == [], "\n".join(hits)


REFUSED_LINE_UPS = (
    # A top-level argument ansible-core refuses.
    task("kraken lineup bad purge", "kraken_lineup", purge="sometimes",
         inputs=[dict(SRT_IN, name="bad-in", srt_passphrase=vault("lineup bad purge"))]),
    task("kraken lineup bad timeout", "kraken_lineup", timeout="soon",
         outputs=[dict(SRT_OUT, name="bad-out", srt_passphrase=vault("lineup refused"))]),
    task("hmp lineup bad purge", "hmp_lineup", purge="sometimes",
         sources=[dict(SRT_SOURCE, name="bad", passphrase=vault("hmp lineup bad purge"))]),
    # An item ansible-core refuses: an unknown key or a bad value next to the passphrase, or in a later item.
    task("kraken lineup unknown item key", "kraken_lineup",
         inputs=[dict(SRT_IN, name="bad-in", srt_passphrase=vault("lineup unknown key"), srt_latncy=200)]),
    task("kraken lineup bad item type", "kraken_lineup",
         outputs=[dict(SRT_OUT, name="bad-out", srt_passphrase=vault("lineup bad type"), ttl="high")]),
    task("kraken lineup bad later item", "kraken_lineup",
         inputs=[dict(SRT_IN, name="good-in", srt_passphrase=vault("lineup item before a bad one")),
                 dict(SRT_IN, name="bad-in", srt_mode="push")]),
    task("hmp lineup unknown item key", "hmp_lineup",
         sources=[dict(SRT_SOURCE, name="bad", passphrase=vault("hmp lineup unknown key"), latncy=200)]),
    task("hmp lineup bad item choice", "hmp_lineup",
         sources=[dict(SRT_SOURCE, name="bad", mode="PUSH", passphrase=vault("hmp lineup bad choice"))]),
    # An item its kind refuses (the passphrase's own length), after ansible-core accepted it.
    task("hmp lineup passphrase too long", "hmp_lineup",
         sources=[dict(SRT_SOURCE, name="bad", passphrase=vault("hmp lineup too long"))]),
)


def test_line_up_item_secrets_stay_masked_when_the_module_refuses_its_arguments_or_an_item(clean, ansible):
    """A refused line-up prints its invocation (-vvv) and is stored with it: every item's passphrase stays masked,
    whether ansible-core refuses a top-level argument or an item (its key, type or choice), or the kind refuses it."""
    run = ansible(play(*REFUSED_LINE_UPS), verbosity=3, extra_vars={"secrets": SECRETS})
    statuses = run.statuses()
    assert [t["name"] for t in REFUSED_LINE_UPS if statuses.get(t["name"]) != "ignored"] == [], run.output
    messages = dict((t["name"], run.task(t["name"])["result"]["msg"]) for t in REFUSED_LINE_UPS)
    assert "purge" in messages["kraken lineup bad purge"]
    assert "Unsupported parameters" in messages["kraken lineup unknown item key"] and "inputs.srt_latncy" in messages[
        "kraken lineup unknown item key"]
    assert "ttl" in messages["kraken lineup bad item type"] and "srt_mode" in messages["kraken lineup bad later item"]
    assert "sources.latncy" in messages["hmp lineup unknown item key"] and "PUSH" in messages["hmp lineup bad item choice"]
    assert "sources[0] (bad): passphrase" in messages["hmp lineup passphrase too long"]
    assert clean.kraken.requests() == [] and clean.hmp.requests() == []
    assert len(run.results) == len(REFUSED_LINE_UPS), run.output
    hits = leaks({"refused": run}, dict((k, v) for k, v in SECRETS.items() if "lineup" in k))
    assert hits == [], "\n".join(hits)
    # There was something to mask: a refusal reports the items it was given, the passphrase replaced (up to
    # ansible-core 2.20; 2.21 drops the invocation from every failed result, and -vvv printed what it had).
    result = run.task("kraken lineup unknown item key")["result"]
    if "invocation" in result:
        invocation = result["invocation"]["module_args"]
        assert invocation["inputs"][0]["name"] == "bad-in"
        assert invocation["inputs"][0]["srt_passphrase"] != SECRETS["lineup unknown key"]
