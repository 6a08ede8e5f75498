# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HMP assets (recorded videos): their title, description, metadata, categories, shares and public share.

Assets are made by recordings, never here: the kind locates an existing one
and plans its parts with the content part planners (parts.py) into one
Change before the first write.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import ASSET_FIELDS, ASSET_PARTS, CONTENT_PARTS_SPEC
from ansible_collections.haivision.media.plugins.module_utils._hmp.parts import (
    ASSET_PARTS_READ, ContentTask, plan_content_parts, read_parts)
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import (
    SESSION_WRITE, HMPKind, Part, PartsChange, part_writes)
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import PrincipalDirectory
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError


class HMPAsset(HMPKind):
    """The asset kind (an existing asset only): hooks ``argument_spec``, ``constraints``, ``desired``,
    ``plan`` and ``view``; located by id or title like every HMP kind."""

    kind = "assets"
    key = "title"
    result_key = "asset"
    fields = ASSET_FIELDS

    @classmethod
    def argument_spec(cls):
        spec = dict(id=dict(type="str"))
        spec.update(cls.fields.argument_spec())
        spec.update(CONTENT_PARTS_SPEC)
        return spec

    @classmethod
    def desired(cls, params):
        return ContentTask(params, ASSET_FIELDS)

    @property
    def principals(self):
        return self.shared.get("principals", lambda: PrincipalDirectory(self.client))

    def plan(self, params, desired, record):
        """The Change that brings the asset (its record as read) to the task; nothing is written."""
        if record is None:
            if params.get("id"):
                raise IdentityError("no asset with id %s on this HMP; assets are made by recordings, not by this module"
                                    % params["id"])
            raise IdentityError("no asset titled %r on this HMP; assets are made by recordings, not by this module"
                                % params["title"])
        asset_id = record["id"]
        current = ASSET_FIELDS.from_device(record)
        options = ASSET_FIELDS.changes(desired.fields, current)
        after = ASSET_FIELDS.merged(current, desired.fields, options)
        # The PUT takes the title (required) and the description, which it resets when left out: both go.
        actions = [("PUT", "", ASSET_FIELDS.to_wire(after))] if options else []
        fields = Part(ASSET_FIELDS, options, current, after, actions, view=ASSET_FIELDS.to_wire(after))
        base = self.path(asset_id)
        # Every part is read once: planned where managed, and the result of an unchanged asset.
        read = read_parts(self.client, base, record, ASSET_PARTS_READ)
        parts = [fields] + plan_content_parts(desired, read, self.principals, ASSET_PARTS)
        changed = any(part.options or part.actions for part in parts)
        change = PartsChange(self.kind, after.get("title") or record.get("title"), "update" if changed else "none",
                             asset_id, before=current, after=after, options=options, fields=ASSET_FIELDS, raw=record,
                             id_key="id", parts=parts, parts_read=read)
        change.writes = part_writes(self.client, SESSION_WRITE, base, parts)
        return change

    def view(self, change):
        """The asset after the run (in check mode, with the parts the task manages as they would be)."""
        if self.check_mode or not change.changed:
            view = self.view_from(change.raw, change.parts_read)
            for part in change.parts if change.changed else ():
                view.update(part.view)
            return view
        path = self.path(change.resource_id)
        record = self.client.get_one(path, change.resource_id) or {}
        return self.view_from(record, read_parts(self.client, path, record, ASSET_PARTS_READ))

    @staticmethod
    def view_from(record, parts):
        asset = dict(record)
        asset.update(metadata=parts["metadata"], shares=parts["shares"], public_share=parts["public_share"])
        return asset
