# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shares of one resource as a kind: ``hmp_source_share`` (a source's) and ``hmp_section_share`` (a feed's).

The resource is named by its name or id; the task's principals are resolved
on its share list, else the directory (shares.py), and the Change's writes
are the share requests that differ.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import SHARE_ITEM_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import SOURCE_WRITE, HMPKind, part_writes
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import (
    PrincipalDirectory, desired_shares, plan_shares, read_shares, resolve_shares)
from ansible_collections.haivision.media.plugins.module_utils._common.change import EMPTY_DIFF, Change
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError, check_names


class SharesChange(Change):
    """The shares of one resource: ``shares_read``, its share list as read; ``part``, the planned Part."""

    def __init__(self, *args, **kwargs):
        self.shares_read = kwargs.pop("shares_read")
        self.part = kwargs.pop("part")
        super(SharesChange, self).__init__(*args, **kwargs)

    def diff(self):
        return self.part.diff() if self.changed else dict(EMPTY_DIFF)


class ResourceShares(HMPKind):
    """The shares of one resource of ``kind``, named by the option ``key`` (its name or id).

    Hooks: ``argument_spec``, ``constraints``, ``desired``, ``locate`` (the
    resource, by name or id), ``plan``, ``result`` (the share list instead of a
    view, and ``<key>_id``). ``rank`` orders the writes among other changes.
    """

    result_key = "shares"
    rank = 0

    @classmethod
    def argument_spec(cls):
        return {
            cls.key: dict(type="str", required=True),
            "shares": dict(SHARE_ITEM_SPEC, required=True),
            "state": dict(type="str", choices=["present", "absent"], default="present"),
            "purge": dict(type="bool", default=False),
        }

    @classmethod
    def constraints(cls):
        return {}

    @classmethod
    def desired(cls, params):
        present = params["state"] == "present"
        if params["purge"] and not present:
            raise ValidationError("purge applies to state=present only")
        check_names(params, (cls.key,))
        return desired_shares(params["shares"], permission_required=present)

    def locate(self, params, listed=None):
        """``{id, <key>}`` of the resource the task names (by id, else by its unique name)."""
        resource_id = self.directory.resolve(self.kind, params[self.key], self.key)
        return {"id": resource_id, self.key: params[self.key]}

    def plan(self, params, desired, record):
        present = params["state"] == "present"
        base = self.path(record["id"])
        existing = read_shares(self.client, base)
        resolved = resolve_shares(PrincipalDirectory(self.client), desired, existing, lookup=present)
        part = plan_shares(existing, resolved, purge=params["purge"] and present, remove=not present)
        change = SharesChange(self.kind, params[self.key], "update" if part.actions else "none", record["id"],
                              fields=part.fields, id_key="id", shares_read=existing, part=part)
        change.writes = part_writes(self.client, self.rank, base, [part])
        return change

    def view(self, change):
        """The share list after the run (in check mode, as it would be)."""
        if not change.changed:
            return change.shares_read
        if self.check_mode:
            return change.part.view["shares"]
        return read_shares(self.client, self.path(change.resource_id))

    def result(self, change):
        return {"changed": change.changed, "action": change.action, "diff": change.diff(), "plan": change.plan(),
                "shares": self.view(change), self.key + "_id": change.resource_id}


class SourceShares(ResourceShares):
    """``hmp_source_share``: a source's shares, written in the sources' rank."""

    kind = "sources"
    key = "source"
    rank = SOURCE_WRITE


class SectionShares(ResourceShares):
    """``hmp_section_share``: a feed's (section's) shares."""

    kind = "sections"
    key = "section"
