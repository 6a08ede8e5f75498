# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hmp_asset through ansible-playbook: an existing video's title, metadata, categories, shares, public share."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from hmp_helpers import hmp_play, metadata_map, open_sessions, share_map, task, writes

SHARES = [{"name": "viewer", "permission": "WATCH"}, {"name": "Operators", "type": "GROUP", "permission": "EDIT"}]
CATALOGUE = {"title": "Town hall Q3", "metadata": {"event-code": "TH3", "attendees": {"value": 120, "type": "UINT32"}},
             "categories": {"Department": ["Sales", "Engineering"]}, "shares": SHARES, "public_share": True}


def seed_video(hmp, **extra):
    """A session and one video recorded from it (the module never creates assets)."""
    asset = dict({"title": "Town hall Q3", "description": "quarterly", "session": "Town hall"}, **extra)
    return hmp.seed({"sessions": [{"title": "Town hall"}], "assets": [asset]})["assets"][0]


def video(hmp, asset_id):
    return hmp.state()["videos"][asset_id]


def test_asset_catalogue_converges(clean, ansible):
    hmp = clean.hmp
    asset_id = seed_video(hmp)
    hmp.clear_log()
    preview = ansible(hmp_play(task("catalogue", "hmp_asset", **CATALOGUE)), check=True, diff=True)
    result = preview.task("catalogue")
    assert result["status"] == "changed", preview.output
    diff = result["result"]["diff"]
    assert diff["before"] == {"metadata": {"calypso:creator": ["haiadmin"], "calypso:recorded_from_session": [video(hmp, asset_id)["session"]],
                                           "calypso:creatorDisplayName": ["haiadmin"]},
                              "shares": {}, "public_share": False}
    assert diff["after"]["metadata"]["calypso:category:Department"] == ["Engineering", "Sales"]
    assert diff["after"]["shares"] == {"USER:viewer": "WATCH", "GROUP:Operators": "EDIT"}
    assert result["result"]["asset"]["public_share"] is True and result["result"]["action"] == "update"
    assert writes(hmp) == []
    assert video(hmp, asset_id)["shares"] == [] and video(hmp, asset_id)["publicshare"] is False

    run = ansible(hmp_play(task("catalogue", "hmp_asset", **CATALOGUE)))
    assert run.task("catalogue")["status"] == "changed", run.output
    base = "/apis/assets/" + asset_id
    assert writes(hmp) == [("PUT", base + "/metadata"), ("POST", base + "/shares"), ("POST", base + "/shares"),
                           ("POST", base + "/publicshare")]
    record = video(hmp, asset_id)
    metadata = metadata_map(record)
    assert metadata["calypso:creator"] == ["haiadmin"]  # the platform's entries survive the whole-set PUT
    assert metadata["calypso:recorded_from_session"] == [record["session"]]
    assert metadata["event-code"] == ["TH3"] and metadata["attendees"] == [120]
    assert sorted(metadata["calypso:category:Department"]) == ["Engineering", "Sales"]
    assert share_map(record) == {"USER:viewer": "WATCH", "GROUP:Operators": "EDIT"}
    assert record["publicshare"] is True and record["description"] == "quarterly"
    asset = run.task("catalogue")["result"]["asset"]
    assert asset["id"] == asset_id and len(asset["shares"]) == 2 and asset["public_share"] is True

    hmp.clear_log()
    by_id = dict((k, v) for k, v in CATALOGUE.items() if k != "title")
    again = ansible(hmp_play(task("again", "hmp_asset", id=asset_id, **by_id)))
    assert again.task("again")["status"] == "ok", again.output
    assert again.task("again")["result"]["action"] == "none"
    assert writes(hmp) == []

    change = ansible(hmp_play(task("one entry", "hmp_asset", title="Town hall Q3", metadata={"event-code": "TH3b"})),
                     diff=True)
    result = change.task("one entry")["result"]
    assert change.task("one entry")["status"] == "changed", change.output
    before, after = result["diff"]["before"]["metadata"], result["diff"]["after"]["metadata"]
    assert before["event-code"] == ["TH3"] and after["event-code"] == ["TH3b"]
    assert dict(before, **{"event-code": None}) == dict(after, **{"event-code": None})
    assert writes(hmp) == [("PUT", base + "/metadata")]
    assert metadata_map(video(hmp, asset_id)) == dict(metadata, **{"event-code": ["TH3b"]})
    assert open_sessions(hmp) == 0


