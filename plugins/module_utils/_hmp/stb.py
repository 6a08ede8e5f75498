# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Haivision set-top boxes of an HMP: targets, the commands that bring each box to the task, the result.

The guide's devices API reports each box's state (``standby``, ``volume``,
``muted``, ``channelId``) and takes commands (``POST
/apis/devices/stbs/:id/commands``). Each targeted box is planned as one
Change whose writes are the commands that differ from what it reports;
everything (targets, the channel, offline boxes) is found before the first
command, so a refused task sends none.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import STB_FIELDS
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import PATHS, HMPKind, request_write
from ansible_collections.haivision.media.plugins.module_utils._common.change import EMPTY_DIFF, Change
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError, check_names
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError, match_one
from ansible_collections.haivision.media.plugins.module_utils._common.transport import ApiError, HaivisionError, run_concurrently

STBS_PATH = "/apis/devices/stbs"
TAGS_PATH = "/apis/devices/tags"
# Guide: a command reaches only a box that is "online and connected (status Online or Standby)".
REACHABLE = ("Online", "Standby")
DEVICE_NOT_FOUND = "040000"
TAG_NOT_FOUND = "040033"
LISTED_NAMES = 20
STB_RANK = 0
TARGETS = ("name", "id", "tag")


class OfflineBoxes(HaivisionError):
    """``require_online`` and a targeted box cannot receive commands."""


def list_stbs(client):
    """Every set-top box; the guide answers none as 404 040000 "Device not found"."""
    return client.list_all(STBS_PATH, empty=lambda exc: exc.code == DEVICE_NOT_FOUND)


def list_tags(client):
    """Every device tag (``{_id, name}``); none is 404 040033 TagNotFound."""
    return client.list_all(TAGS_PATH, empty=lambda exc: exc.code == TAG_NOT_FOUND or exc.name == "TagNotFound")


def _known(names):
    names = sorted("%s" % n for n in names)
    return ", ".join(names[:LISTED_NAMES]) + (", ..." if len(names) > LISTED_NAMES else "") if names else "none"


def _label(box):
    return "%s (%s)" % (box.get("name"), box.get("_id"))


class STBTask:
    """What the task asks, validated before any request."""

    def __init__(self, params):
        self.params = params
        self.desired = STB_FIELDS.desired(dict((k, v) for k, v in params.items() if k != "channel"))
        self.channel = params.get("channel")
        if self.channel is not None and not self.channel.strip():
            raise ValidationError("channel is empty; give the name or id of a source, or the title or id of a session")
        message = params.get("text_message")
        if message is not None:
            if not message["text"].strip():
                raise ValidationError("text_message.text is empty")
            if message["seconds"] < 1:
                raise ValidationError("text_message.seconds must be at least 1, got %s" % message["seconds"])
        check_names(params, ("name", "tag", "channel"))
        self.message = message
        self.reboot = params["reboot"]


def find_targets(client, params):
    """The boxes the task is about: one by id or name, or every box with the tag."""
    if params.get("id"):
        try:
            return [client.get_one("%s/%s" % (STBS_PATH, quote_id(params["id"])))]
        except ApiError as exc:
            if exc.status == 404:
                raise IdentityError("id: no set-top box with id %s on this HMP" % params["id"])
            raise
    if params.get("name") is not None:
        boxes = list_stbs(client)
        # The option that names a box is id (the guide's _id).
        box = match_one([dict(b, id=b.get("_id")) for b in boxes], "name", params["name"], "id", what="STB")
        if box is None:
            raise IdentityError("name: no set-top box named %r on this HMP (GET %s: %s)"
                                % (params["name"], STBS_PATH, _known(b.get("name") for b in boxes)))
        return [next(b for b in boxes if b.get("_id") == box["id"])]
    boxes, tags = run_concurrently([lambda: list_stbs(client), lambda: list_tags(client)])
    tag = match_one(tags, "name", params["tag"], "_id", what="device tag", or_id=True, option="tag")
    if tag is None:
        raise IdentityError("tag: %r is neither the name nor the id of a device tag on this HMP (GET %s: %s)"
                            % (params["tag"], TAGS_PATH, _known(t.get("name") for t in tags)))
    # A box lists its tags by name.
    return [b for b in boxes if tag.get("name") in (b.get("tags") or [])]


def resolve_channel(client, reference):
    """``(type, id, name)`` of the source (by name or id) or session (by title or id) a box should show."""
    kinds = (("sources", "name"), ("sessions", "title"))
    listed = run_concurrently([lambda kind=kind: client.list_all(PATHS[kind]) for kind, dummy in kinds])
    candidates = [{"type": kind[:-1], "id": entry.get("id"), "name": entry.get(key)}
                  for (kind, key), entries in zip(kinds, listed) for entry in entries]
    channel = match_one(candidates, "name", reference, "id", what="source or session", or_id=True, option="channel")
    if channel is None:
        raise IdentityError("channel %r is neither the name or id of a source nor the title or id of a session on this "
                            "HMP; nothing was sent" % reference)
    return channel["type"], channel["id"], channel["name"]


def command_body(option, value, channel=None):
    """The guide's command for one changed option."""
    if option == "standby":
        return {"command": "standby-on" if value else "standby-off"}
    if option == "muted":
        return {"command": "mute" if value else "unmute"}
    if option == "volume":
        return {"command": "set-volume", "parameters": {"volume": value}}
    # Guide: the name "is not checked, recommend setting to null".
    return {"command": "set-channel", "parameters": {"id": channel[1], "name": None, "type": channel[0]}}


def message_body(message):
    """The guide's show-text-message, laid out as its example (white text at the bottom, no repeat)."""
    return {"command": "show-text-message", "parameters": {
        "data": [{"message": message["text"], "duration": message["seconds"] * 1000, "color": "#ffffff", "blink": False}],
        "useFades": True, "repeat": -1, "showMode": "static", "location": {"position": "bottom", "offset": 0},
        "backgroundColor": "#000000"}}


