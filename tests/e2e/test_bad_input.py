# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad input over every module's options fails before any request, naming the option; names with the
characters the APIs allow ('/', '..', '%', unicode) are handled, and ids in URLs are URL-encoded."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import unquote

from hmp_helpers import HMP_DEFAULTS, open_sessions, session_by_title, source_by_name
from kraken_helpers import KRAKEN_DEFAULTS, by_name

WRITE_METHODS = ("POST", "PUT", "DELETE", "PATCH")
LOGIN_PATH = "/apis/authentication/login"
ODD = u"cam/1 ..%\u00fc"  # a slash, a dot-dot, a percent sign and a u-umlaut
SRT_IN = {"name": "i", "stream_type": "SRT", "srt_mode": "listener", "srt_local_port": 9000}
UDP = {"name": "s", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}
SRT = {"name": "s", "type": "SRT", "mode": "LISTENER", "port": 9000}

# (task name, module, arguments, texts the failure message must contain: the option, and the allowed values;
# a tuple: one of its texts)
BAD = [
    # -- wrong types
    ("input port not a number", "kraken_input", dict(SRT_IN, srt_local_port="nine"), ["srt_local_port", "int"]),
    ("output ttl a list", "kraken_output", dict(name="o", url="udp://239.1.1.1:1", ttl=[1]), ["ttl", "int"]),
    # ansible-core's own message for a non-dict given to a dict option with suboptions names no option
    # (its no_log pass over the suboptions fails first); the collection never sees the value.
    ("output sap not a dict", "kraken_output", dict(name="o", url="udp://239.1.1.1:1", sap="yes"), ["dictionary requested"]),
    ("transcoder audio not a bool", "kraken_transcoder", dict(name="t", audio="perhaps"), ["audio", "bool"]),
    ("transcoder resolution width", "kraken_transcoder", dict(name="t", resolution={"width": "wide"}), ["width", "int"]),
    ("stream wait_timeout", "kraken_stream", dict(name="s", wait_timeout="soon"), ["wait_timeout", "int"]),
    # Line-up items are declared with their kind's options: the same ansible-core message as above.
    ("lineup inputs not a list of dicts", "kraken_lineup", dict(inputs=["cam1"]), ["dictionary requested"]),
    ("lineup item wrong type", "kraken_lineup", dict(outputs=[{"name": "o", "url": "udp://239.1.1.1:1", "mtu": "big"}]),
     ["mtu", "int", "found in 'outputs'"]),
    ("kraken timeout not a number", "kraken_info", dict(timeout="soon"), ["timeout", "int"]),
    ("hmp source port", "hmp_source", dict(UDP, port="http"), ["port", "int"]),
    ("hmp session active", "hmp_session", dict(title="t", active="perhaps"), ["active", "bool"]),
    ("hmp session metadata not a dict", "hmp_session", dict(title="t", metadata=["a"]), ["metadata", "dict"]),
    ("hmp share list not dicts", "hmp_source_share", dict(source="cam1", shares=["viewer"]), ["dictionary requested"]),
    ("hmp lineup item wrong type", "hmp_lineup", dict(sources=[dict(UDP, port="http")]), ["port", "int", "found in 'sources'"]),
    ("hmp timeout not a number", "hmp_info", dict(timeout="soon"), ["timeout", "int"]),
    # -- out of range
    ("output mtu", "kraken_output", dict(name="o", url="udp://239.1.1.1:1", mtu=1501), ["mtu", "228", "1500"]),
    ("output tos", "kraken_output", dict(name="o", url="udp://239.1.1.1:1", tos=-1), ["tos", "0", "255"]),
    ("output sap port", "kraken_output", dict(name="o", url="udp://239.1.1.1:1", sap={"port": 0}), ["sap.port", "1", "65535"]),
    ("input remote port", "kraken_input",
     dict(name="i", stream_type="SRT", srt_mode="caller", srt_address="10.0.0.1", srt_remote_port=70000),
     ["srt_remote_port", "1", "65535"]),
    ("input latency", "kraken_input", dict(SRT_IN, srt_latency=8001), ["srt_latency", "20", "8000"]),
    ("passphrase of 5 unicode characters", "kraken_input", dict(SRT_IN, srt_passphrase=u"\u00fc" * 5),
     ["srt_passphrase", "10", "79", "5 characters"]),
    ("passphrase of 80 unicode characters", "kraken_output", dict(name="o", stream_type="SRT", srt_mode="listener",
                                                                  srt_local_port=9000, srt_passphrase=u"\u00fc" * 80),
     ["srt_passphrase", "10", "79", "80 characters"]),
    ("transcoder gop", "kraken_transcoder", dict(name="t", gop_size=1001), ["gop_size", "0", "1000"]),
    ("transcoder audio bitrate", "kraken_transcoder", dict(name="t", audio_bitrate=10), ["audio_bitrate", "14", "576"]),
    ("lineup item out of range", "kraken_lineup", dict(transcoders=[{"name": "t", "video_bitrate": 99}]),
     ["video_bitrate", "150", "15000"]),
    ("hmp port", "hmp_source", dict(UDP, port=65536), ["port", "1", "65535"]),
    ("hmp metadata INT32", "hmp_session", dict(title="t", metadata={"n": {"value": 2 ** 31, "type": "INT32"}}), ["metadata.n", "INT32"]),
    ("hmp schedule start", "hmp_session", dict(title="t", schedule=[{"start_time": -1}]), ["schedule[0]", "start_time"]),
    ("hmp lineup out of range", "hmp_lineup", dict(sources=[dict(SRT, latency=9000)]), ["latency", "20", "8000"]),
    # -- required-if and required-one-of
    ("input caller without address", "kraken_input", dict(name="i", stream_type="SRT", srt_mode="caller"),
     ["srt_mode is caller", "srt_address", "srt_remote_port"]),
    ("output listener without port", "kraken_output", dict(name="o", stream_type="SRT", srt_mode="listener"),
     ["srt_mode is listener", "srt_local_port"]),
    ("input neither name nor uuid", "kraken_input", dict(url="udp://239.1.1.1:1"), ["name", "uuid"]),
    ("stream neither name nor uuid", "kraken_stream", dict(input="cam1"), ["name", "uuid"]),
    ("lineup rendezvous without address", "kraken_lineup",
     dict(inputs=[{"name": "i", "stream_type": "SRT", "srt_mode": "rendezvous"}]),
     ["srt_mode is rendezvous", "srt_address", "found in inputs"]),
    ("hmp UDP without multicast", "hmp_source", dict(name="s", type="UDP", port=4900), ["type is UDP", "multicast"]),
    ("hmp session neither title nor id", "hmp_session", dict(description="x"), ["title", "id"]),
    ("hmp weekly without days", "hmp_session", dict(title="t", schedule=[{"start_time": 0, "type": "weekly-recurring"}]),
     ["days"]),
    ("hmp share without source", "hmp_source_share", dict(shares=[{"name": "viewer", "permission": "WATCH"}]), ["source"]),
    ("hmp lineup SRT without mode", "hmp_lineup", dict(sources=[{"name": "s", "type": "SRT", "port": 9000}]),
     ["type is SRT", "mode", "found in sources"]),
    ("hmp lineup session twice", "hmp_lineup", dict(sessions=[{"title": "t"}, {"title": "t"}]), ["sessions", "t", "more than once"]),
    # -- unknown choices, with the characters names may carry
    ("input stream_type", "kraken_input", dict(name="i", stream_type="SRT/.."), ["stream_type", "MPEG2TS", "SRT/.."]),
    ("input srt_mode", "kraken_input", dict(name="i", stream_type="SRT", srt_mode="caller%20"), ["srt_mode", "listener"]),
    ("output encryption", "kraken_output", dict(name="o", url="udp://239.1.1.1:1", srt_encryption=u"a\u00e9s512"),
     ["srt_encryption", "aes256"]),
    ("transcoder video type", "kraken_transcoder", dict(name="t", video_type="vp9"), ["video_type", "avc", "hevc"]),
    ("transcoder resolution mode", "kraken_transcoder", dict(name="t", resolution_mode=4), ["resolution_mode", "1", "3"]),
    ("stream state", "kraken_stream", dict(name="s", state="running"), ["state", "started", "stopped"]),
    ("kraken_info gather", "kraken_info", dict(gather=["system", "../etc"]), ["gather", "streams", "../etc"]),
    ("lineup item state", "kraken_lineup", dict(streams=[{"name": "s", "state": "running"}]), ["state", "started", "found in streams"]),
    ("hmp type", "hmp_source", dict(name="s", type=u"\u00dcDP", port=4900), ["type", "UDP", "SRT"]),
    ("hmp mode", "hmp_source", dict(SRT, mode="PUSH"), ["mode", "CALLER", "LISTENER"]),
    ("hmp share type", "hmp_session", dict(title="t", shares=[{"name": "viewer", "type": "ROLE", "permission": "WATCH"}]),
     ["type", "USER", "GROUP"]),
    ("hmp share permission", "hmp_source_share", dict(source="cam1", shares=[{"name": "viewer", "permission": "../OWN"}]),
     ["shares[0].permission", "WATCH, EDIT, OWN", "../OWN"]),
    ("hmp schedule day", "hmp_session", dict(title="t", schedule=[{"start_time": 0, "type": "weekly-recurring",
                                                                   "days": [u"M\u00d6N"]}]), ["days", "MON"]),
    ("hmp_info gather", "hmp_info", dict(gather=["sessions", "users/.."]), ["gather", "sessions", "users/.."]),
    # -- option names no module has
    ("unknown option", "kraken_output", {"name": "o", "url": "udp://239.1.1.1:1", "tt%l": 3}, ["Unsupported parameters", "tt%l"]),
    ("unknown lineup item option", "hmp_lineup", dict(sources=[dict(UDP, **{u"h\u00f6st": "x"})]),
     ["Unsupported parameters", u"sources.h\u00f6st"]),
    ("unknown kraken lineup item option", "kraken_lineup", dict(outputs=[{"name": "studio-out", "url": "udp://239.1.1.1:1", "tll": 16}]),
     ["Unsupported parameters", "outputs.tll", "ttl"]),
    ("kraken url not https", "kraken_input", dict(name="i", url="udp://239.1.1.1:1", kraken_url="ftp://127.0.0.1"),
     ["kraken_url ftp://127.0.0.1 must be https://host[:port]"]),
]
# Connection options no request can be made with.
BAD_CONNECTIONS = [
    ("kraken url without host", "kraken_info", dict(kraken_url="https://"), [("kraken_url", "Kraken URL")]),
    ("kraken url with a space", "kraken_output", dict(name="o", kraken_url="https://bad host:443"), [("kraken_url", "Kraken URL")]),
    ("hmp url with a bad port", "hmp_source", dict(name="s", hmp_url="https://localhost:port"), [("hmp_url", "HMP URL")]),
    ("kraken timeout zero", "kraken_stream", dict(name="s", timeout=0), ["timeout"]),
    ("hmp timeout negative", "hmp_session", dict(title="t", timeout=-5), ["timeout"]),
]


