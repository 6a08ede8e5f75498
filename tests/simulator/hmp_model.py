# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Data model of the simulated Haivision Media Platform 3.5: errors, validation, views.

Everything here is pure (no HTTP, no locking) so that ``hmp.py`` stays a thin
router. The rules follow the HMP 3.5 REST API Integrator's Guide; where the
guide is silent the choice is marked "guide silent" and explained.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import json
import re
import time
import uuid

# ---------------------------------------------------------------------------
# Errors: (HTTP status, code, name, default message), as the guide lists them.
# ---------------------------------------------------------------------------
BAD_REQUEST = (400, "010000", "BadRequest", "Bad request")  # events API uses this one, not 010001
INPUT_VALIDATION = (400, "010001", "InputValidation", "Invalid input")
INVALID_FILTER = (400, "010002", "InvalidFilter", "Invalid filter")
USER_NOT_AUTHORIZED = (401, "020001", "UserNotAuthorized", "User is not authorized")
SECTION_NOT_FOUND = (404, "020029", "SectionNotFound", "Section not found")  # sic: a 02xxxx code (guide)
INVALID_CREDENTIALS = (401, "020002", "InvalidCredentials", "Invalid credentials")
# Guide silent on the code of a plain 403 (only 030003 CannotShare is listed):
# 030000 follows its xx0000 pattern (010000 BadRequest, 040000 NotFound, 070000 InternalServer).
FORBIDDEN = (403, "030000", "Forbidden", "User is not allowed to perform this action")
NOT_FOUND = (404, "040000", "NotFound", "Not Found Error")
RECORDING_NOT_FOUND = (404, "040001", "RecordingNotFound", "Active recording not found")
ASSET_NOT_FOUND = (404, "040002", "AssetNotFound", "Video not found")
ASSET_NOT_FOUND_040006 = (404, "040006", "AssetNotFound", "Video not found")  # the guide's metadata PUT table
# The guide answers some endpoints with 040002 for a missing source or session
# (metadata DELETE, session share POST): reproduced per endpoint, see hmp.py.
SOURCE_NOT_FOUND_040002 = (404, "040002", "SourceNotFound", "Source not found")
SESSION_NOT_FOUND_040002 = (404, "040002", "SessionNotFound", "Session not found")
USER_NOT_FOUND = (404, "040004", "UserNotFound", "User not found")
GROUP_NOT_FOUND = (404, "040005", "GroupNotFound", "Group not found")
SESSION_NOT_FOUND = (404, "040006", "SessionNotFound", "Session not found")
CATEGORY_NOT_FOUND = (404, "040007", "CategoryNotFound", "Category not found")
SOURCE_NOT_FOUND = (404, "040009", "SourceNotFound", "Source not found")
NO_RESULTS = (404, "040012", "NoResults", "No results")
TRACK_NOT_FOUND = (404, "040015", "TrackNotFound", "Track not found")
USER_GROUP_NOT_FOUND = (404, "040021", "UserGroupNotFound", "User or Group not found")
AUTH_SESSION_NOT_FOUND = (404, "040022", "AuthSessionNotFound", "Unknown session")
SHARE_PERMISSION_NOT_FOUND = (404, "040025", "SharePermissionNotFound", "Share permission not found")
# The guide spells the name two ways (GET: Schedule..., PUT: Scheduled...); kept per endpoint.
SCHEDULE_EVENT_NOT_FOUND = (404, "040031", "ScheduleEventNotFound", "Scheduled event not found")
SCHEDULED_EVENT_NOT_FOUND = (404, "040031", "ScheduledEventNotFound", "Scheduled event not found")
# Guide silent on the 405 payload; 050000 is the first code of its 05xxxx group.
METHOD_NOT_ALLOWED = (405, "050000", "MethodNotAllowed", "Method not allowed")
USER_HAS_NO_ROLES = (409, "060001", "UserHasNoRoles", "User has no roles assigned")
GROUP_HAS_NO_ROLES = (409, "060002", "GroupHasNoRoles", "Group has no roles assigned")
RECORDING_IN_PROGRESS = (409, "060003", "RecordingInProgress", "Recording currently in progress")
SESSION_SOURCE_EXISTS = (409, "060008", "SessionSourceAlreadyExists", "Source already added to this session")
SESSION_HAS_NO_SOURCE = (409, "060009", "SessionHasNoSource", "Session requires at least one source")
INTERNAL_SERVER = (500, "070000", "InternalServer", "Internal Server Error")
SERVICE_UNAVAILABLE = (503, "090001", "ServiceUnavailable", "Service unavailable")
UNSUPPORTED_MEDIA_TYPE = (415, "100000", "UnsupportedMediaType", "Unsupported Media Type")

# What an injected fault of a given status looks like in HMP's own format.
FAULTS = {
    400: BAD_REQUEST, 401: USER_NOT_AUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND,
    405: METHOD_NOT_ALLOWED, 409: (409, "060000", "Conflict", "Conflict"), 415: UNSUPPORTED_MEDIA_TYPE,
    500: INTERNAL_SERVER, 501: (501, "080000", "NotImplemented", "Not implemented"), 503: SERVICE_UNAVAILABLE,
}


class HMPError(Exception):
    """An HMP API error; ``hmp.py`` turns it into the guide's JSON error body."""

    def __init__(self, error, message=None):
        self.status, self.code, self.name, default = error
        self.message = message or default
        super(HMPError, self).__init__("%s %s: %s" % (self.code, self.name, self.message))

    def body(self):
        """The guide's error object."""
        return {"code": self.code, "name": self.name, "message": self.message, "httpStatusCode": self.status}

    def body_bytes(self):
        """The error object, serialised."""
        return json.dumps(self.body()).encode("utf-8")


