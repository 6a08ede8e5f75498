# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one identity rule: exact names, ids, and names a platform may compare without regard to case."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.haivision.media.plugins.module_utils._common.identity import Directory, IdentityError, match_one

GROUPS = [{"id": "g1", "groupname": "Ops"}, {"id": "g2", "groupname": "ops"}, {"id": "g3", "groupname": "Viewers"}]


def test_an_exact_name_wins_over_names_that_differ_in_case():
    assert match_one(GROUPS, "groupname", "ops", "id", what="group", case_blind=True)["id"] == "g2"
    assert match_one(GROUPS, "groupname", "Ops", "id", what="group", case_blind=True)["id"] == "g1"


def test_one_name_differing_in_case_alone_is_taken_where_the_platform_is_case_blind_only():
    assert match_one(GROUPS, "groupname", "VIEWERS", "id", what="group", case_blind=True)["id"] == "g3"
    assert match_one(GROUPS, "groupname", "VIEWERS", "id", what="group") is None


def test_two_names_differing_in_case_fail_listing_their_ids():
    with pytest.raises(IdentityError) as caught:
        match_one(GROUPS, "groupname", "OPS", "id", what="group", case_blind=True, option="shares[0]")
    message = str(caught.value)
    assert message.startswith("shares[0]: no group has the groupname 'OPS' exactly, and 2 differ from it in case alone")
    assert "Ops id g1, ops id g2" in message and "give the exact groupname or the id" in message
    assert [m["id"] for m in caught.value.matches] == ["g1", "g2"]


def test_two_of_one_exact_name_fail_and_an_id_or_a_reference_by_id_picks_one():
    twins = [{"id": "a", "name": "cam"}, {"id": "b", "name": "cam"}]
    with pytest.raises(IdentityError, match=r"2 sources have the name 'cam' \(ids: a, b\); give id to choose one"):
        match_one(twins, "name", "cam", "id", what="source")
    with pytest.raises(IdentityError, match=r"^tag 'cam' is ambiguous: 2 tags have that name \(ids: a, b\); give the id$"):
        match_one(twins, "name", "cam", "id", what="tag", or_id=True, option="tag")
    assert match_one(twins, "name", "cam", "id", resource_id="b")["id"] == "b"
    assert match_one(twins, "name", "b", "id", or_id=True)["id"] == "b"
    assert match_one(twins, "name", "b", "id") is None


def test_the_directory_resolves_by_the_same_rule():
    directory = Directory(lambda kind: [{"uuid": "u1", "name": "cam"}, {"uuid": "u2", "name": "cam"},
                                        {"uuid": "u3", "name": "Cam"}], "Kraken")
    assert directory.resolve("inputs", "Cam", "input") == "u3"
    assert directory.resolve("inputs", "u1", "input") == "u1"
    with pytest.raises(IdentityError, match=r"input 'cam' is ambiguous: 2 inputs have that name \(uuids: u1, u2\)"):
        directory.resolve("inputs", "cam", "input")
    with pytest.raises(IdentityError, match="input 'CAM' is neither the name nor the uuid of one of this Kraken's inputs"):
        directory.resolve("inputs", "CAM", "input")
