# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the HMP planners share: identity, write ranks, the parts a change is built of.

A planner reads, compares and returns the one change record
(_common/change.py) whose writes are the requests it will send. A session is
planned part by part (its own fields, sources, metadata, shares, public share,
schedule): each ``Part`` holds one part's compared values and requests, and
the parts together make the session's one Change.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient, quote_id
from ansible_collections.haivision.media.plugins.module_utils._common.change import Change, Write
from ansible_collections.haivision.media.plugins.module_utils._common.identity import Directory, match_one
from ansible_collections.haivision.media.plugins.module_utils._common.kind import Kind
from ansible_collections.haivision.media.plugins.module_utils._common.transport import ApiError

SOURCES_PATH = "/apis/sources"
SESSIONS_PATH = "/apis/sessions"
ASSETS_PATH = "/apis/assets"
SECTIONS_PATH = "/apis/sections"
PATHS = {"sources": SOURCES_PATH, "sessions": SESSIONS_PATH, "assets": ASSETS_PATH, "sections": SECTIONS_PATH}
KEYS = {"sources": "name", "sessions": "title", "assets": "title", "sections": "name"}
SINGULAR = {"sources": "source", "sessions": "session", "assets": "asset", "sections": "section"}

# Write ranks across a line-up: sources are written before the sessions that
# use them, and removed after them.
SOURCE_WRITE, SESSION_WRITE, SESSION_DELETE, SOURCE_DELETE = range(4)


def identity_spec(key):
    """The options that say which resource a task is about: ``name``/``title``, ``id``, ``state``."""
    return {
        key: dict(type="str"),
        "id": dict(type="str"),
        "state": dict(type="str", choices=["present", "absent"], default="present"),
    }


def find_one(client, kind, value=None, resource_id=None, entries=None):
    """The resource with this id, or the only one whose name (title) is ``value``; None when there is none.

    By id without a list already read, the resource's own GET answers (404:
    none). Otherwise the whole paged collection is matched (``entries`` when
    the caller already read it) with the one matching rule.
    """
    if resource_id and entries is None:
        try:
            return client.get_one("%s/%s" % (PATHS[kind], quote_id(resource_id)), resource_id)
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise
    entries = client.list_all(PATHS[kind]) if entries is None else entries
    return match_one(entries, KEYS[kind], value, "id", resource_id, SINGULAR[kind])


class HMPKind(Kind):
    """An HMP resource kind (the kind contract, _common/kind.py): ids are ``id``, one login per run."""

    id_key = "id"
    client_class = HMPClient

    def path(self, resource_id):
        return "%s/%s" % (PATHS[self.kind], quote_id(resource_id))

    def list_collection(self):
        return self.client.list_all(PATHS[self.kind])

    def locate(self, params, listed=None):
        """By id the resource's own GET answers (no list); else the one matching rule on the list."""
        return find_one(self.client, self.kind, params.get(self.key), params.get("id"), entries=listed)

    @property
    def directory(self):
        """The run's one source list (a session names its sources by name or id)."""
        return self.shared.get("sources", lambda: source_directory(self.client, listed=self.shared.listed.get("sources")))


def source_directory(client, listed=None):
    """The list-once resolver of the platform's sources (a session names them by name or id).

    It resolves any collection whose items are named by ``name``: sections too.
    """
    known = {"sources": listed} if listed is not None else None
    return Directory(lambda kind: client.list_all(PATHS[kind]), "HMP", key="name", id_key="id", known=known)


def real_id(value, context):
    """The id a placeholder stands for once its create was sent (the value itself otherwise)."""
    return (context or {}).get("created", {}).get(value, value)


class Part:
    """The plan of one part of a resource: part of building its one Change.

    ``before``/``after``: the compared values by option (canonical forms);
    ``actions``: the requests that make it so, as (method, path suffix, body),
    the suffix relative to the resource's own path; ``view``: how the module's
    result shows the part afterwards (what check mode answers).
    """

    def __init__(self, fields, options, before, after, actions, view=None):
        self.fields = fields
        self.options = list(options)
        self.before = before
        self.after = after
        self.actions = list(actions)
        self.view = view or {}

    def diff(self):
        return self.fields.diff(self.before, self.after, self.options)


class PartsChange(Change):
    """A Change planned part by part (a session, an asset): its diff is the one of all its planned parts.

    ``parts``: the planned Parts (the fields first); ``parts_read``: the parts
    as read while planning (``{part: value}``, see parts.py), which report an
    unchanged resource; ``stopped_recordings``: the ids of the recordings its
    first writes stop (a session's ``force``).
    """

    def __init__(self, *args, **kwargs):
        self.parts = kwargs.pop("parts", None)
        self.parts_read = kwargs.pop("parts_read", None)
        self.stopped_recordings = []
        super(PartsChange, self).__init__(*args, **kwargs)

    def diff(self):
        if not self.changed or self.parts is None:
            return super(PartsChange, self).diff()
        diff = combined_diff(self.parts)
        if self.action == "create":
            diff["before"] = {}  # nothing was there: the parts' empty starting points are not a "before"
        return diff


def combined_diff(parts):
    """One ``{before, after}`` for all planned parts, secrets masked by their field sets."""
    result = {"before": {}, "after": {}}
    for part in parts:
        diff = part.diff()
        result["before"].update(diff["before"])
        result["after"].update(diff["after"])
    return result


def send_request(client, method, path, body=None, context=None):
    """One planned request; ids of resources created earlier in the run replace their placeholders.

    Returns nothing: a Write returns only the id a create learned.
    """
    if isinstance(body, dict):
        body = dict((k, real_id(v, context) if isinstance(v, str) else v) for k, v in body.items())
    client.request(method, path, body)


def request_write(client, rank, method, path, body=None, note=None, staged=False):
    """The Write that sends one planned request."""
    return Write(rank, method, path, lambda context: send_request(client, method, path, body, context), note=note,
                 staged=staged)


def part_writes(client, rank, base, parts, staged=False):
    """One Write per planned request of ``parts``, each action's path suffix appended to ``base`` (the
    resource's path; ``(new)`` in it for a create's predicted writes, which are ``staged``)."""
    return [request_write(client, rank, method, base + suffix, body, staged=staged)
            for part in parts for method, suffix, body in part.actions]
