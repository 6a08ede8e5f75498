# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Resource tables of the Kraken simulator: fields, ranges, defaults, errors, XML input.

One table per resource kind, keyed by the XML element name as on the wire.
The same tables parse API bodies (XML text) and admin seeds (JSON values),
so a value behind the client's back is checked exactly like one from the API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from lxml import etree

# code -> (HTTP status, message), from the guide's "Error Codes" table. The
# table prints "500 Bad Request" for 1000/1004/1005; we answer 400 (they are
# client errors and every operation's own status table lists 400).
ERRORS = {
    1000: (400, "Failed to create new resource"),
    1001: (404, "No results found"),
    1002: (404, "Unknown id"),
    1003: (500, "Error executing SQL query"),
    1004: (400, "Failed to update resource"),
    1005: (400, "Failed to delete resource"),
    1006: (501, "Unknown API function requested"),
    1007: (400, "Unknown HTTP method"),
    1008: (400, "Unrecognized URI structure"),
    1009: (501, "HTTP method not implemented"),
    1010: (501, "Function not implemented"),
    1011: (400, "Input XML data is poorly formatted"),
    1012: (500, "Error while executing"),
    1013: (400, "Unrecognized arguments"),
    1014: (401, "Not Authorized"),
    1015: (403, "API functions not enabled"),
    1016: (503, "Service provider for this API is unavailable"),
}


class KrakenError(ValueError):
    """An API error; a ValueError so that a bad admin seed becomes a 400 in the core."""

    def __init__(self, code, detail=None, status=None):
        self.code = code
        self.status = status or ERRORS[code][0]
        self.message = ERRORS[code][1] + (": %s" % detail if detail else "")
        super().__init__(self.message)


class Field:
    """One element of a resource: its type, range or choices, default, aliases."""

    def __init__(self, kind="str", low=None, high=None, choices=None, default=None, aliases=(), sub=None,
                 empty_ok=False, text=False):
        self.kind = kind          # str int choice onoff bool nic ref refs metarefs nested
        self.low = low            # int: minimum; str: minimum length
        self.high = high
        self.choices = choices    # choice: allowed values; ref/refs: the referenced collection
        self.default = default
        self.aliases = aliases    # other spellings accepted on input (the guide's own examples use them)
        self.sub = sub            # nested: table of the children
        self.empty_ok = empty_ok  # choice: an empty element is a documented value (back to the default)
        self.text = text          # a name or free text: what a device that trims edge whitespace trims


def _int(low, high, default=None, aliases=()):
    return Field("int", low, high, default=default, aliases=aliases)


def _choice(choices, default=None, empty_ok=False):
    return Field("choice", choices=choices, default=default, empty_ok=empty_ok)


PORT = _int(1, 65535)
NAME = Field("str", 1, 255, text=True)
TEXT = Field(text=True)
SRT_MODES = ("caller", "listener", "rendezvous")
ON_OFF = ("on", "off")

INPUT = {
    "name": NAME,
    "url": Field(),
    "description": TEXT,
    "streamType": _choice(("MPEG2TS", "SRT", "DECKLINK", "V4L2", "RTSP", "MJPEGRAW"), "MPEG2TS"),
    "interface": Field("nic"),
    "decklinkPort": _int(0, 63),
    "decklinkMode": _int(-1, 1000),
    "capturePort": _int(0, 63, aliases=("capture_card",)),
    "captureMode": _int(-1, 1000, aliases=("capture_mode",)),
    "srtMode": _choice(SRT_MODES),
    "srtAddress": Field(),
    "srtRemotePort": PORT,
    "srtLocalPort": PORT,
    "srtPassphrase": Field("str", 10, 79),
    "srtLatency": _int(20, 8000),
}

SAP = {
    "transmitSap": Field("onoff"),
    "address": Field(),
    "port": PORT,
    "sessionName": TEXT,
    "sessionDescription": TEXT,
    "keywords": TEXT,
    "author": TEXT,
}

OUTPUT = {
    "name": NAME,
    "url": Field(),
    "description": TEXT,
    # The guide: "either leave empty (default) or SRT".
    "streamType": _choice(("SRT",), empty_ok=True),
    "mtu": _int(228, 1500, 1490),
    "ttl": _int(1, 255, 64),
    "tos": _int(0, 255, 184),
    "interface": Field("nic"),
    "sap": Field("nested", sub=SAP),
    "srtMode": _choice(SRT_MODES),
    "srtAddress": Field(),
    "srtRemotePort": PORT,
    "srtLocalPort": PORT,
    "srtPassphrase": Field("str", 10, 79),
    # The guide's own spelling: "either: None, aes128, or aes256".
    "srtEncryption": _choice(("None", "aes128", "aes256")),
    "srtLatency": _int(20, 8000),
}

RESOLUTION = {"width": _int(16, 8192), "height": _int(16, 8192)}

