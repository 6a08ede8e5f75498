# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The export_host_vars filter: the host_vars file of an exported line-up."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import yaml

from ansible.errors import AnsibleFilterError

from ansible_collections.haivision.media.plugins.filter.export_host_vars import FilterModule
from ansible_collections.haivision.media.plugins.plugin_utils.export import export_host_vars, variable_name

LINEUP = {
    "inputs": [{"name": "field-srt", "stream_type": "SRT", "srt_mode": "listener", "srt_local_port": 9000},
               {"name": "Field SRT", "stream_type": "SRT", "srt_mode": "listener", "srt_local_port": 9001},
               {"name": "cam", "description": "Stage {{ camera }} {% raw %}", "url": "udp://239.1.1.1:5000"}],
    "outputs": [{"name": "twin", "uuid": "0f1e", "url": "udp://239.2.2.1:1"},
                {"name": "twin", "uuid": "9a8b", "url": "udp://239.2.2.2:1", "srt_mode": "listener"}],
    "transcoders": [], "streams": [],
}
SECRETS = [{"kind": "inputs", "name": "field-srt", "option": "srt_passphrase"},
           {"kind": "inputs", "name": "Field SRT", "option": "srt_passphrase"},
           {"kind": "outputs", "name": "twin", "uuid": "9a8b", "option": "srt_passphrase"}]


class Loader(yaml.SafeLoader):
    pass


Loader.add_constructor("!unsafe", lambda loader, node: "UNSAFE:" + loader.construct_scalar(node))


def test_secrets_become_vault_references_named_after_host_kind_item_and_option():
    result = export_host_vars(LINEUP, "kraken-a.example.com", "kraken_lineup", secrets=SECRETS,
                              connection={"kraken_url": "https://kraken-a"})
    names = [v["variable"] for v in result["vault_variables"]]
    # Sanitised to variable names; two items that sanitise alike are told apart; an id joins a repeated name.
    assert names == ["vault_kraken_a_example_com_inputs_field_srt_srt_passphrase",
                     "vault_kraken_a_example_com_inputs_field_srt_srt_passphrase_2",
                     "vault_kraken_a_example_com_outputs_twin_9a8b_srt_passphrase"]
    data = yaml.load(result["content"], Loader=Loader)
    assert list(data) == ["kraken_url", "kraken_lineup"]
    inputs = data["kraken_lineup"]["inputs"]
    assert inputs[1]["srt_passphrase"] == "{{ vault_kraken_a_example_com_inputs_field_srt_srt_passphrase }}"
    assert inputs[0]["srt_passphrase"] == "{{ vault_kraken_a_example_com_inputs_field_srt_srt_passphrase_2 }}"
    assert "srt_passphrase" not in data["kraken_lineup"]["outputs"][0]
    # Template-looking text is written !unsafe, so that Ansible keeps it as it is.
    assert inputs[2]["description"] == "UNSAFE:Stage {{ camera }} {% raw %}"
    for name in names:
        assert "#   %s: the srt_passphrase of " % name in result["content"]
    assert result["warnings"] == ["2 outputs are named 'twin': they are exported by name and id, so this line-up holds this "
                                  "device only"]
    assert "# Warning: 2 outputs are named 'twin'" in result["content"]
    assert result["content"].startswith("---\n# The kraken_lineup of kraken-a.example.com")
    # The caller's line-up is left as it was.
    assert "srt_passphrase" not in LINEUP["inputs"][0]


def test_same_lineup_same_file_and_no_secret_says_so():
    first = export_host_vars(LINEUP, "k", "kraken_lineup")
    assert first == export_host_vars(LINEUP, "k", "kraken_lineup")
    assert "# No secret to define" in first["content"] and first["vault_variables"] == []


def test_bad_arguments_fail_clearly():
    with pytest.raises(AnsibleFilterError, match="variable must be one of kraken_lineup, hmp_lineup"):
        export_host_vars({}, "h", "lineup")
    with pytest.raises(AnsibleFilterError, match="must be a mapping"):
        export_host_vars([], "h", "kraken_lineup")
    with pytest.raises(AnsibleFilterError, match="names inputs 'gone'"):
        export_host_vars(LINEUP, "h", "kraken_lineup", secrets=[{"kind": "inputs", "name": "gone", "option": "x"}])


def test_hmp_titles_and_ids_are_found_too():
    lineup = {"sources": [{"name": "guest", "type": "SRT"}], "sessions": [{"title": "Town hall", "id": "s1"}]}
    result = export_host_vars(lineup, "hmp-main", "hmp_lineup",
                              secrets=[{"kind": "sources", "name": "guest", "option": "passphrase"}])
    assert result["vault_variables"] == [{"variable": "vault_hmp_main_sources_guest_passphrase", "kind": "sources",
                                          "name": "guest", "option": "passphrase"}]
    assert variable_name("vault", "Ü-host", "a..b") == "vault_host_a_b"


def test_the_filter_is_registered():
    assert "export_host_vars" in FilterModule().filters()
