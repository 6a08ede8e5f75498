"""Shares of a source, session, asset or section (all have the same ``/shares`` sub-resource), and the
public share of a session or an asset: their reads and their planners.

Shares are compared as a map ``{"USER:name": permission}`` through the shared
engine. A principal already holding a share is matched on the share list
itself, by id or by its exact name; only the others are looked up (lazily,
once per kind) in ``/apis/users/enabled`` and ``/apis/groups/enabled``, so
that an unknown name fails before any write, in check mode too, and a
converged run reads no directory at all. Writes name the principal by id.

The guide does not say whether HMP compares user and group names without
regard to case; its directory (often LDAP or Active Directory) may. So a name
means the principal of exactly that name; without one, the only principal
whose name differs from it in case alone; two such fail, listing their ids
(``identity.match_one``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.haivision.media.plugins.module_utils._hmp.fields import BUILTIN_PERMISSIONS, SHARE_PARTS
from ansible_collections.haivision.media.plugins.module_utils._hmp.resource import Part
from ansible_collections.haivision.media.plugins.module_utils._hmp.client import quote_id
from ansible_collections.haivision.media.plugins.module_utils._common.identity import IdentityError, match_one
from ansible_collections.haivision.media.plugins.module_utils._common.fields import ValidationError, check_name
from ansible_collections.haivision.media.plugins.module_utils._common.transport import ApiError

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DIRECTORIES = {"USER": ("/apis/users/enabled", "username", "user"),
               "GROUP": ("/apis/groups/enabled", "groupname", "group")}
LISTED_NAMES = 20


def read_shares(client, base):
    """The share list of the resource at ``base``."""
    return client.list_all(base + "/shares")


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
        principal = (item["type"], item.get("id") or item["name"])
        if principal in seen:
            raise ValidationError("%s: the %s %s is listed twice" % (prefix, item["type"].lower(), item.get("id") or item["name"]))
        seen.add(principal)
        result.append({"type": item["type"], "name": item.get("name"), "id": item.get("id"), "permission": permission})
    return result


def share_label(share_type, name, principal_id):
    return "%s:%s" % (share_type, name or principal_id)


def device_permission(value):
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

    def find(self, share_type, name=None, principal_id=None, option="shares", missing_ok=False):
        """``{id, name}`` of the user or group (None with ``missing_ok`` when there is none); fails naming
        what the platform has, and what a principal needs to receive shares."""
        path, key, what = DIRECTORIES[share_type]
        entries = self._list(share_type)
        found = match_one(entries, key, name, "id", principal_id, what, case_blind=True, option=option)
        if found is not None:
            return {"id": found.get("id"), "name": found.get(key)}
        if missing_ok:
            return None
        names = sorted("%s" % e.get(key) for e in entries)
        known = ", ".join(names[:LISTED_NAMES]) + (", ..." if len(names) > LISTED_NAMES else "")
        raise IdentityError(
            "%s: no %s %s %r among the %ss enabled for HMP (GET %s: %s). A %s must exist and hold a role%s to "
            "receive shares: give one of those, or have an HMP administrator give the %s a role"
            % (option, what, "with id" if principal_id else "named", principal_id or name, what, path,
               known or "none", what, ", directly or through a group," if share_type == "USER" else "", what))


def resolve_shares(directory, wanted, existing, option="shares", lookup=True):
    """Each wanted share with its principal's id and name: from the share list (by id or exact name), else
    from the directory.

    Without ``lookup`` (removing shares) a principal the directory does not
    know is simply left out: there is nothing to remove.
    """
    resolved = []
    seen = {}
    for index, item in enumerate(wanted):
        prefix = "%s[%d]" % (option, index)
        held = [s for s in existing if s.get("shareType") == item["type"]]
        match = match_one(held, "name", item.get("name"), "id", item.get("id"), "%s share" % item["type"].lower(),
                          option=prefix)
        if match is not None:
            principal = {"id": match.get("id"), "name": match.get("name")}
        else:
            principal = directory.find(item["type"], item.get("name"), item.get("id"), prefix, missing_ok=not lookup)
            if principal is None:
                continue
        key = (item["type"], principal["id"])
        if key in seen:
            raise ValidationError("%s: the %s %s (id %s) is listed twice (%s too)"
                                  % (prefix, item["type"].lower(), principal["name"], principal["id"], seen[key]))
        seen[key] = prefix
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
    current = dict((labels[key], device_permission(shares[key].get("permission"))) for key in held)
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
