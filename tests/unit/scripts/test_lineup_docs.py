# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The line-up modules document their items with the resource modules' options, as scripts/lineup_docs.py writes them."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest
import yaml

from scripts.lineup_docs import COMMAND, LINEUPS, assigned_string, generated, kind_types, module_path, point_references

REFERENCE = re.compile(r"\b(?:O|RV)\(([^)]*)\)")


def item_docs(lineup):
    return yaml.safe_load(assigned_string(module_path(lineup), "DOCUMENTATION"))["options"]


def descriptions(options):
    """Every line of the options' descriptions, their suboptions' included."""
    lines = []
    for doc in options.values():
        text = doc.get("description")
        lines.extend(text if isinstance(text, list) else [text])
        lines.extend(descriptions(doc.get("suboptions") or {}))
    return lines


def spec_as_documented(spec):
    """What validate-modules compares of an argument spec, in the documentation's terms."""
    result = {}
    for name, option in spec.items():
        doc = dict((key, option[key]) for key in ("type", "elements", "choices", "default", "required", "aliases") if key in option)
        if doc.get("required") is False:
            del doc["required"]
        if "options" in option:
            doc["suboptions"] = spec_as_documented(option["options"])
        result[name] = doc
    return result


def doc_as_compared(options):
    result = {}
    for name, doc in options.items():
        compared = dict((key, doc[key]) for key in ("type", "elements", "choices", "default", "required", "aliases") if key in doc)
        if "suboptions" in doc:
            compared["suboptions"] = doc_as_compared(doc["suboptions"])
        result[name] = compared
    return result


@pytest.mark.parametrize("lineup", sorted(LINEUPS))
def test_the_committed_item_documentation_is_what_the_generator_writes(lineup):
    with open(module_path(lineup)) as handle:
        committed = handle.read()
    assert committed == generated(lineup), (
        "plugins/modules/%s.py documents its items differently from the resource modules: run %s" % (lineup, COMMAND))


@pytest.mark.parametrize("lineup", sorted(LINEUPS))
def test_each_kinds_items_document_exactly_the_kinds_spec(lineup):
    docs = item_docs(lineup)
    for kind, kind_type in kind_types(lineup).items():
        assert doc_as_compared(docs[kind]["suboptions"]) == spec_as_documented(kind_type.argument_spec()), kind


@pytest.mark.parametrize("lineup", sorted(LINEUPS))
def test_references_in_the_item_documentation_name_the_item_or_the_resource_module(lineup):
    docs = item_docs(lineup)
    for kind, module in LINEUPS[lineup]:
        targets = [t for line in descriptions(docs[kind]["suboptions"]) for t in REFERENCE.findall(line)]
        assert targets, kind
        assert [t for t in targets if not t.startswith(kind + "[].") and "haivision.media.%s#module:" % module not in t] == []


def test_a_reference_to_what_the_item_lacks_points_at_the_resource_module():
    text = "With O(wait=true) and O(shares[].name), see O(kraken_url) and RV(stream.state)."
    assert point_references(text, "streams", "kraken_stream", {"wait": {}, "shares": {}}) == (
        "With O(streams[].wait=true) and O(streams[].shares[].name), see O(haivision.media.kraken_stream#module:kraken_url)"
        " and RV(haivision.media.kraken_stream#module:stream.state).")