def invalid(message):
    """A 400 010001 InputValidation error with a message that names the property."""
    return HMPError(INPUT_VALIDATION, message)


# ---------------------------------------------------------------------------
# Users, groups, roles, access permissions, categories.
# ---------------------------------------------------------------------------
ID_NAMESPACE = uuid.UUID("6f1c7e5a-2b7d-4e43-9a51-0c4d5b3e9a10")


def stable_id(kind, name):
    """Deterministic uuid for seeded principals, so tests may hard-code them across runs."""
    return str(uuid.uuid5(ID_NAMESPACE, "%s:%s" % (kind, name)))


ROLES = {
    "admin": {"id": "admin", "name": "Administrator", "admin": True, "permissions": {}},
    "creator": {"id": "creator", "name": "Content Creator", "admin": False, "permissions": {}},
    "contributor": {"id": "contributor", "name": "Content Contributor", "admin": False, "permissions": {}},
    "viewer": {"id": "viewer", "name": "Viewer", "admin": False, "permissions": {}},
    "stb": {"id": "stb", "name": "Set-Top Box", "admin": False, "permissions": {}},
}

DEFAULT_USERS = [
    {"username": "haiadmin", "password": "hmp-admin-pass", "displayName": "haiadmin", "email": "", "roles": ["admin"]},
    {"username": "editor", "password": "hmp-editor-pass", "displayName": "Edith Editor", "email": "editor@example.com",
     "roles": ["creator"], "groups": ["Operators"]},
    {"username": "viewer", "password": "hmp-viewer-pass", "displayName": "Victor Viewer", "email": "viewer@example.com",
     "roles": [], "groups": ["Viewers"]},
    # A directory user with no role of its own nor through a group: login 401, share target 409.
    {"username": "norole", "password": "hmp-norole-pass", "displayName": "No Role", "email": "", "roles": [],
     "groups": ["Contractors"]},
]

DEFAULT_GROUPS = [
    {"groupname": "Operators", "roles": ["creator"]},
    {"groupname": "Viewers", "roles": ["viewer"]},
    # Not listed by /apis/groups/enabled (no role); exists so that GroupHasNoRoles can happen.
    {"groupname": "Contractors", "roles": []},
]

# Share permissions accept WATCH, EDIT, OWN or the uuid of an admin-defined access permission.
BUILTIN_PERMISSIONS = ("WATCH", "EDIT", "OWN")
ACCESS_PERMISSIONS = [{"id": stable_id("permission", "MOBILEDOWNLOAD"), "name": "MOBILEDOWNLOAD"}]

DEFAULT_CATEGORIES = [
    {"label": "Room Number", "values": ["101", "102", "201", "202"], "multipleValues": False,
     "allowCustomValues": True, "index": 1, "group": "Location"},
    {"label": "Department", "values": ["Engineering", "Sales", "Support", "Training"], "multipleValues": True,
     "allowCustomValues": False, "index": 2, "group": "Teams"},
]

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def build_principals(users, groups):
    """Normalise the constructor's users/groups into records keyed by id (creation order kept)."""
    group_records = {}
    for spec in groups if groups is not None else DEFAULT_GROUPS:
        spec = {"groupname": spec} if isinstance(spec, str) else spec
        name = spec["groupname"]
        gid = spec.get("id") or stable_id("group", name)
        group_records[gid] = {"id": gid, "groupname": name, "roles": list(spec.get("roles", []))}
    by_name = dict((g["groupname"], g["id"]) for g in group_records.values())
    user_records = {}
    for spec in users if users is not None else DEFAULT_USERS:
        name = spec["username"]
        uid = spec.get("id") or stable_id("user", name)
        member_of = []
        for group in spec.get("groups", []):
            if group not in by_name:
                raise ValueError("user %s: unknown group %s" % (name, group))
            member_of.append(by_name[group])
        user_records[uid] = {"id": uid, "username": name, "password": spec.get("password", name + "-pass"),
                             "displayName": spec.get("displayName", name), "email": spec.get("email", ""),
                             "roles": list(spec.get("roles", [])), "groups": member_of}
    return user_records, group_records


# ---------------------------------------------------------------------------
# Small validators. Each names the offending property, as HMP's messages do.
# ---------------------------------------------------------------------------
def is_int(value):
    """A JSON integer (Python's bool is an int, JSON's true is not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value):
    """A JSON number, booleans excluded."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def require_object(body, what="Request body"):
    """The body itself when it is a JSON object, else 400 InputValidation."""
    if not isinstance(body, dict):
        raise invalid("%s must be a JSON object" % what)
    return body


def _string(body, key, required=False, default=None, error=INPUT_VALIDATION):
    value = body.get(key)
    if value is None:
        if required:
            raise HMPError(error, '"%s" is required' % key)
        return default
    if not isinstance(value, str) or (required and not value.strip()):
        raise HMPError(error, '"%s" must be a non-empty string' % key if required else '"%s" must be a string' % key)
    return value


def _text(body, key, trim, required=False):
    """A name or free text as stored: ``trim``, the platform trims its edge whitespace (guide silent)."""
    value = _string(body, key, required=required)
    return value.strip() if trim and value is not None else value