def test_rename_by_id_keeps_the_description(clean, ansible):
    hmp = clean.hmp
    asset_id = seed_video(hmp)
    hmp.clear_log()
    run = ansible(hmp_play(task("rename", "hmp_asset", id=asset_id, title="Town hall Q3 (final)"),
                           task("rename again", "hmp_asset", id=asset_id, title="Town hall Q3 (final)")), diff=True)
    assert run.task("rename")["status"] == "changed", run.output
    assert run.task("rename")["result"]["diff"] == {"before": {"title": "Town hall Q3"}, "after": {"title": "Town hall Q3 (final)"}}
    assert run.task("rename again")["status"] == "ok"
    # The asset PUT resets an unsent description: the module sends the one the platform has.
    assert writes(hmp) == [("PUT", "/apis/assets/" + asset_id)]
    record = video(hmp, asset_id)
    assert record["title"] == "Town hall Q3 (final)" and record["description"] == "quarterly"

    hmp.clear_log()
    described = ansible(hmp_play(task("describe", "hmp_asset", title="Town hall Q3 (final)", description="final cut")))
    assert described.task("describe")["status"] == "changed", described.output
    assert writes(hmp) == [("PUT", "/apis/assets/" + asset_id)]
    assert video(hmp, asset_id)["description"] == "final cut"


def test_purges_keep_reserved_entries(clean, ansible):
    hmp = clean.hmp
    asset_id = seed_video(hmp, metadata={"calypso:creator": "editor", "haivision:origin": "import", "external": "web UI",
                                         "calypso:category:Room Number": ["101"]},
                          shares=SHARES, publicshare=True)
    hmp.clear_log()
    run = ansible(hmp_play(task("purge", "hmp_asset", title="Town hall Q3", metadata={"kept": "yes"}, purge_metadata=True,
                                shares=[{"name": "viewer", "permission": "OWN"}], purge_shares=True, public_share=False),
                           task("purge again", "hmp_asset", title="Town hall Q3", metadata={"kept": "yes"},
                                purge_metadata=True, shares=[{"name": "viewer", "permission": "OWN"}], purge_shares=True,
                                public_share=False)))
    assert [run.task(t)["status"] for t in ("purge", "purge again")] == ["changed", "ok"], run.output
    record = video(hmp, asset_id)
    assert metadata_map(record) == {"calypso:creator": ["editor"], "haivision:origin": ["import"], "kept": ["yes"]}
    assert share_map(record) == {"USER:viewer": "OWN"} and record["publicshare"] is False
    state = hmp.state()
    viewer = [uid for uid, u in state["users"].items() if u["username"] == "viewer"][0]
    operators = [gid for gid, g in state["groups"].items() if g["groupname"] == "Operators"][0]
    base = "/apis/assets/" + asset_id
    assert writes(hmp) == [("PUT", base + "/metadata"), ("PUT", base + "/shares/" + viewer),
                           ("DELETE", base + "/shares/" + operators), ("DELETE", base + "/publicshare")]


