# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Kraken device as users read it: snake_case keys, typed values, references as {name, uuid}."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.haivision.media.plugins.module_utils._kraken.fields import (
    CONFIGURATION_FIELDS, INPUT_FIELDS, OUTPUT_FIELDS, STREAM_FIELDS, TRANSCODER_FIELDS)
from ansible_collections.haivision.media.plugins.module_utils._kraken.xml import camel_to_snake, link_id
from ansible_collections.haivision.media.plugins.module_utils._common.masking import mask_secrets

RESOURCE_KINDS = ("inputs", "outputs", "transcoders", "streams")
KIND_FIELDS = {
    "inputs": INPUT_FIELDS, "outputs": OUTPUT_FIELDS, "transcoders": TRANSCODER_FIELDS, "streams": STREAM_FIELDS,
}
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
READ_ONLY = ("uuid", "name", "state", "mode")


def resource_view(raw, fields=None):
    """One resource's detail dict as users read it; secrets masked.

    With ``fields`` (a FieldSet), only the declared elements are kept: the
    device may add elements we do not know, which we ignore rather than echo.
    """
    if fields is None:
        return mask_secrets(reference_or_dict(raw))
    known = set(READ_ONLY) | set(f.wire for f in fields.fields)
    view = reference_or_dict(dict((k, v) for k, v in raw.items() if k in known))
    # Our own fields say which are secret; the view's keys are their option names.
    return fields.mask(view)


def configuration_view(raw):
    """A saved configuration as users read it: uuid, name and whether it is the default (a bool)."""
    state = CONFIGURATION_FIELDS.from_device(raw)
    return {"uuid": raw.get("uuid"), "name": state.get("name"), "default": state.get("default", False)}


def device_view(client, gather, details=None):
    """What kraken_info returns (``details``: the resources' details already read, by kind)."""
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
        result["configurations"] = sorted((configuration_view(e) for e in client.list("configurations")),
                                          key=lambda r: (r.get("name") or "", r.get("uuid")))
    kinds = [kind for kind in RESOURCE_KINDS if kind in gather]
    missing = [kind for kind in kinds if kind not in (details or {})]
    details = dict(details or {}, **(client.details(missing) if missing else {}))
    for kind in kinds:
        fields = KIND_FIELDS.get(kind)
        result[kind] = sorted((resource_view(d, fields) for d in details[kind]), key=lambda r: (r.get("name") or "", r.get("uuid")))
    return result
