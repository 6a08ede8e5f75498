# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The health report behind the filters ``health_fragment`` (one device against its line-up) and ``health_report`` (all devices).

Only names, ids, states and versions go into a report: never a connection
option or any other field of the info modules' results.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.collections import is_sequence
from ansible.module_utils.six import string_types
from ansible.module_utils.six.moves.collections_abc import Mapping

from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError, match_one

# ok: as the line-up wants; down: something that should run does not (fails the run);
# mismatch: exists or runs against the line-up; unmanaged: the line-up does not name it.
STATUSES = ("down", "mismatch", "ok", "unmanaged")


def _entry(kind, name, ident, state, wanted, status, note=None):
    return {"kind": kind, "name": name, "id": ident, "state": state, "wanted": wanted, "status": status, "note": note}


def _find(items, name_key, id_key, what, name=None, ident=None, or_id=False):
    """The device's items a line-up item names (by id when given, else by its exact name; ``or_id``: ``name``
    may be the id too): one, none, or those the name cannot tell apart (identity.match_one, the modules' rule)."""
    try:
        found = match_one(items, name_key, name, id_key, ident, what, or_id=or_id)
    except IdentityError as exc:
        return exc.matches
    return [found] if found is not None else []


def _kraken(info, lineup):
    streams = [s for s in info.get("streams") or [] if isinstance(s, Mapping)]
    entries = []
    seen = set()
    for item in (lineup or {}).get("streams") or []:
        wanted = item.get("state") or "present"
        name = item.get("name") or item.get("uuid")
        found = _find(streams, "name", "uuid", "stream", item.get("name"), item.get("uuid"))
        seen.update(s.get("uuid") for s in found)
        stream = found[0] if len(found) == 1 else None
        state = stream.get("state") if stream else ("absent" if not found else "ambiguous")
        ident = stream.get("uuid") if stream else None
        if len(found) > 1:
            entries.append(_entry("stream", name, None, state, wanted, "mismatch",
                                  "%d streams have this name" % len(found)))
        elif wanted == "started":
            # Only active counts as running: waiting means the stream has no input to send.
            entries.append(_entry("stream", name, ident, state, wanted, "ok" if state == "active" else "down"))
        elif wanted == "stopped":
            entries.append(_entry("stream", name, ident, state, wanted, "ok" if state == "stopped" else "mismatch"))
        elif wanted == "absent":
            entries.append(_entry("stream", name, ident, state, wanted, "ok" if not found else "mismatch"))
        else:
            entries.append(_entry("stream", name, ident, state, wanted, "ok" if found else "mismatch"))
    for stream in streams:
        if stream.get("uuid") not in seen:
            entries.append(_entry("stream", stream.get("name"), stream.get("uuid"), stream.get("state"), None, "unmanaged"))
    return info.get("system", {}).get("version"), entries


def _flag(value):
    return "active" if value else "inactive"


def _hmp(info, lineup, must_record):
    lineup = lineup or {}
    sources = [s for s in info.get("sources") or [] if isinstance(s, Mapping)]
    sessions = [s for s in info.get("sessions") or [] if isinstance(s, Mapping)]
    recordings = [r for r in info.get("recordings") or [] if isinstance(r, Mapping)]
    entries = []
    for item in lineup.get("sources") or []:
        wanted = item.get("state") or "present"
        found = _find(sources, "name", "id", "source", item.get("name"), item.get("id"))
        source = found[0] if len(found) == 1 else None
        state = _flag(source.get("active")) if source else ("absent" if not found else "ambiguous")
        if wanted == "absent":
            status = "ok" if not found else "mismatch"
        elif source is None:
            status = "mismatch"
        else:
            # A source without stream data is a feed that is down.
            status = "ok" if state == "active" else "down"
        entries.append(_entry("source", item.get("name") or item.get("id"), source.get("id") if source else None,
                              state, wanted, status))
    titles = {}
    for item in lineup.get("sessions") or []:
        wanted = item.get("state") or "present"
        found = _find(sessions, "title", "id", "session", item.get("title"), item.get("id"))
        session = found[0] if len(found) == 1 else None
        state = _flag(session.get("active")) if session else ("absent" if not found else "ambiguous")
        if wanted == "absent":
            status = "ok" if not found else "mismatch"
        elif session is None or (item.get("active") is not None and state != _flag(item.get("active"))):
            status = "mismatch"
        else:
            status = "ok"
        if session:
            titles[session["id"]] = session.get("title")
        entries.append(_entry("session", item.get("title") or item.get("id"), session.get("id") if session else None,
                              state, ("active" if item.get("active") else "inactive") if item.get("active") is not None
                              else wanted, status))
    by_id = dict((s.get("id"), s) for s in sessions)
    required = set()
    for ref in must_record or []:
        found = _find(sessions, "title", "id", "session", ref, or_id=True)
        if len(found) != 1:
            entries.append(_entry("recording", ref, None, "absent" if not found else "ambiguous", "recording", "down",
                                  "the session to record %s" % ("does not exist" if not found else "is ambiguous")))
            continue
        session = found[0]
        required.add(session["id"])
        active = [r for r in recordings if r.get("session") == session["id"]]
        if not active:
            entries.append(_entry("recording", session.get("title"), None, "stopped", "recording", "down",
                                  "no active recording of this session"))
    for recording in recordings:
        state = (recording.get("state") or "").lower() or None
        session = by_id.get(recording.get("session")) or {}
        name = recording.get("title") or session.get("title") or recording.get("id")
        if recording.get("session") in required:
            entries.append(_entry("recording", name, recording.get("id"), state, "recording",
                                  "ok" if state == "recording" else "down"))
        else:
            entries.append(_entry("recording", name, recording.get("id"), state, None, "unmanaged"))
    return (info.get("version") or {}).get("version"), entries


