# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bring one HMP source, or one source's shares, to the task's state."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient, quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import SOURCE_FIELDS, SOURCE_TYPE_OPTIONS
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import (
    SOURCES_PATH, IdentityError, SourceDirectory, find_one, identity_spec, send_actions)
from ansible_collections.haivision.media.plugins.module_utils._hmp.shares import (
    PrincipalDirectory, desired_shares, plan_shares, resolve_shares)
from ansible_collections.haivision.media.plugins.module_utils._common.masking import mask_secrets
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError

EMPTY_DIFF = {"before": {}, "after": {}}


def _check_type(options, source_type):
    """Options of the other source type would never converge (the platform drops them): refuse them."""
    if source_type is None:
        return
    if source_type == "SRT" and options.get("continuous") is False:
        raise ValidationError("continuous cannot be false for an SRT source: HMP forces it to true")
    foreign = sorted(o for o in options if o not in SOURCE_TYPE_OPTIONS[source_type])
    if foreign:
        raise ValidationError("%s %s not apply to %s sources (%s options: %s)"
                              % (", ".join(foreign), "does" if len(foreign) == 1 else "do", source_type, source_type,
                                 ", ".join(SOURCE_TYPE_OPTIONS[source_type])))


def _body(state):
    """The full source for a POST or PUT: every property of its type (a PUT resets what it leaves out)."""
    allowed = SOURCE_TYPE_OPTIONS[state["type"]]
    return SOURCE_FIELDS.to_wire(dict((k, v) for k, v in state.items() if k in allowed))


def source_argument_spec():
    spec = identity_spec("name")
    spec.update(SOURCE_FIELDS.argument_spec())
    return spec


def desired_source(params):
    """The task's source options, validated before any request."""
    desired = SOURCE_FIELDS.desired(params)
    _check_type(desired, desired.get("type"))
    return desired


def converge_source(module):
    params = module.params
    desired = desired_source(params)
    with HMPClient.from_module(module) as client:
        record = find_one(client, SOURCES_PATH, "name", params.get("name"), params.get("id"), "source")
        return converge_source_record(client, module.check_mode, params, desired, record)


def converge_source_record(client, check_mode, params, desired, record):
    """Converge one source whose current record (or None) is already known."""
    if params["state"] == "absent":
        if record is None:
            return dict(changed=False, source={})
        if not check_mode:
            client.request("DELETE", "%s/%s" % (SOURCES_PATH, quote_id(record["id"])))
        return dict(changed=True, id=record["id"], source={},
                    diff=SOURCE_FIELDS.diff(SOURCE_FIELDS.from_device(record), {}))
    if record is None:
        return _create(client, check_mode, params, desired)
    return _update(client, check_mode, record, desired)


def _create(client, check_mode, params, desired):
    if params.get("id"):
        raise IdentityError("no source with id %s on this HMP" % params["id"])
    missing = [o for o in ("name", "type", "port") if desired.get(o) is None]
    if missing:
        raise ValidationError("%s required to create a source" % (" and ".join(missing) + (" is" if len(missing) == 1 else " are")))
    if not desired.get("host") and (desired.get("multicast") or desired.get("mode") in ("CALLER", "RENDEZVOUS")):
        raise ValidationError("host is required to create a %s source"
                              % ("multicast UDP" if desired.get("multicast") else "%s SRT" % desired["mode"]))
    body = _body(desired)
    source = mask_secrets(body)
    if not check_mode:
        source = mask_secrets(client.request("POST", SOURCES_PATH, body)["data"] or {})
    return dict(changed=True, id=source.get("id"), source=source, diff=SOURCE_FIELDS.diff({}, desired))


def _update(client, check_mode, record, desired):
    current = SOURCE_FIELDS.from_device(record)
    source_type = desired.get("type") or current.get("type")
    _check_type(desired, source_type)
    options = SOURCE_FIELDS.changes(desired, current)
    result = dict(changed=bool(options), id=record["id"], diff=EMPTY_DIFF, source=mask_secrets(record))
    if not options:
        return result
    after = SOURCE_FIELDS.merged(current, desired, options)
    if source_type != current.get("type"):
        # A new type: what belonged to the old one goes, and the new one's required options must be there.
        after = dict((k, v) for k, v in after.items() if k in SOURCE_TYPE_OPTIONS[source_type])
        needed = "mode" if source_type == "SRT" else "multicast"
        if after.get(needed) is None:
            raise ValidationError("%s is required to change the source to type %s" % (needed, source_type))
    body = _body(after)
    path = "%s/%s" % (SOURCES_PATH, quote_id(record["id"]))
    if check_mode:
        result["source"] = mask_secrets(dict(record, **body))
    else:
        client.request("PUT", path, body)
        result["source"] = mask_secrets(client.get_one(path, record["id"]))
    result["diff"] = SOURCE_FIELDS.diff(current, after, options)
    return result


def converge_source_shares(module):
    """``hmp_source_share``: the listed principals' shares of one source."""
    params = module.params
    present = params["state"] == "present"
    if params["purge"] and not present:
        raise ValidationError("purge applies to state=present only")
    wanted = desired_shares(params["shares"], permission_required=present)  # before any request
    with HMPClient.from_module(module) as client:
        source_id = SourceDirectory(client).resolve(params["source"], option="source")
        base = "%s/%s" % (SOURCES_PATH, quote_id(source_id))
        existing = client.list_all(base + "/shares")
        resolved = resolve_shares(PrincipalDirectory(client), wanted, existing, lookup=present)
        change = plan_shares(existing, resolved, purge=params["purge"] and present, remove=not present)
        result = dict(changed=bool(change.actions), source_id=source_id, shares=existing, diff=EMPTY_DIFF)
        if change.actions:
            result["diff"] = change.diff()
            if module.check_mode:
                result["shares"] = change.view["shares"]
            else:
                send_actions(client, base, change.actions)
                result["shares"] = client.list_all(base + "/shares")
        return result