def _boolean(body, key, required=False, default=False, error=INPUT_VALIDATION):
    value = body.get(key)
    if value is None:
        if required:
            raise HMPError(error, '"%s" is required' % key)
        return default
    if not isinstance(value, bool):
        raise HMPError(error, '"%s" must be a boolean' % key)
    return value


def _integer(body, key, bounds, required=False, default=None):
    value = body.get(key)
    if value is None:
        if required:
            raise invalid('"%s" is required' % key)
        return default
    if not is_number(value) or not float(value).is_integer() or not bounds[0] <= value <= bounds[1]:
        raise invalid('"%s" must be an integer between %d and %d' % (key, bounds[0], bounds[1]))
    return int(value)


def _choice(body, key, choices, required=False, error=INPUT_VALIDATION):
    """The value if one of ``choices``; None when absent and not required."""
    value = body.get(key)
    if value is None:
        if required:
            raise HMPError(error, '"%s" is required (one of %s)' % (key, ", ".join(choices)))
        return None
    if value not in choices:
        raise HMPError(error, '"%s" must be one of %s' % (key, ", ".join(choices)))
    return value


def check_immutable_id(body, current_id):
    """Guide, JSON Properties: assigning or changing an immutable property is an error."""
    given = body.get("id")
    if given is not None and given != current_id:
        raise invalid('"id" is immutable' if current_id else '"id" is immutable and cannot be assigned')


# ---------------------------------------------------------------------------
# Sources.
# ---------------------------------------------------------------------------
SOURCE_TYPES = ("UDP", "SRT")
SRT_MODES = ("CALLER", "LISTENER", "RENDEZVOUS")
SRT_DEFAULT_LATENCY = 125
# Guide silent on ranges: Haivision's usual SRT bounds (latency 20-8000 ms, passphrase 10-79 chars).
SRT_LATENCY_RANGE = (20, 8000)
SRT_PASSPHRASE_LENGTH = (10, 79)
ANY_HOST = "0.0.0.0"


def build_source(body, trim=False):
    """Settable fields of a source from a POST or PUT body, in HMP's key order.

    An optional property left out is unset: it is not stored and the API does
    not report it (the guide's own examples show sources without
    ``description``, ``continuous`` or ``latency``), the platform applying its
    default. That is the guide's rule for PUT too ("the server uses the default
    value"), so an edit that omits ``description`` or ``latency`` silently
    drops them. Text is stored exactly as sent; ``trim``: the name and the
    description lose their edge whitespace (a platform that trims).
    """
    require_object(body)
    name = _text(body, "name", trim, required=True)
    source_type = _choice(body, "type", SOURCE_TYPES, required=True)
    # Guide silent on a mode sent with a UDP source: an enumeration value is refused wherever it is
    # given, so a client cannot send an empty or unknown one unnoticed.
    mode = _choice(body, "mode", SRT_MODES, required=source_type == "SRT")
    host = _string(body, "host")
    if host is not None and (not host.strip() or " " in host):
        raise invalid('"host" must be a host name or an IP address')
    port = _integer(body, "port", (1, 65535), required=True)
    optional = {}
    description = _text(body, "description", trim)
    if description is not None:
        optional["description"] = description
    if source_type == "UDP":
        multicast = _boolean(body, "multicast", required=True)
        if multicast and not host:
            raise invalid('"host" is required for a multicast UDP source')
        record = {"name": name, "type": "UDP", "host": host or ANY_HOST, "port": port, "multicast": multicast}
        record.update(optional)
        if body.get("continuous") is not None:
            record["continuous"] = _boolean(body, "continuous")
        return record
    if mode != "LISTENER" and not host:
        raise invalid('"host" is required for an SRT source in %s mode' % mode)
    record = {"name": name, "type": "SRT", "host": host or ANY_HOST, "port": port, "mode": mode}
    latency = _integer(body, "latency", SRT_LATENCY_RANGE)
    if latency is not None:
        record["latency"] = latency
    passphrase = _string(body, "passphrase")
    if passphrase and not SRT_PASSPHRASE_LENGTH[0] <= len(passphrase) <= SRT_PASSPHRASE_LENGTH[1]:
        raise invalid('"passphrase" must be %d to %d characters long' % SRT_PASSPHRASE_LENGTH)
    if passphrase is not None:
        record["passphrase"] = passphrase
    record.update(optional)
    _boolean(body, "continuous")  # type-checked, then forced: "value forced to true for SRT"
    record["continuous"] = True
    return record


# ---------------------------------------------------------------------------
# Sessions.
# ---------------------------------------------------------------------------
SESSION_OPTIONAL = ("description", "distributionPolicies")


def build_session(body, trim=False):
    """Settable fields of a session (same PUT rule as sources; ``trim`` as there, for title and description).

    ``description`` and ``distributionPolicies`` left out are unset and not
    reported; ``active`` and ``syncrecord`` are always reported, false by
    default (the guide's create example shows ``active: false`` it was not sent).
    """
    require_object(body)
    fields = {"title": _text(body, "title", trim, required=True)}
    description = _text(body, "description", trim)
    if description is not None:
        fields["description"] = description
    fields.update(active=_boolean(body, "active"), syncrecord=_boolean(body, "syncrecord"))
    policies = body.get("distributionPolicies")
    if policies is not None:
        if not isinstance(policies, list) or not all(isinstance(p, str) and UUID_RE.match(p) for p in policies):
            raise invalid('"distributionPolicies" must be an array of UUIDs')
        fields["distributionPolicies"] = list(policies)
    return fields


