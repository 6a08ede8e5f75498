# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Kraken device as users read it: snake_case keys, typed values, references as {name, uuid}."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import LINEUP_KINDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.fields import CONFIGURATION_FIELDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.xml import camel_to_snake, link_id

# Values that stay text even when they look like numbers.
TEXT_KEYS = frozenset(("name", "description", "url", "uuid", "id", "srt_address", "address", "session_name",
                       "session_description", "keywords", "author", "version", "srt_passphrase", "mode_id",
                       "start_time", "framerate", "config_format", "config_framerate"))
_INT = re.compile(r"^-?\d+$")


def typed(key, value):
    """Wire text to the YAML type users expect: on/off to bool, integers to int."""
    if isinstance(value, dict):
        return reference_or_dict(value)
    if isinstance(value, list):
        return [typed(key, v) for v in value]
    if value in ("on", "off"):
        return value == "on"
    if key not in TEXT_KEYS and isinstance(value, str) and _INT.match(value):
        return int(value)
    return value


def reference_or_dict(value):
    links = value.get("_links") or {}
    rel = next((r for r in links if r != "self"), None)
    if rel and set(value) <= {"name", "_links"}:
        # A reference such as <input><name/><link rel="input" href=".../input-<uuid>"/></input>.
        return {"name": value.get("name"), "uuid": link_id(links[rel], rel)}
    return dict((camel_to_snake(k), typed(camel_to_snake(k), v)) for k, v in value.items() if not k.startswith("_"))


# Read-only elements every resource may carry besides its declared fields.
READ_ONLY = ("uuid", "state", "mode")


def is_reference(value):
    """A reference as the device gives it: ``<input><name/><link rel="input" href=".../input-<uuid>"/></input>``."""
    if isinstance(value, list):
        return bool(value) and all(is_reference(item) for item in value)
    links = value.get("_links") or {} if isinstance(value, dict) else {}
    return isinstance(value, dict) and set(value) <= {"name", "_links"} and any(rel != "self" for rel in links)


def resource_view(raw, fields):
    """One resource's detail as users read it, from its kind's FieldSet.

    The declared fields in the form the modules take them (``FieldSet.from_device``:
    a NIC by its name, booleans as booleans), references as the device names them
    (``{name, uuid}``), the read-only uuid, state and mode; secrets masked. The
    device may add elements we do not know, which we ignore rather than echo.
    A check-mode prediction is built from the same canonical values, so it can
    equal the device's view.
    """
    view = dict((key, typed(key, raw[key])) for key in READ_ONLY if key in raw)
    view.update(fields.mask(fields.from_device(raw)))
    for field in fields.fields:
        if is_reference(raw.get(field.wire)):
            view[field.option] = typed(field.option, raw[field.wire])
    return view


def configuration_view(raw):
    """A saved configuration as users read it: uuid, name and whether it is the default (a bool)."""
    state = CONFIGURATION_FIELDS.from_device(raw)
    return {"uuid": raw.get("uuid"), "name": state.get("name"), "default": state.get("default", False)}


def device_view(client, gather, kind_types, details=None):
    """What kraken_info returns. ``kind_types``: the kinds by collection, each rendering its own records
    (``ResourceType.render``); ``details``: the resources' details already read, by kind."""
    result = {}
    if "system" in gather:
        result["system"] = reference_or_dict(client.system())
    if "servers" in gather:
        servers = []
        for server in client.servers():
            view = reference_or_dict(server)
            view["nics"] = [reference_or_dict(nic) for nic in client.nics(server.get("id"))]
            servers.append(view)
        result["servers"] = servers
    if "configurations" in gather:
        # The list carries every field of a configuration: no detail GETs.
        render = kind_types["configurations"].render
        result["configurations"] = sorted((render(e) for e in client.list("configurations")),
                                          key=lambda r: (r.get("name") or "", r.get("uuid")))
    kinds = [kind for kind in LINEUP_KINDS if kind in gather]
    missing = [kind for kind in kinds if kind not in (details or {})]
    details = dict(details or {}, **(client.details(missing) if missing else {}))
    for kind in kinds:
        render = kind_types[kind].render
        result[kind] = sorted((render(d) for d in details[kind]), key=lambda r: (r.get("name") or "", r.get("uuid")))
    return result
