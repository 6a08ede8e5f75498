# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The drift report: ``drift_changes`` (one device's entries) and ``drift_report`` (the merged report).

The filters of the same names (plugins/filter/drift_changes.py, drift_report.py) expose them.

The entries come from the ``resources`` the line-up modules (``kraken_lineup``,
``hmp_lineup``) return: each says its ``action`` and carries its ``diff``, which
the modules already mask. A resource module's result (``diff``, and ``action``
where it returns one) is read too. Secret keys are masked once more here in case
a result ever carried one in clear.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.collections import is_sequence
from ansible.module_utils.six import string_types
from ansible.module_utils.six.moves.collections_abc import Mapping

from ansible_collections.haivision.media.plugins.module_utils._common.masking import MASK, SECRET_KEYS

IDENTITY_KEYS = ("name", "title", "uuid", "id")
NAME_KEYS = ("name", "title")
# Where the resource modules return the resource they manage.
RESULT_KEYS = ("input", "output", "transcoder", "stream", "source", "session")
EMPTY = (None, "", [], {})
ACTIONS = ("create", "update", "delete")
# The line-ups' kinds, in the order the report lists them, and the module whose options their items take.
KIND_MODULES = (("inputs", "haivision.media.kraken_input"), ("transcoders", "haivision.media.kraken_transcoder"),
                ("outputs", "haivision.media.kraken_output"), ("streams", "haivision.media.kraken_stream"),
                ("sources", "haivision.media.hmp_source"), ("sessions", "haivision.media.hmp_session"))
KINDS = [kind for kind, _module in KIND_MODULES]
NOT_APPLIED = "not applied: the line-up stopped at its error"


def _masked(value):
    if isinstance(value, Mapping):
        return dict((k, _mask_value(v) if k in SECRET_KEYS else _masked(v)) for k, v in value.items())
    if is_sequence(value):
        return [_masked(v) for v in value]
    return value


def _mask_value(value):
    if value in (None, "") or (isinstance(value, string_types) and value.startswith(MASK)):
        return value
    return MASK


def _results(registered):
    """The per-item results of a registered task (with or without a loop)."""
    if not isinstance(registered, Mapping):
        return []
    if isinstance(registered.get("results"), list):
        return [r for r in registered["results"] if isinstance(r, Mapping)]
    return [registered]


def _identity(value):
    if isinstance(value, Mapping):
        for key in IDENTITY_KEYS:
            if value.get(key) not in EMPTY:
                return "%s" % value[key]
    elif isinstance(value, string_types) and value:
        return value
    return None


def _resource(result, items):
    """The resource's name (or title, uuid, id): from the loop item, the line-up item the loop index
    points at, or the resource the module returned."""
    item = result.get(result.get("ansible_loop_var") or "item")
    if isinstance(item, int) and not isinstance(item, bool) and items and 0 <= item < len(items):
        item = items[item]
    name = _identity(item)
    if name is None:
        for key in RESULT_KEYS:
            name = name or _identity(result.get(key))
    return name or "%s" % (result.get("uuid") or result.get("id") or "")


def _guessed_action(before, after):
    """create, update or delete, from a diff, for a result without ``action``; a resource that had no name before was created."""
    had = dict((k, v) for k, v in before.items() if v not in EMPTY)
    has = dict((k, v) for k, v in after.items() if v not in EMPTY)
    if has and (not had or any(has.get(k) and not had.get(k) for k in NAME_KEYS)):
        return "create"
    if had and not has:
        return "delete"
    return "update"


def _entry(device, module, resource, action, diff):
    if isinstance(diff, list):  # several diffs from one task: merge them in order
        merged = {"before": {}, "after": {}}
        for part in diff:
            merged["before"].update(part.get("before") or {})
            merged["after"].update(part.get("after") or {})
        diff = merged
    diff = diff if isinstance(diff, Mapping) else {}
    before = _masked(dict(diff.get("before") or {}))
    after = _masked(dict(diff.get("after") or {}))
    fields = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return dict(device=device, module=module, resource=resource, action=action or _guessed_action(before, after),
                fields=fields or sorted(set(before) | set(after)), before=before, after=after)


def _lineup_changes(result, device, module):
    """The entries of a line-up's result: the resources whose action is a change, in the report's kind order.

    A failed line-up still lists every resource; those it did not write are marked as not applied.
    """
    modules = dict(KIND_MODULES)
    resources = [r for r in result["resources"] if isinstance(r, Mapping) and r.get("action") in ACTIONS]
    resources.sort(key=lambda r: KINDS.index(r.get("kind")) if r.get("kind") in KINDS else len(KINDS))
    entries = []
    for resource in resources:
        kind = resource.get("kind")
        entry = _entry(device, modules.get(kind) or module or "%s" % kind, _identity(resource) or "",
                       resource["action"], resource.get("diff"))
        if result.get("failed") and not resource.get("applied"):
            entry["note"] = NOT_APPLIED
        entries.append(entry)
    return entries


