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
from ansible_collections.haivision.media.plugins.module_utils._common.change import Change, Write
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError

SAVE_CHOICES = ("on_create", "always")


class ConfigurationChange(Change):
    """A saved configuration's Change. ``saved``: its writes save the running configuration (a create, or
    ``save=always``: then the old one is removed); ``loaded``: they load it (``load=true``)."""

    def __init__(self, *args, **kwargs):
        super(ConfigurationChange, self).__init__(*args, **kwargs)
        self.saved = False
        self.loaded = False


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

    def new_change(self, name, action, **values):
        return ConfigurationChange(self.kind, name, action, fields=self.fields, **values)

    def plan(self, params, desired, record):
        if record is not None:
            # The list entry is the whole configuration: no detail GET to compare it.
            self.details.setdefault(record["uuid"], record)
            if params["state"] == "present" and desired.get("name") not in (None, record.get("name")):
                raise IdentityError("configuration %s is named %r: the Kraken API cannot rename a configuration "
                                    "(its PUT takes only <activate> and <default>); give its current name or leave "
                                    "name out" % (record["uuid"], record.get("name")))
        return super(KrakenConfiguration, self).plan(params, desired, record)

    def plan_actions(self, change, params):
        """The actions beyond the fields: re-saving (``save=always``) and loading, both always a change."""
        created = change.action == "create"
        change.saved = created or params["save"] == "always"
        change.loaded = bool(params["load"])
        # A create is a save already; the diff shows the other actions as "saved"/"loaded" after.
        actions = [action for action, asked in (("saved", change.saved and not created), ("loaded", change.loaded))
                   if asked]
        change.after.update(dict.fromkeys(actions, True))
        if actions and not created:
            change.options = sorted(set(change.options or ()) | set(actions))
            change.action = "update"

    def writes(self, change, params):
        """Save (a POST; replacing: then the DELETE of the old one), then one PUT of the flags to send."""
        writes = []
        old = None if change.action == "create" else change.resource_id
        if change.saved:
            name = change.after["name"]
            writes.append(Write(self.write_rank, "POST", "/apis/kraken/%s" % self.kind,
                                lambda context: self.client.create(self.kind, {"name": name})))
            if old:
                writes.append(Write(self.write_rank, "DELETE", self.item_path(old),
                                    lambda context: self.client.delete(self.kind, old)))
        flags = {}
        if change.saved:
            # A new save is not the default: it becomes so if it is to be (or the old one was).
            if change.after.get("default"):
                flags["default"] = "1"
        elif "default" in change.options:
            flags["default"] = "1" if change.after["default"] else "0"
        if change.loaded:
            flags["activate"] = "1"
        if flags:
            writes.append(Write(self.write_rank, "PUT", self.item_path(None if change.saved else change.resource_id),
                                lambda context: self.client.update(self.kind, change.resource_id, flags),
                                note=", ".join(sorted(flags))))
        return writes

    @classmethod
    def render(cls, raw):
        return configuration_view(raw)

    def result(self, change):
        result = super(KrakenConfiguration, self).result(change)
        if self.check_mode and change.saved:
            result["uuid"] = None  # a new save: the device has not given it its uuid yet
        return result

    def predicted(self, change):
        """uuid, name and default as they would be; a new save has no uuid yet."""
        return {"uuid": None if change.saved else change.resource_id, "name": change.after.get("name"),
                "default": bool(change.after.get("default"))}