# ---------------------------------------------------------------------------
# Metadata.
# ---------------------------------------------------------------------------
FIELD_VALUE_KEYS = {"STRING": "valueString", "INT32": "valueInt32", "UINT32": "valueUint32"}
FIELD_RANGES = {"INT32": (-2 ** 31, 2 ** 31 - 1), "UINT32": (0, 2 ** 32 - 1)}


def validate_metadata(body):
    """A full metadata set (PUT replaces the whole set), normalised to name + typed fields."""
    if not isinstance(body, list):
        raise invalid("Metadata must be a JSON array of entries")
    seen = set()
    entries = []
    for index, entry in enumerate(body):
        if not isinstance(entry, dict):
            raise invalid("metadata[%d] must be an object" % index)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise invalid('metadata[%d]: "name" is required' % index)
        if name in seen:  # guide silent; entries are keyed by name, so a duplicate is ambiguous
            raise invalid('metadata "%s" appears more than once' % name)
        seen.add(name)
        fields = entry.get("field")
        if not isinstance(fields, list) or not fields:
            raise invalid('metadata "%s": "field" must be a non-empty array' % name)
        normalised = []
        for field in fields:
            normalised.append(_validate_field(name, field))
        entries.append({"name": name, "field": normalised})
    return entries


def _validate_field(name, field):
    if not isinstance(field, dict):
        raise invalid('metadata "%s": each field must be an object' % name)
    field_type = field.get("fieldType")
    if field_type not in FIELD_VALUE_KEYS:
        raise invalid('metadata "%s": "fieldType" must be one of STRING, INT32, UINT32' % name)
    key = FIELD_VALUE_KEYS[field_type]
    value = field.get(key)
    if field_type == "STRING":
        if not isinstance(value, str):
            raise invalid('metadata "%s": "%s" must be a string' % (name, key))
    else:
        low, high = FIELD_RANGES[field_type]
        if not is_int(value) or not low <= value <= high:
            raise invalid('metadata "%s": "%s" must be an integer between %d and %d' % (name, key, low, high))
    return {"fieldType": field_type, key: value}


def string_entry(name, value):
    """A metadata entry with one STRING field."""
    return {"name": name, "field": [{"fieldType": "STRING", "valueString": value}]}


def build_video(rid, title, description, session_id, tracks, account, recording):
    """A video (asset) record with the metadata of the guide's example (creator, session recorded from)."""
    now = int(time.time())
    metadata = [string_entry("calypso:creator", account["username"])]
    if session_id:
        metadata.append(string_entry("calypso:recorded_from_session", session_id))
    metadata.append(string_entry("calypso:creatorDisplayName", account["displayName"]))
    return {"id": rid, "title": title, "description": description, "active": False, "ctime": now, "mtime": now,
            "duration": 0, "recording": recording, "trimming": False, "importing": False, "movieTrackCount": tracks,
            "_session": session_id, "_metadata": metadata, "_shares": {}, "_publicshare": None}


def metadata_from_simple(data):
    """Seed convenience: ``{name: value | [values] | {"value": v, "type": T}}`` to API entries."""
    if isinstance(data, list):
        return validate_metadata(data)
    entries = []
    for name, values in data.items():
        fields = []
        for item in values if isinstance(values, list) else [values]:
            if isinstance(item, dict):
                field_type, value = item.get("type", "STRING"), item.get("value")
            else:
                field_type, value = ("INT32" if is_int(item) else "STRING"), item
            fields.append({"fieldType": field_type, FIELD_VALUE_KEYS.get(field_type, "valueString"): value})
        entries.append({"name": name, "field": fields})
    return validate_metadata(entries)


# ---------------------------------------------------------------------------
# Shares.
# ---------------------------------------------------------------------------
SHARE_TYPES = ("USER", "GROUP")


def parse_share(body, share_id=None, current_type=None):
    """(shareType, permission) of a share POST (share_id None) or PUT body."""
    require_object(body)
    if share_id is None:
        share_type = _choice(body, "shareType", SHARE_TYPES, required=True)
        if not body.get("id") and not body.get("name"):
            raise invalid('Either "id" or "name" must be present')
    else:
        # shareType and id are immutable: a PUT may repeat them, not change them.
        share_type = _choice(body, "shareType", SHARE_TYPES) or current_type
        if share_type != current_type:
            raise invalid('"shareType" is immutable')
        if body.get("id") is not None and body.get("id") != share_id:
            raise invalid('"id" is immutable')
    permission = _string(body, "permission", required=True)
    if permission not in BUILTIN_PERMISSIONS and not UUID_RE.match(permission):
        raise invalid('"permission" must be WATCH, EDIT, OWN or the uuid of an access permission')
    return share_type, permission


# ---------------------------------------------------------------------------
# Scheduled events (the events API answers 010000 BadRequest on bad input).
# ---------------------------------------------------------------------------
EVENT_TYPES = ("one-time", "weekly-recurring")
EVENT_COMMANDS = ("set-live", "record")
WEEK_DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def _event_number(body, key, required):
    value = body.get(key)
    if value is None:
        if required:
            raise HMPError(BAD_REQUEST, '"%s" is required' % key)
        return 0  # guide silent on the default duration; 0 keeps the PUT-resets rule visible
    if not is_number(value) or value < 0:
        raise HMPError(BAD_REQUEST, '"%s" must be a number of seconds >= 0' % key)
    return value