def drift_changes(registered, device, module=None, items=None):
    """One entry per resource that a registered task changed (or, in check mode, would change).

    ``registered``: a line-up's result (its ``resources`` name the kind, hence the module, of each
    entry) or a resource module's task, with or without a loop (then ``module`` names the module and
    ``items`` is the list the task looped over by index, to name the resources).
    """
    if not isinstance(device, string_types) or (module is not None and not isinstance(module, string_types)):
        raise AnsibleFilterError("drift_changes: device and module must be strings")
    if items is not None and not is_sequence(items):
        raise AnsibleFilterError("drift_changes: items must be a list")
    entries = []
    for result in _results(registered):
        if result.get("skipped"):
            continue
        if isinstance(result.get("resources"), list):
            entries.extend(_lineup_changes(result, device, module))
        elif module is None and (result.get("changed") or result.get("failed_when_result") is False):
            raise AnsibleFilterError("drift_changes: a resource module's result needs the module's name")
        elif result.get("changed"):
            action = result.get("action") if result.get("action") in ACTIONS else None
            entries.append(_entry(device, module, _resource(result, items), action, result.get("diff") or {}))
        elif result.get("failed_when_result") is False and result.get("msg"):
            # The task failed and its failed_when let it pass: in check mode, for example, a stream or
            # session naming a resource that the same run would create first.
            entries.append(dict(device=device, module=module, resource=_resource(result, items), action="pending",
                                fields=[], before={}, after={}, note="%s" % result["msg"]))
    return entries


def _show(value):
    if isinstance(value, string_types):
        return value
    return json.dumps(value, sort_keys=True, default=str)


def _change_line(change):
    head = "  %s  %s  %s  %s" % (change["device"], change["module"], change["resource"], change["action"])
    if change["action"] == "pending":
        return head + "  (%s)" % change.get("note", "")
    if change["action"] == "update":
        line = head + "  " + "; ".join("%s: %s -> %s" % (f, _show(change["before"].get(f)), _show(change["after"].get(f)))
                                       for f in change["fields"])
    else:
        line = head + "  " + ", ".join(change["fields"])
    return line + ("  (%s)" % change["note"] if change.get("note") else "")


def drift_report(fragments, mode="report", devices=None, run_id=None, generated=None):
    """Merge the per-device fragments into one report with a short human summary."""
    if mode not in ("report", "enforce"):
        raise AnsibleFilterError("drift_report: mode must be 'report' or 'enforce', got %r" % (mode,))
    if not is_sequence(fragments):
        raise AnsibleFilterError("drift_report: expected a list of fragments")
    by_device = {}
    for fragment in fragments:
        if not isinstance(fragment, Mapping) or not fragment.get("device"):
            raise AnsibleFilterError("drift_report: a fragment needs a 'device': %r" % (fragment,))
        by_device[fragment["device"]] = fragment
    for name in devices or []:
        by_device.setdefault(name, {"device": name, "product": None, "changes": [],
                                    "error": "no report from this device (its tasks did not run to the end)"})
    device_entries = []
    changes = []
    errors = []
    for name in sorted(by_device):
        fragment = by_device[name]
        device_changes = [_masked(c) for c in fragment.get("changes") or []]  # in the order the device's tasks ran
        changes.extend(device_changes)
        error = fragment.get("error")
        if error:
            errors.append({"device": name, "error": "%s" % error})
        status = "error" if error else ("clean" if not device_changes else ("drift" if mode == "report" else "corrected"))
        device_entries.append({"device": name, "product": fragment.get("product"), "status": status,
                               "changes": len(device_changes), "error": error or None})
    drifted = [d for d in device_entries if d["changes"]]
    summary = {"devices": len(device_entries), "devices_with_drift": len(drifted), "resources": len(changes),
               "errors": len(errors)}
    verb = "drifted" if mode == "report" else "corrected"
    lines = ["haivision.media drift %s (%s mode): %d device(s), %d with drift, %d resource(s) %s, %d error(s)"
             % ("report" if mode == "report" else "enforcement", mode, summary["devices"], summary["devices_with_drift"],
                summary["resources"], verb, summary["errors"])]
    lines.extend(_change_line(c) for c in changes)
    lines.extend("  %s  ERROR  %s" % (e["device"], e["error"]) for e in errors)
    if not changes and not errors:
        lines.append("  every device matches its desired line-up")
    return {"mode": mode, "run_id": run_id, "generated": generated, "drift_found": bool(changes), "summary": summary,
            "devices": device_entries, "changes": changes, "errors": errors, "summary_lines": lines}
