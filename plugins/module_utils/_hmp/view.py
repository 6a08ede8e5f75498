# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""An HMP platform as users read it: paged collections read whole, sessions with their parts."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import SOURCE_FIELDS
from ansible_collections.haivision.media.plugins.module_utils._hmp.parts import (
    ASSET_PARTS_READ, SECTION_PARTS_READ, part_reads, read_many_parts)
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import PATHS, SESSIONS_PATH, SOURCES_PATH
from ansible_collections.haivision.media.plugins.module_utils._hmp.stb import list_stbs, list_tags
from ansible_collections.haivision.media.plugins.module_utils._common.masking import mask_secrets

COLLECTIONS = {
    "sources": "/apis/sources",
    "recordings": "/apis/recordings",
    "categories": "/apis/categories",
    "users": "/apis/users/enabled",
    "groups": "/apis/groups/enabled",
    "events": "/apis/events",
}
# Collections whose "none" is an answer of their own (the devices API's 404s).
READERS = {"stbs": list_stbs, "tags": list_tags}


# The parts hmp_info shows with each session, asset and section (``public_share``: a bool).
VIEW_PARTS = {"sessions": ("sources", "metadata", "shares"), "assets": ASSET_PARTS_READ, "sections": SECTION_PARTS_READ}


def with_parts(client, kind, items):
    """Every item of ``kind`` with its parts, read side by side."""
    parts = read_many_parts(dict((item["id"], part_reads(client, "%s/%s" % (PATHS[kind], quote_id(item["id"])), item,
                                                         VIEW_PARTS[kind])) for item in items))
    return [dict(item, **parts[item["id"]]) for item in items]


def sessions_view(client, sources=None):
    """Every session with its parts; its sources as {id, name, index} (the record gives only ids)."""
    sessions = client.list_all(SESSIONS_PATH)
    if not sessions:
        return []
    if sources is None:
        sources = client.list_all(SOURCES_PATH)
    names = dict((s.get("id"), s.get("name")) for s in sources)
    return [dict(session, sources=[{"id": s, "name": names.get(s), "index": i} for i, s in enumerate(session["sources"])])
            for session in with_parts(client, "sessions", sessions)]


def platform_view(client, gather):
    """What hmp_info returns. Sources are masked by their fields (a source's wire names are its option names);
    the rest (users, groups, recordings, events, categories, sessions with their parts, set-top boxes and
    device tags) has no field
    declarations here, so it is masked by key name."""
    result = {}
    if "version" in gather:
        result["version"] = client.request("GET", "/apis/system/version")["data"]
    for name, path in COLLECTIONS.items():
        if name in gather:
            result[name] = client.list_all(path)
    for name, read in READERS.items():
        if name in gather:
            result[name] = read(client)
    if "sessions" in gather:
        result["sessions"] = sessions_view(client, result.get("sources"))
    for kind in ("assets", "sections"):
        if kind in gather:
            result[kind] = with_parts(client, kind, client.list_all(PATHS[kind]))
    return dict((name, [SOURCE_FIELDS.mask(source) for source in value] if name == "sources" else mask_secrets(value))
                for name, value in result.items())
