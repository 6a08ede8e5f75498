# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Edge whitespace in the field engine: names refused, free text equal on a device that trims it and one that keeps it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.haivision.media.plugins.module_utils._common.fields import (
    Field, FieldSet, ValidationError, check_name, check_names, edge_trimmed)
from ansible_collections.haivision.media.plugins.module_utils._hmp import fields as hmp_fields
from ansible_collections.haivision.media.plugins.module_utils._kraken import fields as kraken_fields

FIELDS = FieldSet([
    Field("name", identity_name=True),
    Field("description", absent="", free_text=True),
    Field("url"),
    Field("outputs", kind="set", absent=[], identity_name=True),
    Field("sap", kind="dict", children=[Field("session_description", "sessionDescription", free_text=True),
                                        Field("address")]),
], xml_text=True)
BLOCK = "Line one\nline two\n"


@pytest.mark.parametrize("params, message", [
    ({"name": "studio-cam "}, "name must not begin or end with white space: 'studio-cam '"),
    ({"name": "\tcam"}, "name must not begin or end with white space: '\\tcam'"),
    ({"name": "cam\n"}, "name must not begin or end with white space: 'cam\\n'"),
    ({"name": u"cam\u00a0"}, "name must not begin or end with white space"),
    ({"name": "cam", "outputs": ["out", " out2"]}, "outputs[1] must not begin or end with white space: ' out2'"),
])
def test_a_name_with_edge_whitespace_is_refused_naming_the_option(params, message):
    with pytest.raises(ValidationError) as caught:
        FIELDS.desired(params)
    assert message in str(caught.value)


def test_names_with_white_space_inside_and_text_with_it_at_the_edges_are_accepted():
    desired = FIELDS.desired({"name": "studio cam 1", "description": BLOCK, "url": " udp://239.1.1.1:1 ",
                              "outputs": ["out 1"], "sap": {"session_description": " Agenda\n"}})
    # What is written is the text as given.
    assert desired["description"] == BLOCK and desired["sap"]["session_description"] == " Agenda\n"


def test_the_shared_checkers_name_the_option_and_pass_what_is_unset():
    check_name("tag", None)
    check_names({"name": "lobby", "recorders": ["cam 1", "cam 2"]}, ("name", "tag", "recorders"))
    with pytest.raises(ValidationError, match=r"^recorders\[1\] must not begin or end with white space: 'cam 2 '$"):
        check_names({"name": "lobby", "recorders": ["cam 1", "cam 2 "]}, ("name", "recorders"))


@pytest.mark.parametrize("desired, current, same", [
    (BLOCK, BLOCK, True),                      # a device that keeps it
    (BLOCK, BLOCK.strip(), True),              # one that trims it
    (" Agenda\n", " Agenda", True),            # one that trims one end
    (" Agenda\n", "Agenda\n", True),
    ("\n", "", True),                          # only white space, trimmed to nothing
    (BLOCK, "", False),
    ("Agenda", "Agenda\n", False),             # white space the task does not have is a change
    ("Agenda", " Agenda", False),
    ("Line one\nline two", "Line one line two", False),  # inside the text it counts
    ("Agenda\n", "agenda", False),
])
def test_free_text_is_the_same_when_the_device_trimmed_only_its_edges(desired, current, same):
    assert edge_trimmed(desired, current) is same
    assert FIELDS.changes({"description": desired}, {"description": current}) == ([] if same else ["description"])


def test_free_text_left_out_by_a_device_that_trimmed_it_to_nothing_is_no_change():
    # A trimming Kraken unsets an element sent as only white space: it is then not reported at all.
    assert FIELDS.changes({"description": "\n", "sap": {"session_description": " "}}, {}) == []
    assert FIELDS.changes({"sap": {"session_description": "Agenda\n"}}, {"sap": {"address": "239.1.1.1"}}) == ["sap"]


def test_other_text_and_names_compare_exactly():
    assert FIELDS.changes({"url": "udp://239.1.1.1:1"}, {"url": "udp://239.1.1.1:1 "}) == ["url"]
    assert FIELDS.changes({"name": "cam"}, {"name": "cam "}) == ["name"]


def test_a_changed_text_is_written_as_given_and_an_unchanged_one_as_the_device_has_it():
    current = FIELDS.from_device({"name": "cam", "description": "Old", "sap": {"sessionDescription": "Agenda"}})
    desired = FIELDS.desired({"description": "New\n", "sap": {"session_description": "Agenda\n"}})
    options = FIELDS.changes(desired, current)
    assert options == ["description"]
    assert FIELDS.to_wire(FIELDS.merged(current, desired, options)) == {
        "name": "cam", "description": "New\n", "sap": {"sessionDescription": "Agenda"}}


@pytest.mark.parametrize("stored", [BLOCK, BLOCK.strip()])
def test_an_export_fed_back_plans_no_change_whether_the_device_kept_or_trimmed_the_text(stored):
    current = FIELDS.from_device({"name": "cam", "description": stored, "sap": {"sessionDescription": stored}})
    values, _secrets = FIELDS.exported(current)
    assert FIELDS.changes(FIELDS.desired(values), current) == []


def every_field(module):
    """The fields the module declares, dicts' children included."""
    fields = [f for value in vars(module).values() if isinstance(value, FieldSet) for f in value.fields]
    return fields + [child for f in fields for child in f.children]


@pytest.mark.parametrize("module", [kraken_fields, hmp_fields], ids=["kraken", "hmp"])
def test_every_declared_name_is_an_identity_name_and_every_description_free_text(module):
    fields = every_field(module)
    assert len([f for f in fields if f.identity_name]) >= 2 and [f for f in fields if f.free_text]
    assert [f.option for f in fields if f.option in ("name", "title") and not f.identity_name] == []
    assert [f.option for f in fields if "description" in f.option and not f.free_text] == []


def test_stream_references_are_names_too():
    with pytest.raises(ValidationError, match="^transcoder must not begin or end with white space: 'tc '$"):
        kraken_fields.STREAM_FIELDS.desired({"name": "ch", "input": "cam", "transcoder": "tc "})