def health_fragment(info, device, product, lineup=None, error=None, must_record=None):
    """One device's health: reachable, version, and each stream/source/session/recording against the line-up."""
    if not isinstance(device, string_types) or product not in ("kraken", "hmp"):
        raise AnsibleFilterError("health_fragment: device must be a string and product kraken or hmp")
    if lineup is not None and not isinstance(lineup, Mapping):
        raise AnsibleFilterError("health_fragment: the line-up must be a mapping")
    if must_record is not None and not is_sequence(must_record):
        raise AnsibleFilterError("health_fragment: must_record must be a list of session titles or ids")
    if error or not isinstance(info, Mapping) or info.get("failed") or info.get("skipped"):
        reason = error or (info.get("msg") if isinstance(info, Mapping) else None) or "no answer from the device"
        return {"device": device, "product": product, "reachable": False, "version": None, "error": "%s" % reason,
                "resources": []}
    if product == "kraken":
        version, entries = _kraken(info, lineup)
    else:
        version, entries = _hmp(info, lineup, must_record)
    return {"device": device, "product": product, "reachable": True, "version": version, "error": None,
            "resources": entries}


def _line(device, entry):
    text = "  %s  %s  %s  %s  state %s" % (device, entry["kind"], entry["name"], entry["status"].upper(), entry["state"])
    if entry["wanted"]:
        text += ", wanted %s" % entry["wanted"]
    if entry.get("note"):
        text += " (%s)" % entry["note"]
    return text


def health_report(fragments, devices=None, run_id=None, generated=None):
    """Merge the devices' fragments into one report with counts and a short human summary."""
    if not is_sequence(fragments):
        raise AnsibleFilterError("health_report: expected a list of fragments")
    by_device = {}
    for fragment in fragments:
        if not isinstance(fragment, Mapping) or not fragment.get("device"):
            raise AnsibleFilterError("health_report: a fragment needs a 'device': %r" % (fragment,))
        by_device[fragment["device"]] = fragment
    for name in devices or []:
        by_device.setdefault(name, {"device": name, "product": None, "reachable": False, "version": None,
                                    "error": "no report from this device (its tasks did not run to the end)",
                                    "resources": []})
    device_entries = []
    problems = []
    counts = dict((status, 0) for status in STATUSES)
    for name in sorted(by_device):
        fragment = by_device[name]
        resources = []
        for entry in fragment.get("resources") or []:
            entry = dict(entry, device=name, product=fragment.get("product"))
            counts[entry["status"]] += 1
            resources.append(entry)
            if entry["status"] in ("down", "mismatch"):
                problems.append(entry)
        down = [r for r in resources if r["status"] == "down"]
        status = "unreachable" if not fragment.get("reachable") else ("down" if down else "ok")
        device_entries.append({"device": name, "product": fragment.get("product"), "reachable": bool(fragment.get("reachable")),
                               "version": fragment.get("version"), "status": status, "error": fragment.get("error"),
                               "resources": resources})
    unreachable = [d for d in device_entries if not d["reachable"]]
    summary = {"devices": len(device_entries), "unreachable": len(unreachable), "down": counts["down"],
               "mismatch": counts["mismatch"], "ok": counts["ok"], "unmanaged": counts["unmanaged"]}
    lines = ["haivision.media health report: %d device(s), %d unreachable, %d down, %d mismatch(es), %d ok"
             % (summary["devices"], summary["unreachable"], summary["down"], summary["mismatch"], summary["ok"])]
    for entry in device_entries:
        if entry["reachable"]:
            lines.append("  %s  %s  reachable  version %s" % (entry["device"], entry["product"], entry["version"]))
        else:
            lines.append("  %s  %s  UNREACHABLE  %s" % (entry["device"], entry["product"], entry["error"]))
    lines.extend(_line(p["device"], p) for p in problems)
    something_down = bool(unreachable or counts["down"])
    if not something_down and not problems:
        lines.append("  every device answers and every stream, source, session and recording is as its line-up wants")
    return {"run_id": run_id, "generated": generated, "healthy": not something_down, "summary": summary,
            "devices": device_entries, "problems": problems, "summary_lines": lines}
