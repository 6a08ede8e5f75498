# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The content parts of sessions, assets and sections: which a task manages, their reads, their plan.

A session has sources, metadata (categories are metadata entries), shares, a
public share and a schedule (its events); an asset has metadata, shares and
a public share; a section has shares. Each part's read and planner live with
the part (session_sources.py, metadata.py, shares.py, schedule.py); this
module ties them together: ``ContentTask`` says which parts a task manages,
``part_reads`` and ``read_many_parts`` read them side by side (one round
trip on a remote link), ``plan_content_parts`` plans the parts sessions and
assets share.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.metadata import desired_metadata, plan_metadata, read_metadata
from ansible_collections.haivision.media.plugins.module_utils._hmp.schedule import read_events
from ansible_collections.haivision.media.plugins.module_utils._hmp.session_sources import read_session_sources
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import (
    desired_shares, plan_public_share, plan_shares, read_public_share, read_shares, resolve_shares)
from ansible_collections.haivision.media.plugins.module_utils._common.transport import run_concurrently

# Each part by its name in ``{part: value}``: its read (``read(client, base)``).
READS = {
    "sources": read_session_sources,
    "metadata": read_metadata,
    "shares": read_shares,
    "public_share": read_public_share,
    "events": read_events,
}
SESSION_PARTS_READ = ("sources", "metadata", "shares", "public_share", "events")
ASSET_PARTS_READ = ("metadata", "shares", "public_share")
SECTION_PARTS_READ = ("shares",)
# The parts of a session HMP has just created, as check mode predicts them (the real run reads them).
NEW_SESSION = {"sources": [], "metadata": [], "shares": [], "public_share": False, "events": []}


class ContentTask:
    """What a session's or an asset's task asks of its fields and shared parts, validated before any
    request; a part that is None is not managed."""

    def __init__(self, params, fields):
        self.params = params
        self.fields = fields.desired(params)
        metadata_given = params.get("metadata") is not None or params.get("categories") is not None
        self.metadata = desired_metadata(params.get("metadata"), params.get("categories")) \
            if metadata_given or params["purge_metadata"] else None
        # purge_shares alone means "no shares but those listed": none.
        self.shares = desired_shares(params.get("shares")) if params.get("shares") is not None or params["purge_shares"] else None
        self.public_share = params.get("public_share")

    def managed(self):
        """The names of the parts the task manages, as ``part_reads`` takes them."""
        return tuple(name for name, wanted in (("metadata", self.metadata), ("shares", self.shares),
                                               ("public_share", self.public_share)) if wanted is not None)


def part_reads(client, base, record, names):
    """The parts ``names`` of the resource at ``base`` as ``({part: value known from its record}, {part: the
    read that gets it})``: a session's record lists its sources."""
    known, calls = {}, {}
    for name in names:
        if name == "sources" and isinstance((record or {}).get("sources"), list):
            known["sources"] = record["sources"]
        else:
            calls[name] = lambda name=name: READS[name](client, base)
    return known, calls


def read_many_parts(reads):
    """``{key: part_reads(...)}`` to ``{key: {part: value}}``: the parts are independent of each other, so
    every read of every key goes side by side."""
    jobs = [(key, name, call) for key, (dummy, calls) in reads.items() for name, call in calls.items()]
    values = run_concurrently([call for dummy, dummy, call in jobs])
    parts = dict((key, dict(known)) for key, (known, dummy) in reads.items())
    for (key, name, dummy), value in zip(jobs, values):
        parts[key][name] = value
    return parts


def read_parts(client, base, record, names):
    """``{part: value}`` of the parts ``names`` of the resource at ``base``."""
    return read_many_parts({base: part_reads(client, base, record, names)})[base]


def plan_content_parts(task, parts, principals, fields):
    """The metadata, shares and public share Parts the task manages (a session's and an asset's alike).

    ``parts``: the current parts (``read_parts``); ``principals``: the run's
    PrincipalDirectory; ``fields``: the FieldSet of the resource's metadata
    and public share.
    """
    planned = []
    if task.metadata is not None:
        planned.append(plan_metadata(fields, task.metadata, parts["metadata"], task.params["purge_metadata"]))
    if task.shares is not None:
        resolved = resolve_shares(principals, task.shares, parts["shares"])
        planned.append(plan_shares(parts["shares"], resolved, purge=task.params["purge_shares"]))
    if task.public_share is not None:
        planned.append(plan_public_share(fields, task.public_share, parts["public_share"]))
    return planned
