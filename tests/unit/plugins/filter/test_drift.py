# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The drift report filters on registered results shaped like the resource modules' ones."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.haivision.media.plugins.filter.drift_changes import FilterModule as DriftChangesFilters
from ansible_collections.haivision.media.plugins.filter.drift_report import FilterModule as DriftReportFilters
from ansible_collections.haivision.media.plugins.plugin_utils.drift import drift_changes, drift_report

ITEMS = [{"name": "studio-out", "url": "udp://239.20.0.1:4900", "ttl": 16},
         {"name": "to-cloud", "srt_passphrase": "do-not-show-me-0123"},
         {"name": "cloud-out", "url": "udp://239.20.0.2:4900"},
         {"name": "old-out", "state": "absent"}]


def looped(*results):
    """A registered loop over indexes (loop_var enforce_index), as enforce.yml registers it."""
    return {"changed": any(r.get("changed") for r in results), "results": [
        dict(r, enforce_index=index, ansible_loop_var="enforce_index") for index, r in enumerate(results)]}


REGISTERED = looped(
    {"changed": True, "diff": {"before": {"ttl": 64}, "after": {"ttl": 16}}},
    {"changed": True, "diff": {"before": {}, "after": {"name": "to-cloud", "srt_passphrase": "********"}}},
    {"changed": False, "diff": {"before": {}, "after": {}}},
    {"changed": True, "diff": {"before": {"name": "old-out", "url": "udp://1.2.3.4:5"}, "after": {}}},
)


def test_one_entry_per_changed_resource_named_from_the_line_up():
    entries = drift_changes(REGISTERED, "kraken-a", "haivision.media.kraken_output", ITEMS)
    assert [(e["resource"], e["action"], e["fields"]) for e in entries] == [
        ("studio-out", "update", ["ttl"]), ("to-cloud", "create", ["name", "srt_passphrase"]),
        ("old-out", "delete", ["name", "url"])]
    assert entries[0] == {"device": "kraken-a", "module": "haivision.media.kraken_output", "resource": "studio-out",
                          "action": "update", "fields": ["ttl"], "before": {"ttl": 64}, "after": {"ttl": 16}}


def test_secrets_stay_masked_and_a_clear_one_is_masked():
    leaky = looped({"changed": True, "diff": {"before": {"srt_passphrase": "old-secret-0123"},
                                              "after": {"srt_passphrase": "new-secret-0123", "nested": {"password": "x"}}}})
    entry = drift_changes(leaky, "kraken-a", "haivision.media.kraken_output", ITEMS)[0]
    assert entry["before"] == {"srt_passphrase": "********"}
    assert entry["after"] == {"srt_passphrase": "********", "nested": {"password": "********"}}
    changed = looped({"changed": True, "diff": {"before": {"srt_passphrase": "********"},
                                                "after": {"srt_passphrase": "******** (changed)"}}})
    assert drift_changes(changed, "k", "m", ITEMS)[0]["after"] == {"srt_passphrase": "******** (changed)"}
    assert "do-not-show-me" not in repr(drift_changes(REGISTERED, "k", "m", ITEMS))


def test_a_session_created_with_server_defaults_reads_as_a_create():
    registered = looped({"changed": True, "diff": {"before": {"title": None, "sources": [], "metadata": {"calypso:creator": ["x"]}},
                                                   "after": {"title": "Town hall", "sources": ["a"]}}})
    assert drift_changes(registered, "hmp", "haivision.media.hmp_session", [{"title": "Town hall"}])[0]["action"] == "create"


def test_a_failure_let_through_by_failed_when_is_pending_other_failures_and_skips_are_not_entries():
    registered = looped({"failed": False, "failed_when_result": False, "changed": False,
                         "msg": "input 'cam' is neither the name nor the uuid of one of this Kraken's inputs"},
                        {"skipped": True, "changed": False})
    entries = drift_changes(registered, "kraken-a", "haivision.media.kraken_stream", [{"name": "ch1"}, {"name": "ch2"}])
    assert [(e["resource"], e["action"]) for e in entries] == [("ch1", "pending")]
    assert "neither the name" in entries[0]["note"]


def test_names_without_the_line_up_come_from_the_item_or_the_module_result():
    single = {"changed": True, "diff": {"before": {"ttl": 1}, "after": {"ttl": 2}}, "output": {"name": "from-result"}}
    assert drift_changes(single, "k", "m")[0]["resource"] == "from-result"
    item_loop = {"results": [{"changed": True, "item": {"uuid": "u-1"}, "ansible_loop_var": "item",
                              "diff": {"before": {"ttl": 1}, "after": {"ttl": 2}}}]}
    assert drift_changes(item_loop, "k", "m")[0]["resource"] == "u-1"
    assert drift_changes({}, "k", "m") == [] and drift_changes(None, "k", "m") == []


def test_report_merges_fragments_counts_and_summarises():
    changes = drift_changes(REGISTERED, "kraken-a", "haivision.media.kraken_output", ITEMS)
    report = drift_report([{"device": "kraken-b", "product": "kraken", "changes": [], "error": None},
                           {"device": "kraken-a", "product": "kraken", "changes": changes, "error": None},
                           {"device": "hmp-main", "product": "hmp", "changes": [], "error": "HMP API error 020001 (HTTP 401)"}],
                          "report", devices=["kraken-a", "kraken-b", "hmp-main", "kraken-z"], run_id="r1", generated="t")
    assert report["drift_found"] is True
    assert report["summary"] == {"devices": 4, "devices_with_drift": 1, "resources": 3, "errors": 2}
    assert dict((d["device"], d["status"]) for d in report["devices"]) == {
        "hmp-main": "error", "kraken-a": "drift", "kraken-b": "clean", "kraken-z": "error"}
    assert [e["device"] for e in report["errors"]] == ["hmp-main", "kraken-z"]
    lines = report["summary_lines"]
    assert lines[0].startswith("haivision.media drift report (report mode): 4 device(s), 1 with drift, 3 resource(s) drifted")
    assert "  kraken-a  haivision.media.kraken_output  studio-out  update  ttl: 64 -> 16" in lines
    assert "  kraken-a  haivision.media.kraken_output  old-out  delete  name, url" in lines
    assert "  hmp-main  ERROR  HMP API error 020001 (HTTP 401)" in lines


def test_enforce_mode_and_a_clean_run():
    corrected = drift_report([{"device": "k", "changes": drift_changes(REGISTERED, "k", "m", ITEMS)}], "enforce")
    assert corrected["devices"][0]["status"] == "corrected" and "corrected" in corrected["summary_lines"][0]
    clean = drift_report([{"device": "k", "changes": []}])
    assert clean["drift_found"] is False and clean["summary_lines"][-1] == "  every device matches its desired line-up"


def test_bad_input_fails_clearly():
    with pytest.raises(AnsibleFilterError, match="mode must be"):
        drift_report([], "fix")
    with pytest.raises(AnsibleFilterError, match="needs a 'device'"):
        drift_report([{"changes": []}])
    with pytest.raises(AnsibleFilterError, match="items must be a list"):
        drift_changes(REGISTERED, "k", "m", "nope")


def test_each_filter_file_holds_the_filter_of_its_name():
    """One filter per file, named like the file and its documentation (ansible-doc lists a plugin per file)."""
    assert DriftChangesFilters().filters() == {"drift_changes": drift_changes}
    assert DriftReportFilters().filters() == {"drift_report": drift_report}
