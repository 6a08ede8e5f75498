# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HMP assets (recorded videos): their title, description, metadata, categories, shares and public share.

Assets are made by recordings, never here: the planner finds an existing one
and plans its parts with the session's part planners (``plan_content_parts``),
into one Change before the first write.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient, quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import ASSET_FIELDS, ASSET_PARTS, CONTENT_PARTS_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import (
    ASSETS_PATH, SESSION_WRITE, Part, PartsChange, find_one, part_writes)
from ansible_collections.haivision.media.plugins.module_utils._hmp.session import SessionTask, plan_content_parts, read_parts
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import PrincipalDirectory
from ansible_collections.haivision.media.plugins.module_utils._common.change import apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError

ASSET_PART_NAMES = ("metadata", "shares", "public_share")


class HMPAsset:
    """The asset kind: its one spec and its planner (an existing asset only)."""

    kind = "assets"
    key = "title"
    fields = ASSET_FIELDS

    @classmethod
    def argument_spec(cls):
        spec = dict(id=dict(type="str"))
        spec.update(cls.fields.argument_spec())
        spec.update(CONTENT_PARTS_SPEC)
        return spec

    @classmethod
    def constraints(cls):
        return dict(required_one_of=[(cls.key, "id")])

    @classmethod
    def desired(cls, params):
        return SessionTask(params, fields=ASSET_FIELDS)

    def __init__(self, client, principals=None):
        self.client = client
        self.principals = principals or PrincipalDirectory(client)

    def path(self, asset_id):
        return "%s/%s" % (ASSETS_PATH, quote_id(asset_id))

    def plan(self, params, task, record):
        """The Change that brings the asset (its record as read) to the task; nothing is written."""
        if record is None:
            if params.get("id"):
                raise IdentityError("no asset with id %s on this HMP; assets are made by recordings, not by this module"
                                    % params["id"])
            raise IdentityError("no asset titled %r on this HMP; assets are made by recordings, not by this module"
                                % params["title"])
        asset_id = record["id"]
        current = ASSET_FIELDS.from_device(record)
        options = ASSET_FIELDS.changes(task.fields, current)
        after = ASSET_FIELDS.merged(current, task.fields, options)
        # The PUT takes the title (required) and the description, which it resets when left out: both go.
        actions = [("PUT", "", ASSET_FIELDS.to_wire(after))] if options else []
        fields = Part(ASSET_FIELDS, options, current, after, actions, view=ASSET_FIELDS.to_wire(after))
        # Every part is read once: planned where managed, and the result of an unchanged asset.
        read = read_parts(self.client, self.path(asset_id), record, task, everything=True, names=ASSET_PART_NAMES)
        parts = [fields] + plan_content_parts(task, read, self.principals, ASSET_PARTS)
        changed = any(part.options or part.actions for part in parts)
        change = PartsChange(self.kind, after.get("title") or record.get("title"), "update" if changed else "none",
                             asset_id, before=current, after=after, options=options, fields=ASSET_FIELDS, raw=record,
                             id_key="id", parts=parts)
        change.extra["read"] = read
        base = self.path(asset_id)
        change.writes = [write for part in parts for write in part_writes(self.client, SESSION_WRITE, lambda: base, base, part)]
        return change

    def view(self, change, check_mode):
        """The asset after the run (in check mode, the parts the task manages as they would be)."""
        if check_mode or not change.changed:
            view = self.view_from(change.raw, change.extra["read"])
            for part in change.parts if change.changed else ():
                view.update(part.view)
            return view
        path = self.path(change.resource_id)
        record = self.client.get_one(path, change.resource_id) or {}
        return self.view_from(record, read_parts(self.client, path, record, everything=True, names=ASSET_PART_NAMES))

    @staticmethod
    def view_from(record, parts):
        asset = dict(record)
        asset.update(metadata=parts["metadata"], shares=parts["shares"], public_share=parts["public_share"])
        return asset


def converge_asset(module):
    """``hmp_asset``: one existing asset's managed parts."""
    task = HMPAsset.desired(module.params)  # validation comes before any request
    params = module.params
    with HMPClient.from_module(module) as client:
        asset = HMPAsset(client)
        record = find_one(client, "assets", params.get("title"), params.get("id"))
        change = asset.plan(params, task, record)
        if change.changed and not module.check_mode:
            apply_changes([change])
        return dict(changed=change.changed, action=change.action, diff=change.diff(), id=change.resource_id,
                    asset=asset.view(change, module.check_mode))
