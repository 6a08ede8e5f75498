# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The plan as results show it and its digest: what changes it and what does not."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._common.change import Change, Write, apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.fields import Field, FieldSet
from ansible_collections.haivision.media.plugins.module_utils._common.change import plan_of as plan_writes
from ansible_collections.haivision.media.plugins.module_utils._common.plan import plan_digest

FIELDS = FieldSet([Field("name"), Field("ttl", kind="int"), Field("tags", kind="set"),
                   Field("passphrase", secret=True)])


def update(name, uuid, before, after, writes=None, rank=1):
    options = sorted(o for o in after if before.get(o) != after.get(o))
    return Change("outputs", name, "update", uuid, before=before, after=dict(before, **after), options=options,
                  fields=FIELDS, writes=writes or [Write(rank, "PUT", "/apis/outputs/" + uuid, lambda context: None)])


def create(name, after, rank=0):
    return Change("outputs", name, "create", after=after, fields=FIELDS,
                  writes=[Write(rank, "POST", "/apis/outputs", lambda context: None)])


def test_an_empty_plan_has_no_digest():
    assert plan_digest([]) is None
    assert plan_digest([Change("outputs", "o", "none", "u1", fields=FIELDS)]) is None


def test_the_order_of_the_changes_and_of_a_set_does_not_matter():
    one = update("a", "u1", {"ttl": 1}, {"ttl": 16})
    two = create("b", {"name": "b", "tags": ["x", "y"]})
    again = create("b", {"name": "b", "tags": ["y", "x"]})
    assert plan_digest([one, two]) == plan_digest([again, update("a", "u1", {"ttl": 1}, {"ttl": 16})])


def test_what_a_write_sets_or_where_it_goes_changes_the_digest():
    base = plan_digest([update("a", "u1", {"ttl": 1}, {"ttl": 16})])
    assert plan_digest([update("a", "u1", {"ttl": 1}, {"ttl": 32})]) != base
    assert plan_digest([update("a", "u2", {"ttl": 1}, {"ttl": 16})]) != base
    assert plan_digest([update("a", "u1", {"ttl": 1}, {"ttl": 16}), create("b", {"name": "b"})]) != base
    # What the device had before does not: the write sets the same.
    assert plan_digest([update("a", "u1", {"ttl": 5}, {"ttl": 16})]) == base
    noted = update("a", "u1", {"ttl": 1}, {"ttl": 16},
                   writes=[Write(1, "PUT", "/apis/outputs/u1", lambda context: None, note="state start")])
    assert plan_digest([noted]) != base


def test_a_secret_counts_as_changing_or_not_never_by_value():
    first = plan_digest([update("a", "u1", {"passphrase": "old-1"}, {"passphrase": "new-secret-1"})])
    second = plan_digest([update("a", "u1", {"passphrase": "old-2"}, {"passphrase": "new-secret-2"})])
    assert first == second
    stays = plan_digest([update("a", "u1", {"passphrase": "same", "ttl": 1}, {"ttl": 16})])
    assert stays != first


def test_the_writes_are_listed_in_the_order_they_are_sent():
    sent = []

    def write(rank, path):
        return Write(rank, "PUT", path, lambda context: sent.append(path))
    first = Change("streams", "s", "update", "u1", fields=FIELDS, writes=[write(2, "/s/fields"), write(3, "/s/state")])
    second = Change("outputs", "o", "update", "u2", fields=FIELDS, writes=[write(0, "/o")])
    third = Change("outputs", "p", "update", "u3", fields=FIELDS, writes=[write(2, "/p")])
    changes = [first, second, third]
    planned = [entry["path"] for entry in plan_writes(changes)]
    apply_changes(changes)
    assert planned == sent == ["/o", "/s/fields", "/p", "/s/state"]
    assert plan_writes(changes)[0] == {"method": "PUT", "path": "/o", "kind": "outputs", "name": "o", "action": "update"}
