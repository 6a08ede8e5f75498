# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the suboptions of the line-up modules' items from the resource modules' documentation.

A line-up item takes its kind's one spec (``lineup_argument_spec``), so its
documentation is the resource module's: this script takes each resource
module's options (its own and its doc fragments'), keeps those the item spec
has, points the references (``O(...)``, ``RV(...)``) at the item or at the
resource module, and writes them between the markers of the line-up module:

    python scripts/lineup_docs.py           # rewrite the line-up modules
    python scripts/lineup_docs.py --check   # exit 1 when they differ from what it would write

Doc fragments cannot go under suboptions, hence a generator rather than
``extends_documentation_fragment``. tests/unit/scripts/test_lineup_docs.py
fails when the committed documentation differs.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ast
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
COLLECTION = "haivision.media"
COMMAND = "python scripts/lineup_docs.py"

# Each line-up module: its kinds in its order, each documented by a resource module.
LINEUPS = {
    "kraken_lineup": (("inputs", "kraken_input"), ("outputs", "kraken_output"), ("transcoders", "kraken_transcoder"),
                      ("streams", "kraken_stream")),
    "hmp_lineup": (("sources", "hmp_source"), ("sessions", "hmp_session")),
}

BLOCK = re.compile(r"^(?P<begin>    # BEGIN suboptions of (?P<kind>\w+)\b[^\n]*\n)(?P<body>.*?)(?P<end>^    # END suboptions of (?P=kind)\n)",
                   re.M | re.S)
REFERENCE = re.compile(r"\b(?P<directive>O|RV)\((?P<target>[^)#]+)\)")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def kind_types(lineup):
    """``{kind: kind type}`` of a line-up module, from the code that builds its argument spec."""
    try:
        import ansible_collections.haivision.media  # noqa: F401  pylint: disable=unused-import
    except ImportError:
        tree = os.path.join(ROOT, ".tmp", "collections")
        if not os.path.isdir(os.path.join(tree, "ansible_collections", "haivision", "media")):
            raise SystemExit("run `make collection` first: the collection is not importable")
        sys.path.insert(0, tree)
    if lineup == "kraken_lineup":
        from ansible_collections.haivision.media.plugins.module_utils._kraken.lineup import KIND_TYPES as KINDS
    else:
        from ansible_collections.haivision.media.plugins.module_utils._hmp.lineup import KINDS
    return KINDS


def module_path(module):
    return os.path.join(ROOT, "plugins", "modules", module + ".py")


def assigned_string(path, name):
    """The value of a module-level string assignment, read without importing the file."""
    with open(path) as handle:
        tree = ast.parse(handle.read(), path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise KeyError("%s has no %s" % (path, name))


def fragment_options(fragment):
    """The options of one of this collection's doc fragments (``haivision.media.kraken.srt``)."""
    parts = fragment.split(".")
    if ".".join(parts[:2]) != COLLECTION:
        raise ValueError("doc fragment %s is not this collection's: the generator cannot read it" % fragment)
    path = os.path.join(ROOT, "plugins", "doc_fragments", parts[2] + ".py")
    with open(path) as handle:
        tree = ast.parse(handle.read(), path)
    variable = parts[3].upper() if len(parts) > 3 else "DOCUMENTATION"
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "ModuleDocFragment":
            for item in node.body:
                if isinstance(item, ast.Assign) and any(getattr(t, "id", None) == variable for t in item.targets):
                    return yaml.safe_load(ast.literal_eval(item.value)).get("options") or {}
    raise KeyError("%s has no %s" % (path, variable))


def module_options(module):
    """Every option a resource module documents: its doc fragments' and its own (which win, as in ansible-doc)."""
    doc = yaml.safe_load(assigned_string(module_path(module), "DOCUMENTATION"))
    options = {}
    for fragment in doc.get("extends_documentation_fragment") or []:
        options.update(fragment_options(fragment))
    options.update(doc.get("options") or {})
    return options


def point_references(text, kind, module, item_options):
    """``O(x)`` of a resource module, as the line-up's documentation says it: the item's option, else the module's."""
    def rewrite(match):
        directive, target = match.group("directive"), match.group("target")
        head = IDENTIFIER.match(target)
        if directive == "O" and head and head.group(0) in item_options:
            return "O(%s[].%s)" % (kind, target)
        return "%s(%s.%s#module:%s)" % (directive, COLLECTION, module, target)
    return REFERENCE.sub(rewrite, text)


def with_references(doc, kind, module, item_options):
    """An option's documentation (suboptions included) with its descriptions' references pointed."""
    result = {}
    for key, value in doc.items():
        if key == "description":
            if isinstance(value, list):
                value = [point_references(line, kind, module, item_options) for line in value]
            else:
                value = point_references(value, kind, module, item_options)
        elif key == "suboptions":
            value = dict((name, with_references(sub, kind, module, item_options)) for name, sub in value.items())
        elif key in INLINE_KEYS and isinstance(value, list):
            value = _Inline(value)
        result[key] = value
    return result


def item_suboptions(kind, module, kind_type):
    """The suboptions of a line-up's ``kind`` items: the resource module's options that the item spec has."""
    spec = kind_type.argument_spec()
    documented = module_options(module)
    missing = sorted(set(spec) - set(documented))
    if missing:
        raise ValueError("%s documents no %s, which %s items take" % (module, ", ".join(missing), kind))
    return dict((name, with_references(documented[name], kind, module, spec)) for name in spec)


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the hand-written documentation has them."""

    def increase_indent(self, flow=False, indentless=False):
        return super(_Dumper, self).increase_indent(flow, False)


class _Inline(list):
    """A list of values written on one line (``choices: [present, absent]``)."""


_Dumper.add_representer(_Inline, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))
INLINE_KEYS = ("choices", "default", "aliases")


def block(kind, module, kind_type):
    text = yaml.dump({"suboptions": item_suboptions(kind, module, kind_type)}, Dumper=_Dumper, default_flow_style=False,
                     sort_keys=False, allow_unicode=True, width=110)
    return "".join("    " + line + "\n" for line in text.splitlines())


def generated(lineup):
    """The line-up module's source as the generator writes it."""
    path = module_path(lineup)
    with open(path) as handle:
        source = handle.read()
    kinds = kind_types(lineup)
    modules = dict(LINEUPS[lineup])
    found = [match.group("kind") for match in BLOCK.finditer(source)]
    if found != [kind for kind, _module in LINEUPS[lineup]]:
        raise ValueError("%s: expected the generated blocks of %s, found %s"
                         % (path, ", ".join(modules), ", ".join(found) or "none"))

    def replace(match):
        kind = match.group("kind")
        begin = "    # BEGIN suboptions of %s: %s's options, written by %s (edit that module, then run it)\n" % (
            kind, modules[kind], COMMAND)
        return begin + block(kind, modules[kind], kinds[kind]) + match.group("end")
    return BLOCK.sub(replace, source)


def main(argv):
    check = "--check" in argv
    stale = []
    for lineup in LINEUPS:
        path = module_path(lineup)
        with open(path) as handle:
            current = handle.read()
        wanted = generated(lineup)
        if wanted != current:
            stale.append(os.path.relpath(path, ROOT))
            if not check:
                with open(path, "w") as handle:
                    handle.write(wanted)
    if check and stale:
        print("out of date: %s; run %s" % (", ".join(stale), COMMAND))
        return 1
    for path in stale:
        print("rewrote %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
