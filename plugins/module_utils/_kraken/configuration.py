# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kraken saved configurations: a resource kind whose writes are not its fields.

The guide's "Configuration Resources": a POST with a ``<name>`` saves the
running configuration; a PUT takes only ``<activate>1`` (load it now) and
``<default>1|0`` (load it at boot, or not), both in one PUT if need be; the
list carries ``defaultConfig`` (yes/no) of every configuration, so no detail
GET is needed to compare. The PUT cannot rename a configuration nor save
into an existing one: a rename is refused, and re-saving (``save=always``)
saves a new configuration of that name, then removes the old one (so that a
failed save keeps the old one), then gives the new one the old default flag.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._kraken.fields import CONFIGURATION_FIELDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.resource import ResourceType
from ansible_collections.haivision.media.plugins.module_utils._kraken.view import configuration_view
from ansible_collections.haivision.media.plugins.module_utils._common.change import Write
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.identity import NEW_ID, IdentityError

SAVE_CHOICES = ("on_create", "always")


class KrakenConfiguration(ResourceType):
    kind = "configurations"
    result_key = "configuration"
    fields = CONFIGURATION_FIELDS

    @classmethod
    def extra_options(cls):
        return dict(save=dict(type="str", choices=list(SAVE_CHOICES), default="on_create"),
                    load=dict(type="bool", default=False))

    @classmethod
    def desired(cls, params):
        if params["state"] == "absent":
            given = [option for option, used in (("default", params.get("default") is not None),
                                                 ("save=always", params.get("save") == "always"),
                                                 ("load=true", params.get("load"))) if used]
            if given:
                raise ValidationError("%s cannot be used with state=absent" % ", ".join(given))
        return super(KrakenConfiguration, cls).desired(params)

    def plan(self, params, desired, record):
        if record is not None:
            # The list entry is the whole configuration: no detail GET to compare it.
            self.details.setdefault(record["uuid"], record)
            if params["state"] == "present" and desired.get("name") not in (None, record.get("name")):
                raise IdentityError("configuration %s is named %r: the Kraken API cannot rename a configuration "
                                    "(its PUT takes only <activate> and <default>); give its current name or leave "
                                    "name out" % (record["uuid"], record.get("name")))
        return super(KrakenConfiguration, self).plan(params, desired, record)

    def plan_run_state(self, change, params):
        """The actions beyond the fields: re-saving (``save=always``) and loading, both always a change."""
        created = change.action == "create"
        change.extra.update(saved=created or params["save"] == "always", loaded=bool(params["load"]))
        # A create is a save already; the diff shows the other actions as "saved"/"loaded" after.
        actions = [action for action in ("saved", "loaded") if change.extra[action] and not (created and action == "saved")]
        change.after.update(dict.fromkeys(actions, True))
        if actions and not created:
            change.options = sorted(set(change.options or ()) | set(actions))
            change.action = "update"

    def field_writes(self, change):
        """Save (a POST; replacing: then the DELETE of the old one), then one PUT of the flags to send."""
        writes = []
        old = None if change.action == "create" else change.resource_id
        if change.extra["saved"]:
            name = change.after["name"]
            writes.append(Write(self.write_rank, "POST", "/apis/kraken/%s" % self.kind,
                                lambda context: self.client.create(self.kind, {"name": name})))
            if old:
                writes.append(Write(self.write_rank, "DELETE", self.client.item_path(self.kind, old),
                                    lambda context: self.client.delete(self.kind, old)))
        flags = {}
        if change.extra["saved"]:
            # A new save is not the default: it becomes so if it is to be (or the old one was).
            if change.after.get("default"):
                flags["default"] = "1"
        elif "default" in change.options:
            flags["default"] = "1" if change.after["default"] else "0"
        if change.extra["loaded"]:
            flags["activate"] = "1"
        if flags:
            target = NEW_ID if change.extra["saved"] else change.resource_id
            writes.append(Write(self.write_rank, "PUT", self.client.item_path(self.kind, target),
                                lambda context: self.client.update(self.kind, change.resource_id, flags),
                                note=", ".join(sorted(flags))))
        return writes

    def view(self, change):
        """The configuration after the run (in check mode, as it would be): uuid, name, default."""
        if change.action == "delete" or (change.action == "none" and change.raw is None):
            return {}
        if change.action == "none":
            return configuration_view(change.raw)
        if not self.check_mode:
            return configuration_view(self.client.get(self.kind, change.resource_id))
        return {"uuid": None if change.extra["saved"] else change.resource_id, "name": change.after.get("name"),
                "default": bool(change.after.get("default"))}
