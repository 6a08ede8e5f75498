# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Change control: every device's plan for review, and the apply of a reviewed plan.

``plan_report`` merges the devices' line-up results of a check-mode run into
the plan file (plan.json of playbooks/plan.yml), ``plan_markdown`` renders it
as a page for a merge request, and ``apply_report`` says, after
playbooks/apply.yml, which reviewed devices applied their plan and, for a
device whose plan changed since the review, which writes were added, dropped
or changed. The filters of the same names (plugins/filter/) expose them.

Everything shown comes from the line-ups' ``plan`` (no bodies) and their
``resources`` diffs, which the modules mask; secret keys are masked once more
here in case a result ever carried one in clear.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.collections import is_sequence
from ansible.module_utils.six import string_types
from ansible.module_utils.six.moves.collections_abc import Mapping

from ansible_collections.haivision.media.plugins.plugin_utils.drift import _masked as masked

ACTIONS = ("create", "update", "delete")
NO_FRAGMENT = "no plan from this device (its tasks did not run to the end)"


def _mapping(value):
    return value if isinstance(value, Mapping) else {}


def _list(value):
    return [v for v in value if isinstance(v, Mapping)] if is_sequence(value) else []


def _changes(result):
    """The resources a line-up result changes (or would), each ``{kind, name, action, diff}``, diffs masked."""
    changes = []
    for resource in _list(result.get("resources")):
        if resource.get("action") in ACTIONS:
            diff = _mapping(resource.get("diff"))
            changes.append({"kind": resource.get("kind"), "name": resource.get("name"), "action": resource["action"],
                            "diff": {"before": masked(dict(_mapping(diff.get("before")))),
                                     "after": masked(dict(_mapping(diff.get("after"))))}})
    return changes


def _writes(result):
    keys = ("method", "path", "kind", "name", "action", "note")
    return [dict((k, w[k]) for k in keys if k in w) for w in _list(result.get("plan"))]


def _fragments(fragments, name):
    if not is_sequence(fragments):
        raise AnsibleFilterError("%s: expected a list of fragments" % name)
    by_device = {}
    for fragment in fragments:
        if not isinstance(fragment, Mapping) or not isinstance(fragment.get("device"), string_types):
            raise AnsibleFilterError("%s: a fragment needs a 'device': %r" % (name, fragment))
        by_device[fragment["device"]] = fragment
    return by_device


# -- the plan ---------------------------------------------------------------------------------------------


def plan_report(fragments, devices=None, generated=None):
    """The plan file: per device its ``plan_digest``, ``plan``, ``changes`` (diffs), ``kept_on_air`` and error.

    ``fragments``: one ``{device, product, result, error}`` per device, ``result`` the line-up's registered
    result of a check-mode run ({} for a device without a line-up). ``devices``: every device of the run
    (one without a fragment is in error).
    """
    by_device = _fragments(fragments, "plan_report")
    for name in devices or []:
        by_device.setdefault(name, {"device": name, "error": NO_FRAGMENT})
    hosts = {}
    for name in sorted(by_device):
        fragment = by_device[name]
        result = _mapping(fragment.get("result"))
        hosts[name] = {"product": fragment.get("product"), "plan_digest": result.get("plan_digest"),
                       "plan": _writes(result), "changes": _changes(result),
                       "kept_on_air": _list(result.get("kept_on_air")), "error": fragment.get("error") or None}
    errors = [name for name, host in hosts.items() if host["error"]]
    busy = [name for name, host in hosts.items() if host["plan"] and not host["error"]]
    summary = {"devices": len(hosts), "devices_with_writes": len(busy),
               "writes": sum(len(hosts[name]["plan"]) for name in busy), "errors": len(errors)}
    lines = ["haivision.media plan: %d device(s), %d with writes to review, %d write(s), %d error(s)"
             % (summary["devices"], summary["devices_with_writes"], summary["writes"], summary["errors"])]
    for name, host in hosts.items():
        if host["error"]:
            lines.append("  %s  ERROR  %s" % (name, host["error"]))
        else:
            lines.append("  %s  %s" % (name, "%d write(s), plan_digest %s" % (len(host["plan"]), host["plan_digest"])
                                       if host["plan"] else "nothing to do"))
    return {"generated": generated, "something_to_do": bool(busy), "summary": summary, "hosts": hosts,
            "summary_lines": lines}


