# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which resource a name or id means: the one matching rule and the list-once resolver.

A resource is named by its id, or by a name (or title) that exactly one
resource carries; two of the same name never pick one silently.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

NEW = "(new) "
# What a planned path holds where the device has not assigned the id yet.
NEW_ID = "(new)"


class IdentityError(HaivisionError):
    """A name or id that does not identify exactly one resource; ``matches``: the entries it could mean."""

    def __init__(self, message, matches=()):
        super(IdentityError, self).__init__(message)
        self.matches = list(matches)


def match_one(entries, key, value, id_key, resource_id=None, what="resource", or_id=False, case_blind=False,
              option=None):
    """The entry with ``resource_id``, else the only one whose ``key`` is ``value``; None when there is none.

    ``or_id``: ``value`` is a reference, an id or a name; the entry with that id
    comes first. ``case_blind``: the platform itself may compare these names
    without regard to case (HMP's directory users and groups): an exact match
    still wins, and without one the only entry that differs from ``value`` in
    case alone is the one meant. Two entries of that name (or, case-blind, two
    that differ from it only in case) fail, listing their ids, so nothing is
    written to the wrong one; ``option`` names the option in that failure.
    """
    if resource_id:
        return next((entry for entry in entries if entry.get(id_key) == resource_id), None)
    if or_id:
        by_id = next((entry for entry in entries if entry.get(id_key) == value), None)
        if by_id is not None:
            return by_id
    matches = [entry for entry in entries if entry.get(key) == value]
    if not matches and case_blind and isinstance(value, str):
        folded = value.casefold()
        matches = [entry for entry in entries if isinstance(entry.get(key), str) and entry[key].casefold() == folded]
        if len(matches) > 1:
            raise IdentityError(
                "%sno %s has the %s %r exactly, and %d differ from it in case alone (%s); give the exact %s or the %s"
                % ("%s: " % option if option else "", what, key, value, len(matches),
                   ", ".join("%s %s %s" % (m.get(key), id_key, m.get(id_key))
                             for m in sorted(matches, key=lambda m: "%s" % m.get(id_key))), key, id_key), matches)
    if len(matches) > 1:
        ids = ", ".join(sorted("%s" % m.get(id_key) for m in matches))
        if option:
            raise IdentityError("%s %r is ambiguous: %d %ss have that %s (%ss: %s); give the %s"
                                % (option, value, len(matches), what, key, id_key, ids, id_key), matches)
        raise IdentityError("%d %ss have the %s %r (%ss: %s); give %s to choose one"
                            % (len(matches), what, key, value, id_key, ids, id_key), matches)
    return matches[0] if matches else None


def duplicated_names(entries, key="name"):
    """The names (``key``) more than one entry carries: they cannot identify a resource alone."""
    names = [entry.get(key) for entry in entries]
    return set(name for name in names if names.count(name) > 1)


def placeholder(kind, name):
    """The id a resource planned for creation has until it exists (check mode, or before its write)."""
    return "%s%s/%s" % (NEW, kind, name)


class Directory:
    """References by name or id resolved to ids; each collection is listed at most once per run.

    ``list_collection(kind)`` reads a whole collection; ``known`` gives
    collections a caller already read. Resources a line-up will create are
    added with ``plan_create`` so that others may refer to them by name.
    """

    def __init__(self, list_collection, product, key="name", id_key="uuid", known=None):
        self.list_collection = list_collection
        self.product = product
        self.key = key
        self.id_key = id_key
        self._entries = dict((kind, list(entries)) for kind, entries in (known or {}).items())

    def entries(self, kind):
        if kind not in self._entries:
            self._entries[kind] = list(self.list_collection(kind))
        return self._entries[kind]

    def plan_create(self, kind, name):
        self.entries(kind).append({self.id_key: placeholder(kind, name), self.key: name})

    def plan_rename(self, kind, resource_id, name):
        """A resource this line-up renames: others may refer to it by its new name."""
        self._entries[kind] = [dict(entry, **{self.key: name}) if entry.get(self.id_key) == resource_id else entry
                               for entry in self.entries(kind)]

    def learn(self, change):
        """Keep the directory true to a planned change of a kind it holds: a create adds the resource's
        placeholder, a rename its new name, so that later items may refer to it by that name."""
        if change.kind not in self._entries:
            return
        if change.action == "create":
            self.plan_create(change.kind, change.name)
        elif change.action == "update" and self.key in (change.options or ()):
            self.plan_rename(change.kind, change.resource_id, change.after[self.key])

    def resolve(self, kind, reference, option):
        """The id of the resource of ``kind`` that ``reference`` (an id or a unique name) means."""
        entry = match_one(self.entries(kind), self.key, reference, self.id_key, what=kind[:-1], or_id=True,
                          option=option)
        if entry is None:
            raise IdentityError("%s %r is neither the %s nor the %s of one of this %s's %s"
                                % (option, reference, self.key, self.id_key, self.product, kind))
        return entry[self.id_key]

    def name(self, kind, resource_id):
        """The name of a resource by id (the id itself when it is not known)."""
        return next((entry.get(self.key) for entry in self.entries(kind) if entry.get(self.id_key) == resource_id),
                    None) or resource_id
