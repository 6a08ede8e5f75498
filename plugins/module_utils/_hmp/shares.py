# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Share permissions of a source, session, asset or section (all have the same ``/shares`` sub-resource),
and the public share of a session or an asset.

Shares are compared as a map ``{"USER:name": permission}`` through the shared
engine. A principal already holding a share is matched on the share list
itself; only the others are looked up (lazily, once per kind) in
``/apis/users/enabled`` and ``/apis/groups/enabled``, so that an unknown name
fails before any write, in check mode too, and a converged run reads no
directory at all. Writes name the principal by id.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.haivision.media.plugins.module_utils._hmp.client import HMPClient, quote_id
from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import BUILTIN_PERMISSIONS, SHARE_ITEM_SPEC, SHARE_PARTS
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import PATHS, Part, part_writes, source_directory
from ansible_collections.haivision.media.plugins.module_utils._common.change import EMPTY_DIFF, Change, apply_changes
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError, check_name, check_names
from ansible_collections.haivision.media.plugins.module_utils._common.transport import ApiError

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DIRECTORIES = {"USER": ("/apis/users/enabled", "username", "user"),
               "GROUP": ("/apis/groups/enabled", "groupname", "group")}
LISTED_NAMES = 20


def canonical_permission(value, option="permission"):
    """WATCH, EDIT, OWN (any case) or the uuid of an access permission (lower case)."""
    text = ("%s" % value).strip()
    if text.upper() in BUILTIN_PERMISSIONS:
        return text.upper()
    if UUID_RE.match(text):
        return text.lower()
    raise ValidationError("%s must be one of WATCH, EDIT, OWN or the uuid of an access permission, got %r" % (option, value))


def desired_shares(items, option="shares", permission_required=True):
    """The shares the task lists, validated before any request: ``{type, name, id, permission}`` each."""
    result = []
    seen = set()
    for index, item in enumerate(items or []):
        prefix = "%s[%d]" % (option, index)
        permission = item.get("permission")
        if permission is None:
            if permission_required:
                raise ValidationError("%s.permission is required: WATCH, EDIT, OWN or the uuid of an access permission" % prefix)
        else:
            permission = canonical_permission(permission, prefix + ".permission")
        check_name(prefix + ".name", item.get("name"))
        principal = (item["type"], item.get("id") or ("%s" % item["name"]).lower())
        if principal in seen:
            raise ValidationError("%s: the %s %s is listed twice" % (prefix, item["type"].lower(), item.get("id") or item["name"]))
        seen.add(principal)
        result.append({"type": item["type"], "name": item.get("name"), "id": item.get("id"), "permission": permission})
    return result


def share_label(share_type, name, principal_id):
    return "%s:%s" % (share_type, name or principal_id)


def _device_permission(value):
    """The device's permission in the same canonical form (left as it is when unexpected)."""
    try:
        return canonical_permission(value)
    except ValidationError:
        return value


class PrincipalDirectory:
    """Users and groups enabled for HMP, read on first need."""

    def __init__(self, client):
        self.client = client
        self._entries = {}

    def _list(self, share_type):
        if share_type not in self._entries:
            self._entries[share_type] = self.client.list_all(DIRECTORIES[share_type][0])
        return self._entries[share_type]

    def find(self, share_type, name=None, principal_id=None, option="shares"):
        """``{id, name}`` of the user or group; fails naming what the platform has."""
        path, key, what = DIRECTORIES[share_type]
        entries = self._list(share_type)
        if principal_id:
            matches = [e for e in entries if e.get("id") == principal_id]
        else:
            matches = [e for e in entries if ("%s" % e.get(key, "")).lower() == ("%s" % name).lower()]
        if not matches:
            names = sorted("%s" % e.get(key) for e in entries)
            known = ", ".join(names[:LISTED_NAMES]) + (", ..." if len(names) > LISTED_NAMES else "")
            raise IdentityError("%s: no %s %s %r among those enabled for HMP (GET %s: %s); a %s needs a role, "
                                "directly%s" % (option, what, "with id" if principal_id else "named", principal_id or name,
                                                path, known or "none", what,
                                                " or through a group" if share_type == "USER" else ""))
        return {"id": matches[0].get("id"), "name": matches[0].get(key)}


def _matches(item, share):
    if share.get("shareType") != item["type"]:
        return False
    if item.get("id"):
        return share.get("id") == item["id"]
    return ("%s" % share.get("name")).lower() == ("%s" % item["name"]).lower()


def resolve_shares(directory, wanted, existing, option="shares", lookup=True):
    """Each wanted share with its principal's id and name (from the share list, else the directory).

    Without ``lookup`` (removing shares) a principal that holds no share is
    simply left out: there is nothing to remove, whether it exists or not.
    """
    resolved = []
    for item in wanted:
        match = next((s for s in existing if _matches(item, s)), None)
        if match is not None:
            principal = {"id": match.get("id"), "name": match.get("name")}
        elif not lookup:
            continue
        else:
            principal = directory.find(item["type"], item.get("name"), item.get("id"), option)
        resolved.append(dict(item, id=principal["id"], name=principal["name"]))
    return resolved


