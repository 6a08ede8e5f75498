# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hmp_source_share through ansible-playbook; and failures that must leave nothing behind."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from hmp_helpers import hmp_play, open_sessions, share_map, source_by_name, task, writes

CAM = {"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True}
SHARES = [{"name": "viewer", "permission": "WATCH"}, {"name": "Operators", "type": "GROUP", "permission": "EDIT"}]


def test_source_share_lifecycle(clean, ansible):
    hmp = clean.hmp
    source_id = hmp.seed({"sources": [CAM]})["sources"][0]
    preview = ansible(hmp_play(task("grant", "hmp_source_share", source="cam1", shares=SHARES)), check=True, diff=True)
    result = preview.task("grant")
    assert result["status"] == "changed", preview.output
    assert result["result"]["diff"] == {"before": {"shares": {}},
                                        "after": {"shares": {"USER:viewer": "WATCH", "GROUP:Operators": "EDIT"}}}
    assert sorted(s["name"] for s in result["result"]["shares"]) == ["Operators", "viewer"]
    assert writes(hmp) == [] and source_by_name(hmp, "cam1")["shares"] == []

    run = ansible(hmp_play(task("grant", "hmp_source_share", source="cam1", shares=SHARES),
                           task("grant again", "hmp_source_share", source=source_id, shares=SHARES)))
    assert run.task("grant")["status"] == "changed", run.output
    assert run.task("grant again")["status"] == "ok"
    assert share_map(source_by_name(hmp, "cam1")) == {"USER:viewer": "WATCH", "GROUP:Operators": "EDIT"}
    assert [w[0] for w in writes(hmp)] == ["POST", "POST"]
    assert len(run.task("grant again")["result"]["shares"]) == 2

    viewer = [s["id"] for s in source_by_name(hmp, "cam1")["shares"] if s["name"] == "viewer"][0]
    hmp.clear_log()
    change = ansible(hmp_play(task("promote", "hmp_source_share", source="cam1",
                                   shares=[{"name": "viewer", "permission": "OWN"}])), diff=True)
    assert change.task("promote")["status"] == "changed", change.output
    assert change.task("promote")["result"]["diff"]["after"]["shares"]["USER:viewer"] == "OWN"
    assert writes(hmp) == [("PUT", "/apis/sources/%s/shares/%s" % (source_id, viewer))]

    hmp.clear_log()
    purge = ansible(hmp_play(task("purge", "hmp_source_share", source="cam1", purge=True,
                                  shares=[{"name": "viewer", "permission": "OWN"}]),
                             task("revoke", "hmp_source_share", source="cam1", state="absent", shares=[{"name": "viewer"}]),
                             task("revoke again", "hmp_source_share", source="cam1", state="absent",
                                  shares=[{"name": "viewer"}])))
    assert [purge.task(t)["status"] for t in ("purge", "revoke", "revoke again")] == ["changed", "changed", "ok"], purge.output
    assert source_by_name(hmp, "cam1")["shares"] == []
    assert [w[0] for w in writes(hmp)] == ["DELETE", "DELETE"]
    assert purge.task("revoke again")["result"]["shares"] == []


def test_refusals_change_nothing_and_leave_no_session_open(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": [CAM]})
    run = ansible(hmp_play(
        dict(task("unknown user", "hmp_source_share", source="cam1",
                  shares=[{"name": "viewer", "permission": "WATCH"}, {"name": "nobody", "permission": "WATCH"}]),
             ignore_errors=True),
        dict(task("user without role", "hmp_session", title="New", shares=[{"name": "norole", "permission": "WATCH"}]),
             ignore_errors=True),
        dict(task("unknown source", "hmp_session", title="New", sources=["cam1", "nowhere"]), ignore_errors=True),
        dict(task("bad permission", "hmp_source_share", source="cam1", shares=[{"name": "viewer", "permission": "ADMIN"}]),
             ignore_errors=True),
        dict(task("wrong password", "hmp_source_share", source="cam1", shares=SHARES, hmp_password="not-the-password"),
             ignore_errors=True)))
    messages = dict((name, run.task(name)["result"]["msg"]) for name in
                    ("unknown user", "user without role", "unknown source", "bad permission", "wrong password"))
    assert all(run.task(name)["status"] == "ignored" for name in messages), run.output
    assert "no user named 'nobody'" in messages["unknown user"] and "editor" in messages["unknown user"]
    assert "no user named 'norole'" in messages["user without role"]
    assert "sources 'nowhere' is neither the name nor the id of one of this HMP's sources" in messages["unknown source"]
    assert "permission must be one of WATCH, EDIT, OWN" in messages["bad permission"]
    assert "020002" in messages["wrong password"] and "InvalidCredentials" in messages["wrong password"]
    assert "not-the-password" not in run.output
    assert writes(hmp) == []
    assert hmp.state()["sessions"] == {}
    counts = hmp.admin("GET", "hmp/sessions")
    assert counts["open"] == 0 and counts["failed_logins"] == 1
    assert open_sessions(hmp) == 0


def test_a_share_goes_to_the_group_of_that_exact_name_never_to_one_differing_in_case(clean, ansible):
    hmp = clean.hmp
    groups = hmp.seed({"groups": [{"groupname": "Ops", "roles": ["viewer"]},
                                  {"groupname": "ops", "roles": ["viewer"]}]})["groups"]
    upper, lower = groups
    hmp.seed({"sources": [dict(CAM, shares=[{"id": upper, "type": "GROUP", "permission": "EDIT"}])]})
    hmp.clear_log()
    run = ansible(hmp_play(
        task("ops", "hmp_source_share", source="cam1", shares=[{"name": "ops", "type": "GROUP", "permission": "WATCH"}]),
        task("ops again", "hmp_source_share", source="cam1",
             shares=[{"name": "ops", "type": "GROUP", "permission": "WATCH"}])))
    assert [run.task(t)["status"] for t in ("ops", "ops again")] == ["changed", "ok"], run.output
    shares = dict((s["id"], (s["name"], s["permission"])) for s in source_by_name(hmp, "cam1")["shares"])
    assert shares == {upper: ("Ops", "EDIT"), lower: ("ops", "WATCH")}
    source_id = source_by_name(hmp, "cam1")["id"]
    assert writes(hmp) == [("POST", "/apis/sources/%s/shares" % source_id)]
    assert run.task("ops")["result"]["diff"] == {"before": {"shares": {"GROUP:Ops": "EDIT"}},
                                                 "after": {"shares": {"GROUP:Ops": "EDIT", "GROUP:ops": "WATCH"}}}

    hmp.clear_log()
    blind = ansible(hmp_play(dict(task("OPS", "hmp_source_share", source="cam1",
                                       shares=[{"name": "OPS", "type": "GROUP", "permission": "OWN"}]), ignore_errors=True),
                             dict(task("OPS gone", "hmp_source_share", source="cam1", state="absent",
                                       shares=[{"name": "OPS", "type": "GROUP"}]), ignore_errors=True)))
    for name in ("OPS", "OPS gone"):
        result = blind.task(name)
        assert result["status"] == "ignored", blind.output
        assert upper in result["result"]["msg"] and lower in result["result"]["msg"], result["result"]["msg"]
        assert "'OPS'" in result["result"]["msg"]
    assert writes(hmp) == []
    permissions = dict((s["id"], s["permission"]) for s in source_by_name(hmp, "cam1")["shares"])
    assert permissions == {upper: "EDIT", lower: "WATCH"}


def test_a_group_that_cannot_receive_shares_says_why_and_what_to_do(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": [CAM]})
    run = ansible(hmp_play(dict(task("unknown group", "hmp_source_share", source="cam1",
                                     shares=[{"name": "Contractors", "type": "GROUP", "permission": "WATCH"}]),
                                ignore_errors=True)))
    message = run.task("unknown group")["result"]["msg"]
    assert run.task("unknown group")["status"] == "ignored", run.output
    assert "no group named 'Contractors' among the groups enabled for HMP" in message
    assert "Operators, Viewers" in message  # some of those it has
    assert "A group must exist and hold a role to receive shares" in message
    assert "directly" not in message
    assert writes(hmp) == []
