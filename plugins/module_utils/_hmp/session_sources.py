# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A session's sources (``/apis/sessions/:id/sources``): their read and their planner.

The session's record lists its source ids in their order; the ``/sources``
list says the same with an ``index`` each. A source is added by POST and
removed by DELETE; the order of those kept does not change.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import SESSION_PARTS
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import Part


def read_session_sources(client, base):
    """The ids of the sources of the session at ``base``, in their order."""
    return [s.get("sourceId") for s in sorted(client.list_all(base + "/sources"), key=lambda s: s.get("index") or 0)]


def sources_view(directory, source_ids):
    """The sources as results show them: ``{id, name, index}`` each (ids mean little alone)."""
    return [{"id": s, "name": directory.name("sources", s), "index": i} for i, s in enumerate(source_ids)]


def plan_session_sources(directory, wanted_ids, current_ids):
    """The Part that gives the session exactly ``wanted_ids`` (resolved through ``directory``, the run's
    source list, which also names them in the diff)."""
    wanted = []
    for source_id in wanted_ids:
        if source_id not in wanted:
            wanted.append(source_id)
    field = SESSION_PARTS.by_option["sources"]
    options = SESSION_PARTS.changes({"sources": field.normalize(wanted)}, {"sources": field.normalize(current_ids)})
    actions = [("POST", "/sources", {"sourceId": s}) for s in wanted if s not in current_ids]
    actions += [("DELETE", "/sources/" + quote_id(s), None) for s in current_ids if s not in wanted]
    order = [s for s in current_ids if s in wanted] + [s for s in wanted if s not in current_ids]
    # Shown by name: ids mean little in a diff.
    before = {"sources": sorted(directory.name("sources", s) for s in current_ids)}
    after = {"sources": sorted(directory.name("sources", s) for s in wanted)}
    return Part(SESSION_PARTS, options, before, after, actions, {"sources": sources_view(directory, order)})
