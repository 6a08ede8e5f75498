# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hmp_session through ansible-playbook: fields, sources, metadata, categories, shares, recordings."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from hmp_helpers import hmp_play, metadata_map, open_sessions, session_by_title, share_map, task, without, writes

SOURCES = [{"name": "cam1", "type": "UDP", "host": "239.1.1.1", "port": 4900, "multicast": True},
           {"name": "cam2", "type": "UDP", "host": "239.1.1.2", "port": 4900, "multicast": True},
           {"name": "cam3", "type": "UDP", "host": "239.1.1.3", "port": 4900, "multicast": True}]
TOWN_HALL = {"title": "Town hall", "description": "all hands", "active": True, "sources": ["cam1", "cam2"],
             "metadata": {"event-code": "TH1", "attendees": {"value": 120, "type": "UINT32"}},
             "categories": {"Department": ["Sales", "Engineering"]},
             "shares": [{"name": "viewer", "permission": "WATCH"}, {"name": "Operators", "type": "GROUP", "permission": "EDIT"}],
             "public_share": True}
LIVE_KEYS = ("mtime",)


def source_ids(device):
    return dict((s["name"], s["id"]) for s in device.state()["sources"].values())


def test_session_lifecycle(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": SOURCES})
    hmp.clear_log()
    preview = ansible(hmp_play(task("create", "hmp_session", **TOWN_HALL)), check=True, diff=True)
    result = preview.task("create")
    assert result["status"] == "changed", preview.output
    assert result["result"]["diff"]["before"] == {}  # a create has no "before"
    assert result["result"]["diff"]["after"]["title"] == "Town hall"
    assert result["result"]["diff"]["after"]["sources"] == ["cam1", "cam2"]
    assert writes(hmp) == [] and session_by_title(hmp, "Town hall") is None

    created = ansible(hmp_play(task("create", "hmp_session", **TOWN_HALL)))
    assert created.task("create")["status"] == "changed", created.output
    record = session_by_title(hmp, "Town hall")
    ids = source_ids(hmp)
    assert record["sources"] == [ids["cam1"], ids["cam2"]] and record["active"] is True
    metadata = metadata_map(record)
    assert metadata["calypso:creator"] == ["haiadmin"]  # the platform's own entry survives our metadata PUT
    assert metadata["event-code"] == ["TH1"] and metadata["attendees"] == [120]
    assert sorted(metadata["calypso:category:Department"]) == ["Engineering", "Sales"]
    assert share_map(record) == {"USER:viewer": "WATCH", "GROUP:Operators": "EDIT"}
    assert record["publicshare"] is True
    session = created.task("create")["result"]["session"]
    assert [s["name"] for s in session["sources"]] == ["cam1", "cam2"] and len(session["shares"]) == 2

    hmp.clear_log()
    again = ansible(hmp_play(task("again", "hmp_session", **TOWN_HALL)))
    assert again.task("again")["status"] == "ok", again.output
    assert writes(hmp) == []

    update = ansible(hmp_play(task("update", "hmp_session", title="Town hall", description="quarterly")), diff=True)
    result = update.task("update")
    assert result["status"] == "changed", update.output
    assert result["result"]["diff"] == {"before": {"description": "all hands"}, "after": {"description": "quarterly"}}
    after = session_by_title(hmp, "Town hall")
    assert after["description"] == "quarterly"
    assert without(after, "description", *LIVE_KEYS) == without(record, "description", *LIVE_KEYS)
    assert writes(hmp) == [("PUT", "/apis/sessions/" + record["id"])]

    hmp.clear_log()
    gone = ansible(hmp_play(task("remove", "hmp_session", title="Town hall", state="absent"),
                            task("remove again", "hmp_session", title="Town hall", state="absent")))
    assert gone.task("remove")["status"] == "changed", gone.output
    assert gone.task("remove again")["status"] == "ok"
    assert session_by_title(hmp, "Town hall") is None
    assert writes(hmp) == [("DELETE", "/apis/sessions/" + record["id"])]
    assert open_sessions(hmp) == 0


def test_metadata_merges_and_purge_keeps_reserved_entries(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sessions": [{"title": "Board", "metadata": {
        "calypso:creator": "editor", "haivision:origin": "import", "external": "set in the web UI",
        "calypso:category:Room Number": ["101"]}}]})
    merge = ansible(hmp_play(task("merge", "hmp_session", title="Board", metadata={"code": "B1"},
                                  categories={"Department": ["Support"]})), diff=True)
    assert merge.task("merge")["status"] == "changed", merge.output
    metadata = metadata_map(session_by_title(hmp, "Board"))
    assert metadata == {"calypso:creator": ["editor"], "haivision:origin": ["import"], "external": ["set in the web UI"],
                        "calypso:category:Room Number": ["101"], "code": ["B1"], "calypso:category:Department": ["Support"]}
    diff = merge.task("merge")["result"]["diff"]
    assert "code" not in diff["before"]["metadata"] and diff["after"]["metadata"]["code"] == ["B1"]

    hmp.clear_log()
    purge = ansible(hmp_play(task("purge", "hmp_session", title="Board", metadata={"code": "B2"},
                                  categories={"Department": ["Support"]}, purge_metadata=True),
                             task("purge again", "hmp_session", title="Board", metadata={"code": "B2"},
                                  categories={"Department": ["Support"]}, purge_metadata=True)))
    assert purge.task("purge")["status"] == "changed", purge.output
    assert purge.task("purge again")["status"] == "ok"
    metadata = metadata_map(session_by_title(hmp, "Board"))
    assert metadata == {"calypso:creator": ["editor"], "haivision:origin": ["import"], "code": ["B2"],
                        "calypso:category:Department": ["Support"]}
    assert [w[0] for w in writes(hmp)] == ["PUT"]


