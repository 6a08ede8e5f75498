# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The field engine: what is compared, what is written, what is refused."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.haivision.media.plugins.module_utils._common.fields import Field, FieldSet, ValidationError

FIELDS = FieldSet([
    Field("name"),
    Field("description", absent=""),
    Field("interface", absent="auto"),
    Field("ttl", kind="int", minimum=1, maximum=255),
    Field("encryption", "srtEncryption", choices=["none", "aes128"], spellings={"none": "None"}),
    Field("sap", kind="dict", children=[Field("address"), Field("port", kind="int")]),
], xml_text=True)


def test_a_field_the_device_did_not_report_stays_out_of_the_current_state():
    current = FIELDS.from_device({"name": "in-1", "ttl": "64"})
    assert current == {"name": "in-1", "ttl": 64}


def test_an_unreported_field_compares_as_its_absent_meaning():
    current = FIELDS.from_device({"name": "in-1"})
    assert FIELDS.changes({"description": "", "interface": "auto"}, current) == []
    assert FIELDS.changes({"interface": "eth1"}, current) == ["interface"]


def test_the_write_holds_the_reported_fields_plus_the_changed_ones_only():
    current = FIELDS.from_device({"name": "in-1", "ttl": "64"})
    desired = {"ttl": 16, "description": "", "interface": "auto"}
    changed = FIELDS.changes(desired, current)
    assert changed == ["ttl"]
    assert FIELDS.to_wire(FIELDS.merged(current, desired, changed)) == {"name": "in-1", "ttl": 16}


def test_a_nested_dict_write_keeps_the_reported_children():
    current = FIELDS.from_device({"sap": {"address": "239.1.1.1", "port": "9875"}})
    changed = FIELDS.changes({"sap": {"port": 9876}}, current)
    assert FIELDS.merged(current, {"sap": {"port": 9876}}, changed)["sap"] == {"address": "239.1.1.1", "port": 9876}


def test_text_is_compared_as_stored_with_its_edges():
    current = FIELDS.from_device({"description": "line\n"})
    assert FIELDS.changes(FIELDS.desired({"description": "line\n"}), current) == []
    assert FIELDS.changes(FIELDS.desired({"description": "line"}), current) == ["description"]


def test_an_enumeration_compares_case_insensitively_and_is_sent_in_the_device_spelling():
    current = FIELDS.from_device({"srtEncryption": "None"})
    assert current == {"encryption": "none"}
    assert FIELDS.changes({"encryption": "none"}, current) == []
    assert FIELDS.to_wire({"encryption": "none"}) == {"srtEncryption": "None"}
    assert FIELDS.to_wire({"encryption": "aes128"}) == {"srtEncryption": "aes128"}


@pytest.mark.parametrize("params, where", [
    ({"description": "pasted\x0bfrom a word processor"}, "description contains the character U+000B at position 6"),
    ({"sap": {"address": "a\x01"}}, "sap.address contains the character U+0001"),
])
def test_a_character_xml_cannot_carry_is_refused_naming_the_option(params, where):
    with pytest.raises(ValidationError) as caught:
        FIELDS.desired(params)
    assert where in str(caught.value)


def test_tabs_newlines_and_unicode_pass_the_xml_check():
    assert FIELDS.desired({"description": u"a\tb\r\nc \u00e9 \U0001F3A5"})["description"] == u"a\tb\r\nc \u00e9 \U0001F3A5"


def test_json_field_sets_do_not_apply_the_xml_rule():
    assert FieldSet([Field("description")]).desired({"description": "a\x0bb"}) == {"description": "a\x0bb"}


def test_a_set_compares_without_order_and_is_written_in_the_device_order():
    fields = FieldSet([Field("outputs", kind="set")])
    current = fields.from_device({"outputs": ["b", "a", "b"]})
    assert current == {"outputs": ["b", "a"]}
    assert fields.changes({"outputs": ["a", "b"]}, current) == []
    assert fields.changes({"outputs": ["a"]}, current) == ["outputs"]
    assert fields.merged(current, {"outputs": ["a", "b"]}, []) == {"outputs": ["b", "a"]}


def test_a_float_is_range_checked_and_compared_as_a_number():
    volume = FieldSet([Field("volume", kind="float", minimum=0.0, maximum=1.0)])
    assert volume.argument_spec() == {"volume": {"type": "float"}}
    with pytest.raises(ValidationError, match="volume must be between 0.0 and 1.0, got 1.5"):
        volume.desired({"volume": 1.5})
    assert volume.changes(volume.desired({"volume": 0.75}), volume.from_device({"volume": "0.75"})) == []
    assert volume.changes(volume.desired({"volume": 1}), volume.from_device({"volume": 0.2})) == ["volume"]
