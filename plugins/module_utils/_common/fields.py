# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one compare/plan engine of the collection.

A module declares its fields once (``Field``); from that declaration come the
argument spec, the validation of ranges, the conversion of both the user's
values and the device's values to one canonical form, the comparison (only
options the user gave; sets as sets; nested dicts key by key), the merged full
state for APIs whose PUT resets unsent fields, and the masked diff.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.haivision.media.plugins.module_utils._common.masking import MASK
from ansible_collections.haivision.media.plugins.module_utils._common.transport import HaivisionError

CHANGED_SECRET = MASK + " (changed)"

# What XML 1.0 (section 2.2) cannot carry; such a character in a Kraken text field would fail only after
# the reads, so it is refused up front. Spelled as the few bad ranges: the negated class of the good
# ones (the Char production) matches the same but costs ~3 ms to compile, on every module run.
_XML_BAD = re.compile(u"[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]")
TRUE_WORDS = frozenset(("on", "true", "yes", "1", "enabled"))
FALSE_WORDS = frozenset(("off", "false", "no", "0", "disabled", ""))


class ValidationError(HaivisionError):
    """Bad input found before any request; the message names the option."""


class Field:
    """One managed option and how it maps to the device.

    kind: ``str``, ``int``, ``float``, ``bool``, ``dict`` (with ``children``), ``list``
    (ordered), ``set`` (a list compared without order), ``raw`` (compared as given),
    ``map`` (a dict of free keys, e.g. metadata entries: only the keys given are
    compared and merged; a key given as None means "must not exist").
    wire: the device's name; ``bool_words``: how the device spells booleans.

    The guides do not say whether a device keeps the edge whitespace of text, so text
    declares which it is. ``identity_name``: a resource's own name or one that names
    another (a reference): names match exactly, so one with edge whitespace is refused
    before any request. ``free_text`` (a description): a device that trims it and one
    that keeps it both converge (``differs``); what is written is the value as given.
    """

    def __init__(self, option, wire=None, kind="str", choices=None, minimum=None, maximum=None, min_length=None,
                 max_length=None, secret=False, children=None, elements="str", bool_words=("on", "off"),
                 absent=None, normalizer=None, aliases=None, spellings=None, identity_name=False, free_text=False):
        self.option = option
        self.wire = wire or option
        self.kind = kind
        self.choices = choices
        self.minimum = minimum
        self.maximum = maximum
        self.min_length = min_length
        self.max_length = max_length
        self.secret = secret
        self.children = children or []
        self.elements = elements
        self.bool_words = bool_words
        # What the device means when it leaves the element out (Kraken returns
        # only set fields): e.g. "" for a description, "auto" for an interface.
        self.absent = absent
        # Extra canonicalisation for values with several spellings (a NIC name or link).
        self.normalizer = normalizer
        self.aliases = aliases
        # How the device spells some choices (the Kraken guide: SRT encryption
        # "None", "aes128"): values compare case-insensitively and are sent so.
        self.spellings = spellings or {}
        self.identity_name = identity_name
        self.free_text = free_text

    # -- argument spec -----------------------------------------------------

    def argument_spec(self):
        types = {"str": "str", "int": "int", "float": "float", "bool": "bool", "dict": "dict", "list": "list", "set": "list", "raw": "raw",
                 "map": "dict"}
        spec = dict(type=types[self.kind])
        if self.choices:
            spec["choices"] = list(self.choices)
        if self.kind in ("list", "set"):
            spec["elements"] = self.elements
        if self.kind == "dict" and self.children:
            spec["options"] = dict((c.option, c.argument_spec()) for c in self.children)
        if self.secret:
            spec["no_log"] = True
        elif self.kind in ("str", "raw") and any(w in self.option for w in ("pass", "secret", "key", "token")):
            spec["no_log"] = False
        if self.aliases:
            spec["aliases"] = list(self.aliases)
        return spec

    # -- validation ----------------------------------------------------------

    def validate(self, value, prefix="", xml_text=False):
        """Raise ValidationError for a value outside the declared range or length.

        ``xml_text``: the value travels in XML, which cannot carry most control characters.
        """
        if value is None:
            return
        name = prefix + self.option
        if xml_text:
            check_xml_text(name, value, self.secret)
        if self.identity_name:
            check_name(name, value)
        if self.kind in ("int", "float"):
            if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
                raise ValidationError("%s must be between %s and %s, got %s" % (name, self.minimum, self.maximum, value))
        if self.kind == "str":
            if self.min_length is not None and len(value) < self.min_length or \
                    self.max_length is not None and len(value) > self.max_length:
                shown = "a value of %d characters" % len(value) if self.secret else repr(value)
                raise ValidationError("%s must be %s to %s characters long, got %s"
                                      % (name, self.min_length, self.max_length, shown))
        if self.kind == "dict":
            for child in self.children:
                child.validate(value.get(child.option), name + ".", xml_text)

    # -- canonical values ----------------------------------------------------

    def normalize(self, value):
        """The canonical form of a value from the user or from the device (None stays None)."""
        if value is None:
            return None
        if self.kind in ("set", "list"):
            items = [v for v in (value if isinstance(value, list) else [value]) if v not in (None, "")]
            if self.normalizer:
                items = [self.normalizer(v) for v in items]
            if self.kind == "set":
                # Unique, in the order given: a write keeps the device's own order; differs() ignores order.
                return list(dict.fromkeys("%s" % v for v in items))
            return list(items)
        if self.normalizer:
            return self.normalizer(value)
        if self.spellings and isinstance(value, str):
            return next((c for c in self.choices if c.lower() == value.lower()), value)
        if self.kind == "int":
            if isinstance(value, bool):
                return int(value)
            try:
                return int(str(value).strip())
            except ValueError:
                return value
        if self.kind == "float" and not isinstance(value, bool):
            try:
                return float(str(value).strip())
            except ValueError:
                return value
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            word = str(value).strip().lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            return value
        if self.kind == "str":
            return "%s" % (value,)
        if self.kind == "dict":
            value = value or {}
            return dict((c.option, c.normalize(value.get(c.option, value.get(c.wire)))) for c in self.children
                        if value.get(c.option, value.get(c.wire)) is not None)
        return value

    def to_wire(self, value):
        if value is None:
            return None
        if self.kind == "bool":
            return self.bool_words[0] if value else self.bool_words[1]
        if self.kind == "dict":
            return dict((c.wire, c.to_wire(value.get(c.option))) for c in self.children if value.get(c.option) is not None)
        return self.spellings.get(value, value) if isinstance(value, str) else value

    def from_wire(self, value):
        if self.kind == "dict" and isinstance(value, dict):
            return dict((c.option, c.from_wire(value[c.wire])) for c in self.children if c.wire in value)
        return self.normalize(value)

    def differs(self, desired, current):
        """Compare one given option; dicts compare only the keys the user gave."""
        if self.kind == "dict":
            current = current or {}
            return any(child.differs(desired[child.option], current.get(child.option))
                       for child in self.children if desired.get(child.option) is not None)
        if self.kind == "map":
            current = current or {}
            return any(value != current.get(key) for key, value in desired.items())
        if self.kind == "set":
            return sorted(desired or []) != sorted(current or [])
        if self.free_text and isinstance(desired, str) and isinstance(current, (str, type(None))):
            return not edge_trimmed(desired, current or "")
        return desired != current


