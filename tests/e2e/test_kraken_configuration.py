# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""kraken_configuration through ansible-playbook, checked on the simulator's state and request log."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

import pytest
import yaml

from kraken_helpers import by_name, kraken_play, task

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LINEUP_KINDS = ("inputs", "outputs", "transcoders", "streams")
STUDIO = {
    "inputs": [{"name": "studio-cam", "url": "udp://239.10.0.1:5000"}],
    "transcoders": [{"name": "studio-hd", "videoBitrate": "4000"}],
    "outputs": [{"name": "studio-out", "url": "udp://239.20.0.1:4900", "ttl": "16"}],
    "streams": [{"name": "studio", "input": "studio-cam", "transcoder": "studio-hd", "outputs": ["studio-out"],
                 "auto_start": True, "state": "started"}],
}


def lineup(device):
    state = device.state()
    return dict((kind, state[kind]) for kind in LINEUP_KINDS)


def configuration(title, **args):
    return task(title, "kraken_configuration", **args)


def test_create_saves_the_running_lineup_then_converges_with_zero_writes(clean, ansible):
    clean.kraken.seed(STUDIO)
    run = ansible(kraken_play(configuration("save", name="before-change")), diff=True)
    result = run.task("save")
    assert result["status"] == "changed", run.output
    assert result["result"]["action"] == "create"
    assert result["result"]["diff"] == {"before": {}, "after": {"name": "before-change"}}
    saved = by_name(clean.kraken, "configurations", "before-change")
    assert result["result"]["configuration"] == {"uuid": saved["uuid"], "name": "before-change", "default": False}
    assert [(w["method"], w["path"]) for w in clean.kraken.writes()] == [("POST", "/apis/kraken/configurations")]
    clean.kraken.clear_log()
    again = ansible(kraken_play(configuration("again", name="before-change")))
    assert again.task("again")["status"] == "ok", again.output
    assert again.task("again")["result"]["uuid"] == saved["uuid"]
    assert clean.kraken.writes() == []


def test_default_change_is_one_write_and_moves_the_flag(clean, ansible):
    ids = clean.kraken.seed({"configurations": [{"name": "A", "defaultConfig": "yes"}, {"name": "B"}]})["configurations"]
    clean.kraken.clear_log()
    run = ansible(kraken_play(configuration("default", name="B", default=True)), diff=True)
    result = run.task("default")
    assert result["status"] == "changed", run.output
    assert result["result"]["diff"] == {"before": {"default": False}, "after": {"default": True}}
    assert result["result"]["configuration"] == {"uuid": ids[1], "name": "B", "default": True}
    writes = clean.kraken.writes()
    assert [(w["method"], w["path"]) for w in writes] == [("PUT", "/apis/kraken/configurations/configuration-%s" % ids[1])]
    assert re.sub(r"\s", "", writes[0]["body"]).endswith("<configuration><default>1</default></configuration>")
    state = clean.kraken.state()["configurations"]
    assert (state[ids[0]]["defaultConfig"], state[ids[1]]["defaultConfig"]) == ("no", "yes")
    clean.kraken.clear_log()
    again = ansible(kraken_play(configuration("again", name="B", default=True),
                                configuration("other not default", name="A", default=False)))
    assert again.statuses() == {"again": "ok", "other not default": "ok"}, again.output
    assert clean.kraken.writes() == []


@pytest.mark.parametrize("args", [
    {"name": "new"},
    {"name": "A", "default": True},
    {"name": "A", "save": "always"},
    {"name": "A", "load": True},
    {"name": "A", "state": "absent"},
], ids=["create", "default", "save-always", "load", "absent"])
def test_check_mode_predicts_a_change_and_writes_nothing(clean, ansible, args):
    clean.kraken.seed(STUDIO)
    clean.kraken.seed({"configurations": [{"name": "A"}]})
    before = clean.kraken.state()
    clean.kraken.clear_log()
    run = ansible(kraken_play(configuration("check", **args)), check=True, diff=True)
    result = run.task("check")
    assert result["status"] == "changed", run.output
    assert clean.kraken.writes() == []
    assert clean.kraken.state() == before
    if args.get("load"):
        assert result["result"]["diff"]["after"] == {"loaded": True}


@pytest.mark.parametrize("args,message", [
    ({"name": "A", "default": "maybe"}, "default"),
    ({"name": "A", "save": "sometimes"}, "save"),
    ({"name": "A", "state": "absent", "load": True}, "load=true cannot be used with state=absent"),
    ({"name": "A", "state": "absent", "default": False}, "default cannot be used with state=absent"),
    ({"name": "bad\u0007name"}, "name contains the character U+0007"),
    ({"load": True}, "one of the following is required: name, uuid"),
], ids=["default-not-bool", "save-choice", "absent-load", "absent-default", "control-char", "no-identity"])
def test_bad_input_fails_before_any_request(clean, ansible, args, message):
    run = ansible(kraken_play(configuration("bad", **args)))
    result = run.task("bad")
    assert result["status"] == "failed", run.output
    assert message in result["result"]["msg"]
    assert clean.kraken.requests() == []


def test_absent_removes_then_reports_unchanged(clean, ansible):
    uuid = clean.kraken.seed({"configurations": [{"name": "old"}]})["configurations"][0]
    clean.kraken.clear_log()
    run = ansible(kraken_play(configuration("remove", name="old", state="absent"),
                              configuration("remove again", name="old", state="absent")))
    assert run.statuses() == {"remove": "changed", "remove again": "ok"}, run.output
    assert [(w["method"], w["path"]) for w in clean.kraken.writes()] == [
        ("DELETE", "/apis/kraken/configurations/configuration-%s" % uuid)]
    assert clean.kraken.state()["configurations"] == {}


