# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole Kraken line-up in one task, on the resource modules' plans.

Each collection is listed once; detail reads run on a small bounded pool;
everything is planned before the first write; writes go in dependency order:
stream removals, then inputs/outputs/transcoders, then stream fields, then
stream run states (each alone), then removals of what streams referenced.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.haivision.media.plugins.module_utils._kraken.client import DETAIL_WORKERS, KrakenClient
from ansible_collections.haivision.media.plugins.module_utils._kraken.fields import SRT_REQUIRED_IF, STREAM_FIELDS
from ansible_collections.haivision.media.plugins.module_utils._kraken.kinds import RESOURCE_TYPES
from ansible_collections.haivision.media.plugins.module_utils._kraken.resource import (
    IDENTITY_SPEC, NicDirectory, apply_resource, find_one, plan_resource, resource_argument_spec)
from ansible_collections.haivision.media.plugins.module_utils._kraken.stream import (
    StreamReferences, apply_stream_delete, apply_stream_fields, apply_stream_state, plan_diff, plan_stream)
from ansible_collections.haivision.media.plugins.module_utils._common.lineup import LineupError, combined_lineup_diff, lineup_entry
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

PART_KINDS = ("inputs", "outputs", "transcoders")
ALL_KINDS = PART_KINDS + ("streams",)
NEW = "(new) "


def stream_item_spec():
    spec = dict(IDENTITY_SPEC)
    spec["state"] = dict(type="str", choices=["present", "absent", "started", "stopped"], default="present")
    spec.update(wait=dict(type="bool", default=False), wait_timeout=dict(type="int", default=60))
    spec.update(STREAM_FIELDS.argument_spec())
    return spec


def lineup_argument_spec():
    # Items are validated by validate_items() against the resource modules'
    # own specs, so the documentation does not repeat every option per kind.
    spec = dict(purge=dict(type="bool", default=False))
    for kind in ALL_KINDS:
        spec[kind] = dict(type="list", elements="dict")
    return spec


def lineup_secret_values(params):
    """Every secret in the line-up's items (raw params: items may not be valid yet)."""
    values = set()
    for kind in ALL_KINDS:
        fields = STREAM_FIELDS if kind == "streams" else RESOURCE_TYPES[kind].fields
        items = params.get(kind)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                values.update(fields.secret_values(item))
    return values


def item_validator(kind):
    if kind == "streams":
        return ArgumentSpecValidator(stream_item_spec(), required_one_of=[("name", "uuid")])
    return ArgumentSpecValidator(resource_argument_spec(RESOURCE_TYPES[kind].fields), required_one_of=[("name", "uuid")],
                                 required_if=None if kind == "transcoders" else SRT_REQUIRED_IF)


class Step:
    """One resource of the line-up: its plan and how to apply it."""

    def __init__(self, kind, name, action, diff, uuid=None, plan=None, params=None):
        self.kind = kind
        self.name = name
        self.action = action
        self.diff = diff
        self.uuid = uuid
        self.plan = plan
        self.params = params or {}
        self.entry = lineup_entry(kind, name, action, diff, uuid)


def validate_items(module):
    """Every item checked with its resource module's spec before any request; names unique per kind.

    The items' secrets join the module's no_log values, so they are masked
    everywhere in the result, the invocation included.
    """
    params = module.params
    desired = {}
    for kind in ALL_KINDS:
        fields = STREAM_FIELDS if kind == "streams" else RESOURCE_TYPES[kind].fields
        validator = item_validator(kind)
        items = []
        for index, raw_item in enumerate(params.get(kind) or []):
            label = "%s[%d] (%s)" % (kind, index, raw_item.get("name") or raw_item.get("uuid") or "#%d" % index)
            checked = validator.validate(raw_item)
            if checked.error_messages:
                raise ValidationError("%s: %s" % (label, "; ".join(checked.error_messages)))
            try:
                items.append((checked.validated_parameters, fields.desired(checked.validated_parameters)))
            except ValidationError as exc:
                raise ValidationError("%s: %s" % (label, exc))
        names = [i["name"] for i, _wanted in items if i.get("name")]
        twice = sorted(set(n for n in names if names.count(n) > 1))
        if twice:
            raise ValidationError("%s lists %s more than once" % (kind, ", ".join(twice)))
        desired[kind] = items
    return desired


def read_details(client, jobs):
    """Detail reads of (kind, uuid) jobs (concurrent, see KrakenClient.get_many); returns {kind: {uuid: raw}}."""
    details = dict((kind, {}) for kind in ALL_KINDS)
    for (kind, uuid), raw in zip(jobs, client.get_many(jobs)):
        details[kind][uuid] = raw
    return details