class BoxPlan:
    """One reachable box's part of the plan: ``box``, its record; ``before``, ``after`` and ``options``, the
    compared state; ``commands``, the bodies to send in their order; ``channel_names``, the channel before
    and after by name (what the diff shows)."""

    def __init__(self, box, before, after, options, commands, channel_names):
        self.box = box
        self.before = before
        self.after = after
        self.options = options
        self.commands = commands
        self.channel_names = channel_names

    @property
    def label(self):
        return _label(self.box)

    def diff(self):
        diff = STB_FIELDS.diff(self.before, self.after, self.options)
        if "channel" in self.options:
            before, after = self.channel_names
            diff["before"]["channel"], diff["after"]["channel"] = before, after
            if before is None:
                diff["before"].pop("channel")
        return diff


class BoxesChange(Change):
    """The boxes a task targets, in one Change: ``boxes``, the BoxPlan of each reachable box; ``offline``, the
    boxes left out. Its writes are the boxes' commands, box after box; its plan names each write's box."""

    def __init__(self, *args, **kwargs):
        self.boxes = kwargs.pop("boxes")
        self.offline = kwargs.pop("offline")
        super(BoxesChange, self).__init__(*args, **kwargs)

    def plan(self):
        return [dict(method="POST", path=command_path(box.box), kind=self.kind, name=box.box.get("name"),
                     action="update", note=body["command"]) for box in self.boxes for body in box.commands]

    def diff(self):
        """One ``{before, after}`` keyed by box (``name (id)``); a channel shows by its name."""
        result = {"before": {}, "after": {}}
        for box in self.boxes:
            if box.options:
                diff = box.diff()
                result["before"][box.label], result["after"][box.label] = diff["before"], diff["after"]
        return result if result["after"] else dict(EMPTY_DIFF)


def command_path(box):
    return "%s/%s/commands" % (STBS_PATH, quote_id(box["_id"]))


def plan_box(task, box, channel):
    """The BoxPlan that brings one reachable box to the task: the commands that differ, then the actions."""
    desired = dict(task.desired)
    if channel is not None:
        desired["channel"] = channel[1]
    current = STB_FIELDS.from_device(box)
    options = STB_FIELDS.changes(desired, current)
    after = STB_FIELDS.merged(current, desired, options)
    # Woken first, put to standby last; the actions after the state.
    order = sorted(options, key=lambda o: (0 if o == "standby" and not desired[o] else 2 if o == "standby" else 1,
                                           [f.option for f in STB_FIELDS.fields].index(o)))
    bodies = [command_body(option, desired[option], channel) for option in order]
    if task.message is not None:
        bodies.append(message_body(task.message))
    if task.reboot:
        bodies.append({"command": "reboot"})
    return BoxPlan(box, current, after, options, bodies,
                   (box.get("channelName") or box.get("channelId"), channel[2] if channel else None))


def _entry(box):
    return {"id": box.get("_id"), "name": box.get("name"), "status": box.get("status")}


class HMPSTB(HMPKind):
    """The set-top boxes one task targets (``hmp_stb``): one Change for all of them (``BoxesChange``).

    Hooks: ``argument_spec``, ``constraints``, ``desired``, ``locate`` (the
    targeted boxes), ``plan`` (offline boxes, the channel, each box's
    commands) and ``result``.
    """

    kind = "stbs"
    result_key = "stbs"
    fields = STB_FIELDS

    @classmethod
    def argument_spec(cls):
        spec = dict(
            name=dict(type="str"),
            id=dict(type="str"),
            tag=dict(type="str"),
            channel=dict(type="str"),
            text_message=dict(type="dict", options=dict(text=dict(type="str", required=True),
                                                        seconds=dict(type="int", required=True))),
            reboot=dict(type="bool", default=False),
            require_online=dict(type="bool", default=False),
        )
        spec.update((field.option, field.argument_spec()) for field in STB_FIELDS.fields if field.option != "channel")
        return spec

    @classmethod
    def constraints(cls):
        return dict(mutually_exclusive=[TARGETS], required_one_of=[TARGETS])

    @classmethod
    def desired(cls, params):
        return STBTask(params)

    def locate(self, params, listed=None):
        return find_targets(self.client, params)

    def plan(self, params, desired, record):
        """``record``: the targeted boxes (``locate``); ``desired``: the STBTask."""
        boxes = record
        offline = [b for b in boxes if b.get("status") not in REACHABLE]
        if offline and params["require_online"]:
            raise OfflineBoxes("require_online: %d targeted set-top box(es) cannot receive commands (the guide: status "
                               "Online or Standby): %s; nothing was sent"
                               % (len(offline), ", ".join("%s is %s" % (_label(b), b.get("status")) for b in offline)))
        channel = resolve_channel(self.client, desired.channel) if desired.channel is not None else None
        plans = [plan_box(desired, box, channel) for box in boxes if box not in offline]
        writes = [request_write(self.client, STB_RANK, "POST", command_path(plan.box), body, note=body["command"])
                  for plan in plans for body in plan.commands]
        target = next(params[t] for t in TARGETS if params.get(t) is not None)
        return BoxesChange(self.kind, target, "update" if writes else "none", fields=STB_FIELDS, writes=writes,
                           raw=boxes, id_key="id", boxes=plans, offline=offline)

    def result(self, change):
        stbs = [dict(_entry(plan.box), commands=plan.commands) for plan in change.boxes]
        return dict(changed=change.changed, stbs=stbs, skipped_offline=[_entry(b) for b in change.offline],
                    diff=change.diff(), plan=change.plan())
