# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""KrakenConfiguration's plans and writes, on the in-process simulator (no Ansible process)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.configuration import KrakenConfiguration
from ansible_collections.haivision.media.plugins.module_utils._common.change import apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError

WRITES = ("POST", "PUT", "DELETE")


@pytest.fixture
def kraken(kraken_sim):
    client = KrakenClient(kraken_sim.url, kraken_sim.consumer_key, kraken_sim.consumer_secret, ca_path=kraken_sim.ca_path,
                          backoff=0.01)
    return kraken_sim, client


def plan(client, **args):
    result = ArgumentSpecValidator(KrakenConfiguration.argument_spec(), **KrakenConfiguration.constraints()).validate(args)
    assert not result.error_messages, result.error_messages
    params = result.validated_parameters
    desired = KrakenConfiguration.desired(params)
    planner = KrakenConfiguration(client)
    return planner.plan(params, desired, planner.locate(params))


def writes(sim):
    return [(r["method"], r["path"], r["body"]) for r in sim.requests() if r["method"] in WRITES]


def test_create_as_default_and_loaded_is_a_post_then_one_put_of_both_flags(kraken):
    sim, client = kraken
    change = plan(client, name="A", default=True, load=True)
    assert change.action == "create"
    assert change.diff() == {"before": {}, "after": {"name": "A", "default": True, "loaded": True}}
    sim.server.log.clear()
    apply_changes([change])
    sent = writes(sim)
    item = "/apis/kraken/configurations/configuration-%s" % change.resource_id
    assert [(m, p) for m, p, _b in sent] == [("POST", "/apis/kraken/configurations"), ("PUT", item)]
    assert "<name>A</name>" in sent[0][2] and "<default>" not in sent[0][2]
    assert "<default>1</default>" in sent[1][2] and "<activate>1</activate>" in sent[1][2]
    assert plan(client, name="A", default=True).action == "none"


def test_not_default_any_more_is_a_put_of_default_0(kraken):
    sim, client = kraken
    uuid = sim.device.seed({"configurations": [{"name": "A", "defaultConfig": "yes"}]})["configurations"][0]
    change = plan(client, name="A", default=False)
    assert (change.action, change.requests) == ("update", ["PUT /apis/kraken/configurations/configuration-%s (default)" % uuid])
    sim.server.log.clear()
    apply_changes([change])
    assert "<default>0</default>" in writes(sim)[0][2]
    assert sim.device.state()["configurations"][uuid]["defaultConfig"] == "no"


def test_save_always_of_a_non_default_configuration_sends_no_put(kraken):
    sim, client = kraken
    old = sim.device.seed({"configurations": [{"name": "A"}]})["configurations"][0]
    change = plan(client, name="A", save="always")
    assert change.requests == ["POST /apis/kraken/configurations",
                               "DELETE /apis/kraken/configurations/configuration-%s" % old]
    apply_changes([change])
    assert list(sim.device.state()["configurations"]) == [change.resource_id] and change.resource_id != old


def test_absent_with_an_action_is_refused_before_any_request(kraken):
    sim, client = kraken
    sim.server.log.clear()
    with pytest.raises(ValidationError, match="save=always, load=true cannot be used with state=absent"):
        plan(client, name="A", state="absent", save="always", load=True)
    assert sim.requests() == []