def test_a_session_on_page_three_of_250_is_found(clean, ansible):
    hmp = clean.hmp
    ids = hmp.seed({"sessions": [{"title": "session %03d" % i} for i in range(250)]})["sessions"]
    hmp.clear_log()
    run = ansible(hmp_play(task("find", "hmp_session", title="session 230", description="found")))
    assert run.task("find")["status"] == "changed", run.output
    assert run.task("find")["result"]["id"] == ids[230]
    assert writes(hmp) == [("PUT", "/apis/sessions/" + ids[230])]
    pages = [r["query"] for r in hmp.requests() if r["method"] == "GET" and r["path"] == "/apis/sessions"]
    assert len(pages) == 3


def test_source_change_while_recording_needs_force(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sources": SOURCES, "sessions": [{"title": "Live", "sources": ["cam1", "cam2"], "metadata": {"a": "1"}}]})
    recording = hmp.admin("POST", "hmp/record", {"session": session_by_title(hmp, "Live")["id"]})["data"]["id"]
    record = session_by_title(hmp, "Live")
    hmp.clear_log()
    refused = ansible(hmp_play(
        dict(task("swap", "hmp_session", title="Live", sources=["cam1", "cam3"], metadata={"a": "2"}), ignore_errors=True),
        dict(task("delete", "hmp_session", title="Live", state="absent"), ignore_errors=True)))
    for name in ("swap", "delete"):
        result = refused.task(name)
        assert result["status"] == "ignored", refused.output
        assert "force: true" in result["result"]["msg"] and recording in result["result"]["msg"]
    assert writes(hmp) == []
    assert session_by_title(hmp, "Live") == record  # not even the metadata changed
    assert open_sessions(hmp) == 0

    swap = task("swap", "hmp_session", title="Live", sources=["cam1", "cam3"], metadata={"a": "2"}, force=True)
    preview = ansible(hmp_play(swap), check=True)
    assert preview.task("swap")["status"] == "changed", preview.output
    assert preview.task("swap")["result"]["stopped_recordings"] == [recording]
    assert writes(hmp) == [] and session_by_title(hmp, "Live")["recordings"] == [recording]

    forced = ansible(hmp_play(swap))
    result = forced.task("swap")
    assert result["status"] == "changed", forced.output
    assert result["result"]["stopped_recordings"] == [recording]
    ids = source_ids(hmp)
    after = session_by_title(hmp, "Live")
    assert after["sources"] == [ids["cam1"], ids["cam3"]] and after["recordings"] == []
    # The stopped recording's calypso:recording entry is not written back.
    assert metadata_map(after) == {"a": ["2"]}
    assert writes(hmp)[0] == ("DELETE", "/apis/recordings/" + recording)


def test_share_permission_change_is_one_put_and_purge_removes_the_rest(clean, ansible):
    hmp = clean.hmp
    hmp.seed({"sessions": [{"title": "Shared", "shares": [
        {"name": "viewer", "permission": "WATCH"}, {"name": "Operators", "type": "GROUP", "permission": "EDIT"}]}]})
    record = session_by_title(hmp, "Shared")
    viewer = [s["id"] for s in record["shares"] if s["name"] == "viewer"][0]
    operators = [s["id"] for s in record["shares"] if s["name"] == "Operators"][0]
    hmp.clear_log()
    run = ansible(hmp_play(task("edit", "hmp_session", title="Shared", shares=[{"name": "viewer", "permission": "EDIT"}])))
    assert run.task("edit")["status"] == "changed", run.output
    assert writes(hmp) == [("PUT", "/apis/sessions/%s/shares/%s" % (record["id"], viewer))]
    assert share_map(session_by_title(hmp, "Shared")) == {"USER:viewer": "EDIT", "GROUP:Operators": "EDIT"}

    hmp.clear_log()
    run = ansible(hmp_play(task("purge", "hmp_session", title="Shared", shares=[{"id": viewer, "permission": "EDIT"}],
                                purge_shares=True)))
    assert run.task("purge")["status"] == "changed", run.output
    assert writes(hmp) == [("DELETE", "/apis/sessions/%s/shares/%s" % (record["id"], operators))]
    assert share_map(session_by_title(hmp, "Shared")) == {"USER:viewer": "EDIT"}