def _cell(value):
    """A value for a Markdown table cell: in a code span, on one line, its pipes escaped."""
    text = value if isinstance(value, string_types) else json.dumps(value, sort_keys=True, default=str)
    return "`%s`" % " ".join(text.replace("`", "'").split()).replace("|", "\\|")


def _diff_rows(change):
    before, after = change["diff"]["before"], change["diff"]["after"]
    fields = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)) or sorted(set(before) | set(after))
    return ["| %s | %s | %s |" % (field, _cell(before[field]) if field in before else "",
                                  _cell(after[field]) if field in after else "") for field in fields]


def plan_markdown(report, title="haivision.media plan"):
    """The plan file as a Markdown page: a section per device with its writes in order and its diffs."""
    report = _mapping(report)
    if not isinstance(report.get("hosts"), Mapping):
        raise AnsibleFilterError("plan_markdown: expected the plan_report of playbooks/plan.yml")
    summary = _mapping(report.get("summary"))
    lines = ["# %s" % title, "",
             "%s device(s), %s with writes to review, %s write(s), %s error(s)%s."
             % (summary.get("devices"), summary.get("devices_with_writes"), summary.get("writes"), summary.get("errors"),
                ", planned %s" % report["generated"] if report.get("generated") else "")]
    for name, host in report["hosts"].items():
        host = _mapping(host)
        writes, changes = _list(host.get("plan")), _list(host.get("changes"))
        lines += ["", "## %s (%s)" % (name, host.get("product") or "?"), ""]
        if host.get("error"):
            lines += ["**Error:** %s" % " ".join(("%s" % host["error"]).split()), ""]
        if not writes:
            lines.append("Nothing to do." if not host.get("error") else "No plan to apply.")
        else:
            lines += ["%d write(s), `plan_digest` %s" % (len(writes), _cell(host.get("plan_digest"))), "",
                      "| # | Request | Resource | Action |", "|---|---|---|---|"]
            lines += ["| %d | %s | %s %s | %s |" % (number, _cell(_request(w)), w.get("kind"), _cell(w.get("name")), w.get("action"))
                      for number, w in enumerate(writes, 1)]
            for change in changes:
                lines += ["", "**%s %s**: %s" % (change.get("kind"), _cell(change.get("name")), change.get("action")), "",
                          "| Option | Before | After |", "|---|---|---|"] + _diff_rows(change)
        kept = _list(host.get("kept_on_air"))
        if kept:
            lines += ["", "Left by the purge because on air: " + ", ".join(
                "%s %s (%s)" % (k.get("kind"), _cell(k.get("name")), _cell(k.get("id"))) for k in kept)]
    return "\n".join(lines) + "\n"


# -- the apply ------------------------------------------------------------------------------------------------


def _write_key(write):
    return (write.get("method"), write.get("path"), write.get("note") or "", write.get("kind"), write.get("name"))


def _request(write):
    """``METHOD path``, and the note of a request whose path alone does not say what it carries."""
    return "%s %s%s" % (write.get("method"), write.get("path"), " (%s)" % write["note"] if write.get("note") else "")


def _write_label(write):
    return "%s (%s %s, %s)" % (_request(write), write.get("kind"), write.get("name"), write.get("action"))


