# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The simulated HMP's library: assets (videos) and sections (feeds), per the guide's Asset and Feed Resources.

A mixin of ``hmp.HMPDevice``. An asset has a title and description (``PUT
/apis/assets/:id`` resets the description it leaves out), whole-set metadata,
shares and a public share, served by the same handlers as sessions' (route
``kind`` ``assets``). A section has a name, an index and shares; quirks kept:

* ``GET /apis/sections/:id`` answers the bare feed object, without ``data``
  (the guide's example);
* ``GET /apis/sections`` lists only the feeds shared with the user (an
  administrator sees them all);
* only administrators write section shares; a missing section on share POST
  answers 040002 AssetNotFound "Video not found" (the guide's table).

Seeding (``/_sim/seed``) takes ``assets`` (``{title, description, id,
session (title or id), duration, creator, metadata, shares, publicshare}``)
and ``sections`` (``{name, id, shares}``) besides sources and sessions;
``/_sim/state`` shows ``videos`` with their parts and ``sections``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import uuid

from .common import json_response
from .hmp_model import HMPError, build_video, check_immutable_id, invalid, public, require_object

ASSET_ROUTES = [
    ("assets", "metadata", {"GET": "metadata_get", "PUT": "metadata_put", "DELETE": "metadata_delete"}),
    ("assets", "shares", {"GET": "shares_list", "POST": "share_create"}),
    ("assets", "shares/(?P<share_id>[^/]+)", {"GET": "share_get", "PUT": "share_put", "DELETE": "share_delete"}),
    ("assets", "publicshare", {"GET": "publicshare_get", "POST": "publicshare_create", "DELETE": "publicshare_delete"}),
    ("sections", "shares", {"GET": "shares_list", "POST": "share_create"}),
    ("sections", "shares/(?P<share_id>[^/]+)", {"GET": "share_get", "PUT": "share_put", "DELETE": "share_delete"}),
]


def library_routes(id_pattern):
    """The route lines of assets and sections, in ``hmp.ROUTES``' form."""
    routes = [
        ("/apis/assets/" + id_pattern % "rid", {"GET": "asset_get", "PUT": "asset_put"}, {}),
        ("/apis/sections", {"GET": "sections_list"}, {}),
        ("/apis/sections/" + id_pattern % "rid", {"GET": "section_get"}, {}),
    ]
    routes += [("/apis/%s/%s/%s" % (kind, id_pattern % "rid", sub), methods, {"kind": kind})
               for kind, sub, methods in ASSET_ROUTES]
    return routes


class LibraryMixin:
    """Assets and sections of ``HMPDevice``: their handlers, seeding and state."""

    # Handlers take (call, **path parameters), as the dispatcher calls them all.
    # pylint: disable=unused-argument

    def _h_asset_put(self, call, rid):
        video = self._find("assets", rid)
        body = require_object(call.body)
        check_immutable_id(body, rid)
        title = body.get("title")
        if not isinstance(title, str) or not title.strip():
            raise invalid('"title" is required and must be a non-empty string')
        description = body.get("description", "")
        if not isinstance(description, str):
            raise invalid('"description" must be a string')
        # The other properties are Ignored (read-only); description left out takes its default.
        video.update(title=self.stored_text(title), description=self.stored_text(description))
        self._touch(video)
        return json_response(200, {"data": public(video)})

    def _visible_sections(self, user):
        if "admin" in self._roles(user):
            return list(self.sections.values())
        ids = set([user["id"]] + list(user.get("groups", [])))
        return [s for s in self.sections.values() if ids & set(s["_shares"])]

    def _h_sections_list(self, call):
        items = sorted(self._visible_sections(call.user), key=lambda s: s["index"])
        return self._paged(call.request, items)

    def _h_section_get(self, call, rid):
        section = self._find("sections", rid)
        # The guide's example: the feed itself, no "data" envelope.
        return json_response(200, public(section))

    # -- seeding and state ----------------------------------------------------
    def seed(self, data):
        if not isinstance(data, dict):
            raise ValueError("seed data must be an object")
        rest = dict((k, v) for k, v in data.items() if k not in ("assets", "sections"))
        created = super(LibraryMixin, self).seed(rest)
        created.update(assets=[], sections=[])
        try:
            for spec in data.get("assets") or []:
                created["assets"].append(self._seed_asset(spec)["id"])
            for spec in data.get("sections") or []:
                created["sections"].append(self._seed_section(spec)["id"])
        except HMPError as exc:
            raise ValueError("seed item rejected: %s" % exc) from exc
        return created

    def _seed_asset(self, spec):
        body, extras = self._split_seed(spec, ("id", "creator", "session", "duration", "metadata", "shares", "publicshare"))
        if extras.get("id") in self.videos:
            raise ValueError("asset id %s already exists" % extras["id"])
        title = body.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ValueError("an asset needs a title")
        session_id = extras.get("session")
        if session_id is not None and session_id not in self.sessions:
            matches = [sid for sid, s in self.sessions.items() if s["title"] == session_id]
            if len(matches) != 1:
                raise ValueError("session %r is %s" % (session_id, "ambiguous" if matches else "unknown"))
            session_id = matches[0]
        creator_name = extras.get("creator", "haiadmin")
        creator = self._user_by_name(creator_name) or {"username": creator_name, "displayName": creator_name}
        video = build_video(extras.get("id") or str(uuid.uuid4()), title, body.get("description", ""), session_id, 1,
                            creator, recording=False)
        video["duration"] = extras.get("duration", 60.0)
        self.videos[video["id"]] = video
        self._apply_extras(video, extras)
        return video

    def _seed_section(self, spec):
        body, extras = self._split_seed(spec, ("id", "shares"))
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError("a section needs a name")
        sid = extras.get("id") or str(uuid.uuid4())
        if sid in self.sections:
            raise ValueError("section id %s already exists" % sid)
        section = {"id": sid, "name": name, "index": len(self.sections), "_shares": {}}
        self.sections[sid] = section
        self._apply_extras(section, extras)
        return section

    def state(self):
        state = super(LibraryMixin, self).state()
        for vid, video in self.videos.items():
            state["videos"][vid].update(metadata=copy.deepcopy(video["_metadata"]), publicshare=video["_publicshare"] is not None,
                                        shares=[self._share_view(pid, s) for pid, s in video["_shares"].items()])
        state["sections"] = dict((sid, dict(public(s), shares=[self._share_view(pid, share) for pid, share in s["_shares"].items()]))
                                 for sid, s in self.sections.items())
        return state
