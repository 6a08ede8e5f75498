# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Field declarations of the HMP resources: option name, JSON property, type, range.

The HMP modules and hmp_lineup share these; nothing else declares an HMP
field. Sub-resources (a session's sources, metadata,
shares, public share, schedule) are compared in the canonical forms their
planners build, through ``SESSION_PARTS`` and ``SHARE_PARTS``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._common.fields import Field, FieldSet

# HMP speaks JSON booleans, not Kraken's on/off words.
JSON_BOOL = (True, False)

SOURCE_TYPES = ["UDP", "SRT"]
SRT_MODES = ["CALLER", "LISTENER", "RENDEZVOUS"]

SOURCE_FIELDS = FieldSet([
    Field("name", identity_name=True),
    Field("type", choices=SOURCE_TYPES),
    Field("host"),
    Field("port", kind="int", minimum=1, maximum=65535),
    Field("multicast", kind="bool", bool_words=JSON_BOOL),
    Field("description", absent="", free_text=True),
    Field("continuous", kind="bool", bool_words=JSON_BOOL),
    Field("mode", choices=SRT_MODES),
    # Guide silent on ranges: Haivision's usual SRT bounds.
    Field("latency", kind="int", minimum=20, maximum=8000),
    Field("passphrase", secret=True, min_length=10, max_length=79),
])

# The properties each source type has: a PUT carries exactly these (a key of the
# other type would be meaningless, and comparing it would never converge).
SOURCE_TYPE_OPTIONS = {
    "UDP": ("name", "type", "host", "port", "multicast", "description", "continuous"),
    "SRT": ("name", "type", "host", "port", "mode", "latency", "passphrase", "description", "continuous"),
}

# Checked by AnsibleModule before any request (the guide: multicast is required
# for UDP, mode for SRT). The host a multicast or caller source needs is checked
# on create only: an edit keeps the host the platform has.
SOURCE_REQUIRED_IF = [
    ("type", "UDP", ["multicast"]),
    ("type", "SRT", ["mode"]),
]

SESSION_FIELDS = FieldSet([
    Field("title", identity_name=True),
    Field("description", absent="", free_text=True),
    Field("active", kind="bool", bool_words=JSON_BOOL, absent=False),
    Field("syncrecord", kind="bool", bool_words=JSON_BOOL, absent=False),
    Field("distribution_policies", "distributionPolicies", kind="set", absent=[]),
])

# A session's sub-resources, each in the canonical form its planner builds:
# sources as a set of source ids, metadata as {entry name: values},
# public share as a bool, schedule as a list of events; shares (sessions and
# sources alike) as {"USER:name": permission}.
SESSION_PARTS = FieldSet([
    Field("sources", kind="set"),
    Field("metadata", kind="map"),
    Field("public_share", kind="bool"),
    Field("schedule", kind="raw"),
])
SHARE_PARTS = FieldSet([Field("shares", kind="map")])

# An asset (a recorded video): the two properties its PUT takes (title required,
# description reset when left out), and its metadata and public share parts.
ASSET_FIELDS = FieldSet([
    Field("title", identity_name=True),
    Field("description", absent="", free_text=True),
])
ASSET_PARTS = FieldSet([
    Field("metadata", kind="map"),
    Field("public_share", kind="bool"),
])

SHARE_TYPES = ["USER", "GROUP"]
BUILTIN_PERMISSIONS = ("WATCH", "EDIT", "OWN")

# One share: a user or group by name or id, and the permission it holds.
SHARE_OPTIONS = dict(
    name=dict(type="str"),
    id=dict(type="str"),
    type=dict(type="str", choices=SHARE_TYPES, default="USER"),
    permission=dict(type="str"),
)
SHARE_ITEM_SPEC = dict(type="list", elements="dict", options=SHARE_OPTIONS,
                       required_one_of=[("name", "id")])
# The options of the parts sessions and assets share, planned by parts.plan_content_parts.
CONTENT_PARTS_SPEC = dict(
    metadata=dict(type="dict"),
    purge_metadata=dict(type="bool", default=False),
    categories=dict(type="dict"),
    shares=SHARE_ITEM_SPEC,
    purge_shares=dict(type="bool", default=False),
    public_share=dict(type="bool"),
)

EVENT_TYPES = ["one-time", "weekly-recurring"]
EVENT_COMMANDS = ["set-live", "record"]
WEEK_DAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]

# One scheduled session event (HMP "events" of module "session").
SCHEDULE_ITEM_SPEC = dict(type="list", elements="dict", options=dict(
    start_time=dict(type="int", required=True),
    duration=dict(type="int"),
    type=dict(type="str", choices=EVENT_TYPES, default="one-time"),
    days=dict(type="list", elements="str", choices=WEEK_DAYS),
    command=dict(type="str", choices=EVENT_COMMANDS, default="set-live"),
    record=dict(type="bool", default=False),
), required_if=[("type", "weekly-recurring", ["days"])])

# An active recording of a session as hmp_recording compares it: its state and the sources it records
# (by name). HMP spells the states RECORDING and PAUSED; no active recording is "stopped".
RECORDING_STATES = ["recording", "paused", "stopped"]
RECORDING_FIELDS = FieldSet([
    Field("state", choices=RECORDING_STATES),
    Field("recorders", kind="set"),
])


def _volume(value):
    """A set-top box's volume to the guide's two decimals (0.00-1.00); left as it is when not a number."""
    try:
        return round(float(value), 2)
    except (TypeError, ValueError):
        return value


# What hmp_stb compares on each set-top box (the guide's device record); channel is the id of the
# source or session the box shows (channelId).
STB_FIELDS = FieldSet([
    Field("standby", kind="bool", bool_words=JSON_BOOL),
    Field("volume", kind="float", minimum=0.0, maximum=1.0, normalizer=_volume),
    Field("muted", kind="bool", bool_words=JSON_BOOL),
    Field("channel", "channelId"),
])