def plan_differences(reviewed, now):
    """``{added, dropped, changed}``: the writes of ``now`` (a line-up's result) that the ``reviewed`` host entry
    of a plan file does not have, those it has that ``now`` does not, and those both have whose resource is set
    to something else (its action or the ``after`` of its diff), each ``changed`` entry with ``fields``."""
    reviewed, now = _mapping(reviewed), _mapping(now)
    old, new = _list(reviewed.get("plan")), _writes(now)
    left = [_write_key(w) for w in old]
    added = []
    for write in new:
        if _write_key(write) in left:
            left.remove(_write_key(write))
        else:
            added.append(write)
    present = [_write_key(w) for w in new]
    dropped = []
    for write in old:
        if _write_key(write) in present:
            present.remove(_write_key(write))
        else:
            dropped.append(write)
    before = dict(((c["kind"], c["name"]), c) for c in _list(reviewed.get("changes")))
    after = dict(((c["kind"], c["name"]), c) for c in _changes(now))
    changed = []
    for write in new:
        key = (write.get("kind"), write.get("name"))
        if write in added or key not in before or key not in after:
            continue
        was, sets = before[key], after[key]
        fields = sorted(f for f in set(was["diff"]["after"]) | set(sets["diff"]["after"])
                        if was["diff"]["after"].get(f) != sets["diff"]["after"].get(f))
        if fields or was["action"] != sets["action"]:
            changed.append(dict(write, fields=[{"option": f, "reviewed": was["diff"]["after"].get(f),
                                                "now": sets["diff"]["after"].get(f)} for f in fields]))
    return {"added": added, "dropped": dropped, "changed": changed}


def _difference_lines(differences):
    lines = ["    added    " + _write_label(w) for w in differences["added"]]
    lines += ["    dropped  " + _write_label(w) for w in differences["dropped"]]
    for write in differences["changed"]:
        lines.append("    changed  %s%s" % (_write_label(write), ": " + "; ".join(
            "%s: reviewed %s, now %s" % (f["option"], json.dumps(f["reviewed"], default=str), json.dumps(f["now"], default=str))
            for f in write["fields"]) if write["fields"] else ""))
    return lines


def apply_report(fragments, reviewed, devices=None, check=False, generated=None):
    """What playbooks/apply.yml did with each host of the ``reviewed`` plan file (plan_report).

    ``fragments``: one ``{device, product, result, error}`` per device the run applied (``result``: its
    line-up's registered result). A reviewed host is ``applied`` (``verified`` with ``check``), ``changed since
    review`` (its plan now differs: with the writes added, dropped and changed), ``failed``, or ``not run`` (not
    in this run's inventory or limit); ``devices`` not in the plan file are ``untouched``.
    """
    by_device = _fragments(fragments, "apply_report")
    plan = _mapping(reviewed)
    if not isinstance(plan.get("hosts"), Mapping):
        raise AnsibleFilterError("apply_report: the reviewed plan must be a plan file of playbooks/plan.yml")
    hosts = {}
    for name in sorted(plan["hosts"]):
        entry, fragment = _mapping(plan["hosts"][name]), by_device.get(name)
        host = {"reviewed_digest": entry.get("plan_digest"), "status": None, "error": None, "plan": []}
        if fragment is None:
            host.update(status="not run", error="not in this run (inventory or --limit): its plan was not applied")
        else:
            result = _mapping(fragment.get("result"))
            host.update(plan=_writes(result), error=fragment.get("error") or None)
            if not host["error"]:
                host["status"] = "verified" if check else "applied"
            elif "plan_digest" in result and not entry.get("error") and result["plan_digest"] != entry.get("plan_digest"):
                host.update(status="changed since review", plan_digest=result["plan_digest"],
                            differences=plan_differences(entry, result))
            else:
                host["status"] = "failed"
        hosts[name] = host
    untouched = sorted(d for d in devices or [] if d not in hosts)
    refused = [name for name, host in hosts.items() if host["status"] not in ("applied", "verified")]
    lines = ["haivision.media apply%s: %d reviewed device(s), %d %s, %d not applied, %d untouched (not in the plan)"
             % (" (check mode)" if check else "", len(hosts), len(hosts) - len(refused),
                "verified" if check else "applied", len(refused), len(untouched))]
    for name, host in hosts.items():
        detail = "%d write(s)" % len(host["plan"]) if host["status"] in ("applied", "verified") else host["error"]
        lines.append("  %s  %s  %s" % (name, host["status"], " ".join(("%s" % detail).split())))
        if host.get("differences"):
            lines += _difference_lines(host["differences"])
    lines += ["  %s  untouched" % name for name in untouched]
    return {"generated": generated, "check_mode": bool(check), "ok": not refused, "hosts": hosts, "untouched": untouched,
            "summary": {"reviewed": len(hosts), "applied": len(hosts) - len(refused), "not_applied": len(refused),
                        "untouched": len(untouched)}, "summary_lines": lines}