def plan_lineup(client, params, desired):
    with ThreadPoolExecutor(max_workers=DETAIL_WORKERS) as pool:
        listed = dict(zip(ALL_KINDS, pool.map(client.list, ALL_KINDS)))
    matches = {}
    for kind in ALL_KINDS:
        for item, _wanted in desired[kind]:
            matches[(kind, item.get("uuid") or item["name"])] = find_one(client, kind, item.get("name"), item.get("uuid"),
                                                                         entries=listed[kind])
    to_read = [(kind, entry["uuid"]) for (kind, _key), entry in matches.items() if entry]
    details = read_details(client, to_read)
    nics = NicDirectory(client)
    steps = []
    # Parts first: their plans give the uuids (or placeholders) streams refer to.
    known = dict((kind, list(listed[kind])) for kind in PART_KINDS)
    for kind in PART_KINDS:
        resource = RESOURCE_TYPES[kind](client, nics=nics, details=details[kind])
        for item, wanted in desired[kind]:
            entry = matches[(kind, item.get("uuid") or item["name"])]
            plan = plan_resource(resource, wanted, item["state"], entry, identity=item)
            steps.append(Step(kind, item.get("name") or entry["name"], plan.action, plan.diff(), plan.uuid, plan, item))
            if plan.action == "create":
                known[kind].append({"uuid": NEW + item["name"], "name": item["name"]})
    references = StreamReferences(client, known)
    for item, wanted in desired["streams"]:
        entry = matches[("streams", item.get("uuid") or item["name"])]
        plan, raw = plan_stream(client, item, wanted, references, entry, details["streams"].get(entry["uuid"]) if entry else None)
        action = "create" if plan.create else "delete" if plan.delete else \
            "update" if (plan.changed_fields or plan.run_action) else "none"
        steps.append(Step("streams", item.get("name") or entry["name"], action,
                          plan_diff(plan) if action != "none" else {"before": {}, "after": {}},
                          entry["uuid"] if entry else None, plan, item))
    if params["purge"]:
        steps.extend(plan_purge(client, params, listed, matches, nics))
    return steps


def plan_purge(client, params, listed, matches, nics):
    """Deletes of resources of the given kinds that the line-up does not name."""
    named = set((kind, e["uuid"]) for (kind, _key), e in matches.items() if e)
    steps = []
    for kind in ALL_KINDS:
        if params.get(kind) is None:
            continue  # only the kinds the line-up gives are purged
        for entry in listed[kind]:
            if (kind, entry["uuid"]) in named:
                continue
            if kind == "streams":
                plan, _raw = plan_stream(client, {"state": "absent"}, {}, None, entry)
                steps.append(Step(kind, entry.get("name"), "delete", plan_diff(plan), entry["uuid"], plan, {"state": "absent"}))
            else:
                resource = RESOURCE_TYPES[kind](client, nics=nics)
                plan = plan_resource(resource, {}, "absent", entry)
                steps.append(Step(kind, entry.get("name"), "delete", plan.diff(), entry["uuid"], plan))
    return steps


def ordered(steps):
    """Dependency order: stream deletes, part creates/updates, stream fields, stream states, part deletes."""
    def rank(step):
        if step.kind == "streams":
            return 0 if step.action == "delete" else 2
        return 4 if step.action == "delete" else 1
    return sorted((s for s in steps if s.action != "none"), key=rank)


def apply_lineup(client, steps):
    created = {}
    todo = ordered(steps)
    stream_states = []
    for step in todo:
        try:
            if step.kind != "streams":
                step.uuid = apply_resource(step.plan)
                if step.action == "create":
                    created[NEW + step.name] = step.uuid
            elif step.action == "delete":
                apply_stream_delete(client, step.plan, step.uuid, step.params)
            else:
                substitute_new(step.plan, created)
                step.uuid = apply_stream_fields(client, step.plan, step.uuid)
                step.entry["uuid"] = step.uuid
                # Applied only once its run state is done too.
                stream_states.append(step)
                continue
        except HaivisionError as exc:
            raise LineupError(step.entry, exc, [s.entry for s in steps])
        step.entry.update(applied=True, uuid=step.uuid)
    for step in stream_states:
        try:
            apply_stream_state(client, step.plan, step.uuid, step.params)
        except HaivisionError as exc:
            raise LineupError(step.entry, exc, [s.entry for s in steps])
        step.entry["applied"] = True


def substitute_new(plan, created):
    """Put the uuids of resources created earlier in this run where the plan holds placeholders."""
    for option in ("input", "transcoder", "passthru"):
        if plan.after.get(option) in created:
            plan.after[option] = created[plan.after[option]]
    if plan.after.get("outputs"):
        plan.after["outputs"] = sorted(created.get(u, u) for u in plan.after["outputs"])


def converge_lineup(module):
    params = module.params
    desired = validate_items(module)  # before any request
    client = KrakenClient.from_module(module)
    steps = plan_lineup(client, params, desired)
    changed = any(s.action != "none" for s in steps)
    if changed and not module.check_mode:
        apply_lineup(client, steps)
    entries = [s.entry for s in steps]
    return dict(changed=changed, resources=entries, diff=combined_lineup_diff(entries), requests=client.stats["requests"])
