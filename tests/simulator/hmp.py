# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulated Haivision Media Platform (HMP) 3.5 REST API, served by ``common.SimServer``.

Faithful to the HMP 3.5 REST API Integrator's Guide, quirks included:

* cookie sessions (``calypso-session-id``) from ``POST /apis/authentication/login``;
  every other ``/apis`` call without a live cookie answers 401 020001;
* ``{"data": ...}`` wrapping, paged collections (``page``, ``pageSize`` capped at
  100, ``paging.next`` only while more exists), an empty collection is 404 NoResults;
* ``GET /apis/sources/:id`` answers ``data`` as a one-element list;
* PUT resets every optional property left out to its default (JSON Properties);
* metadata PUT replaces the whole set; sources cannot change and a session
  cannot be deleted while it records (409 060003 RecordingInProgress);
* error codes per endpoint as the guide lists them, inconsistencies included
  (e.g. ``PUT /apis/sources/:id`` on an unknown id answers 040000 NotFound).

Text (names, titles, descriptions) is stored exactly as sent; the guide does not
say so, and a platform that trims edge whitespace is the other reading
(``--trim-text``, ``POST /_sim/text``): then source names, session and asset
titles and their descriptions lose their edge whitespace.

Session expiry is sliding: an auth session dies ``session_ttl`` seconds after
its last successful request (the TTL in force at check time applies).