def play(*tasks):
    defaults = dict(KRAKEN_DEFAULTS)
    defaults.update(HMP_DEFAULTS)
    return [{"name": "input", "hosts": "localhost", "gather_facts": False, "module_defaults": defaults, "tasks": list(tasks)}]


def merged(base, **changes):
    """A copy of ``base`` with ``changes``."""
    result = dict(base)
    result.update(changes)
    return result


def task(task_name, module, **args):
    return {"name": task_name, "haivision.media." + module: args, "ignore_errors": True}


def crashed(result):
    """Whether a failed result comes from an exception that escaped the module rather than from fail_json.

    What marks one differs by core: before 2.19 ansible-core reports "MODULE FAILURE" with the module's
    stderr (the traceback); from 2.19 on, "Task failed: Module failed: <the exception>". (The
    invocation that fail_json adds is no mark: ansible-core 2.21 drops it from every failed result.)
    """
    message = result.get("msg", "")
    return (message.startswith(("MODULE FAILURE", "Task failed: Module failed")) or "module_stderr" in result
            or "Traceback" in message or "Traceback" in str(result.get("exception", "")))


def refusal_problems(run, table):
    """What is wrong with the refusal of each bad task: not refused, crashed, or a message without the words."""
    problems = []
    for name, dummy, dummy, words in table:
        result = run.task(name)
        message = result["result"].get("msg", "")
        if result["status"] != "ignored":
            problems.append("%s: not refused (%s)" % (name, result["status"]))
        elif not message or crashed(result["result"]):
            problems.append("%s: crashed instead of a clear message: %s" % (name, message.splitlines()[0] if message else result))
        else:
            missing = [w for w in words if not any(text in message for text in (w if isinstance(w, tuple) else (w,)))]
            if missing:
                problems.append("%s: message %r lacks %s" % (name, message, missing))
    return problems


