# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""An HMP platform as users read it: paged collections read whole, sessions with their parts."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import SOURCE_FIELDS
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import PATHS
from ansible_collections.haivision.media.plugins.module_utils._hmp.session import part_reads, read_many_parts
from ansible_collections.haivision.media.plugins.module_utils._hmp.stb import list_stbs, list_tags
from ansible_collections.haivision.media.plugins.module_utils._common.masking import mask_secrets
from ansible_collections.haivision.media.plugins.module_utils._common.transport import run_concurrently

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


def session_parts(client, session_id):
    """A session's sources, metadata and shares (each may be an empty 404)."""
    base = "/apis/sessions/%s" % quote_id(session_id)
    return {
        "sources": client.list_all(base + "/sources"),
        "metadata": client.list_all(base + "/metadata", paged=False),
        "shares": client.list_all(base + "/shares"),
    }


def sessions_view(client, sources=None):
    """Every session with its parts; its sources as {id, name, index} (the API gives only ids)."""
    sessions = client.list_all("/apis/sessions")
    if not sessions:
        return []
    if sources is None:
        sources = client.list_all("/apis/sources")
    names = dict((s.get("id"), s.get("name")) for s in sources)
    parts = run_concurrently([lambda session_id=s["id"]: session_parts(client, session_id) for s in sessions])
    result = []
    for session, extra in zip(sessions, parts):
        session = dict(session)
        session.pop("sources", None)
        extra["sources"] = [{"id": item.get("sourceId"), "name": names.get(item.get("sourceId")), "index": item.get("index")}
                            for item in sorted(extra["sources"], key=lambda i: i.get("index") or 0)]
        session.update(extra)
        result.append(session)
    return result


# The parts read with each asset and section (``public_share``: a bool).
LIBRARY_PARTS = {"assets": ("metadata", "shares", "public_share"), "sections": ("shares",)}


def library_view(client, kind):
    """Every asset (with its metadata, shares and public share) or section (with its shares)."""
    items = client.list_all(PATHS[kind])

    parts = read_many_parts(dict((item["id"], part_reads(client, "%s/%s" % (PATHS[kind], quote_id(item["id"])), item,
                                                         everything=True, names=LIBRARY_PARTS[kind])) for item in items))
    return [dict(item, **parts[item["id"]]) for item in items]


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
    for kind in LIBRARY_PARTS:
        if kind in gather:
            result[kind] = library_view(client, kind)
    return dict((name, [SOURCE_FIELDS.mask(source) for source in value] if name == "sources" else mask_secrets(value))
                for name, value in result.items())