def plan_shares(existing, resolved, purge=False, remove=False):
    """The change that gives the listed principals exactly their permission (or none with ``remove``).

    ``purge`` also removes every share not listed. A permission change is one
    PUT of that share, never a delete and a create. Principals are matched by
    type and id; the diff names them ``TYPE:name``.
    """
    shares = dict(((s.get("shareType"), s.get("id")), s) for s in existing)
    for item in resolved:
        shares.setdefault((item["type"], item["id"]), {"id": item["id"], "shareType": item["type"], "name": item["name"]})
    names = dict((key, share.get("name")) for key, share in shares.items())
    names.update(((item["type"], item["id"]), item["name"]) for item in resolved if item.get("name"))
    labels = dict((key, share_label(key[0], names.get(key), key[1])) for key in shares)

    held = [(s.get("shareType"), s.get("id")) for s in existing]
    current = dict((labels[key], _device_permission(shares[key].get("permission"))) for key in held)
    wanted = dict((labels[(item["type"], item["id"])], None if remove else item["permission"]) for item in resolved)
    if purge:
        for label in current:
            wanted.setdefault(label, None)
    before, desired = {"shares": current}, {"shares": wanted}
    options = SHARE_PARTS.changes(desired, before)
    after = SHARE_PARTS.merged(before, desired, options) if options else before

    by_label = dict((labels[key], share) for key, share in shares.items())
    actions = []
    for label, permission in wanted.items():
        old = current.get(label)
        if permission == old:
            continue
        share = by_label[label]
        suffix = "/shares/" + quote_id(share["id"])
        body = {"id": share["id"], "shareType": share["shareType"], "permission": permission}
        if share.get("name"):
            body["name"] = share["name"]
        if permission is None:
            actions.append(("DELETE", suffix, None))
        elif old is None:
            actions.append(("POST", "/shares", body))
        else:
            actions.append(("PUT", suffix, body))
    view = [dict(by_label[label], permission=permission) for label, permission in after["shares"].items()]
    return Part(SHARE_PARTS, options, before, after, actions, view={"shares": view})


def read_public_share(client, base):
    """Whether the session or asset at ``base`` has a public share: the guide answers 404 (040025) when it has none."""
    try:
        client.request("GET", base + "/publicshare")
    except ApiError as exc:
        if exc.status == 404:
            return False
        raise
    return True


def plan_public_share(fields, wanted, current):
    """The Part that gives a session or an asset a public WATCH share (``wanted``) or none."""
    actions = []
    if wanted != current:
        actions = [("POST", "/publicshare", {"permission": "WATCH"})] if wanted else [("DELETE", "/publicshare", None)]
    options = fields.changes({"public_share": wanted}, {"public_share": current})
    return Part(fields, options, {"public_share": current}, {"public_share": wanted}, actions, {"public_share": wanted})


def share_module_spec(option):
    """The options of a share module: the resource (``option``: its name or id), shares, state, purge."""
    return {
        option: dict(type="str", required=True),
        "shares": dict(SHARE_ITEM_SPEC, required=True),
        "state": dict(type="str", choices=["present", "absent"], default="present"),
        "purge": dict(type="bool", default=False),
    }


def converge_shares(module, kind, option, rank=0):
    """The share modules (``hmp_source_share``, ``hmp_section_share``): the listed principals' shares of one
    resource of ``kind`` named by the ``option`` parameter (a name or id), returned with ``<option>_id``.

    ``rank`` orders the writes among other changes; a share module applies this one change alone.
    """
    params = module.params
    present = params["state"] == "present"
    if params["purge"] and not present:
        raise ValidationError("purge applies to state=present only")
    check_names(params, (option,))
    wanted = desired_shares(params["shares"], permission_required=present)  # before any request
    with HMPClient.from_module(module) as client:
        resource_id = source_directory(client).resolve(kind, params[option], option)
        base = "%s/%s" % (PATHS[kind], quote_id(resource_id))
        existing = client.list_all(base + "/shares")
        resolved = resolve_shares(PrincipalDirectory(client), wanted, existing, lookup=present)
        part = plan_shares(existing, resolved, purge=params["purge"] and present, remove=not present)
        change = Change(kind, params[option], "update" if part.actions else "none", resource_id,
                        fields=part.fields, id_key="id")
        change.writes = part_writes(client, rank, lambda: base, base, part)
        result = dict(changed=change.changed, action=change.action, shares=existing,
                      diff=part.diff() if change.changed else dict(EMPTY_DIFF))
        result[option + "_id"] = resource_id
        if change.changed:
            if module.check_mode:
                result["shares"] = part.view["shares"]
            else:
                apply_changes([change])
                result["shares"] = client.list_all(base + "/shares")
        return result