# The one defaults table of transcoders: POST starts from it, and so does
# every PUT (the guide: "Editing a transcoder overwrites any fields that have
# not been set with their default value").
TRANSCODER = {
    "name": NAME,
    "resolutionMode": _int(1, 3, 3),
    "resolution": Field("nested", sub=RESOLUTION),
    "frameRate": Field("int", -1, 60, default=30, aliases=("framerate",)),
    "videoBitrate": _int(150, 15000, 3000),
    "gopSize": _int(0, 1000, 30),
    "metadata": Field("onoff", default="off"),
    "audio": Field("onoff", default="on"),
    "audioBitrate": _int(14, 576, 256),
    "videoType": _choice(("avc", "hevc", "mpeg2video"), "avc"),
    "qualityLevel": _int(0, 10),
    "bFrame": _int(-1, 3, -1),
    "enableIntraRefresh": Field("onoff", default="off"),
    "encodingProfile": _choice(("vbr", "cbr", "performance", "balanced", "quality"), "vbr"),
    # "software" appears in the guide's own example; it means the CPU encoder.
    "encoderType": _choice(("unset", "qsv", "software"), "unset"),
    "useLegacyTranscoder": Field("onoff"),
    "interleaveAdjustmentMs": _int(-5000, 5000, -1),
    "jitterBufferMs": _int(0, 10000, 250),
    "videoProfile": _choice(("unset", "mpeg2_main", "mpeg2_simple"), "unset"),
    "audioType": _choice(("unset", "mpeg1_layer2", "mpeg2_aac_adts"), "unset"),
    "outputPacing": Field("onoff", default="off"),
    "outputPacingInterval": _int(-1, 10000, -1),
    "shapingBitrate": _int(-1, 100000, -1),
    "shapingMaxBitratePercent": _int(-1, 1000, -1),
    "shapingTargetBitratePercent": _int(-1, 1000, -1),
    "shapingVbvSizeMs": _int(-1, 100000, -1),
    "shapingBufferingIntervalMs": _int(-1, 100000, -1),
    "enablePcs": Field("onoff", default="off"),
}

STREAM = {
    "name": NAME,
    "description": TEXT,
    "auto_start": Field("bool", default=False),
    "input": Field("ref", choices="inputs"),
    "transcoder": Field("ref", choices="transcoders"),
    "outputs": Field("refs", choices="outputs"),
    "passthru": Field("ref", choices="outputs"),
    "metadatas": Field("metarefs"),
}

CONFIGURATION = {"name": NAME}

TABLES = {"inputs": INPUT, "outputs": OUTPUT, "transcoders": TRANSCODER, "streams": STREAM,
          "configurations": CONFIGURATION}
SINGULAR = {"inputs": "input", "outputs": "output", "transcoders": "transcoder", "streams": "stream",
            "configurations": "configuration"}
# Read-only elements a client may echo back from a GET: accepted and ignored.
IGNORED = frozenset(("uuid", "state", "link", "mode", "defaultConfig"))
# Children of list-valued elements.
ITEM_TAG = {"outputs": "output", "metadatas": "metadata"}

UNSET = object()  # an element sent empty: back to the default, or removed


def defaults(table):
    return dict((name, field.default) for name, field in table.items() if field.default is not None)


def canonical_names(table):
    names = {}
    for name, field in table.items():
        names[name] = name
        for alias in field.aliases:
            names[alias] = name
    return names


# ---- XML request bodies -------------------------------------------------------------

def parse_body(body, tag):
    """Parse a request body whose root must be ``tag``; DTDs and entities are refused, never expanded."""
    if not body or not body.strip():
        raise KrakenError(1011)
    upper = body.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise KrakenError(1011)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise KrakenError(1011) from exc
    # A DTD in another encoding (UTF-16) slips past the byte check: look again.
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or any(True for dummy in root.iter(etree.Entity)):
        raise KrakenError(1011)
    if root.tag != tag:
        raise KrakenError(1011, "expected a <%s> element" % tag)
    return root


def _href_or_text(element):
    # A reference is the link as text (the guide's POST form) or a nested <link href>
    # (the GET form, in case a client echoes it back). Links wrapped over lines are joined.
    link = element.find("link")
    value = link.get("href") if link is not None else element.text
    return re.sub(r"\s+", "", value or "")


def element_fields(root, table, extra=()):
    """Turn the children of a resource element into raw values keyed by canonical names."""
    names = canonical_names(table)
    raw = {}
    for child in root:
        tag = child.tag
        if tag in extra:
            raw[tag] = (child.text or "").strip()
            continue
        if tag in IGNORED:
            continue
        if tag not in names:
            raise KrakenError(1013, "unknown element <%s>" % tag)
        name = names[tag]
        field = table[name]
        if field.kind == "nested":
            raw[name] = element_fields(child, field.sub)
        elif field.kind in ("refs", "metarefs"):
            items = []
            for item in child:
                if item.tag != ITEM_TAG[name]:
                    raise KrakenError(1013, "<%s> may only contain <%s> elements" % (name, ITEM_TAG[name]))
                items.append(_href_or_text(item))
            raw[name] = items
        elif field.kind in ("ref", "nic"):
            raw[name] = _href_or_text(child)
        elif len(child):
            raise KrakenError(1013, "<%s> must be a simple value" % name)
        else:
            # Kept as sent here: whether edge spaces and newlines of text are stored is the device's choice (coerce).
            raw[name] = child.text or ""
    return raw


