# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``host_vars`` file of an exported device, behind the ``export_host_vars`` filter.

The line-up an info module exported (``kraken_info`` or ``hmp_info`` with
``gather: [lineup]``) becomes the YAML file ``playbooks/enforce.yml`` reads:
each secret the export left out (``lineup_secrets``) is written as a
reference to a vault variable named after host, kind, item and option, and a
comment block lists the variables to define. Text that looks like a template
is written ``!unsafe`` so that Ansible keeps it as it is. The file holds no
date: two exports of one device are the same file.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import yaml

from ansible.errors import AnsibleFilterError
from ansible.module_utils.six import string_types
from ansible.module_utils.six.moves.collections_abc import Mapping

LINEUP_VARIABLES = ("kraken_lineup", "hmp_lineup")
NAME_KEYS = ("name", "title")
ID_KEYS = ("uuid", "id")
_TEMPLATE_MARKS = ("{{", "{%", "{#")


class VaultReference(str):
    """``{{ vault_... }}``: the one text in the file that Ansible must template."""


class Unsafe(str):
    """Text Ansible must not template (written with the ``!unsafe`` tag)."""


class Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key (yamllint's and ansible-lint's taste), no line folding."""

    def increase_indent(self, flow=False, indentless=False):
        return super(Dumper, self).increase_indent(flow, False)


def _represent_text(dumper, value):
    if isinstance(value, VaultReference):
        return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')
    if isinstance(value, Unsafe):
        return dumper.represent_scalar("!unsafe", str(value), style="'")
    return dumper.represent_str(str(value))


Dumper.add_representer(VaultReference, _represent_text)
Dumper.add_representer(Unsafe, _represent_text)
# Strings from Ansible may be str subclasses: write them as plain str.
Dumper.add_multi_representer(str, lambda dumper, value: dumper.represent_str(str(value)))


def _plain(value):
    """Plain dicts, lists and str (Ansible's own types may subclass them); text with template marks unsafe."""
    if isinstance(value, Mapping):
        return dict((str(k), _plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, string_types):
        return Unsafe(value) if any(mark in value for mark in _TEMPLATE_MARKS) else str(value)
    return value


def variable_name(*parts):
    """A valid Ansible variable name from its parts: lower case, anything but letters and digits becomes ``_``."""
    text = "_".join("%s" % p for p in parts if p not in (None, ""))
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9_]", "_", text.lower())).strip("_")


def _item_name(item):
    return next((item[k] for k in NAME_KEYS if item.get(k) not in (None, "")), None)


def _item_id(entry):
    return next((entry[k] for k in ID_KEYS if entry.get(k) not in (None, "")), None)


def _find_item(lineup, secret):
    items = lineup.get(secret["kind"]) or []
    ident = _item_id(secret)
    matches = [i for i in items if _item_name(i) == secret["name"] and (ident is None or _item_id(i) == ident)]
    if len(matches) != 1:
        raise AnsibleFilterError("export_host_vars: lineup_secrets names %s %r, which the line-up has %d times"
                                 % (secret["kind"], secret["name"], len(matches)))
    return matches[0]


def vault_variables(lineup, secrets, host):
    """[{variable, kind, name, option}] for the secrets, each set in its item as a vault reference (in place)."""
    result = []
    taken = set()
    for secret in sorted(secrets or [], key=lambda s: (s["kind"], s["name"] or "", _item_id(s) or "", s["option"])):
        ident = _item_id(secret)
        base = variable_name("vault", host, secret["kind"], secret["name"], ident, secret["option"])
        name, count = base, 1
        while name in taken:
            count += 1
            name = "%s_%d" % (base, count)
        taken.add(name)
        _find_item(lineup, secret)[secret["option"]] = VaultReference("{{ %s }}" % name)
        entry = dict(variable=name, kind=secret["kind"], name=secret["name"], option=secret["option"])
        if ident:
            entry["id"] = ident
        result.append(entry)
    return result


def not_unique(lineup):
    """Items exported by name plus id: their names are not unique on the device."""
    lines = []
    for kind in sorted(lineup):
        names = [_item_name(i) for i in lineup[kind] or [] if isinstance(i, Mapping) and _item_id(i)]
        for name in sorted(set(names), key=str):
            lines.append("%d %s are named %r: they are exported by name and id, so this line-up holds this device only"
                         % (names.count(name), kind, name))
    return lines


def export_host_vars(lineup, host, variable, secrets=None, connection=None):
    """{content, vault_variables, warnings}: the host_vars file of one exported device."""
    if not isinstance(lineup, Mapping):
        raise AnsibleFilterError("export_host_vars: the line-up must be a mapping (the info module's lineup), got %s"
                                 % type(lineup).__name__)
    if variable not in LINEUP_VARIABLES:
        raise AnsibleFilterError("export_host_vars: variable must be one of %s, got %r" % (", ".join(LINEUP_VARIABLES), variable))
    lineup = _plain(lineup)
    variables = vault_variables(lineup, _plain(secrets or []), host)
    warnings = not_unique(lineup)
    lines = ["---",
             "# The %s of %s, exported by haivision.media.export from what the device reports." % (variable, host),
             "# Review it (and commit it) before playbooks/enforce.yml (haivision.media.enforce) holds the device to it."]
    lines.append("#")
    if variables:
        lines.append("# Secrets are never exported. Define these variables, for example in an ansible-vault encrypted file:")
        lines.extend("#   %s: the %s of %s %s" % (v["variable"], v["option"], v["kind"], v["name"]) for v in variables)
    else:
        lines.append("# No secret to define: the device holds none that the line-up manages.")
    if warnings:
        lines.append("#")
        lines.extend("# Warning: %s." % w for w in warnings)
    document = dict(_plain(connection or {}))
    document[variable] = lineup
    body = yaml.dump(document, Dumper=Dumper, default_flow_style=False, sort_keys=False, allow_unicode=True, width=1000000)
    return {"content": "\n".join(lines) + "\n" + body, "vault_variables": variables, "warnings": warnings}
