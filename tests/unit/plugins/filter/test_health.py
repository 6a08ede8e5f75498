# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The health report names resources by the modules' own identity rule."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.plugin_utils.health import health_fragment

HMP_INFO = {
    "version": {"version": "3.5.0"},
    "sources": [{"id": "s1", "name": "cam", "active": True}, {"id": "s2", "name": "cam", "active": True},
                {"id": "s3", "name": "Stage", "active": True}],
    "sessions": [{"id": "t1", "title": "Town hall", "active": True}, {"id": "t2", "title": "town hall", "active": True}],
    "recordings": [{"id": "r1", "session": "t2", "state": "RECORDING"}],
}


def entries(fragment, kind):
    return dict((e["name"], e) for e in fragment["resources"] if e["kind"] == kind)


def test_names_match_exactly_and_two_of_one_name_are_ambiguous():
    lineup = {"sources": [{"name": "cam"}, {"name": "stage"}, {"name": "Stage"}, {"id": "s2"}],
              "sessions": [{"title": "Town hall"}]}
    fragment = health_fragment(HMP_INFO, "hmp-a", "hmp", lineup)
    sources = entries(fragment, "source")
    assert (sources["cam"]["state"], sources["cam"]["status"], sources["cam"]["id"]) == ("ambiguous", "mismatch", None)
    assert (sources["stage"]["state"], sources["stage"]["status"]) == ("absent", "mismatch")
    assert (sources["Stage"]["id"], sources["Stage"]["status"]) == ("s3", "ok")
    assert (sources["s2"]["id"], sources["s2"]["status"]) == ("s2", "ok")
    assert entries(fragment, "session")["Town hall"]["id"] == "t1"


def test_a_session_to_record_is_named_by_id_or_its_exact_title():
    by_title = entries(health_fragment(HMP_INFO, "hmp-a", "hmp", {}, must_record=["Town hall"]), "recording")
    assert by_title["Town hall"]["status"] == "down" and by_title["Town hall"]["note"] == "no active recording of this session"
    by_id = health_fragment(HMP_INFO, "hmp-a", "hmp", {}, must_record=["t2"])
    assert [(e["id"], e["status"]) for e in by_id["resources"]] == [("r1", "ok")]