Admin routes (besides the core's ``/_sim/state``, ``/_sim/seed``, ``/_sim/reset``):
``GET /_sim/hmp/sessions``, ``POST /_sim/hmp/expire``, ``POST /_sim/hmp/ttl``,
``POST /_sim/hmp/edit``, ``POST /_sim/hmp/record``, ``POST /_sim/hmp/pause``, ``POST /_sim/hmp/stop``.
Set-top boxes (``/apis/devices``) live in ``hmp_stb.py``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import datetime
import json
import re
import time
import urllib.parse
import uuid
from collections import namedtuple

from .common import Device, Response, json_response
from .hmp_library import LibraryMixin, library_routes
from .hmp_stb import ROUTES as STB_ROUTES, STBDevices
from .hmp_model import (
    AUTH_SESSION_NOT_FOUND, FAULTS, FORBIDDEN, INVALID_CREDENTIALS, METHOD_NOT_ALLOWED, NO_RESULTS, NOT_FOUND,
    RECORDING_IN_PROGRESS, ROLES, SCHEDULE_EVENT_NOT_FOUND, SCHEDULED_EVENT_NOT_FOUND, SESSION_HAS_NO_SOURCE,
    SESSION_NOT_FOUND_040002, SESSION_SOURCE_EXISTS, SHARE_PERMISSION_NOT_FOUND, SOURCE_NOT_FOUND,
    SOURCE_NOT_FOUND_040002, TRACK_NOT_FOUND, UNSUPPORTED_MEDIA_TYPE, USER_NOT_AUTHORIZED, ASSET_NOT_FOUND,
    ASSET_NOT_FOUND_040006,
    CATEGORY_NOT_FOUND, INTERNAL_SERVER, SESSION_OPTIONAL, HMPError, HMPPlatform, build_event, build_session, build_source, check_immutable_id, invalid,
    parse_share, public, require_object, validate_metadata,
)

COOKIE = "calypso-session-id"
LOGIN_PATH = "/apis/authentication/login"
DEFAULT_PAGE_SIZE = 15
MAX_PAGE_SIZE = 100
VERSION = {"version": "3.5.0", "build": "35017"}
SESSION_SORT_FIELDS = ("title", "description", "duration", "ctime")

_ID = r"(?P<%s>[^/]+)"
# (path regex, {method: handler name}, fixed keyword arguments for the handler)
ROUTES = [
    (LOGIN_PATH, {"GET": "login_info", "POST": "login", "DELETE": "logout"}, {}),
    ("/apis/users/enabled", {"GET": "users_list"}, {}),
    ("/apis/groups/enabled", {"GET": "groups_list"}, {}),
    ("/apis/sources", {"GET": "sources_list", "POST": "source_create"}, {}),
    ("/apis/sources/" + _ID % "rid", {"GET": "source_get", "PUT": "source_put", "DELETE": "source_delete"}, {}),
    ("/apis/sources/" + _ID % "rid" + "/metadata",
     {"GET": "metadata_get", "PUT": "metadata_put", "DELETE": "metadata_delete"}, {"kind": "sources"}),
    ("/apis/sources/" + _ID % "rid" + "/shares", {"GET": "shares_list", "POST": "share_create"}, {"kind": "sources"}),
    ("/apis/sources/" + _ID % "rid" + "/shares/" + _ID % "share_id",
     {"GET": "share_get", "PUT": "share_put", "DELETE": "share_delete"}, {"kind": "sources"}),
    ("/apis/sessions", {"GET": "sessions_list", "POST": "session_create"}, {}),
    ("/apis/sessions/" + _ID % "rid", {"GET": "session_get", "PUT": "session_put", "DELETE": "session_delete"}, {}),
    ("/apis/sessions/" + _ID % "rid" + "/metadata",
     {"GET": "metadata_get", "PUT": "metadata_put", "DELETE": "metadata_delete"}, {"kind": "sessions"}),
    ("/apis/sessions/" + _ID % "rid" + "/shares", {"GET": "shares_list", "POST": "share_create"}, {"kind": "sessions"}),
    ("/apis/sessions/" + _ID % "rid" + "/shares/" + _ID % "share_id",
     {"GET": "share_get", "PUT": "share_put", "DELETE": "share_delete"}, {"kind": "sessions"}),
    ("/apis/sessions/" + _ID % "rid" + "/sources", {"GET": "session_sources", "POST": "session_source_add"}, {}),
    ("/apis/sessions/" + _ID % "rid" + "/sources/" + _ID % "source_id", {"DELETE": "session_source_remove"}, {}),
    ("/apis/sessions/" + _ID % "rid" + "/recordings", {"GET": "session_recordings", "POST": "recording_start"}, {}),
    ("/apis/sessions/" + _ID % "rid" + "/publicshare",
     {"GET": "publicshare_get", "POST": "publicshare_create", "DELETE": "publicshare_delete"}, {}),
    # The guide has no DELETE for events: a schedule entry is switched off with "active": false.
    ("/apis/sessions/" + _ID % "rid" + "/events", {"GET": "session_events", "POST": "event_create"}, {}),
    ("/apis/sessions/" + _ID % "rid" + "/events/" + _ID % "event_id", {"GET": "event_get", "PUT": "event_put"}, {}),
    ("/apis/sessions/" + _ID % "rid" + "/assets", {"GET": "session_assets"}, {}),
    ("/apis/recordings", {"GET": "recordings_list"}, {}),
    ("/apis/recordings/" + _ID % "rid", {"GET": "recording_get", "PUT": "recording_put", "DELETE": "recording_stop"}, {}),
    ("/apis/categories", {"GET": "categories_list"}, {}),
    ("/apis/categories/" + _ID % "rid", {"GET": "category_get"}, {}),
    ("/apis/assets", {"GET": "assets_list"}, {}),
] + library_routes(_ID) + [
    ("/apis/system/version", {"GET": "version"}, {}),
    ("/apis/events", {"GET": "events_list"}, {}),
] + STB_ROUTES
ROUTES = [(re.compile("^%s$" % pattern), methods, extra) for pattern, methods, extra in ROUTES]

# Guide inconsistencies kept per endpoint: these answer 040002 for a missing parent.
NOT_FOUND_OVERRIDES = {
    ("sources", "metadata_delete"): SOURCE_NOT_FOUND_040002,
    ("sessions", "metadata_delete"): SESSION_NOT_FOUND_040002,
    ("sessions", "share_create"): SESSION_NOT_FOUND_040002,
    ("assets", "metadata_put"): ASSET_NOT_FOUND_040006,
    ("sections", "share_create"): ASSET_NOT_FOUND,
}
# Writers per area (guide: Content Creators make sessions and record but have no control over sources).
# Feed shares: "Authorizations: Administrator"; videos are the Recordings area.
WRITERS = {"sources": {"admin"}, "recordings": {"admin", "creator", "contributor", "stb"},
           "other": {"admin", "creator", "stb"}, "sections": {"admin"}}


# What a handler gets besides the path parameters: the request, the logged-in user record, the parsed JSON body.
Call = namedtuple("Call", "request user body")


def _empty(status=200, headers=None):
    return Response(status, b"", "application/json", headers)


# Admin side channel: (method, path) -> handler taking the JSON body.
ADMIN_ROUTES = {
    ("GET", "/_sim/hmp/sessions"): "_admin_sessions",
    ("POST", "/_sim/hmp/expire"): "_admin_expire",
    ("POST", "/_sim/hmp/ttl"): "_admin_ttl",
    ("POST", "/_sim/hmp/edit"): "_admin_edit",
    ("POST", "/_sim/hmp/record"): "_admin_record",
    ("POST", "/_sim/hmp/pause"): "_admin_pause",
    ("POST", "/_sim/hmp/stop"): "_admin_stop",
}


class HMPDevice(LibraryMixin, STBDevices, HMPPlatform, Device):
    """One HMP 3.5 platform served over HTTPS: the API's routing, auth and paging."""

    # Every API handler takes (call, **path parameters) so that one dispatcher
    # can call them all; some need nothing from the call.
    # pylint: disable=unused-argument

    name = "hmp"

    def __init__(self, users=None, groups=None, session_ttl=1800.0):
        Device.__init__(self)  # the lock first: HMPPlatform's constructor fills the platform
        HMPPlatform.__init__(self, users, groups, session_ttl)

    # -- core hooks -------------------------------------------------------
    def reset(self):
        with self.lock:
            super(HMPDevice, self).reset()

    def handle(self, request):
        with self.lock:
            try:
                return self._dispatch(request)
            except HMPError as exc:
                headers = {"Allow": exc.allow} if getattr(exc, "allow", None) else None
                return Response(exc.status, exc.body_bytes(), "application/json", headers)
            except Exception as exc:  # pylint: disable=broad-exception-caught
                # A simulator bug (or a value planted with /_sim/hmp/edit) must reach the
                # test as HMP's 500, not as a dropped connection.
                return Response(500, HMPError(INTERNAL_SERVER, "%s: %s" % (type(exc).__name__, exc)).body_bytes(),
                                "application/json")

    def fault_response(self, status):
        if status in (502, 504):
            # HMP sits behind nginx: a dead or slow backend gives nginx's HTML page, not HMP JSON.
            title = "502 Bad Gateway" if status == 502 else "504 Gateway Time-out"
            page = "<html>\r\n<head><title>%s</title></head>\r\n<body>\r\n<center><h1>%s</h1></center>\r\n" \
                   "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n" % (title, title)
            return Response(status, page.encode("ascii"), "text/html")
        # A status the guide gives no code for reads as an internal error carrying that status.
        error = FAULTS.get(status, (status,) + INTERNAL_SERVER[1:])
        return Response(status, HMPError(error).body_bytes(), "application/json")

    def malformed_body(self):
        return b'{"data": [{"id": '

    def admin(self, method, path, body):
        handler = ADMIN_ROUTES.get((method, path))
        if handler is None:
            return None
        if not isinstance(body, dict):
            raise ValueError("admin body must be a JSON object")
        with self.lock:
            try:
                return json_response(200, getattr(self, handler)(body))
            except HMPError as exc:
                return json_response(400, {"error": str(exc)})

    def _admin_sessions(self, body):
        return self.auth_stats()

    def _admin_expire(self, body):
        return {"expired": self.expire_all()}

    def _admin_ttl(self, body):
        seconds = float(body["seconds"])
        if seconds <= 0:
            raise ValueError("seconds must be > 0")
        self.session_ttl = seconds
        return {"ttl": seconds}

    def _admin_edit(self, body):
        return {"data": self.admin_edit(body["kind"], body["id"], body.get("fields", {}))}

    def _admin_record(self, body):
        return {"data": self.admin_record(body["session"], body.get("sources"), body.get("username", "haiadmin"))}

    def _admin_pause(self, body):
        return {"data": self.admin_pause(body["recording"], body.get("paused", True))}

    def _admin_stop(self, body):
        return {"stopped": self.admin_stop(body.get("session"), body.get("recording"))}

    # -- dispatch ---------------------------------------------------------
    def _dispatch(self, request):
        path = request.path.rstrip("/") or "/"
        if not path.startswith("/apis/"):
            raise HMPError(NOT_FOUND)
        user = None if path == LOGIN_PATH else self._authenticate(request)
        for pattern, methods, extra in ROUTES:
            match = pattern.match(path)
            if match:
                break
        else:
            raise HMPError(NOT_FOUND)
        handler = methods.get(request.method)
        if handler is None:
            error = HMPError(METHOD_NOT_ALLOWED)
            error.allow = ", ".join(sorted(methods))
            raise error
        body = self._body(request) if request.method in ("POST", "PUT") else None
        if user is not None:
            self._authorize(user, request.method, path)
        kwargs = dict(match.groupdict(), **extra)
        return getattr(self, "_h_" + handler)(Call(request, user, body), **kwargs)

    @staticmethod
    def _body(request):
        content_type = request.headers.get("Content-Type")
        if request.body or content_type:
            # Guide, HTTP Request Headers: anything but the endpoint's content type is 415.
            if (content_type or "").split(";")[0].strip().lower() != "application/json":
                raise HMPError(UNSUPPORTED_MEDIA_TYPE)
        if not request.body:
            return None
        try:
            return json.loads(request.body.decode("utf-8"))
        except ValueError as exc:
            raise invalid("Request body is not valid JSON") from exc

    def _authorize(self, user, method, path):
        if method == "GET":
            return
        roles = self._roles(user)
        if path.startswith("/apis/sources"):
            area = "sources"
        elif path.startswith(("/apis/recordings", "/apis/assets")) or path.endswith("/recordings"):
            area = "recordings"
        elif path.startswith("/apis/sections"):
            area = "sections"
        else:
            area = "other"
        if not roles & WRITERS[area]:
            raise HMPError(FORBIDDEN)

    # -- authentication ---------------------------------------------------
    def _live_session(self, request):
        """The auth session of the request's cookie, or None; expired ones are dropped here."""
        sid = request.cookies.get(COOKIE)
        record = self.auth.get(sid) if sid else None
        if record is None:
            return None, None
        if time.time() - record["last_used"] >= self.session_ttl:
            del self.auth[sid]
            self.counters["expired"] += 1
            return None, None
        return sid, record

    def _authenticate(self, request):
        sid, record = self._live_session(request)
        if sid is None:
            raise HMPError(USER_NOT_AUTHORIZED)
        record["last_used"] = time.time()  # sliding expiry
        return self._user_by_name(record["username"])

    def _session_info(self, sid):
        record = self.auth[sid]
        user = self._user_by_name(record["username"])
        roles = sorted(self._roles(user))
        expires = datetime.datetime.fromtimestamp(record["last_used"] + self.session_ttl, datetime.timezone.utc)
        return {"id": None, "sessionId": sid, "username": user["username"], "admin": "admin" in roles,
                "groups": [self.groups[g]["groupname"] for g in user["groups"]], "roleIds": list(user["roles"]),
                "roles": [copy.deepcopy(ROLES.get(r, {"id": r, "name": r, "admin": False, "permissions": {}})) for r in roles],
                "sessions": {}, "assets": {}, "ldapUser": False, "displayName": user["displayName"],
                "expires": expires.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (expires.microsecond // 1000)}

    def _h_login(self, call):
        if not isinstance(call.body, dict):
            raise invalid("Request body must be a JSON object with username and password")
        for key in ("username", "password"):
            if not isinstance(call.body.get(key), str) or not call.body[key]:
                raise invalid('"%s" is required and must be a string' % key)
        account = self._user_by_name(call.body["username"])
        if account is None or account["password"] != call.body["password"]:
            self.counters["failed_logins"] += 1
            raise HMPError(INVALID_CREDENTIALS)
        if not self._roles(account):
            self.counters["failed_logins"] += 1
            raise HMPError(USER_NOT_AUTHORIZED, "User has no roles assigned")
        sid = str(uuid.uuid4())
        now = time.time()
        self.auth[sid] = {"username": account["username"], "last_used": now, "created": now}
        self.counters["logins"] += 1
        cookie = "%s=%s; Path=/; Secure; HttpOnly" % (COOKIE, sid)
        return json_response(200, {"data": self._session_info(sid)}, headers={"Set-Cookie": cookie})

    def _h_login_info(self, call):
        sid, record = self._live_session(call.request)
        if sid is None:
            raise HMPError(USER_NOT_AUTHORIZED)
        record["last_used"] = time.time()
        return json_response(200, {"data": self._session_info(sid)})

    def _h_logout(self, call):
        sid, _record = self._live_session(call.request)
        if sid is None:
            raise HMPError(AUTH_SESSION_NOT_FOUND)
        del self.auth[sid]
        self.counters["logouts"] += 1
        return _empty(headers={"Set-Cookie": "%s=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly" % COOKIE})

    # -- paging and lookups -----------------------------------------------
    @staticmethod
    def _int_param(request, name, default):
        values = request.query.get(name)
        if not values or values[-1] == "":
            return default
        try:
            value = int(values[-1])
        except ValueError:
            value = 0
        if value < 1:
            raise invalid('"%s" must be a positive integer' % name)
        return value

    def _paged(self, request, records, view=None):
        """A collection page; an empty collection (or page past its end) is 404 NoResults."""
        page = self._int_param(request, "page", 1)
        size = min(self._int_param(request, "pageSize", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
        start = (page - 1) * size
        chunk = records[start:start + size]
        if not chunk:
            raise HMPError(NO_RESULTS)
        paging = {"results": len(records), "pageSize": size, "page": page}
        if start + size < len(records):
            params = [("page", page + 1), ("pageSize", size)]
            params += [(k, v) for k, values in request.query.items() if k not in ("page", "pageSize") for v in values]
            base = urllib.parse.urlsplit(request.url)
            paging["next"] = "%s://%s%s?%s" % (base.scheme, base.netloc, request.raw_path, urllib.parse.urlencode(params))
        return json_response(200, {"data": [(view or public)(r) for r in chunk], "paging": paging})

    @staticmethod
    def _query(request):
        """The ``q`` search text, lower-cased, without the quotes the guide's examples put around it."""
        text = (request.query.get("q") or [""])[-1].strip()
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = text[1:-1]
        return text.lower()

    # -- sources ----------------------------------------------------------
    def _h_sources_list(self, call):
        text = self._query(call.request)
        items = [s for s in self.sources.values() if text in s["name"].lower() or text in s.get("description", "").lower()]
        return self._paged(call.request, items, self._source_view)

    def _h_source_get(self, call, rid):
        record = self._find("sources", rid)
        # Guide quirk: the single-source GET answers a one-element list, with paging.
        return json_response(200, {"data": [self._source_view(record)], "paging": {"results": 1, "pageSize": DEFAULT_PAGE_SIZE}})

    def _h_source_create(self, call):
        require_object(call.body)
        check_immutable_id(call.body, None)
        record = self._new_source(build_source(call.body, self.trim_text), call.user["username"])
        return json_response(201, {"data": self._source_view(record)})

    def _h_source_put(self, call, rid):
        old = self._find("sources", rid, NOT_FOUND)  # the guide lists 040000 NotFound for this endpoint
        require_object(call.body)
        check_immutable_id(call.body, rid)
        fields = build_source(call.body, self.trim_text)
        record = dict(fields)
        for key in ("id", "active", "bitrate", "ctime", "mtime", "_metadata", "_shares"):
            record[key] = old[key]
        self._touch(record)
        self.sources[rid] = record  # rebuilt: keys of the other source type disappear
        return json_response(200, {"data": self._source_view(record)})

    def _h_source_delete(self, call, rid):
        self._find("sources", rid)
        # Guide silent: a source being recorded cannot go; otherwise it leaves the sessions using it.
        for recording in self.recordings.values():
            if any(r["source"] == rid for r in recording["recorders"]):
                raise HMPError(RECORDING_IN_PROGRESS)
        for session in self.sessions.values():
            if rid in session["sources"]:
                session["sources"].remove(rid)
                session["movieTrackCount"] = len(session["sources"])
        del self.sources[rid]
        return _empty()

    # -- metadata (sources, sessions, assets) ----------------------------------
    def _h_metadata_get(self, call, kind, rid):
        record = self._find(kind, rid)
        if not record["_metadata"]:
            raise HMPError(NO_RESULTS)
        return json_response(200, {"data": copy.deepcopy(record["_metadata"])})

    def _h_metadata_put(self, call, kind, rid):
        record = self._find(kind, rid, NOT_FOUND_OVERRIDES.get((kind, "metadata_put")))
        # Guide: "Partial updates are not supported": entries not sent are gone, calypso:creator included.
        record["_metadata"] = validate_metadata(call.body)
        self._touch(record)
        return json_response(200, {"data": copy.deepcopy(record["_metadata"])})

    def _h_metadata_delete(self, call, kind, rid):
        record = self._find(kind, rid, NOT_FOUND_OVERRIDES.get((kind, "metadata_delete")))
        record["_metadata"] = []
        self._touch(record)
        return _empty()

    # -- shares (sources, sessions, assets, sections) --------------------------
    def _h_shares_list(self, call, kind, rid):
        record = self._find(kind, rid)
        shares = [self._share_view(pid, s) for pid, s in record["_shares"].items()]
        return self._paged(call.request, shares, lambda s: s)

    def _h_share_create(self, call, kind, rid):
        record = self._find(kind, rid, NOT_FOUND_OVERRIDES.get((kind, "share_create")))
        share_type, permission = parse_share(call.body)
        principal = self._principal(share_type, call.body.get("id"), call.body.get("name"))
        self._check_permission(permission)
        # Guide silent on a POST for a principal already shared: shares are a map by principal, so it replaces.
        record["_shares"][principal["id"]] = {"shareType": share_type, "permission": permission}
        return json_response(201, {"data": self._share_view(principal["id"], record["_shares"][principal["id"]])})

    def _h_share_get(self, call, kind, rid, share_id):
        record = self._find(kind, rid)
        return json_response(200, {"data": self._share_view(share_id, self._get_share(record, share_id))})

    def _h_share_put(self, call, kind, rid, share_id):
        record = self._find(kind, rid)
        share = self._get_share(record, share_id)
        _share_type, permission = parse_share(call.body, share_id, share["shareType"])
        self._check_permission(permission)
        share["permission"] = permission
        return json_response(200, {"data": self._share_view(share_id, share)})

    def _h_share_delete(self, call, kind, rid, share_id):
        record = self._find(kind, rid)
        self._get_share(record, share_id)
        del record["_shares"][share_id]
        return _empty()

    # -- sessions ---------------------------------------------------------
    def _h_sessions_list(self, call):
        text = self._query(call.request)
        items = [s for s in self.sessions.values() if self._session_matches(s, text)]
        sort = (call.request.query.get("sort") or [""])[-1]
        if sort:
            if sort not in SESSION_SORT_FIELDS:
                raise invalid('"sort" must be one of %s' % ", ".join(SESSION_SORT_FIELDS))
            descending = (call.request.query.get("asc") or ["1"])[-1] == "-1"
            items.sort(key=lambda s: (s[sort].lower() if isinstance(s[sort], str) else s[sort]), reverse=descending)
        return self._paged(call.request, items)

    def _h_session_get(self, call, rid):
        return json_response(200, {"data": public(self._find("sessions", rid))})

    def _h_session_create(self, call):
        require_object(call.body)
        check_immutable_id(call.body, None)
        record = self._new_session(build_session(call.body, self.trim_text), call.user["username"])
        return json_response(201, {"data": public(record)})

    def _h_session_put(self, call, rid):
        record = self._find("sessions", rid)
        require_object(call.body)
        check_immutable_id(call.body, rid)
        fields = build_session(call.body, self.trim_text)
        for key in SESSION_OPTIONAL:  # unsent optional fields fall back to their defaults: unset
            record.pop(key, None)
        record.update(fields)
        self._touch(record)
        return json_response(200, {"data": public(record)})

    def _h_session_delete(self, call, rid):
        record = self._find("sessions", rid)
        if record["recording"]:
            raise HMPError(RECORDING_IN_PROGRESS)
        for eid in [e for e, ev in self.events.items() if ev["moduleId"] == rid]:
            del self.events[eid]
        del self.sessions[rid]
        return _empty()

    # -- session sources --------------------------------------------------
    def _h_session_sources(self, call, rid):
        record = self._find("sessions", rid)
        items = [{"index": i, "sourceId": s} for i, s in enumerate(record["sources"])]
        return self._paged(call.request, items, lambda s: s)

    def _h_session_source_add(self, call, rid):
        record = self._find("sessions", rid)
        require_object(call.body)
        source_id = call.body.get("sourceId")
        if not isinstance(source_id, str) or not source_id:
            raise invalid('"sourceId" is required')
        if record["recording"]:
            raise HMPError(RECORDING_IN_PROGRESS)
        source = self._find("sources", source_id)
        if source_id in record["sources"]:
            raise HMPError(SESSION_SOURCE_EXISTS)
        record["sources"].append(source_id)
        record["movieTrackCount"] = len(record["sources"])
        self._touch(record)
        data = {"sourceId": source_id}
        data.update((k, v) for k, v in self._source_view(source).items() if k != "id")
        data["index"] = len(record["sources"]) - 1
        return json_response(201, {"data": data})

    def _h_session_source_remove(self, call, rid, source_id):
        record = self._find("sessions", rid)
        if record["recording"]:
            raise HMPError(RECORDING_IN_PROGRESS)
        if source_id not in record["sources"]:
            # A real source that is not in the session has no track there.
            raise HMPError(TRACK_NOT_FOUND if source_id in self.sources else SOURCE_NOT_FOUND)
        record["sources"].remove(source_id)
        record["movieTrackCount"] = len(record["sources"])
        self._touch(record)
        return _empty()

    # -- recordings -------------------------------------------------------
    def _h_session_recordings(self, call, rid):
        self._find("sessions", rid)
        items = [r for r in self.recordings.values() if r["session"] == rid]
        return self._paged(call.request, items, self._recording_view)

    def _h_recording_start(self, call, rid):
        session = self._find("sessions", rid)
        recorders = None
        if call.body is not None:
            recorders = require_object(call.body).get("recorders")
        if recorders is None:
            sources = list(session["sources"])
        else:
            if not isinstance(recorders, list) or not all(isinstance(r, dict) and isinstance(r.get("source"), str)
                                                          for r in recorders):
                raise invalid('"recorders" must be an array of {"source": <source id>}')
            # Guide: "Sources that are not associated with the session are ignored."
            wanted = [r["source"] for r in recorders]
            sources = [s for s in session["sources"] if s in wanted]
        if not sources:
            raise HMPError(SESSION_HAS_NO_SOURCE)
        recording = self._start_recording(session, sources, call.user["username"])
        return json_response(201, {"data": self._recording_view(recording)})

    def _h_recordings_list(self, call):
        return self._paged(call.request, list(self.recordings.values()), self._recording_view)

    def _h_recording_get(self, call, rid):
        return json_response(200, {"data": self._recording_view(self._find_recording(rid))})

    def _h_recording_put(self, call, rid):
        recording = self._find_recording(rid)
        state = call.body.get("state") if isinstance(call.body, dict) else None
        if state not in ("PAUSED", "RECORDING"):
            raise invalid("State should be either 'RECORDING' or 'PAUSED'")
        self._set_recording_state(recording, state)
        return json_response(200, {"data": self._recording_view(recording)})

    def _h_recording_stop(self, call, rid):
        self._find_recording(rid)
        self._stop_recording(rid)
        return _empty()

    # -- public share (sessions, assets) ------------------------------------
    def _h_publicshare_get(self, call, rid, kind="sessions"):
        session = self._find(kind, rid)
        if session["_publicshare"] is None:
            raise HMPError(SHARE_PERMISSION_NOT_FOUND)
        return json_response(200, {"data": dict(session["_publicshare"])})

    def _h_publicshare_create(self, call, rid, kind="sessions"):
        session = self._find(kind, rid)
        permission = require_object(call.body).get("permission")
        if not isinstance(permission, str) or not permission:
            raise invalid('"permission" is required')
        if permission != "WATCH":  # guide: "Only the WATCH permission should be used"
            raise HMPError(SHARE_PERMISSION_NOT_FOUND)
        session["_publicshare"] = {"permission": "WATCH"}
        return json_response(201, {"data": {"permission": "WATCH"}})

    def _h_publicshare_delete(self, call, rid, kind="sessions"):
        session = self._find(kind, rid)
        if session["_publicshare"] is None:
            raise HMPError(SHARE_PERMISSION_NOT_FOUND)
        session["_publicshare"] = None
        return _empty()

    # -- scheduled events ---------------------------------------------------
    def _events_page(self, request, events):
        text = self._query(request)
        if text:
            events = [e for e in events if text in self._event_view(e)["title"].lower()]
        return self._paged(request, events, self._event_view)

    def _h_session_events(self, call, rid):
        self._find("sessions", rid)
        return self._events_page(call.request, [e for e in self.events.values() if e["moduleId"] == rid])

    def _h_events_list(self, call):
        return self._events_page(call.request, list(self.events.values()))

    def _h_event_create(self, call, rid):
        self._find("sessions", rid)
        event = build_event(call.body, rid, str(uuid.uuid4()), creating=True)
        self.events[event["id"]] = event
        return json_response(201, {"data": public(event)})

    def _session_event(self, rid, event_id, missing):
        self._find("sessions", rid)
        event = self.events.get(event_id)
        if event is None or event["moduleId"] != rid:
            raise HMPError(missing)
        return event

    def _h_event_get(self, call, rid, event_id):
        return json_response(200, {"data": public(self._session_event(rid, event_id, SCHEDULE_EVENT_NOT_FOUND))})

    def _h_event_put(self, call, rid, event_id):
        self._session_event(rid, event_id, SCHEDULED_EVENT_NOT_FOUND)
        self.events[event_id] = build_event(call.body, rid, event_id, creating=False)
        return json_response(200, {"data": public(self.events[event_id])})

    # -- assets, categories, users, groups, version -------------------------
    def _h_assets_list(self, call):
        text = self._query(call.request)
        items = [v for v in self.videos.values() if text in v["title"].lower() or text in v["description"].lower()]
        return self._paged(call.request, items)

    def _h_asset_get(self, call, rid):
        if rid not in self.videos:
            raise HMPError(ASSET_NOT_FOUND)
        return json_response(200, {"data": public(self.videos[rid])})

    def _h_session_assets(self, call, rid):
        self._find("sessions", rid)
        return self._paged(call.request, [v for v in self.videos.values() if v["_session"] == rid])

    def _h_categories_list(self, call):
        items = sorted(self.categories.values(), key=lambda c: c["index"])
        return self._paged(call.request, items, self._category_view)

    def _h_category_get(self, call, rid):
        if rid not in self.categories:
            raise HMPError(CATEGORY_NOT_FOUND)
        return json_response(200, {"data": self._category_view(self.categories[rid])})

    def _h_users_list(self, call):
        # Guide: only users that have a role, directly or through a group.
        return self._paged(call.request, [u for u in self.users.values() if self._roles(u)], self._user_view)

    def _h_groups_list(self, call):
        return self._paged(call.request, [g for g in self.groups.values() if g["roles"]], self._group_view)

    def _h_version(self, call):
        return json_response(200, {"data": dict(VERSION)})