def test_refusals_change_nothing_and_leave_no_session_open(clean, ansible):
    hmp = clean.hmp
    seeded = hmp.seed({"assets": [{"title": "Town hall Q3"}, {"title": "Twice"}, {"title": "Twice"}]})["assets"]
    hmp.clear_log()
    bad_input = ansible(hmp_play(
        dict(task("bad permission", "hmp_asset", title="Town hall Q3", shares=[{"name": "viewer", "permission": "ADMIN"}]),
             ignore_errors=True),
        dict(task("bad typed value", "hmp_asset", title="Town hall Q3", metadata={"n": {"value": -1, "type": "UINT32"}}),
             ignore_errors=True),
        dict(task("no identity", "hmp_asset", public_share=True), ignore_errors=True)))
    assert all(r["status"] == "ignored" for r in bad_input.results), bad_input.output
    assert "permission must be one of WATCH, EDIT, OWN" in bad_input.task("bad permission")["result"]["msg"]
    assert "UINT32 value must be an integer between 0 and 4294967295" in bad_input.task("bad typed value")["result"]["msg"]
    assert "one of the following is required: title, id" in bad_input.task("no identity")["result"]["msg"]
    assert hmp.requests() == []  # not even a login

    run = ansible(hmp_play(
        dict(task("missing", "hmp_asset", title="Nowhere", public_share=True), ignore_errors=True),
        dict(task("missing id", "hmp_asset", id="3bc946a6-6720-41c0-8246-55e8119d1a5a", public_share=True),
             ignore_errors=True),
        dict(task("ambiguous", "hmp_asset", title="Twice", public_share=True), ignore_errors=True),
        dict(task("unknown user", "hmp_asset", title="Town hall Q3", metadata={"event-code": "X"},
                  shares=[{"name": "viewer", "permission": "WATCH"}, {"name": "nobody", "permission": "WATCH"}]),
             ignore_errors=True),
        dict(task("not allowed", "hmp_asset", title="Town hall Q3", public_share=True, hmp_username="viewer",
                  hmp_password="hmp-viewer-pass"), ignore_errors=True)))
    messages = dict((r["task"], r["result"]["msg"]) for r in run.results)
    assert all(r["status"] == "ignored" for r in run.results), run.output
    assert "no asset titled 'Nowhere'" in messages["missing"] and "not by this module" in messages["missing"]
    assert "no asset with id 3bc946a6-6720-41c0-8246-55e8119d1a5a" in messages["missing id"]
    assert "2 assets have the title 'Twice'" in messages["ambiguous"]
    assert seeded[1] in messages["ambiguous"] and seeded[2] in messages["ambiguous"]
    assert "no user named 'nobody'" in messages["unknown user"]
    assert "030000" in messages["not allowed"] and "POST /apis/assets/%s/publicshare" % seeded[0] in messages["not allowed"]
    # The refused POST was the only write: nothing else was planned or sent before or after it.
    assert writes(hmp) == [("POST", "/apis/assets/%s/publicshare" % seeded[0])]
    assert hmp.state()["videos"][seeded[0]]["publicshare"] is False
    assert "event-code" not in metadata_map(hmp.state()["videos"][seeded[0]])
    assert open_sessions(hmp) == 0


def test_hmp_info_gathers_assets_and_sections(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"assets": [{"title": "Town hall Q3", "shares": SHARES, "publicshare": True}],
              "sections": [{"name": "Training", "shares": [{"name": "Viewers", "type": "GROUP", "permission": "WATCH"}]}]})
    hmp.clear_log()
    run = ansible(hmp_play(dict(task("read", "hmp_info", gather=["assets", "sections"]), register="hmp")))
    result = run.task("read")["result"]
    assert run.task("read")["status"] == "ok", run.output
    [asset] = result["assets"]
    assert asset["title"] == "Town hall Q3" and asset["public_share"] is True
    assert share_map(asset) == {"USER:viewer": "WATCH", "GROUP:Operators": "EDIT"}
    assert metadata_map(asset)["calypso:creator"] == ["haiadmin"]
    [section] = result["sections"]
    assert section["name"] == "Training" and share_map(section) == {"GROUP:Viewers": "WATCH"}
    assert writes(hmp) == []
