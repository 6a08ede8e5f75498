# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Saved configurations of the Kraken simulator: the guide's "Configuration Resources".

What the guide says, and the decisions taken where it is silent:

* A configuration has ``uuid``, ``name`` and ``defaultConfig`` (``yes``/``no``);
  the list and the detail GET both carry all three. An empty list is 404/1001.
* POST "saves the current configuration": its body is ``<configuration>``
  with the required ``<name>`` and nothing else (any other element: 400
  1013). The simulator stores a snapshot of the running inputs, outputs,
  transcoders and streams. The guide does not make names unique, so two
  configurations may share one.
* PUT takes ``<activate>`` and/or ``<default>``, each ``1`` or ``0`` (one of
  them is required). Read-only elements a client echoes from a GET (uuid,
  defaultConfig, link) are ignored; anything else, ``<name>`` included (the
  guide has no way to rename a configuration), is refused with 1013.
* ``<activate>1`` loads the configuration: the running inputs, outputs,
  transcoders and streams are replaced by the snapshot; a stream then runs
  when its ``auto_start`` is true (the guide: auto_start "starts when a
  preset loads").
* ``<default>1`` makes it the default loaded at boot; there is one default
  ("the default configuration"), so the others lose the flag. ``<default>0``
  clears it.
* DELETE answers on the self link (``configuration-{id}``) and on the guide's
  own DELETE example (``config-{id}``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from .kraken_model import IGNORED, TABLES, UNSET, KrakenError, coerce

# What a configuration saves and loads.
SNAPSHOT_KINDS = ("inputs", "outputs", "transcoders", "streams")
FLAGS = ("activate", "default")
# The URI prefixes a configuration's own path may take (self link, the guide's DELETE example).
PREFIXES = ("configuration", "config")


class ConfigurationsMixin:
    """The configurations of a KrakenDevice (``self.store``, ``self._set_running``)."""

    def _new_configuration(self, raw, admin=False):
        """A configuration saving the running state; an admin seed may also say whether it is the default."""
        raw = dict(raw)
        default = raw.pop("defaultConfig", None) if admin else None
        values = coerce(TABLES["configurations"], raw, None, trim=self.trim_text and not admin)
        if values.get("name", UNSET) is UNSET:
            raise KrakenError(1000, "<name> is required")
        snapshot = dict((kind, copy.deepcopy(self.store[kind])) for kind in SNAPSHOT_KINDS)
        config = {"name": values["name"], "defaultConfig": "no", "_snapshot": snapshot}
        if default in (True, "yes", "1", 1):
            self._make_default(config)
        return config

    @staticmethod
    def _configuration_flags(root):
        """The ``<activate>``/``<default>`` flags of a PUT body, as booleans."""
        flags = {}
        for child in root:
            if child.tag in FLAGS:
                text = (child.text or "").strip()
                if text not in ("0", "1"):
                    raise KrakenError(1013, "<%s> must be 1 or 0, got %r" % (child.tag, text))
                flags[child.tag] = text == "1"
            elif child.tag not in IGNORED:
                raise KrakenError(1013, "unknown element <%s>: a configuration PUT takes <activate> and <default>"
                                  % child.tag)
        if not flags:
            raise KrakenError(1013, "<activate> or <default> is required")
        return flags

    def _edit_configuration(self, config, root):
        """A PUT: move the default flag, load the configuration, or both."""
        flags = self._configuration_flags(root)
        if flags.get("default"):
            self._make_default(config)
        elif "default" in flags:
            config["defaultConfig"] = "no"
        if flags.get("activate"):
            self._load_configuration(config)

    def _load_configuration(self, config):
        for kind in SNAPSHOT_KINDS:
            self.store[kind] = copy.deepcopy(config["_snapshot"][kind])
        for stream in self.store["streams"].values():
            stream["_running"] = False
            self._set_running(stream, stream.get("auto_start", False))

    def _make_default(self, config):
        for other in self.store["configurations"].values():
            other["defaultConfig"] = "no"
        config["defaultConfig"] = "yes"