def unusable_name(value):
    """A name a task may not give (``check_name``): one that begins or ends with white space."""
    return isinstance(value, str) and value != value.strip()


def check_name(option, value):
    """Refuse a name (each name of a list) that begins or ends with white space, naming the option.

    Names match exactly, and the guides do not say whether a device keeps edge
    whitespace: such a name would be found on one device and created again on
    every run on another.
    """
    if isinstance(value, list):
        for index, item in enumerate(value):
            check_name("%s[%d]" % (option, index), item)
    elif unusable_name(value):
        raise ValidationError("%s must not begin or end with white space: %r" % (option, value))


def check_names(params, options):
    """``check_name`` of each of ``options`` in ``params`` (a task's names of the resources it refers to)."""
    for option in options:
        check_name(option, params.get(option))


def edge_trimmed(desired, current):
    """Whether the device's text is the desired text, or that text with some of its edge whitespace trimmed.

    What a device that keeps edge whitespace and one that trims it (all of it, or
    only one end) store of ``desired``; an absent field stands for "" (a trimmed
    text of only white space). Any other difference, inside the text or in edge
    whitespace the desired text does not have, is a change.
    """
    return current.strip() == desired.strip() and current in desired


def check_xml_text(name, value, secret=False):
    """Refuse text (or text inside lists and dicts) with a character XML 1.0 cannot carry."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_xml_text("%s.%s" % (name, key), item, secret)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_xml_text("%s[%d]" % (name, index), item, secret)
    elif isinstance(value, str):
        bad = _XML_BAD.search(value)
        if bad:
            where = "" if secret else " at position %d" % bad.start()
            raise ValidationError("%s contains the character U+%04X%s, which XML cannot carry; remove it"
                                  % (name, ord(bad.group()), where))


class FieldSet:
    """All managed fields of one resource kind.

    ``xml_text``: values travel in XML (Kraken), so text is checked for
    characters XML 1.0 cannot carry before any request.
    """

    def __init__(self, fields, xml_text=False):
        self.xml_text = xml_text
        self.fields = list(fields)
        self.by_option = dict((f.option, f) for f in self.fields)

    def argument_spec(self):
        return dict((f.option, f.argument_spec()) for f in self.fields)

    def desired(self, params):
        """The options the user gave, validated and in canonical form."""
        result = {}
        for field in self.fields:
            value = params.get(field.option)
            if value is None:
                continue
            if field.kind == "dict":
                value = dict((k, v) for k, v in value.items() if v is not None)
            field.validate(value, xml_text=self.xml_text)
            result[field.option] = field.normalize(value)
        return result

    def from_device(self, wire_values):
        """The device's values of the fields it reported, by option name, canonical.

        A field the device left out is unset, and stays out of this state, so
        that nothing built from it writes a value the device did not have;
        ``changes`` alone uses the field's ``absent`` meaning to compare.
        """
        return dict((f.option, f.from_wire(wire_values[f.wire])) for f in self.fields if f.wire in wire_values)

    def exported(self, state, allowed=None, drop_empty=False):
        """``(values, secret options)``: a state (``from_device``) as a line-up item takes it back.

        The reported values of the declared fields (``allowed``: only those), in
        declaration order, sets sorted so two exports are equal; a secret is
        never a value, only named when the device holds one; ``drop_empty``
        also leaves out empty text, lists and maps.
        """
        values, secrets = {}, []
        for field in self.fields:
            if field.option not in state or (allowed is not None and field.option not in allowed):
                continue
            value = state[field.option]
            if value is None or (field.secret or drop_empty) and value == "" or drop_empty and value in ([], {}):
                continue
            if field.secret:
                secrets.append(field.option)
            else:
                values[field.option] = sorted(value) if field.kind == "set" else value
        return values, secrets

    def to_wire(self, state):
        return dict((f.wire, f.to_wire(state[f.option])) for f in self.fields if state.get(f.option) is not None)

    def changes(self, desired, current):
        """Options whose desired value differs from the device's (an unreported field: its ``absent`` meaning)."""
        return [f.option for f in self.fields
                if f.option in desired and f.differs(desired[f.option], current.get(f.option, f.absent))]

    def merged(self, current, desired, options):
        """The state to write: what the device reported, overlaid with the changed ``options`` only.

        A desired value equal to what the device means by leaving a field out
        is no change, so it is not written either.
        """
        result = dict(current)
        for option in options:
            value = desired[option]
            field = self.by_option[option]
            if field.kind == "dict":
                merged = dict(result.get(option) or {})
                merged.update(value)
                result[option] = merged
            elif field.kind == "map":
                # Existing keys keep their place, new ones follow in the user's order.
                merged = dict(result.get(option) or {})
                for key, item in value.items():
                    if item is None:
                        merged.pop(key, None)
                    else:
                        merged[key] = item
                result[option] = merged
            else:
                result[option] = value
        return result

    def mask(self, state):
        return dict((k, MASK if k in self.by_option and self.by_option[k].secret and v not in (None, "") else v)
                    for k, v in state.items())

    def diff(self, before, after, options=None):
        """``{before, after}`` for the given options (default: all present), secrets masked.

        A changed secret shows as changed without showing either value.
        """
        options = options if options is not None else sorted(set(before) | set(after))
        old = dict((o, before.get(o)) for o in options if before.get(o) is not None)
        new = dict((o, after.get(o)) for o in options if after.get(o) is not None)
        old, new = self.mask(old), self.mask(new)
        for option in options:
            field = self.by_option.get(option)
            if field and field.secret and option in new and before.get(option) != after.get(option):
                new[option] = CHANGED_SECRET
        return {"before": old, "after": new}
