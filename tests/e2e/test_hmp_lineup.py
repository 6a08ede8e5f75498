# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hmp_lineup: sources and sessions in one task under one login, checked on the simulator."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from hmp_helpers import hmp_play, session_by_title, source_by_name, task

PASSPHRASE = "hmp-lineup-passphrase-5"


def lineup(count=8, **extra):
    """``count`` UDP sources and an SRT one; ``count`` // 2 sessions of two sources each, with categories and a share."""
    args = {
        "sources": [{"name": "src%d" % i, "type": "UDP", "host": "239.50.0.%d" % i, "port": 4900, "multicast": True}
                    for i in range(count)],
        "sessions": [{"title": "session %d" % i, "sources": ["src%d" % (2 * i), "src%d" % (2 * i + 1)],
                      "categories": {"Department": ["Engineering"]},
                      "shares": [{"name": "Operators", "type": "GROUP", "permission": "EDIT"}]}
                     for i in range(count // 2)],
    }
    args["sources"].append({"name": "srt-guest", "type": "SRT", "mode": "LISTENER", "port": 9000, "passphrase": PASSPHRASE})
    args.update(extra)
    return task("lineup", "hmp_lineup", **args)


def test_lineup_created_under_one_login_then_converged_with_zero_writes(clean, ansible):
    run = ansible(hmp_play(lineup(count=12)), diff=True, verbosity=3)
    result = run.task("lineup")
    assert result["status"] == "changed", run.output
    assert len(result["result"]["resources"]) == 19  # 13 sources + 6 sessions
    assert all(r["action"] == "create" and r["applied"] for r in result["result"]["resources"])
    assert result["result"]["logins"] == 1
    session = session_by_title(clean.hmp, "session 5")
    assert sorted(session["sources"]) == sorted([source_by_name(clean.hmp, "src10")["id"], source_by_name(clean.hmp, "src11")["id"]])
    assert PASSPHRASE not in run.output
    clean.hmp.clear_log()
    again = ansible(hmp_play(lineup(count=12)))
    assert again.task("lineup")["status"] == "ok", again.output
    assert clean.hmp.writes() == []
    logins = [r for r in clean.hmp.requests() if r["path"] == "/apis/authentication/login" and r["method"] == "POST"]
    assert len(logins) == 1
    assert clean.hmp.admin("GET", "hmp/sessions")["open"] == 0


def test_check_mode_with_sessions_on_new_sources_writes_nothing(clean, ansible):
    run = ansible(hmp_play(lineup(count=4)), check=True, diff=True)
    result = run.task("lineup")
    assert result["status"] == "changed", run.output
    assert clean.hmp.writes() == []
    assert clean.hmp.state()["sources"] == {}


def test_one_drifted_field_is_corrected_with_one_write(clean, ansible):
    ansible(hmp_play(lineup(count=4)))
    source = source_by_name(clean.hmp, "src1")
    clean.hmp.admin("POST", "hmp/edit", {"kind": "sources", "id": source["id"], "fields": {"port": 5000}})
    clean.hmp.clear_log()
    run = ansible(hmp_play(lineup(count=4)))
    entries = [r for r in run.task("lineup")["result"]["resources"] if r["action"] != "none"]
    assert [(r["kind"], r["name"], r["diff"]["after"]) for r in entries] == [("sources", "src1", {"port": 4900})]
    assert [(w["method"], w["path"]) for w in clean.hmp.writes()] == [("PUT", "/apis/sources/%s" % source["id"])]


def test_purge_removes_only_unnamed_resources_of_the_given_kinds(clean, ansible):
    ansible(hmp_play(lineup(count=2)))
    clean.hmp.seed({"sources": [{"name": "stray", "type": "UDP", "host": "239.9.9.9", "port": 1, "multicast": True}],
                    "sessions": [{"title": "stray session"}]})
    run = ansible(hmp_play(task("purge", "hmp_lineup", purge=True, sources=[
        {"name": "src0"}, {"name": "src1"}, {"name": "srt-guest"}])))
    result = run.task("purge")
    assert result["status"] == "changed", run.output
    deleted = [(r["kind"], r["name"]) for r in result["result"]["resources"] if r["action"] == "delete"]
    assert deleted == [("sources", "stray")]
    assert session_by_title(clean.hmp, "stray session") is not None  # sessions were not given


def test_partial_failure_reports_what_was_applied_and_next_run_converges(clean, ansible):
    clean.hmp.fault(kind="status", status=500, method="POST", path="/apis/sessions", count=1)
    run = ansible(hmp_play(lineup(count=4)))
    result = run.task("lineup")
    assert result["status"] == "failed"
    assert "Applied: sources src0" in result["result"]["msg"] and "Not applied:" in result["result"]["msg"]
    # The ones after the failure are named too, with the action planned for each before the first write.
    assert "Not applied: sessions session 0, sessions session 1." in result["result"]["msg"]
    entries = dict(((r["kind"], r["name"]), r) for r in result["result"]["resources"])
    assert len(entries) == 7 and all(r["action"] == "create" for r in entries.values())
    assert [name for (kind, name), r in entries.items() if r["applied"]] == ["src%d" % i for i in range(4)] + ["srt-guest"]
    assert clean.hmp.admin("GET", "hmp/sessions")["open"] == 0
    again = ansible(hmp_play(lineup(count=4)))
    assert again.task("lineup")["status"] == "changed", again.output
    final = ansible(hmp_play(lineup(count=4)))
    assert final.task("lineup")["status"] == "ok"


def source_lists(device):
    return [r for r in device.requests() if r["method"] == "GET" and r["path"] == "/apis/sources"]


def test_sources_are_listed_once_per_run_also_when_sessions_use_new_and_renamed_ones(clean, ansible):
    hmp = clean.hmp
    old_id = hmp.seed({"sources": [{"name": "old-cam", "type": "UDP", "host": "239.9.9.9", "port": 4900,
                                    "multicast": True}]})["sources"][0]
    args = {"sources": [{"name": "new-cam", "type": "UDP", "host": "239.9.9.1", "port": 4900, "multicast": True},
                        {"id": old_id, "name": "renamed-cam"}],
            "sessions": [{"title": "Studio", "sources": ["new-cam", "renamed-cam"]}]}
    # check mode, the run that writes, the run that finds everything converged
    for check, status in ((True, "changed"), (False, "changed"), (False, "ok")):
        hmp.clear_log()
        run = ansible(hmp_play(task("lineup", "hmp_lineup", **args)), check=check)
        assert run.task("lineup")["status"] == status, run.output
        assert len(source_lists(hmp)) == 1, [(r["method"], r["path"]) for r in hmp.requests()]
    session = session_by_title(hmp, "Studio")
    assert session["sources"] == [source_by_name(hmp, "new-cam")["id"], old_id]