def test_bad_input_fails_before_any_request_naming_the_option(clean, ansible):
    run = ansible(play(*[task(name, module, **args) for name, module, args, dummy in BAD]))
    assert refusal_problems(run, BAD) == []
    assert clean.kraken.requests() == [] and clean.hmp.requests() == []


def test_unusable_urls_and_timeouts_fail_clearly_before_any_request(clean, ansible):
    run = ansible(play(*[task(name, module, **args) for name, module, args, dummy in BAD_CONNECTIONS]))
    assert refusal_problems(run, BAD_CONNECTIONS) == []
    assert clean.kraken.requests() == [] and clean.hmp.requests() == []


def writes(device):
    return [(r["method"], r["path"]) for r in device.requests() if r["method"] in WRITE_METHODS and r["path"] != LOGIN_PATH]


def test_names_with_slash_dots_percent_and_unicode_are_created_then_found_again(clean, ansible):
    kraken, hmp = clean.kraken, clean.hmp
    plays = play(task("input", "kraken_input", name=ODD, url="udp://239.1.1.1:5000", description=ODD),
                 task("output", "kraken_output", name=ODD, url="udp://239.2.2.1:4900"),
                 task("source", "hmp_source", **merged(UDP, name=ODD, description=ODD)),
                 task("session", "hmp_session", title=ODD, sources=[ODD], metadata={ODD: ODD}, categories={ODD: [ODD]}),
                 task("lineup", "hmp_lineup", sources=[dict(UDP, name=ODD + "/2", host="239.1.1.2")],
                      sessions=[{"title": ODD + "/2", "sources": [ODD, ODD + "/2"]}]))
    first = ansible(plays)
    assert set(first.statuses().values()) == {"changed"}, first.output
    source = source_by_name(hmp, ODD)
    assert by_name(kraken, "inputs", ODD)["description"] == ODD and source["description"] == ODD
    assert session_by_title(hmp, ODD)["sources"] == [source["id"]]
    assert len(session_by_title(hmp, ODD + "/2")["sources"]) == 2
    kraken.clear_log()
    hmp.clear_log()
    second = ansible(plays)
    assert set(second.statuses().values()) == {"ok"}, second.output
    assert writes(kraken) == [] and writes(hmp) == []
    assert open_sessions(hmp) == 0


