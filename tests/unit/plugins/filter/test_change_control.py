# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The change-control filters (plan.yml, apply.yml) on results shaped like the line-ups' ones."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.haivision.media.plugins.filter.apply_report import FilterModule as ApplyFilters
from ansible_collections.haivision.media.plugins.filter.plan_markdown import FilterModule as MarkdownFilters
from ansible_collections.haivision.media.plugins.filter.plan_report import FilterModule as PlanFilters
from ansible_collections.haivision.media.plugins.plugin_utils.change_control import (
    apply_report, plan_differences, plan_markdown, plan_report)

PASSPHRASE = "never-shown-passphrase-77"
OUT = "/apis/kraken/outputs/output-u1"


def lineup_result(ttl=16, digest="a" * 64, failed=False):
    """A line-up's registered result with a TTL update and an SRT input create (its passphrase in clear in the
    diff, as a result must never carry it: the filters mask it again)."""
    result = {
        "changed": True, "plan_digest": digest, "kept_on_air": [{"kind": "streams", "name": "live", "id": "u9"}],
        "plan": [{"method": "POST", "path": "/apis/kraken/inputs", "kind": "inputs", "name": "srt-in", "action": "create"},
                 {"method": "PUT", "path": OUT, "kind": "outputs", "name": "out|1", "action": "update"}],
        "resources": [
            {"kind": "inputs", "name": "srt-in", "action": "create", "uuid": None, "applied": False,
             "diff": {"before": {}, "after": {"name": "srt-in", "srt_passphrase": PASSPHRASE}}},
            {"kind": "outputs", "name": "out|1", "action": "update", "uuid": "u1", "applied": False,
             "diff": {"before": {"ttl": 64}, "after": {"ttl": ttl}}},
            {"kind": "outputs", "name": "same", "action": "none", "uuid": "u2", "applied": False,
             "diff": {"before": {}, "after": {}}}],
        "invocation": {"module_args": {"inputs": [{"srt_passphrase": "********"}]}}}
    if failed:
        result.update(failed=True, msg="the plan differs from the reviewed one")
    return result


def test_the_plan_file_holds_each_device_s_writes_and_diffs_and_never_a_secret():
    report = plan_report([{"device": "kraken-b", "product": "kraken", "result": {}},
                          {"device": "kraken-a", "product": "kraken", "result": lineup_result()},
                          {"device": "hmp-a", "product": "hmp", "result": {}, "error": "Converge: refused"}],
                         devices=["kraken-a", "kraken-b", "hmp-a", "gone"], generated="2026-01-01T00:00:00Z")
    assert list(report["hosts"]) == ["gone", "hmp-a", "kraken-a", "kraken-b"]
    assert report["something_to_do"] is True
    assert report["summary"] == {"devices": 4, "devices_with_writes": 1, "writes": 2, "errors": 2}
    host = report["hosts"]["kraken-a"]
    assert host["plan_digest"] == "a" * 64 and [w["method"] for w in host["plan"]] == ["POST", "PUT"]
    assert [(c["name"], c["action"]) for c in host["changes"]] == [("srt-in", "create"), ("out|1", "update")]
    assert host["kept_on_air"] == [{"kind": "streams", "name": "live", "id": "u9"}]
    assert report["hosts"]["kraken-b"] == {"product": "kraken", "plan_digest": None, "plan": [], "changes": [],
                                           "kept_on_air": [], "error": None}
    assert "did not run to the end" in report["hosts"]["gone"]["error"]
    text = json.dumps(report) + plan_markdown(report)
    assert PASSPHRASE not in text and "invocation" not in text
    assert plan_report([{"device": "a", "result": {"plan": [], "plan_digest": None}}])["something_to_do"] is False


