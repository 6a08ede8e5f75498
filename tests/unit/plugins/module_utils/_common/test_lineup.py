# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The line-up core: items declared with each kind's one spec, what each item asks, labelled by the item."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.haivision.media.plugins.module_utils._hmp.lineup import KINDS as HMP_KINDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.lineup import KIND_TYPES as KRAKEN_KINDS
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import lineup_argument_spec, validate_items
from tests.unit.plugins.module_utils.lineup_params import Refused, module_params


def kraken_desired(kind, item):
    return KRAKEN_KINDS[kind].fields.desired(item)


@pytest.mark.parametrize("kinds", [KRAKEN_KINDS, HMP_KINDS], ids=["kraken", "hmp"])
def test_each_kinds_items_are_declared_with_its_one_spec_and_constraints(kinds):
    spec = lineup_argument_spec(kinds, max_deletes=dict(type="int"))
    assert list(spec) == ["purge"] + list(kinds) + ["max_deletes"]
    for kind, kind_type in kinds.items():
        declared = dict(spec[kind])
        assert (declared.pop("type"), declared.pop("elements")) == ("list", "dict")
        assert declared.pop("options") == kind_type.argument_spec()
        assert declared == dict((name, rule) for name, rule in kind_type.constraints().items() if rule), kind


def test_ansible_refuses_an_item_naming_the_kind_and_the_unknown_key():
    spec = lineup_argument_spec(KRAKEN_KINDS)
    with pytest.raises(Refused, match=r"^outputs\.tll\. Supported parameters include: .*\bttl\b"):
        module_params(spec, dict(outputs=[{"name": "studio-out", "url": "udp://239.1.1.1:1", "tll": 16}]))
    with pytest.raises(Refused, match=r"value of srt_mode must be one of: caller, listener, rendezvous, got: push found in inputs"):
        module_params(spec, dict(inputs=[{"name": "cam", "stream_type": "SRT", "srt_mode": "push"}]))


def test_items_come_with_their_kinds_defaults_and_what_each_asks():
    params = module_params(lineup_argument_spec(KRAKEN_KINDS), dict(outputs=[{"name": "studio-out", "ttl": 16}]))
    [(item, desired)] = validate_items(params, KRAKEN_KINDS, kraken_desired)["outputs"]
    assert item["state"] == "present" and item["uuid"] is None
    assert desired == {"name": "studio-out", "ttl": 16}


def test_what_an_items_kind_refuses_names_the_item():
    params = module_params(lineup_argument_spec(KRAKEN_KINDS),
                           dict(outputs=[{"name": "a", "ttl": 16}, {"name": "studio-out", "ttl": 300}, {"uuid": "u1", "ttl": 0}]))
    with pytest.raises(ValidationError, match=r"^outputs\[1\] \(studio-out\): ttl .*255"):
        validate_items(params, KRAKEN_KINDS, kraken_desired)
    params["outputs"] = params["outputs"][2:]
    with pytest.raises(ValidationError, match=r"^outputs\[0\] \(u1\): ttl "):
        validate_items(params, KRAKEN_KINDS, kraken_desired)