def build_event(body, session_id, event_id, creating):
    """A scheduled event of a session from a POST (creating) or PUT body."""
    if not isinstance(body, dict):
        raise HMPError(BAD_REQUEST, "Request body must be a JSON object")
    if not creating and body.get("id") is not None and body.get("id") != event_id:
        raise HMPError(BAD_REQUEST, '"id" is immutable')
    # "module" is required, but the guide's own PUT example omits it: required on POST only.
    module = _choice(body, "module", ("session",), required=creating, error=BAD_REQUEST) or "session"
    start = _event_number(body, "startTime", True)
    duration = _event_number(body, "duration", False)
    event_type = _choice(body, "type", EVENT_TYPES, required=True, error=BAD_REQUEST)
    type_data = body.get("typeData")
    days = type_data.get("days") if isinstance(type_data, dict) else None
    if (type_data is not None and not isinstance(type_data, dict)) or (
            days is not None and (not isinstance(days, list) or any(d not in WEEK_DAYS for d in days))):
        raise HMPError(BAD_REQUEST, '"typeData.days" must be a list of %s' % ", ".join(WEEK_DAYS))
    if event_type == "weekly-recurring" and not days:
        raise HMPError(BAD_REQUEST, '"typeData.days" is required for a weekly-recurring event')
    command = _choice(body, "command", EVENT_COMMANDS, required=True, error=BAD_REQUEST)
    parameters = body.get("parameters")
    if parameters is None and command == "set-live":
        raise HMPError(BAD_REQUEST, '"parameters" is required when "command" is set-live')
    if parameters is not None and (not isinstance(parameters, dict) or not isinstance(parameters.get("record", False), bool)):
        raise HMPError(BAD_REQUEST, '"parameters" must be an object whose "record" is a boolean')
    active = _boolean(body, "active", required=True, error=BAD_REQUEST)
    return {"moduleId": session_id, "module": module, "startTime": start, "duration": duration, "type": event_type,
            "typeData": copy.deepcopy(type_data) if type_data is not None else {}, "command": command,
            "parameters": copy.deepcopy(parameters) if parameters is not None else {}, "active": active, "id": event_id}


# ---------------------------------------------------------------------------
# Views: what the API shows of a record. Internal keys start with "_".
# ---------------------------------------------------------------------------
def public(record):
    """What the API shows of a record: a deep copy without the ``_`` internal keys."""
    return dict((k, copy.deepcopy(v)) for k, v in record.items() if not k.startswith("_"))


# ---------------------------------------------------------------------------
# The platform's data and the operations the API and the admin side channel share.
# ---------------------------------------------------------------------------
KINDS = {"sources": ("sources", SOURCE_NOT_FOUND), "sessions": ("sessions", SESSION_NOT_FOUND),
         "assets": ("videos", ASSET_NOT_FOUND), "sections": ("sections", SECTION_NOT_FOUND)}