def test_ids_in_urls_are_url_encoded_and_never_address_another_resource(clean, ansible):
    hmp = clean.hmp
    # One source and one session, so that a request that lost its id would find exactly one resource.
    ids = hmp.seed({"sources": [UDP], "sessions": [{"title": "only"}]})
    odd_ids = [ODD, ".", "..", "%2e%2e", "a/../.."]
    plays = play(*([task("source %s" % i, "hmp_source", id=i, state="absent") for i in odd_ids]
                   + [task("session %s" % i, "hmp_session", id=i, state="absent") for i in odd_ids]
                   + [task("share %s" % ODD, "hmp_source_share", source=ODD, shares=[{"id": ODD, "permission": "WATCH"}])]))
    run = ansible(plays)
    for odd in odd_ids:
        for kind in ("source", "session"):
            assert run.task("%s %s" % (kind, odd))["status"] == "ok", (kind, odd, run.output)
    assert "is neither the name nor the id of one of this HMP's sources" in run.task("share %s" % ODD)["result"]["msg"]
    assert writes(hmp) == []
    assert source_by_name(hmp, "s")["id"] == ids["sources"][0] and session_by_title(hmp, "only")["id"] == ids["sessions"][0]
    # Each id travels as one path segment that decodes back to itself: never resolved as '.' or '..'.
    for entry in hmp.requests():
        segments = entry["raw_path"].split("/")
        if entry["method"] == "GET" and len(segments) > 3 and segments[2] in ("sources", "sessions"):
            assert len(segments) == 4 and unquote(segments[3]) in odd_ids, entry["raw_path"]
    requested = set(unquote(r["raw_path"].split("/")[3]) for r in hmp.requests()
                    if len(r["raw_path"].split("/")) == 4 and r["raw_path"].split("/")[2] in ("sources", "sessions"))
    assert requested == set(odd_ids)


def test_stream_references_by_names_with_a_slash(clean, ansible):
    """A name may hold a '/': a reference to it is a name, not a link."""
    kraken = clean.kraken
    parts = kraken.seed({"inputs": [{"name": ODD, "url": "udp://239.1.1.1:5000"}],
                         "outputs": [{"name": ODD, "url": "udp://239.2.2.1:4900"}]})
    plays = play(task("stream", "kraken_stream", name=ODD, input=ODD, outputs=[ODD]))
    run = ansible(plays)
    assert run.task("stream")["status"] == "changed", run.output
    stream = by_name(kraken, "streams", ODD)
    assert stream["input"] == parts["inputs"][0] and stream["outputs"] == parts["outputs"]
    kraken.clear_log()
    again = ansible(plays)
    assert again.task("stream")["status"] == "ok", again.output
    assert writes(kraken) == []