def test_the_page_has_a_section_per_device_with_its_writes_in_order_and_its_diffs():
    report = plan_report([{"device": "kraken-a", "product": "kraken", "result": lineup_result()},
                          {"device": "kraken-b", "product": "kraken", "result": {}},
                          {"device": "hmp-a", "product": "hmp", "error": "Converge: 401\nrefused"}])
    page = plan_markdown(report, "Plan of merge request 7")
    assert page.startswith("# Plan of merge request 7\n\n3 device(s), 1 with writes to review, 2 write(s), 1 error(s).")
    section = page.split("## kraken-a (kraken)")[1].split("## kraken-b")[0]
    assert "| 1 | `POST /apis/kraken/inputs` | inputs `srt-in` | create |" in section
    assert "| 2 | `PUT %s` | outputs `out\\|1` | update |" % OUT in section
    assert "| ttl | `64` | `16` |" in section
    assert "| srt_passphrase |  | `********` |" in section
    assert "Left by the purge because on air: streams `live` (`u9`)" in section
    assert "## kraken-b (kraken)\n\nNothing to do." in page
    assert "**Error:** Converge: 401 refused" in page
    with pytest.raises(AnsibleFilterError):
        plan_markdown({"summary": {}})


def test_differences_name_the_writes_added_dropped_and_changed():
    reviewed = plan_report([{"device": "kraken-a", "result": lineup_result()}])["hosts"]["kraken-a"]
    now = lineup_result(ttl=32, digest="b" * 64, failed=True)
    now["plan"] = now["plan"][1:] + [{"method": "DELETE", "path": "/apis/kraken/outputs/output-u3", "kind": "outputs",
                                      "name": "stray", "action": "delete"}]
    now["resources"] = now["resources"][1:]
    differences = plan_differences(reviewed, now)
    assert [w["path"] for w in differences["added"]] == ["/apis/kraken/outputs/output-u3"]
    assert [w["path"] for w in differences["dropped"]] == ["/apis/kraken/inputs"]
    assert [(w["path"], w["fields"]) for w in differences["changed"]] == [
        (OUT, [{"option": "ttl", "reviewed": 16, "now": 32}])]
    assert plan_differences(reviewed, lineup_result()) == {"added": [], "dropped": [], "changed": []}


def test_apply_is_ok_only_when_every_reviewed_host_applied():
    reviewed = plan_report([{"device": "kraken-a", "result": lineup_result()}, {"device": "kraken-b", "result": {}},
                            {"device": "kraken-c", "result": {}}, {"device": "kraken-d", "error": "unreachable"}])
    applied = apply_report([{"device": "kraken-a", "result": lineup_result()}, {"device": "kraken-b", "result": {}},
                            {"device": "kraken-d", "error": "its reviewed plan had an error"},
                            {"device": "kraken-e", "result": {}}],
                           reviewed, devices=["kraken-a", "kraken-b", "kraken-d", "kraken-e", "hmp-x"])
    statuses = dict((name, host["status"]) for name, host in applied["hosts"].items())
    assert statuses == {"kraken-a": "applied", "kraken-b": "applied", "kraken-c": "not run", "kraken-d": "failed"}
    assert applied["untouched"] == ["hmp-x", "kraken-e"] and applied["ok"] is False
    changed = apply_report([{"device": "kraken-a", "error": "differs", "result": lineup_result(ttl=32, digest="b" * 64,
                                                                                               failed=True)}],
                           plan_report([{"device": "kraken-a", "result": lineup_result()}]))
    host = changed["hosts"]["kraken-a"]
    assert host["status"] == "changed since review" and host["plan_digest"] == "b" * 64
    assert "    changed  PUT %s (outputs out|1, update): ttl: reviewed 16, now 32" % OUT in changed["summary_lines"]
    verified = apply_report([{"device": "kraken-a", "result": lineup_result()}],
                            plan_report([{"device": "kraken-a", "result": lineup_result()}]), check=True)
    assert verified["ok"] is True and verified["hosts"]["kraken-a"]["status"] == "verified"
    with pytest.raises(AnsibleFilterError):
        apply_report([], {"not": "a plan"})


def test_the_filters_are_registered_under_their_names():
    assert PlanFilters().filters()["plan_report"] is plan_report
    assert MarkdownFilters().filters()["plan_markdown"] is plan_markdown
    assert ApplyFilters().filters()["apply_report"] is apply_report
