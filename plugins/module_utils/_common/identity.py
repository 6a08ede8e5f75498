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
    """A name or id that does not identify exactly one resource."""


def match_one(entries, key, value, id_key, resource_id=None, what="resource"):
    """The entry with ``resource_id``, else the only one whose ``key`` is ``value``; None when there is none.

    Two entries of that name fail, listing their ids, so nothing is written
    to the wrong one.
    """
    if resource_id:
        return next((entry for entry in entries if entry.get(id_key) == resource_id), None)
    matches = [entry for entry in entries if entry.get(key) == value]
    if len(matches) > 1:
        raise IdentityError("%d %ss have the %s %r (%ss: %s); give %s to choose one"
                            % (len(matches), what, key, value, id_key, ", ".join(sorted(m[id_key] for m in matches)),
                               id_key))
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
        entries = self.entries(kind)
        if any(entry.get(self.id_key) == reference for entry in entries):
            return reference
        named = [entry[self.id_key] for entry in entries if entry.get(self.key) == reference]
        if len(named) > 1:
            raise IdentityError("%s %r is ambiguous: %d %s have that %s (%ss: %s); give the %s"
                                % (option, reference, len(named), kind, self.key, self.id_key, ", ".join(sorted(named)),
                                   self.id_key))
        if not named:
            raise IdentityError("%s %r is neither the %s nor the %s of one of this %s's %s"
                                % (option, reference, self.key, self.id_key, self.product, kind))
        return named[0]

    def name(self, kind, resource_id):
        """The name of a resource by id (the id itself when it is not known)."""
        return next((entry.get(self.key) for entry in self.entries(kind) if entry.get(self.id_key) == resource_id),
                    None) or resource_id