def test_duplicate_names_fail_listing_uuids_and_change_nothing(clean, ansible):
    uuids = clean.kraken.seed({"configurations": [{"name": "twin"}, {"name": "twin"}]})["configurations"]
    run = ansible(kraken_play(configuration("twin", name="twin", default=True)))
    result = run.task("twin")
    assert result["status"] == "failed", run.output
    for uuid in uuids:
        assert uuid in result["result"]["msg"]
    assert clean.kraken.writes() == []


def test_a_different_name_with_uuid_fails_as_the_api_cannot_rename(clean, ansible):
    uuid = clean.kraken.seed({"configurations": [{"name": "A"}]})["configurations"][0]
    run = ansible(kraken_play(configuration("rename", uuid=uuid, name="B")))
    result = run.task("rename")
    assert result["status"] == "failed", run.output
    assert "cannot rename a configuration" in result["result"]["msg"]
    assert clean.kraken.writes() == []
    assert clean.kraken.state()["configurations"][uuid]["name"] == "A"


def test_load_restores_the_saved_lineup_and_is_always_a_change(clean, ansible):
    clean.kraken.seed(STUDIO)
    saved = lineup(clean.kraken)
    ansible(kraken_play(configuration("save", name="snap")))
    # The line-up changes after the save: an output edited, an input added.
    ansible(kraken_play(task("ttl", "kraken_output", name="studio-out", ttl=99),
                        task("extra", "kraken_input", name="extra-cam", url="udp://239.10.0.2:5000")))
    assert by_name(clean.kraken, "outputs", "studio-out")["ttl"] == 99
    assert lineup(clean.kraken) != saved
    clean.kraken.clear_log()
    run = ansible(kraken_play(configuration("load", name="snap", load=True),
                              configuration("load again", name="snap", load=True)), diff=True)
    assert run.statuses() == {"load": "changed", "load again": "changed"}, run.output
    assert run.task("load")["result"]["action"] == "update"
    assert run.task("load")["result"]["diff"] == {"before": {}, "after": {"loaded": True}}
    writes = clean.kraken.writes()
    assert [w["method"] for w in writes] == ["PUT", "PUT"]
    assert all("<activate>1</activate>" in w["body"] for w in writes)
    assert lineup(clean.kraken) == saved


def test_save_always_replaces_the_saved_lineup_and_keeps_the_default_flag(clean, ansible):
    clean.kraken.seed(STUDIO)
    old = clean.kraken.seed({"configurations": [{"name": "snap", "defaultConfig": "yes"}]})["configurations"][0]
    ansible(kraken_play(task("ttl", "kraken_output", name="studio-out", ttl=99)))
    changed = lineup(clean.kraken)
    clean.kraken.clear_log()
    run = ansible(kraken_play(configuration("resave", name="snap", save="always")), diff=True)
    result = run.task("resave")
    assert result["status"] == "changed", run.output
    new = result["result"]["configuration"]
    assert new["uuid"] != old and new == {"uuid": result["result"]["uuid"], "name": "snap", "default": True}
    assert [(w["method"], w["path"]) for w in clean.kraken.writes()] == [
        ("POST", "/apis/kraken/configurations"),
        ("DELETE", "/apis/kraken/configurations/configuration-%s" % old),
        ("PUT", "/apis/kraken/configurations/configuration-%s" % new["uuid"])]
    assert list(clean.kraken.state()["configurations"]) == [new["uuid"]]
    # What it saved is the line-up with ttl 99: loading it after another change brings that back.
    ansible(kraken_play(task("ttl", "kraken_output", name="studio-out", ttl=5),
                        configuration("load", name="snap", load=True)))
    assert lineup(clean.kraken) == changed


def test_kraken_info_lists_configurations_with_a_boolean_default(clean, ansible):
    ids = clean.kraken.seed({"configurations": [{"name": "B"}, {"name": "A", "defaultConfig": "yes"}]})["configurations"]
    run = ansible(kraken_play(dict(task("info", "kraken_info", gather=["configurations"]), register="info")))
    assert run.task("info")["result"]["configurations"] == [
        {"uuid": ids[1], "name": "A", "default": True}, {"uuid": ids[0], "name": "B", "default": False}]


def readme_recipe():
    """The playbook of the README's section on rolling back a Kraken line-up change."""
    with open(os.path.join(ROOT, "README.md")) as handle:
        text = handle.read()
    section = text.split("## Rolling back a Kraken line-up change", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_readme_recipe_rolls_a_failed_change_back(clean, ansible):
    clean.kraken.seed(STUDIO)
    before = lineup(clean.kraken)
    # The device refuses the stream's edit: the outputs are already changed when the line-up fails.
    clean.kraken.fault(kind="status", method="PUT", path="/apis/kraken/streams", status=500)
    plays = yaml.safe_load(readme_recipe())
    run = ansible(plays, env={"REQUESTS_CA_BUNDLE": clean.ca_path})
    assert run.statuses() == {"Save the running line-up": "changed", "The new line-up": "failed",
                              "Back to the saved line-up": "changed",
                              "Fail the play, the line-up rolled back": "failed"}, run.output
    assert run.rc != 0
    writes = [(w["method"], w["path"].split("/")[3]) for w in clean.kraken.writes()]
    # Saved, outputs changed and created, the stream's edit refused, then the load.
    assert writes[0] == ("POST", "configurations") and writes[-1] == ("PUT", "configurations")
    assert ("POST", "outputs") in writes and ("PUT", "streams") in writes
    assert lineup(clean.kraken) == before
    assert by_name(clean.kraken, "outputs", "backup-out") is None
