# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hmp_section_share through ansible-playbook; and failures that must leave nothing behind."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from hmp_helpers import hmp_play, open_sessions, share_map, task, writes

SHARES = [{"name": "viewer", "permission": "WATCH"}, {"name": "Operators", "type": "GROUP", "permission": "EDIT"}]


def section(device, section_id):
    return device.state()["sections"][section_id]


def test_section_share_lifecycle(clean, ansible):
    hmp = clean.hmp
    section_id = hmp.seed({"sections": [{"name": "Training"}, {"name": "News"}]})["sections"][0]
    hmp.clear_log()
    preview = ansible(hmp_play(task("grant", "hmp_section_share", section="Training", shares=SHARES)), check=True, diff=True)
    result = preview.task("grant")
    assert result["status"] == "changed", preview.output
    assert result["result"]["diff"] == {"before": {"shares": {}},
                                        "after": {"shares": {"USER:viewer": "WATCH", "GROUP:Operators": "EDIT"}}}
    assert sorted(s["name"] for s in result["result"]["shares"]) == ["Operators", "viewer"]
    assert result["result"]["section_id"] == section_id
    assert writes(hmp) == [] and section(hmp, section_id)["shares"] == []

    run = ansible(hmp_play(task("grant", "hmp_section_share", section="Training", shares=SHARES),
                           task("grant again", "hmp_section_share", section=section_id, shares=SHARES)))
    assert run.task("grant")["status"] == "changed", run.output
    assert run.task("grant again")["status"] == "ok"
    assert share_map(section(hmp, section_id)) == {"USER:viewer": "WATCH", "GROUP:Operators": "EDIT"}
    assert writes(hmp) == [("POST", "/apis/sections/%s/shares" % section_id)] * 2
    assert len(run.task("grant again")["result"]["shares"]) == 2

    viewer = [s["id"] for s in section(hmp, section_id)["shares"] if s["name"] == "viewer"][0]
    hmp.clear_log()
    change = ansible(hmp_play(task("promote", "hmp_section_share", section="Training",
                                   shares=[{"name": "viewer", "permission": "OWN"}])), diff=True)
    assert change.task("promote")["status"] == "changed", change.output
    assert change.task("promote")["result"]["diff"] == {
        "before": {"shares": {"USER:viewer": "WATCH", "GROUP:Operators": "EDIT"}},
        "after": {"shares": {"USER:viewer": "OWN", "GROUP:Operators": "EDIT"}}}
    assert writes(hmp) == [("PUT", "/apis/sections/%s/shares/%s" % (section_id, viewer))]

    hmp.clear_log()
    check = ansible(hmp_play(task("purge", "hmp_section_share", section="Training", purge=True,
                                  shares=[{"name": "viewer", "permission": "OWN"}])), check=True)
    assert check.task("purge")["status"] == "changed", check.output
    assert [s["name"] for s in check.task("purge")["result"]["shares"]] == ["viewer"]
    assert writes(hmp) == []

    purge = ansible(hmp_play(task("purge", "hmp_section_share", section="Training", purge=True,
                                  shares=[{"name": "viewer", "permission": "OWN"}]),
                             task("revoke", "hmp_section_share", section="Training", state="absent", shares=[{"name": "viewer"}]),
                             task("revoke again", "hmp_section_share", section="Training", state="absent",
                                  shares=[{"name": "viewer"}])))
    assert [purge.task(t)["status"] for t in ("purge", "revoke", "revoke again")] == ["changed", "changed", "ok"], purge.output
    assert section(hmp, section_id)["shares"] == []
    assert [w[0] for w in writes(hmp)] == ["DELETE", "DELETE"]
    assert purge.task("revoke again")["result"]["shares"] == []
    assert open_sessions(hmp) == 0


def test_refusals_change_nothing_and_leave_no_session_open(clean, ansible):
    hmp = clean.hmp
    ids = hmp.seed({"sections": [{"name": "Training"}, {"name": "Twice"}, {"name": "Twice"}]})["sections"]
    hmp.clear_log()
    bad_input = ansible(hmp_play(
        dict(task("bad permission", "hmp_section_share", section="Training", shares=[{"name": "viewer", "permission": "ADMIN"}]),
             ignore_errors=True),
        dict(task("purge absent", "hmp_section_share", section="Training", state="absent", purge=True,
                  shares=[{"name": "viewer"}]), ignore_errors=True),
        dict(task("no principal", "hmp_section_share", section="Training", shares=[{"permission": "WATCH"}]),
             ignore_errors=True)))
    assert all(r["status"] == "ignored" for r in bad_input.results), bad_input.output
    assert "permission must be one of WATCH, EDIT, OWN" in bad_input.task("bad permission")["result"]["msg"]
    assert "purge applies to state=present only" in bad_input.task("purge absent")["result"]["msg"]
    assert "name, id" in bad_input.task("no principal")["result"]["msg"]
    assert hmp.requests() == []  # not even a login

    run = ansible(hmp_play(
        dict(task("unknown section", "hmp_section_share", section="Nowhere", shares=SHARES), ignore_errors=True),
        dict(task("ambiguous", "hmp_section_share", section="Twice", shares=SHARES), ignore_errors=True),
        dict(task("unknown user", "hmp_section_share", section="Training",
                  shares=[{"name": "viewer", "permission": "WATCH"}, {"name": "nobody", "permission": "WATCH"}]),
             ignore_errors=True),
        # Content creators see the feeds shared with them, but only administrators may share one.
        dict(task("not an administrator", "hmp_section_share", section="Training", shares=SHARES, hmp_username="editor",
                  hmp_password="hmp-editor-pass"), ignore_errors=True)))
    messages = dict((r["task"], r["result"]["msg"]) for r in run.results)
    assert all(r["status"] == "ignored" for r in run.results), run.output
    assert "section 'Nowhere' is neither the name nor the id of one of this HMP's sections" in messages["unknown section"]
    assert "ambiguous" in messages["ambiguous"] and ids[1] in messages["ambiguous"] and ids[2] in messages["ambiguous"]
    assert "no user named 'nobody'" in messages["unknown user"]
    # editor does not see the unshared feed: to it, Training does not exist.
    assert "section 'Training' is neither the name nor the id" in messages["not an administrator"]
    assert writes(hmp) == []
    assert all(s["shares"] == [] for s in hmp.state()["sections"].values())
    assert open_sessions(hmp) == 0


def test_a_non_administrator_is_refused_by_the_platform(clean, ansible):
    hmp = clean.hmp
    section_id = hmp.seed({"sections": [{"name": "Training", "shares": [{"name": "editor", "permission": "OWN"}]}]})["sections"][0]
    hmp.clear_log()
    run = ansible(hmp_play(dict(task("share", "hmp_section_share", section="Training", shares=SHARES, hmp_username="editor",
                                     hmp_password="hmp-editor-pass"), ignore_errors=True)))
    result = run.task("share")
    assert result["status"] == "ignored", run.output
    assert "HMP API error 030000 Forbidden (HTTP 403) on POST /apis/sections/%s/shares" % section_id in result["result"]["msg"]
    assert writes(hmp) == [("POST", "/apis/sections/%s/shares" % section_id)]  # the first write, refused; no other
    assert share_map(hmp.state()["sections"][section_id]) == {"USER:editor": "OWN"}
    assert open_sessions(hmp) == 0
