# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The drift report: ``drift_changes`` (one device's entries) and ``drift_report`` (the merged report).

The filters of the same names (plugins/filter/drift_changes.py, drift_report.py) expose them.

The entries come from the ``diff`` the resource modules return, which they
already mask; secret keys are masked once more here in case a result ever
carried one in clear.
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


def _action(before, after):
    """create, update or delete, from a diff; a resource that had no name before was created."""
    had = dict((k, v) for k, v in before.items() if v not in EMPTY)
    has = dict((k, v) for k, v in after.items() if v not in EMPTY)
    if has and (not had or any(has.get(k) and not had.get(k) for k in NAME_KEYS)):
        return "create"
    if had and not has:
        return "delete"
    return "update"


def drift_changes(registered, device, module, items=None):
    """One entry per resource that a registered task changed (or, in check mode, would change).

    ``items``: the list the task looped over by index, to name the resources.
    """
    if not isinstance(device, string_types) or not isinstance(module, string_types):
        raise AnsibleFilterError("drift_changes: device and module must be strings")
    if items is not None and not is_sequence(items):
        raise AnsibleFilterError("drift_changes: items must be a list")
    entries = []
    for result in _results(registered):
        if result.get("skipped"):
            continue
        if result.get("changed"):
            diff = result.get("diff") or {}
            if isinstance(diff, list):  # several diffs from one task: merge them in order
                merged = {"before": {}, "after": {}}
                for part in diff:
                    merged["before"].update(part.get("before") or {})
                    merged["after"].update(part.get("after") or {})
                diff = merged
            before = _masked(dict(diff.get("before") or {}))
            after = _masked(dict(diff.get("after") or {}))
            fields = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
            entries.append(dict(device=device, module=module, resource=_resource(result, items), action=_action(before, after),
                                fields=fields or sorted(set(before) | set(after)), before=before, after=after))
        elif result.get("failed_when_result") is False and result.get("msg"):
            # The task failed and its failed_when let it pass: enforce.yml does so in check mode only,
            # for a stream or session naming a resource that the same run would create first.
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
        return head + "  " + "; ".join("%s: %s -> %s" % (f, _show(change["before"].get(f)), _show(change["after"].get(f)))
                                       for f in change["fields"])
    return head + "  " + ", ".join(change["fields"])


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
