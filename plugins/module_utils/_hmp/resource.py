# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What every HMP resource module shares: identity, planned writes, the combined diff.

A module plans first (reads only), then writes: every planned change is a
``PartChange`` holding the compared values and the requests that apply it, so
check mode is "plan, do not send", and a refusal found while planning (an
unknown principal, a recording in progress) fails before the first write.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import quote_id
from ansible_collections.haivision.media.plugins.module_utils._common.transport import ApiError, HaivisionError

SOURCES_PATH = "/apis/sources"
SESSIONS_PATH = "/apis/sessions"


class IdentityError(HaivisionError):
    """A name, title or id that does not identify exactly one resource."""


def identity_spec(key):
    """The options that say which resource a task is about: ``name``/``title``, ``id``, ``state``."""
    return {
        key: dict(type="str"),
        "id": dict(type="str"),
        "state": dict(type="str", choices=["present", "absent"], default="present"),
    }


def find_one(client, collection, key, value=None, resource_id=None, what="resource", entries=None):
    """The resource with this id, or the only one whose ``key`` equals ``value``; None when there is none.

    By name the whole paged collection is read (a match on its last page
    counts), or ``entries`` when the caller already read it; two of the same
    name fail, listing their ids, before any write.
    """
    if resource_id and entries is not None:
        return next((entry for entry in entries if entry.get("id") == resource_id), None)
    if resource_id:
        try:
            return client.get_one("%s/%s" % (collection, quote_id(resource_id)), resource_id)
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise
    entries = client.list_all(collection) if entries is None else entries
    matches = [entry for entry in entries if entry.get(key) == value]
    if len(matches) > 1:
        raise IdentityError("%d %ss have the %s %r (ids: %s); give id to choose one"
                            % (len(matches), what, key, value, ", ".join(sorted(m.get("id") for m in matches))))
    return matches[0] if matches else None


class PartChange:
    """One planned change of a resource or of one of its sub-resources.

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


def combined_diff(changes):
    """One ``{before, after}`` for all planned changes, secrets masked by their field sets."""
    result = {"before": {}, "after": {}}
    for change in changes:
        part = change.diff()
        result["before"].update(part["before"])
        result["after"].update(part["after"])
    return result


def send_actions(client, base_path, actions):
    """Send planned requests in order; the answer of the last one (or None)."""
    answer = None
    for method, suffix, body in actions:
        answer = client.request(method, base_path + suffix, body)
    return answer


class SourceDirectory:
    """Sources by name or id, read once per run (a session's sources are given either way).

    ``listed``: the source list the caller already read (a line-up reads each
    collection once); it then keeps the directory current with ``learn``.
    """

    def __init__(self, client, planned=(), listed=None):
        self.client = client
        self._sources = None if listed is None else [dict(s) for s in listed]
        # Sources a line-up will create (check mode): a session may refer to them by name.
        self.planned = [{"id": "(new) %s" % name, "name": name} for name in planned]

    @property
    def sources(self):
        if self._sources is None:
            self._sources = self.client.list_all(SOURCES_PATH)
        return self._sources + self.planned

    def learn(self, source):
        """A source as a write left it (created or renamed), so that sessions find it by its name."""
        if self._sources is None or not source.get("id"):
            return
        self._sources = [s for s in self._sources if s.get("id") != source["id"]] + [source]

    def resolve(self, reference, option="sources"):
        """The id of the source named or identified by ``reference``."""
        by_id = [s for s in self.sources if s.get("id") == reference]
        if by_id:
            return reference
        by_name = [s for s in self.sources if s.get("name") == reference]
        if len(by_name) > 1:
            raise IdentityError("%s: %d sources are named %r (ids: %s); give the id"
                                % (option, len(by_name), reference, ", ".join(sorted(s["id"] for s in by_name))))
        if not by_name:
            raise IdentityError("%s: no source named or with id %r on this HMP" % (option, reference))
        return by_name[0]["id"]

    def name(self, source_id):
        return next((s.get("name") for s in self.sources if s.get("id") == source_id), None) or source_id
