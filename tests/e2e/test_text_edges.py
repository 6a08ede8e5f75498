# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Edge whitespace of text, where the guides are silent (SPEC 3).

A device may keep the edge whitespace of free text or trim it: a description
written as a YAML literal block (it ends in a newline) converges on both (HMP:
test_hmp_device_truth.py). A
name with edge whitespace would match on one and be created again on every run
on the other, so it is refused before any request, naming the option, wherever
a name is given: the resource's own and the names that refer to others.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from hmp_helpers import HMP_DEFAULTS
from kraken_helpers import KRAKEN_DEFAULTS, by_name, kraken_play, task

READINGS = ["keeps", "trims"]
BLOCK = "Stage camera.\nNorth side.\n"
UDP = {"type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}


def reading(sims, how):
    """The Kraken keeps edge whitespace (its default) or trims it, until the next reset."""
    sims.kraken.trim_text(how == "trims")


def stored(text, how):
    return text.strip() if how == "trims" else text


def no_writes(device):
    return [(w["method"], w["path"]) for w in device.writes()]


@pytest.mark.parametrize("how", READINGS)
def test_kraken_input_description_block_converges(clean, ansible, how):
    reading(clean, how)
    play = kraken_play(task("in", "kraken_input", name="studio-cam", url="udp://239.1.1.1:5000", description=BLOCK))
    assert ansible(play).task("in")["status"] == "changed"
    assert by_name(clean.kraken, "inputs", "studio-cam")["description"] == stored(BLOCK, how)
    clean.kraken.clear_log()
    for check in (True, False):
        again = ansible(play, check=check)
        assert again.task("in")["status"] == "ok", again.output
        assert again.task("in")["result"]["changed"] is False
    assert no_writes(clean.kraken) == []


@pytest.mark.parametrize("how", READINGS)
def test_kraken_lineup_descriptions_and_sap_texts_converge(clean, ansible, how):
    reading(clean, how)
    sap = {"transmit_sap": True, "session_name": "Town hall\n", "session_description": "Agenda:\n- results\n"}
    play = kraken_play(task("lineup", "kraken_lineup",
                            inputs=[{"name": "cam", "url": "udp://239.1.1.1:5000", "description": BLOCK}],
                            outputs=[{"name": "out", "url": "udp://239.2.2.2:4900", "description": "Out.\n", "sap": sap}],
                            streams=[{"name": "ch", "input": "cam", "outputs": ["out"], "description": "Channel.\n"}]))
    assert ansible(play).task("lineup")["status"] == "changed"
    out = by_name(clean.kraken, "outputs", "out")
    assert (out["description"], out["sap"]["sessionDescription"]) == (stored("Out.\n", how), stored(sap["session_description"], how))
    clean.kraken.clear_log()
    again = ansible(play)
    assert again.task("lineup")["status"] == "ok", again.output
    assert no_writes(clean.kraken) == []


# (task name, module, arguments, what the refusal says)
REFUSED = [
    ("kraken_input name", "kraken_input", dict(name="studio-cam ", url="udp://239.1.1.1:5000"),
     "name must not begin or end with white space: 'studio-cam '"),
    ("kraken_output name", "kraken_output", dict(name="\tout", url="udp://239.2.2.2:4900"),
     "name must not begin or end with white space: '\\tout'"),
    ("kraken_transcoder name", "kraken_transcoder", dict(name="tc\n"), "name must not begin or end with white space: 'tc\\n'"),
    ("kraken_stream input", "kraken_stream", dict(name="ch", input="cam "), "input must not begin or end with white space: 'cam '"),
    ("kraken_stream outputs", "kraken_stream", dict(name="ch", outputs=["out", " out2"]),
     "outputs[1] must not begin or end with white space: ' out2'"),
    ("kraken_configuration name", "kraken_configuration", dict(name="night "),
     "name must not begin or end with white space: 'night '"),
    ("kraken_lineup item", "kraken_lineup",
     dict(inputs=[{"name": "cam", "url": "udp://239.1.1.1:5000"}, {"name": "cam2 ", "url": "udp://239.1.1.2:5000"}]),
     "inputs[1] (cam2 ): name must not begin or end with white space: 'cam2 '"),
    ("kraken_lineup reference", "kraken_lineup", dict(streams=[{"name": "ch", "transcoder": " tc"}]),
     "streams[0] (ch): transcoder must not begin or end with white space: ' tc'"),
    ("hmp_source name", "hmp_source", dict(UDP, name="cam 1 "), "name must not begin or end with white space: 'cam 1 '"),
    ("hmp_session title", "hmp_session", dict(title="Town hall "), "title must not begin or end with white space: 'Town hall '"),
    ("hmp_session sources", "hmp_session", dict(title="Town hall", sources=["cam 1", "cam 2 "]),
     "sources[1] must not begin or end with white space: 'cam 2 '"),
    ("hmp_session share name", "hmp_session", dict(title="Town hall", shares=[{"name": "viewer ", "permission": "WATCH"}]),
     "shares[0].name must not begin or end with white space: 'viewer '"),
    ("hmp_source_share source", "hmp_source_share", dict(source=" cam 1", shares=[{"name": "viewer", "permission": "WATCH"}]),
     "source must not begin or end with white space: ' cam 1'"),
    ("hmp_section_share section", "hmp_section_share", dict(section="News\n", shares=[{"name": "viewer", "permission": "WATCH"}]),
     "section must not begin or end with white space: 'News\\n'"),
    ("hmp_recording session", "hmp_recording", dict(session="Town hall "),
     "session must not begin or end with white space: 'Town hall '"),
    ("hmp_recording recorders", "hmp_recording", dict(session="Town hall", recorders=["cam 1 "]),
     "recorders[0] must not begin or end with white space: 'cam 1 '"),
    ("hmp_stb name", "hmp_stb", dict(name="lobby ", standby=True), "name must not begin or end with white space: 'lobby '"),
    ("hmp_stb tag", "hmp_stb", dict(tag=" Lobby", standby=True), "tag must not begin or end with white space: ' Lobby'"),
    ("hmp_stb channel", "hmp_stb", dict(name="lobby", channel="cam 1 "), "channel must not begin or end with white space: 'cam 1 '"),
    ("hmp_asset title", "hmp_asset", dict(title="rec ", description="x"), "title must not begin or end with white space: 'rec '"),
    ("hmp_lineup source", "hmp_lineup", dict(sources=[dict(UDP, name="cam 1 ")]),
     "sources[0] (cam 1 ): name must not begin or end with white space: 'cam 1 '"),
    ("hmp_lineup session", "hmp_lineup", dict(sessions=[{"title": " Town hall"}]),
     "sessions[0] ( Town hall): title must not begin or end with white space: ' Town hall'"),
]


def test_a_name_with_edge_whitespace_is_refused_before_any_request_naming_the_option(clean, ansible):
    defaults = dict(KRAKEN_DEFAULTS)
    defaults.update(HMP_DEFAULTS)
    tasks = [{"name": name, "haivision.media." + module: args, "ignore_errors": True} for name, module, args, dummy in REFUSED]
    run = ansible([{"name": "names", "hosts": "localhost", "gather_facts": False, "module_defaults": defaults, "tasks": tasks}])
    problems = []
    for name, dummy, dummy, message in REFUSED:
        result = run.task(name)
        if result["status"] != "ignored" or message not in result["result"].get("msg", ""):
            problems.append("%s: %s %r" % (name, result["status"], result["result"].get("msg")))
    assert problems == []
    assert clean.kraken.requests() == [] and clean.hmp.requests() == []
