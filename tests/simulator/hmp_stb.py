# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulated Haivision Set-Top Boxes of an HMP 3.5 (the guide's "Devices Resources").

A mixin of ``hmp.HMPDevice``: the boxes, their tags and the command endpoint.

* ``GET /apis/devices/stbs`` answers the guide's own paging (``numResults``,
  ``numPages``, ``hasMoreData``, no ``next`` link); no box is 404 040000
  "Device not found", as the guide lists it;
* ``GET /apis/devices/tags`` answers ``[{_id, name}]``; none is 404 040033 TagNotFound;
* ``POST /apis/devices/stbs/:id/commands`` (the path of every request example;
  the guide's endpoint table says ``/command``) changes the box's state. Only a
  box whose status is Online or Standby receives commands (guide: "must be online
  and connected"); any other answers 404 040000 "Device stream not found" (the
  guide's "Device offline"); an unknown box 404 040000 "Device not found";
* guide silent on a bad command: an unknown command, a volume outside
  0.00-1.00, a channel that is no source, session or asset of this platform, or a
  message without text answer 400 010001 InputValidation naming the property;
* every devices endpoint needs STB Administration (the Administrator and
  Set-Top Box roles); others get 403.

Seed (``/_sim/seed``): ``"stbs": [{name, _id?, hostname?, ip?, mac?, tags?: [names],
online?: true, status?: Never|Offline|Warning, standby?, volume?, muted?,
channel?: source name/session title/id}]`` and ``"tags": [names]`` (tags no box has).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import copy
import time
import uuid

from .common import json_response
from .hmp_model import FORBIDDEN, INPUT_VALIDATION, HMPError, invalid

DEVICE_NOT_FOUND = (404, "040000", "NotFound", "Device not found")
DEVICE_OFFLINE = (404, "040000", "NotFound", "Device stream not found")
TAG_NOT_FOUND = (404, "040033", "TagNotFound", "Tag not found")
STATUSES = ("Never", "Offline", "Warning", "Standby", "Online")
REACHABLE = ("Online", "Standby")
COMMANDS = ("standby-on", "standby-off", "reboot", "mute", "unmute", "set-volume", "set-channel", "show-text-message",
            "enable-dws", "disable-dws")
CHANNEL_TYPES = ("source", "session", "asset")
STB_ADMINS = {"admin", "stb"}
DEFAULT_PAGE_SIZE = 15
MAX_PAGE_SIZE = 100
ROUTES = [
    ("/apis/devices/stbs", {"GET": "stbs_list"}, {}),
    ("/apis/devices/stbs/(?P<rid>[^/]+)", {"GET": "stb_get"}, {}),
    ("/apis/devices/stbs/(?P<rid>[^/]+)/commands", {"POST": "stb_command"}, {}),
    ("/apis/devices/tags", {"GET": "stb_tags_list"}, {}),
]


def device_id(seed=None):
    """An id shaped like the guide's (22 url-safe base64 characters)."""
    raw = uuid.uuid5(uuid.NAMESPACE_URL, "stb:%s" % seed).bytes if seed else uuid.uuid4().bytes
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class STBDevices(object):
    """The boxes of one platform; callers hold ``self.lock`` (the HMPDevice's)."""

    # pylint: disable=unused-argument  # handlers take (call, **path parameters) like hmp.py's

    def reset(self):
        super(STBDevices, self).reset()
        self.stbs = {}
        self.stb_tags = {}

    # -- seeding and the simulator's own view ---------------------------------------
    def seed(self, data):
        data = dict(data) if isinstance(data, dict) else data
        stbs = data.pop("stbs", None) if isinstance(data, dict) else None
        tags = data.pop("tags", None) if isinstance(data, dict) else None
        created = super(STBDevices, self).seed(data) if data else {"sources": [], "sessions": []}
        for name in tags or []:
            self._tag(name)
        created["stbs"] = [self._seed_stb(spec)["_id"] for spec in stbs or []]
        return created

    def state(self):
        state = super(STBDevices, self).state()
        state["stbs"] = dict((sid, copy.deepcopy(box)) for sid, box in self.stbs.items())
        state["tags"] = [dict(tag) for tag in self.stb_tags.values()]
        return state

    def _tag(self, name):
        if not isinstance(name, str) or not name:
            raise ValueError("a tag is a non-empty string")
        if name not in self.stb_tags:
            self.stb_tags[name] = {"_id": device_id("tag:" + name), "name": name}
        return name

    def _seed_stb(self, spec):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise ValueError("an stb seed item is an object with a name")
        sid = spec.get("_id") or device_id()
        if sid in self.stbs:
            raise ValueError("stb %s already exists" % sid)
        status = spec.get("status") or ("Online" if spec.get("online", True) else "Offline")
        if status not in STATUSES:
            raise ValueError("status must be one of %s" % ", ".join(STATUSES))
        standby = bool(spec.get("standby", False))
        if standby and status == "Online":
            status = "Standby"
        now = int(time.time() * 1000)
        box = {"_id": sid, "name": spec["name"], "hostname": spec.get("hostname", "Haivision Set-Top Box"),
               "ip": spec.get("ip", "10.66.0.%d" % (len(self.stbs) + 10)),
               "mac": spec.get("mac", "AC:DB:DA:00:00:%02X" % (len(self.stbs) + 1)),
               "tags": [self._tag(t) for t in spec.get("tags") or []], "status": status, "standby": standby,
               "volume": float(spec.get("volume", 0.5)), "muted": bool(spec.get("muted", False)),
               "channelId": None, "channelName": "", "channelType": None,
               "lastAcceptedUpdate": now, "lastConnectedAt": now, "_commands": [], "_dws": False}
        if spec.get("channel"):
            self._tune(box, self._channel_by_reference(spec["channel"]))
        self.stbs[sid] = box
        return box

    def _channel_by_reference(self, reference):
        for kind, store, key in (("source", self.sources, "name"), ("session", self.sessions, "title")):
            for rid, record in store.items():
                if reference in (rid, record[key]):
                    return kind, rid
        raise ValueError("no source or session %r" % reference)

    def _tune(self, box, channel):
        kind, rid = channel
        store, key = {"source": (self.sources, "name"), "session": (self.sessions, "title"),
                      "asset": (self.videos, "title")}[kind]
        box.update(channelId=rid, channelType=kind, channelName=store[rid][key])

    # -- the API -----------------------------------------------------------------------
    def _stb_admin(self, call):
        if not self._roles(call.user) & STB_ADMINS:
            raise HMPError(FORBIDDEN)

    @staticmethod
    def _stb_view(box):
        return dict((k, copy.deepcopy(v)) for k, v in box.items() if not k.startswith("_") or k == "_id")

    def _find_stb(self, rid):
        if rid not in self.stbs:
            raise HMPError(DEVICE_NOT_FOUND)
        return self.stbs[rid]

    def _h_stbs_list(self, call):
        self._stb_admin(call)
        boxes = list(self.stbs.values())
        page = self._int_param(call.request, "page", 1)
        size = min(self._int_param(call.request, "pageSize", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
        chunk = boxes[(page - 1) * size:page * size]
        if not chunk:
            raise HMPError(DEVICE_NOT_FOUND)
        pages = (len(boxes) + size - 1) // size
        paging = {"numResults": len(boxes), "numPages": pages, "hasMoreData": page < pages}
        return json_response(200, {"data": [self._stb_view(b) for b in chunk], "paging": paging})

    def _h_stb_get(self, call, rid):
        self._stb_admin(call)
        return json_response(200, {"data": self._stb_view(self._find_stb(rid))})

    def _h_stb_tags_list(self, call):
        self._stb_admin(call)
        if not self.stb_tags:
            raise HMPError(TAG_NOT_FOUND)
        return json_response(200, {"data": [dict(t) for t in self.stb_tags.values()]})

    def _h_stb_command(self, call, rid):
        self._stb_admin(call)
        box = self._find_stb(rid)
        if not isinstance(call.body, dict):
            raise invalid("Request body must be a JSON object with a command")
        command = call.body.get("command")
        if command not in COMMANDS:
            raise invalid('"command" must be one of %s' % ", ".join(COMMANDS))
        parameters = call.body.get("parameters")
        # Validated before the device is reached: a bad command is refused for an offline box too.
        change = self._command_change(command, parameters)
        if box["status"] not in REACHABLE:
            raise HMPError(DEVICE_OFFLINE)
        change(box)
        box["_commands"].append({"command": command, "parameters": copy.deepcopy(parameters)})
        box["lastAcceptedUpdate"] = int(time.time() * 1000)
        return json_response(200, {"data": {"type": "Send Commands to Device", "status": "ok",
                                            "message": "Successfully sent command to device"}})

    def _command_change(self, command, parameters):
        """What the command does to a box, once its parameters are known to be right."""
        if command in ("standby-on", "standby-off"):
            on = command == "standby-on"
            return lambda box: box.update(standby=on, status="Standby" if on else "Online")
        if command in ("mute", "unmute"):
            return lambda box: box.update(muted=command == "mute")
        if command in ("enable-dws", "disable-dws"):
            return lambda box: box.update(_dws=command == "enable-dws")
        if command == "reboot":
            return lambda box: None
        if not isinstance(parameters, dict):
            raise invalid('"parameters" must be an object for %s' % command)
        if command == "set-volume":
            volume = parameters.get("volume")
            if not _number(volume) or not 0 <= volume <= 1:
                raise invalid('"volume" must be a number from 0.00 to 1.00')
            return lambda box: box.update(volume=float(volume))
        if command == "set-channel":
            return self._set_channel(parameters)
        return self._show_message(parameters)

    def _set_channel(self, parameters):
        kind, rid = parameters.get("type"), parameters.get("id")
        if kind not in CHANNEL_TYPES:
            raise invalid('"type" must be one of %s' % ", ".join(CHANNEL_TYPES))
        store = {"source": self.sources, "session": self.sessions, "asset": self.videos}[kind]
        if not isinstance(rid, str) or rid not in store:
            raise invalid('"id" is not the id of a %s' % kind)
        return lambda box: self._tune(box, (kind, rid))

    @staticmethod
    def _show_message(parameters):
        data = parameters.get("data")
        if not isinstance(data, list) or not data:
            raise invalid('"data" must be a non-empty array of messages')
        for item in data:
            if not isinstance(item, dict) or not isinstance(item.get("message"), str) or not item["message"]:
                raise HMPError(INPUT_VALIDATION, '"message" is required and must be a string')
            if not _number(item.get("duration")) or item["duration"] <= 0:
                raise invalid('"duration" must be a positive number of milliseconds')
        return lambda box: box.update(_message=copy.deepcopy(data))