class HMPPlatform(object):  # pylint: disable=too-many-instance-attributes  # one store per resource kind
    """Sources, sessions, recordings, schedule, users and groups of one platform.

    A mixin of ``hmp.HMPDevice`` (which adds HTTP); callers hold ``self.lock``.
    Records are dicts whose ``_``-prefixed keys (metadata, shares, ...) are
    never shown by the API.
    """

    def __init__(self, users=None, groups=None, session_ttl=1800.0):
        self._user_specs = users
        self._group_specs = groups
        self._initial_ttl = float(session_ttl)
        self.session_ttl = self._initial_ttl
        self.users, self.groups = build_principals(users, groups)
        self.auth = {}  # cookie value -> {"username", "last_used", "created"}
        self.counters = {}
        self.sources = {}
        self.sessions = {}
        self.recordings = {}  # active (RECORDING or PAUSED) only
        self.videos = {}  # assets: one per recording, finished once it stops
        self.sections = {}  # feeds (hmp_library.py)
        self.events = {}
        self.categories = {}
        self.access_permissions = {}
        self._recorder_seq = 0
        self.reset()

    def reset(self):
        """Back to the constructor's users and groups, with no content and no auth session."""
        self.session_ttl = self._initial_ttl
        self.users, self.groups = build_principals(self._user_specs, self._group_specs)
        self.auth = {}
        self.counters = {"logins": 0, "logouts": 0, "expired": 0, "failed_logins": 0}
        self.sources = {}
        self.sessions = {}
        self.recordings = {}
        self.videos = {}
        self.sections = {}
        self.events = {}
        self.categories = {}
        for spec in DEFAULT_CATEGORIES:
            cid = stable_id("category", spec["label"])
            self.categories[cid] = dict(spec, id=cid)
        self.access_permissions = dict((p["id"], dict(p)) for p in ACCESS_PERMISSIONS)
        self._recorder_seq = 0

    def _user_by_name(self, username):
        for user in self.users.values():
            if user["username"] == username:
                return user
        return None

    def _roles(self, principal):
        """Roles of a user (own and through its groups) or of a group."""
        roles = set(principal["roles"])
        for gid in principal.get("groups", []):
            roles.update(self.groups[gid]["roles"])
        return roles

    def _find(self, kind, rid, error=None):
        store, missing = KINDS[kind]
        record = getattr(self, store).get(rid)
        if record is None:
            raise HMPError(error or missing)
        return record

    @staticmethod
    def _touch(record):
        record["mtime"] = int(time.time())

    def _source_view(self, record):
        view = public(record)
        # "bitrate" is live and ignored on writes: it moves under the client, as a real feed's does.
        view["bitrate"] = 4500000 + int(time.time() * 1000) % 1000000 if record["active"] else 0
        return view

    def _new_source(self, fields, creator, sid=None):
        now = int(time.time())
        record = dict(fields)
        record.update({"id": sid or str(uuid.uuid4()), "active": True, "bitrate": 0, "ctime": now, "mtime": now,
                       "_metadata": [string_entry("calypso:creator", creator)], "_shares": {}})
        self.sources[record["id"]] = record
        return record

    def _share_view(self, principal_id, share):
        principal = self.users.get(principal_id) or self.groups.get(principal_id) or {}
        is_user = share["shareType"] == "USER"
        return {"id": principal_id, "shareType": share["shareType"], "permission": share["permission"],
                "name": principal.get("username" if is_user else "groupname"),
                "email": (principal.get("email") or None) if is_user else None}

    def _principal(self, share_type, pid, name):
        """The user or group a share names; id wins over name (guide)."""
        pool, key, missing = ((self.users, "username", USER_NOT_FOUND) if share_type == "USER"
                              else (self.groups, "groupname", GROUP_NOT_FOUND))
        if pid:
            principal = pool.get(pid)
        else:
            principal = next((p for p in pool.values() if p[key].lower() == str(name).lower()), None)
        if principal is None:
            raise HMPError(missing)
        if not self._roles(principal):
            raise HMPError(USER_HAS_NO_ROLES if share_type == "USER" else GROUP_HAS_NO_ROLES)
        return principal

    def _check_permission(self, permission):
        if permission not in BUILTIN_PERMISSIONS and permission not in self.access_permissions:
            raise HMPError(SHARE_PERMISSION_NOT_FOUND)

    def _get_share(self, record, share_id):
        if share_id not in record["_shares"]:
            raise HMPError(USER_GROUP_NOT_FOUND)
        return record["_shares"][share_id]

    def _new_session(self, fields, creator, sid=None):
        now = int(time.time())
        account = self._user_by_name(creator) or {"username": creator, "displayName": creator}
        record = dict(fields)
        record.update({"ctime": now, "mtime": now, "duration": 0, "id": sid or str(uuid.uuid4()),
                       "movieTrackCount": 0, "sources": [], "recording": False,
                       "_metadata": [string_entry("calypso:creator", account["username"]),
                                     string_entry("calypso:creatorDisplayName", account["displayName"])],
                       "_shares": {}, "_publicshare": None})
        self.sessions[record["id"]] = record
        return record

    def _session_matches(self, session, text):
        if not text:
            return True
        creators = [f.get("valueString", "") for e in session["_metadata"] if e["name"] == "calypso:creator"
                    for f in e["field"]]
        return any(text in value.lower() for value in [session["title"], session.get("description", "")] + creators)

    def _recording_view(self, recording):
        view = public(recording)
        elapsed = recording["_elapsed"]
        if recording["state"] == "RECORDING":
            elapsed += time.time() - recording["_since"]
        view["duration"] = round(elapsed, 3)
        return view

    def _start_recording(self, session, sources, username):
        now = time.time()
        rid = str(uuid.uuid4())
        recorders = []
        for index, source in enumerate(sources):
            self._recorder_seq += 1
            recorders.append({"source": source, "chunk": "asset-chunk://%s/%d/0/0" % (rid, index + 3),
                              "id": str(self._recorder_seq), "state": "RECORDING"})
        recording = {"id": rid, "session": session["id"], "username": username, "state": "RECORDING", "duration": 0,
                     "recorders": recorders, "ctime": int(now), "title": session["title"], "_elapsed": 0.0, "_since": now}
        self.recordings[rid] = recording
        # The video (asset) exists from the start, "recording": true until the recording stops.
        account = self._user_by_name(username) or {"username": username, "displayName": username}
        self.videos[rid] = build_video(rid, session["title"], session.get("description", ""), session["id"], len(recorders),
                                       account, recording=True)
        self._sync_recording_flag(session)
        return recording

    @staticmethod
    def _set_recording_state(recording, state):
        """PAUSED or RECORDING; the duration only counts recorded time."""
        now = time.time()
        if recording["state"] == "RECORDING" and state == "PAUSED":
            recording["_elapsed"] += now - recording["_since"]
        elif recording["state"] == "PAUSED" and state == "RECORDING":
            recording["_since"] = now
        recording["state"] = state
        for recorder in recording["recorders"]:
            recorder["state"] = state

    def _stop_recording(self, rid):
        recording = self.recordings.pop(rid)
        video = self.videos[rid]
        video.update({"recording": False, "duration": self._recording_view(recording)["duration"],
                      "mtime": int(time.time())})
        session = self.sessions.get(recording["session"])
        if session is not None:
            self._sync_recording_flag(session)

    def _sync_recording_flag(self, session):
        """Keep ``recording`` and the ``calypso:recording`` metadata entry (guide example) in step."""
        active = [r for r in self.recordings.values() if r["session"] == session["id"]]
        session["recording"] = bool(active)
        metadata = [e for e in session["_metadata"] if e["name"] != "calypso:recording"]
        if active:
            metadata.append(string_entry("calypso:recording", active[-1]["id"]))
        session["_metadata"] = metadata

    def _find_recording(self, rid):
        if rid not in self.recordings:
            raise HMPError(RECORDING_NOT_FOUND)
        return self.recordings[rid]

    def _event_view(self, event):
        # The list examples carry the session title; the single-event ones do not.
        view = public(event)
        session = self.sessions.get(event["moduleId"])
        view["title"] = session["title"] if session else ""
        return view

    def _category_view(self, category):
        """A category with ``customValues``: values in use on sessions and videos that are not predefined."""
        view = dict(category)
        name = "calypso:category:" + category["label"]
        custom = []
        for session in list(self.sessions.values()) + list(self.videos.values()):
            for entry in session["_metadata"]:
                if entry["name"] == name:
                    custom.extend(f.get("valueString") for f in entry["field"])
        view["customValues"] = sorted(set(v for v in custom if v is not None and v not in category["values"]))
        view["values"] = list(category["values"])
        return view

    def _principal_shares(self, pid):
        shares = {"assets": {}, "sessions": {}, "sources": {}}
        for kind, store in (("assets", "videos"), ("sessions", "sessions"), ("sources", "sources")):
            for rid, record in getattr(self, store).items():
                if pid in record["_shares"]:
                    shares[kind][rid] = {"mode": record["_shares"][pid]["permission"]}
        return shares

    def _user_view(self, account):
        return {"assets": [], "displayName": account["displayName"], "dn": "cn=%s,dc=calypso,dc=haivision,dc=com" % account["username"],
                "email": account["email"], "id": account["id"], "roles": sorted(self._roles(account)), "sessions": [],
                "shares": self._principal_shares(account["id"]), "username": account["username"]}

    def _group_view(self, group):
        return {"baseDn": "dc=calypso,dc=haivision,dc=com", "dn": "CN=%s,DC=calypso,DC=haivision,DC=com" % group["groupname"],
                "groupname": group["groupname"], "id": group["id"], "roles": list(group["roles"]),
                "shares": self._principal_shares(group["id"])}

    def _prune_sessions(self):
        now = time.time()
        for sid in [s for s, r in self.auth.items() if now - r["last_used"] >= self.session_ttl]:
            del self.auth[sid]
            self.counters["expired"] += 1

    # -- snapshots and seeding (admin side channel) -------------------------
    def auth_stats(self):
        """Auth-session counters for ``GET /_sim/hmp/sessions`` (expired ones pruned first)."""
        self._prune_sessions()
        stats = dict(self.counters)
        stats.update({"open": len(self.auth), "ttl": self.session_ttl,
                      "users": sorted(r["username"] for r in self.auth.values())})
        return stats

    def expire_all(self):
        """End every auth session now, as if each one had timed out."""
        count = len(self.auth)
        self.auth.clear()
        self.counters["expired"] += count
        return count

    def _source_state(self, record):
        state = public(record)  # the sim's own view: passphrases included
        state["metadata"] = copy.deepcopy(record["_metadata"])
        state["shares"] = [self._share_view(pid, s) for pid, s in record["_shares"].items()]
        return state

    def _session_state(self, record):
        state = public(record)
        state["metadata"] = copy.deepcopy(record["_metadata"])
        state["shares"] = [self._share_view(pid, s) for pid, s in record["_shares"].items()]
        state["publicshare"] = record["_publicshare"] is not None
        state["recordings"] = [r for r, rec in self.recordings.items() if rec["session"] == record["id"]]
        state["events"] = [public(e) for e in self.events.values() if e["moduleId"] == record["id"]]
        return state

    def state(self):
        """The simulator's complete view, secrets included (``GET /_sim/state``)."""
        return {
            "sources": dict((rid, self._source_state(r)) for rid, r in self.sources.items()),
            "sessions": dict((rid, self._session_state(r)) for rid, r in self.sessions.items()),
            "recordings": dict((rid, self._recording_view(r)) for rid, r in self.recordings.items()),
            "videos": dict((vid, dict(public(v), session=v["_session"])) for vid, v in self.videos.items()),
            "events": dict((eid, public(e)) for eid, e in self.events.items()),
            "users": dict((uid, {"username": u["username"], "password": u["password"], "displayName": u["displayName"],
                                 "email": u["email"], "roles": sorted(self._roles(u)),
                                 "groups": [self.groups[g]["groupname"] for g in u["groups"]]})
                          for uid, u in self.users.items()),
            "groups": dict((gid, {"groupname": g["groupname"], "roles": list(g["roles"])}) for gid, g in self.groups.items()),
            "categories": dict((cid, self._category_view(c)) for cid, c in self.categories.items()),
            "accessPermissions": [dict(p) for p in self.access_permissions.values()],
            "auth": self.auth_stats(),
        }

    def seed(self, data):
        """Create sources then sessions; answers ``{"sources": [ids], "sessions": [ids]}`` in order.

        A source item is a source POST body plus optional ``id``, ``creator``,
        ``metadata`` and ``shares``; a session item is a session POST body plus
        optional ``id``, ``creator``, ``sources`` (names or ids), ``metadata``
        (API entry list or ``{name: value | [values] | {"value", "type"}}``,
        replacing the creator entries), ``shares`` (``{name | id, type |
        shareType, permission}``), ``publicshare`` (bool), ``events`` (event
        POST bodies) and ``recording`` (bool: start a recording of all its sources).
        ``groups`` and ``users`` (the constructor's specs) add directory principals
        until the next reset; their ids come back as ``groups`` and ``users``.
        """
        if not isinstance(data, dict) or set(data) - set(("sources", "sessions", "groups", "users")):
            raise ValueError("seed data must be an object with 'sources', 'sessions', 'groups' and/or 'users' lists")
        created = {"sources": [], "sessions": []}
        if data.get("groups") or data.get("users"):
            created.update(self._seed_principals(data.get("users") or [], data.get("groups") or []))
        try:
            for spec in data.get("sources") or []:
                created["sources"].append(self._seed_source(spec)["id"])
            for spec in data.get("sessions") or []:
                created["sessions"].append(self._seed_session(spec)["id"])
        except HMPError as exc:
            raise ValueError("seed item rejected: %s" % exc) from exc
        return created

    def _seed_principals(self, users, groups):
        known = [{"groupname": g["groupname"], "id": gid, "roles": g["roles"]} for gid, g in self.groups.items()]
        new_users, all_groups = build_principals(users, known + list(groups))
        if len(all_groups) != len(known) + len(groups) or set(new_users) & set(self.users):
            raise ValueError("a seeded user or group already exists")
        new_groups = [gid for gid in all_groups if gid not in self.groups]
        self.groups = all_groups
        self.users.update(new_users)
        return {"groups": new_groups, "users": list(new_users)}

    @staticmethod
    def _split_seed(spec, extra_keys):
        if not isinstance(spec, dict):
            raise ValueError("each seed item must be an object")
        body = dict((k, v) for k, v in spec.items() if k not in extra_keys)
        return body, dict((k, v) for k, v in spec.items() if k in extra_keys)

    def _seed_source(self, spec):
        body, extras = self._split_seed(spec, ("id", "creator", "metadata", "shares"))
        if extras.get("id") in self.sources:
            raise ValueError("source id %s already exists" % extras["id"])
        record = self._new_source(build_source(body), extras.get("creator", "haiadmin"), extras.get("id"))
        self._apply_extras(record, extras)
        return record

    def _seed_session(self, spec):
        body, extras = self._split_seed(spec, ("id", "creator", "sources", "metadata", "shares", "publicshare",
                                               "events", "recording"))
        if extras.get("id") in self.sessions:
            raise ValueError("session id %s already exists" % extras["id"])
        creator = extras.get("creator", "haiadmin")
        record = self._new_session(build_session(body), creator, extras.get("id"))
        self._apply_extras(record, extras)
        for event in extras.get("events") or []:
            event = build_event(dict({"module": "session"}, **event), record["id"], str(uuid.uuid4()), creating=True)
            self.events[event["id"]] = event
        if extras.get("recording"):
            self._start_recording(record, list(record["sources"]), creator)
        return record

    def _resolve_source(self, ref):
        if ref in self.sources:
            return ref
        matches = [rid for rid, s in self.sources.items() if s["name"] == ref]
        if len(matches) != 1:
            raise ValueError("source %r is %s" % (ref, "ambiguous" if matches else "unknown"))
        return matches[0]

    def _apply_extras(self, record, extras):
        """Seed/edit keys that are not plain fields: metadata, shares, sources, publicshare."""
        if "metadata" in extras:
            record["_metadata"] = metadata_from_simple(extras["metadata"] or [])
        if "shares" in extras:
            record["_shares"] = {}
            for share in extras["shares"] or []:
                share_type = share.get("shareType") or share.get("type") or "USER"
                principal = self._principal(share_type, share.get("id"), share.get("name"))
                permission = share.get("permission", "WATCH")
                self._check_permission(permission)
                record["_shares"][principal["id"]] = {"shareType": share_type, "permission": permission}
        if "sources" in extras and "_publicshare" in record:
            record["sources"] = []
            for ref in extras["sources"] or []:
                source_id = self._resolve_source(ref)
                if source_id not in record["sources"]:
                    record["sources"].append(source_id)
            record["movieTrackCount"] = len(record["sources"])
        if "publicshare" in extras and "_publicshare" in record:
            record["_publicshare"] = {"permission": "WATCH"} if extras["publicshare"] else None

    def admin_edit(self, kind, rid, fields):
        """Change a source or session behind the client's back, without the API's validation."""
        if kind not in ("sources", "sessions"):
            raise ValueError("kind must be 'sources' or 'sessions'")
        record = getattr(self, kind).get(rid)
        if record is None:
            raise KeyError("no %s with id %s" % (kind[:-1], rid))
        if not isinstance(fields, dict):
            raise ValueError("fields must be an object")
        special = ("metadata", "shares", "sources", "publicshare") if kind == "sessions" else ("metadata", "shares")
        for key, value in fields.items():
            if key == "id" or key.startswith("_"):
                raise ValueError("%s cannot be edited" % key)
            if key not in special:
                record[key] = copy.deepcopy(value)
        self._apply_extras(record, dict((k, v) for k, v in fields.items() if k in special))
        self._touch(record)
        return self._source_state(record) if kind == "sources" else self._session_state(record)

    def admin_record(self, session_id, sources=None, username="haiadmin"):
        """Start a recording as the web UI would; unlike the API, a session without sources may record."""
        session = self.sessions.get(session_id)
        if session is None:
            raise KeyError("no session with id %s" % session_id)
        chosen = list(session["sources"]) if sources is None else [self._resolve_source(s) for s in sources]
        return self._recording_view(self._start_recording(session, chosen, username))

    def admin_pause(self, recording_id, paused=True):
        """Pause (or with ``paused`` false resume) an active recording as the web UI would."""
        recording = self.recordings.get(recording_id)
        if recording is None:
            raise KeyError("no active recording %s" % recording_id)
        self._set_recording_state(recording, "PAUSED" if paused else "RECORDING")
        return self._recording_view(recording)

    def admin_stop(self, session_id=None, recording_id=None):
        """Stop one recording, or all of a session's; answers the stopped ids."""
        ids = [recording_id] if recording_id else [r for r, rec in self.recordings.items() if rec["session"] == session_id]
        for rid in ids:
            if rid not in self.recordings:
                raise KeyError("no active recording %s" % rid)
            self._stop_recording(rid)
        return ids