# ---- values --------------------------------------------------------------------------

def _parse_int(name, value):
    if isinstance(value, (bool, float)):
        raise KrakenError(1013, "<%s> must be an integer" % name)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    try:
        # tos is documented in decimal or hex (0x00-0xFF); accept hex everywhere.
        return int(text, 16) if text.lower().startswith("0x") else int(text)
    except ValueError:
        raise KrakenError(1013, "<%s> must be an integer, got %r" % (name, text)) from None


def _word(name, value, choices, bools=None):
    if isinstance(value, bool) and bools:
        return bools[0] if value else bools[1]
    text = str(value).strip()
    for choice in choices:
        if text.lower() == choice.lower():
            return choice
    raise KrakenError(1013, "<%s> must be one of %s, got %r" % (name, ", ".join(choices), text))


def coerce(table, raw, resolver, context="", trim=False):
    """Check raw values (XML text or JSON) against a table: typed values, or UNSET for empty ones.

    ``trim``: the device trims edge whitespace of names and free text (then text of only
    white space is empty, and unsets the element).
    """
    names = canonical_names(table)
    values = {}
    for key, value in raw.items():
        if key not in names:
            raise KrakenError(1013, "unknown element <%s>" % key)
        name = names[key]
        values[name] = coerce_value(context + name, table[name], value, resolver, trim)
    return values


def coerce_value(name, field, value, resolver, trim=False):
    kind = field.kind
    if trim and field.text and isinstance(value, str):
        value = value.strip()
    empty = value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())
    if empty and kind == "choice" and not field.empty_ok:
        # An enumeration has no empty value: the device refuses it rather than guess.
        raise KrakenError(1013, "<%s> must be one of %s, got an empty value" % (name, ", ".join(field.choices)))
    if empty and not (kind == "str" and isinstance(value, str) and value):
        return UNSET
    if kind == "nested":
        if not isinstance(value, dict):
            raise KrakenError(1013, "<%s> must contain elements" % name)
        return coerce(field.sub, value, resolver, name + ".", trim)
    if kind in ("refs", "metarefs"):
        items = value if isinstance(value, list) else [value]
        result = []
        for item in items:
            ref = resolver.metadata(item) if kind == "metarefs" else resolver.ref(field.choices, item)
            if ref not in result:
                result.append(ref)
        return result
    if kind == "ref":
        return resolver.ref(field.choices, value)
    if kind == "nic":
        return resolver.nic(value)
    if kind == "int":
        number = _parse_int(name, value)
        if number < field.low or number > field.high:
            raise KrakenError(1013, "<%s> must be between %d and %d, got %d" % (name, field.low, field.high, number))
        return number
    if kind == "choice":
        return _word(name, value, field.choices)
    if kind == "onoff":
        return _word(name, value, ON_OFF, bools=ON_OFF)
    if kind == "bool":
        return _word(name, value, ("true", "false"), bools=("true", "false")) == "true"
    text = str(value)
    if field.low is not None and not field.low <= len(text) <= field.high:
        raise KrakenError(1013, "<%s> must be %d to %d characters long" % (name, field.low, field.high))
    return text


def apply(table, target, values):
    """Write coerced values into a resource dict; nested elements merge child by child."""
    for name, value in values.items():
        field = table[name]
        if value is UNSET:
            if field.default is not None:
                target[name] = field.default
            else:
                target.pop(name, None)
        elif field.kind == "nested":
            merged = dict(target.get(name) or {})
            apply(field.sub, merged, value)
            if merged:
                target[name] = merged
            else:
                target.pop(name, None)
        else:
            target[name] = value
    return target


def missing_required(kind, resource):
    """What a complete resource lacks (after defaults and merge), or None."""
    if not resource.get("name"):
        return "<name> is required"
    if kind == "inputs" and resource.get("streamType") in ("MPEG2TS", "RTSP", "MJPEGRAW") and not resource.get("url"):
        return "<url> is required for streamType %s" % resource["streamType"]
    if kind == "outputs" and resource.get("streamType") != "SRT" and not resource.get("url"):
        return "<url> is required unless streamType is SRT"
    if kind == "transcoders" and "resolution" in resource and len(resource["resolution"]) != 2:
        return "<resolution> needs both <width> and <height>"
    return None


# ---- XML responses -------------------------------------------------------------------

def sub(parent, tag, text=None, **attrib):
    element = etree.SubElement(parent, tag, **attrib)
    if text is not None:
        element.text = text
    return element


def wire(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "%s" % (value,)


def render_fields(parent, table, resource, nic_link):
    """Append the set fields of a resource in the table's element names."""
    for name, field in table.items():
        value = resource.get(name)
        if value is None or field.kind in ("ref", "refs", "metarefs"):
            continue
        if field.kind == "nested":
            render_fields(sub(parent, name), field.sub, value, nic_link)
        elif field.kind == "nic":
            sub(parent, name, value if value == "auto" else nic_link(value))
        else:
            sub(parent, name, wire(value))
