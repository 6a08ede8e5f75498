# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kraken XML: a hardened parser, element <-> dict conversion, and link ids.

Kraken returns elements in any order, adds elements we do not know, and omits
unset fields; everything here is keyed by tag, never by position.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

try:
    from lxml import etree
    HAS_LXML = True
    LXML_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module through missing_required_lib
    HAS_LXML = False
    LXML_IMPORT_ERROR = exc

# Containers whose children form a list even when there is only one child.
LIST_CONTAINERS = {
    "inputs": "input", "outputs": "output", "transcoders": "transcoder", "streams": "stream",
    "configurations": "configuration", "servers": "server", "nics": "nic", "metadatas": "metadata",
    "available_modes": "mode",
}


class UnsafeXmlError(ValueError):
    """The document carries a DTD or entities; we refuse rather than expand."""


def _parser():
    # No DTD, no entity expansion, no network, no huge trees: an XXE or a
    # billion-laughs body is refused instead of being expanded.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def parse(body):
    """Parse bytes into the root element, refusing any document with a DOCTYPE."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    compact = body.replace(b"\x00", b"").upper()  # UTF-16/32 would hide the markup from a plain byte check
    if b"<!DOCTYPE" in compact or b"<!ENTITY" in compact:
        raise UnsafeXmlError("the document declares a DTD or entities, which are refused")
    try:
        root = etree.fromstring(body, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError("malformed XML: %s" % exc)
    if root.getroottree().docinfo.doctype:
        raise UnsafeXmlError("the document declares a DTD, which is refused")
    return root


def local_name(tag):
    return tag.split("}", 1)[-1] if isinstance(tag, str) else None


def element_to_value(element):
    """Convert an element into str, dict or list, keyed by wire (XML) names.

    ``<link rel=... href=...>`` children are gathered under ``_links``
    (rel -> href), as a resource may carry several.
    """
    children = [c for c in element if isinstance(c.tag, str)]
    tag = local_name(element.tag)
    if not children:
        # Text exactly as the device stores it: a name or description may
        # end in a space or newline, and comparing it stripped never converges.
        return element.text or ""
    item_tag = LIST_CONTAINERS.get(tag)
    child_tags = [local_name(c.tag) for c in children if local_name(c.tag) != "link"]
    if item_tag and all(t == item_tag for t in child_tags):
        return [element_to_value(c) for c in children if local_name(c.tag) == item_tag]
    result = {}
    for child in children:
        name = local_name(child.tag)
        if name == "link":
            result.setdefault("_links", {})[child.get("rel") or "self"] = _clean_href(child.get("href"))
        else:
            # A repeated element outside a known container keeps every occurrence.
            result.setdefault(name, []).append(element_to_value(child))
    return dict((k, v if k == "_links" or len(v) > 1 else v[0]) for k, v in result.items())


def _clean_href(href):
    # Guide examples wrap long hrefs across lines; a real device may too.
    return re.sub(r"\s+", "", href or "")


def build(tag, value):
    """Build an element from a dict keyed by wire names (lists repeat their item tag)."""
    element = etree.Element(tag)
    _fill(element, value)
    return element


def _fill(element, value):
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None:
                continue
            if isinstance(item, list):
                container = etree.SubElement(element, key)
                item_tag = LIST_CONTAINERS.get(key, key[:-1] if key.endswith("s") else "item")
                for entry in item:
                    _fill(etree.SubElement(container, item_tag), entry)
            else:
                _fill(etree.SubElement(element, key), item)
    elif isinstance(value, bool):
        element.text = "on" if value else "off"
    else:
        element.text = "%s" % (value,)


def to_bytes(element):
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8")


def link_id(href, kind=None):
    """The id at the end of a Kraken link, with or without the dash.

    ``.../outputs/output-<uuid>``, ``.../outputs/output<uuid>``,
    ``.../nics/nic-eth1`` and ``.../nics/niceth1`` all work; ``kind`` (the
    singular resource name) strips exactly that prefix.
    """
    if not href:
        return None
    last = _clean_href(href).rstrip("/").rsplit("/", 1)[-1]
    if kind:
        if last.startswith(kind + "-"):
            return last[len(kind) + 1:]
        if last.startswith(kind):
            return last[len(kind):]
        return last
    return last.split("-", 1)[1] if "-" in last else last


def camel_to_snake(name):
    """``srtRemotePort`` -> ``srt_remote_port``; ``bFrame`` -> ``b_frame``; ``auto_start`` stays."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
