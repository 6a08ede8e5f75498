# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The drift report filters on registered results shaped like the line-ups' and the resource modules' ones."""

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


def lineup_entry(kind, name, action, before=None, after=None, applied=False, **ids):
    """One entry of a line-up's ``resources``, as kraken_lineup and hmp_lineup return them."""
    entry = {"name": name, "kind": kind, "action": action, "applied": applied,
             "diff": {"before": before or {}, "after": after or {}}}
    entry.update(ids)
    return entry


KRAKEN_LINEUP = {"changed": True, "resources": [
    lineup_entry("inputs", "studio-cam", "none", uuid="u-in"),
    lineup_entry("outputs", "studio-out", "update", {"ttl": 64}, {"ttl": 16}, uuid="u-out"),
    lineup_entry("transcoders", "studio-hd", "create", {}, {"name": "studio-hd", "video_bitrate": 4000}),
    lineup_entry("streams", "studio", "update", {"state": "inactive"}, {"state": "active"}, uuid="u-st"),
    lineup_entry("outputs", None, "delete", {"name": None, "url": "udp://1.2.3.4:5"}, {}, uuid="u-old"),
    lineup_entry("inputs", "field-srt", "create", {}, {"name": "field-srt", "srt_passphrase": "********"}),
]}


def test_a_line_up_result_gives_one_entry_per_change_with_its_own_action_and_module():
    entries = drift_changes(KRAKEN_LINEUP, "kraken-a")
    # In the report's kind order (inputs, transcoders, outputs, streams), the line-up's order within a kind.
    assert [(e["module"], e["resource"], e["action"], e["fields"]) for e in entries] == [
        ("haivision.media.kraken_input", "field-srt", "create", ["name", "srt_passphrase"]),
        ("haivision.media.kraken_transcoder", "studio-hd", "create", ["name", "video_bitrate"]),
        ("haivision.media.kraken_output", "studio-out", "update", ["ttl"]),
        ("haivision.media.kraken_output", "u-old", "delete", ["url"]),
        ("haivision.media.kraken_stream", "studio", "update", ["state"])]
    assert entries[2] == {"device": "kraken-a", "module": "haivision.media.kraken_output", "resource": "studio-out",
                          "action": "update", "fields": ["ttl"], "before": {"ttl": 64}, "after": {"ttl": 16}}


def test_the_action_is_the_line_up_s_not_a_guess_from_the_diff():
    # A diff that would read as a create (no title before) but that the line-up says is an update, and back.
    result = {"changed": True, "resources": [
        lineup_entry("sessions", "Town hall", "update", {"title": None}, {"title": "Town hall"}, id="s-1"),
        lineup_entry("sources", "cam", "create", {"port": 1}, {"port": 2}),
        lineup_entry("sessions", "Refused", "failed"),
        lineup_entry("sources", "same", "none", {"port": 1}, {"port": 1})]}
    assert [(e["module"], e["resource"], e["action"]) for e in drift_changes(result, "hmp-main")] == [
        ("haivision.media.hmp_source", "cam", "create"), ("haivision.media.hmp_session", "Town hall", "update")]


def test_a_line_up_that_failed_part_way_lists_what_it_applied_and_marks_what_it_did_not():
    failed = {"failed": True, "changed": True, "msg": "outputs studio-out: HTTP 400. Applied: inputs studio-cam.", "resources": [
        lineup_entry("inputs", "studio-cam", "create", {}, {"name": "studio-cam"}, applied=True, uuid="u-1"),
        lineup_entry("outputs", "studio-out", "update", {"ttl": 64}, {"ttl": 16}, uuid="u-2")]}
    entries = drift_changes(failed, "kraken-a")
    assert [(e["resource"], e.get("note")) for e in entries] == [
        ("studio-cam", None), ("studio-out", "not applied: the line-up stopped at its error")]
    lines = drift_report([{"device": "kraken-a", "changes": entries, "error": failed["msg"]}], "enforce")["summary_lines"]
    assert "  kraken-a  haivision.media.kraken_output  studio-out  update  ttl: 64 -> 16  (not applied: the line-up stopped at its error)" \
        in lines
    # Nothing is marked in a line-up that did not fail (check mode applies nothing, and says so by itself).
    assert "note" not in drift_changes(KRAKEN_LINEUP, "kraken-a")[0]


def test_a_line_up_s_secrets_stay_masked_and_a_clear_one_is_masked():
    leaky = {"changed": True, "resources": [
        lineup_entry("sources", "guest", "update", {"passphrase": "old-secret-0123"}, {"passphrase": "new-secret-0123"})]}
    assert drift_changes(leaky, "hmp")[0]["after"] == {"passphrase": "********"}
    assert "secret-0123" not in repr(drift_changes(leaky, "hmp"))


def test_nothing_to_report_from_a_skipped_or_missing_line_up():
    assert drift_changes({"skipped": True, "changed": False}, "k") == []
    assert drift_changes({}, "k") == [] and drift_changes(None, "k") == []
    assert drift_changes({"changed": False, "resources": []}, "k") == []


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


def test_a_resource_module_result_with_an_action_is_taken_at_its_word():
    registered = looped({"changed": True, "action": "update", "diff": {"before": {"name": None}, "after": {"name": "studio-out"}}})
    assert drift_changes(registered, "k", "haivision.media.kraken_output", ITEMS)[0]["action"] == "update"


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
    with pytest.raises(AnsibleFilterError, match="needs the module's name"):
        drift_changes(REGISTERED, "k")
    with pytest.raises(AnsibleFilterError, match="must be strings"):
        drift_changes(KRAKEN_LINEUP, None)


def test_each_filter_file_holds_the_filter_of_its_name():
    """One filter per file, named like the file and its documentation (ansible-doc lists a plugin per file)."""
    assert DriftChangesFilters().filters() == {"drift_changes": drift_changes}
    assert DriftReportFilters().filters() == {"drift_report": drift_report}
