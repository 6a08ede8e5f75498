# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulated Haivision Kraken, REST API v1.0 (XML over HTTPS, two-legged OAuth 1.0).

Faithful to the vendor's Integrator's Guide, quirks included. Where the guide
is silent or contradicts itself, these are the decisions taken:

* Authentication: every ``/apis/`` request must carry a valid HMAC-SHA1
  signature (oauthlib server side, query parameters signed, XML bodies not).
  Bad signature, unknown key, a timestamp more than 300 s off, or a replayed
  (key, timestamp, nonce): 401, error 1014. Authentication comes before routing.
* Errors: ``<response><error><code/><message/></error></response>`` with the
  status of the guide's table; 1000/1004/1005 answer 400 (the table's
  "500 Bad Request" is ambiguous). 1013 messages name the offending element.
* Empty collection: 404 with 1001. Unknown id: 404 with 1002. A path segment
  that is not ``<kind>-<id>`` (dash optional): 400 with 1008.
* Responses: children of every element are shuffled, and every resource
  carries an unknown ``<x-vendor-extension>``. Only set fields are returned;
  required ones (input ``url``, defaults such as mtu/ttl/tos) always are.
* Links: list entries and stream references to outputs have no dash
  (``outputs/output<uuid>``), as in the guide; so do NIC links in the NIC list
  (``servers/server<id>/nics/nic-eth0``) and the single NIC's own link
  (``nics/niceth0``). Every link the server reads may come with or without dash.
* Request bodies: unknown elements are refused (400 1013); read-only ones a
  client may echo (uuid, state, link, mode) are ignored. An element sent empty
  is unset: back to its default, or removed; an empty enumeration is refused
  (1013) except the output's ``streamType``, which the guide says may be left
  empty. ``<interface>auto</interface>`` is stored and returned as ``auto``;
  an interface never set is not returned. Text is stored exactly as sent, unless the device
  trims (``--trim-text``, ``POST /_sim/text``): then names, descriptions and the SAP texts lose
  their edge whitespace, and one of only white space unsets the element. ``capture_card``,
  ``capture_mode`` and ``framerate`` (spellings of the guide's examples) are
  accepted; answers use ``capturePort``, ``captureMode``, ``frameRate``.
* PUT: inputs, outputs (``sap`` child by child) and streams
  merge: fields not sent keep their value. Transcoders are the one kind the
  guide documents as resetting: a transcoder PUT starts from the defaults
  table, and needs ``name``, as a POST does.
* Streams: a PUT with ``<state>start|stop</state>`` changes only the state,
  every other element of that PUT is ignored (guide). A POST starts the
  stream when ``state`` is start or ``auto_start`` is true. A started stream
  answers ``waiting`` for the settle time (admin, default 0 s), then
  ``active``. Editing a running stream is allowed. Deleting a running stream
  is refused (400 1005, "stop it first"). Inputs, outputs and transcoders
  report the state of the stream using them, ``unset`` when none does.
* Referential integrity: a reference to a missing resource is 400 1013;
  deleting an input, output or transcoder a stream uses is 400 1005, naming
  the stream. Metadata links are kept as given (only their id is stored).
* Configurations: see kraken_config.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import random
import re
import string
import time
import urllib.parse
import uuid

from lxml import etree
from oauthlib.oauth1 import RequestValidator, SignatureOnlyEndpoint
from oauthlib.oauth1.rfc5849.errors import OAuth1Error

from .common import Device, Response, json_response
from .kraken_config import PREFIXES as CONFIGURATION_PREFIXES, ConfigurationsMixin
from .kraken_model import (
    IGNORED, SINGULAR, STREAM, TABLES, KrakenError, apply, coerce, defaults, element_fields,
    missing_required, parse_body, render_fields, sub, wire,
)

VERSION = "3.0.1"
TIMESTAMP_LIFETIME = 300
UUID_RE = re.compile(r"^[0-9a-fA-F-]{36}$")


class _Validator(RequestValidator):  # pylint: disable=unused-argument
    """Two-legged OAuth: a consumer key and secret, no tokens, HMAC-SHA1 only."""

    def __init__(self, device):
        super().__init__()
        self.device = device

    @property
    def allowed_signature_methods(self):
        return ("HMAC-SHA1",)

    @property
    def safe_characters(self):
        # Real keys look like "U5k4J0/397WeUaRNWTs+CA" (the guide) or "demo-kraken-key".
        return set(string.ascii_letters + string.digits + "-._~+/=")

    @property
    def client_key_length(self):
        return 1, 128

    @property
    def nonce_length(self):
        return 1, 128

    @property
    def timestamp_lifetime(self):
        return TIMESTAMP_LIFETIME

    @property
    def enforce_ssl(self):
        return True

    @property
    def dummy_client(self):
        return "dummy-client"

    def validate_client_key(self, client_key, request):
        return client_key in self.device.credentials

    def get_client_secret(self, client_key, request):
        # Unknown keys still go through a full signature check (constant time).
        return self.device.credentials.get(client_key, "dummy-secret")

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request, request_token=None, access_token=None):
        return (client_key, timestamp, nonce) not in self.device.nonces


class KrakenDevice(ConfigurationsMixin, Device):
    """One Kraken appliance: inputs, outputs, transcoders, streams, configurations, system, servers."""

    name = "kraken"

    def __init__(self, consumer_key, consumer_secret, server_id="bc305be293d3", nics=("lo", "eth0", "eth1")):
        super().__init__()
        self.initial_credentials = {consumer_key: consumer_secret}
        self.server_id = server_id
        self.nics = tuple(nics)
        self.endpoint = SignatureOnlyEndpoint(_Validator(self))
        self.random = random.Random()
        self.credentials = {}
        self.nonces = {}
        self.store = {}
        self.settle_seconds = 0.0
        self.shuffle = True
        self.reset()

    # ---- Device hooks ----------------------------------------------------------------

    def reset(self):
        with self.lock:
            self.credentials = dict(self.initial_credentials)
            self.nonces = {}
            self.store = dict((kind, {}) for kind in TABLES)
            self.settle_seconds = 0.0
            self.shuffle = True

    def handle(self, request):
        with self.lock:
            try:
                if not self._authenticate(request):
                    raise KrakenError(1014)
                return self._route(request)
            except KrakenError as err:
                return self._error(err)

    def state(self):
        with self.lock:
            return dict((kind, dict((u, self._view(kind, r)) for u, r in self.store[kind].items())) for kind in TABLES)

    def seed(self, data):
        with self.lock:
            unknown = set(data) - set(TABLES)
            if unknown:
                raise ValueError("unknown kinds: %s" % ", ".join(sorted(unknown)))
            created = {}
            for kind in TABLES:  # references before the streams that use them
                for item in data.get(kind) or []:
                    item = dict(item)
                    wanted = item.pop("uuid", None) or str(uuid.uuid4())
                    if kind == "configurations":
                        resource = self._new_configuration(item, admin=True)
                    else:
                        resource = self._build(kind, item, None, admin=True)
                    resource["uuid"] = wanted
                    self.store[kind][wanted] = resource
                    created.setdefault(kind, []).append(wanted)
            return created

    def admin(self, method, path, body):
        with self.lock:
            if method != "POST":
                return None
            if path == "/_sim/kraken/settle":
                self.settle_seconds = float(body.get("seconds", 0.0))
                return json_response(200, {"settle_seconds": self.settle_seconds})
            if path == "/_sim/kraken/shuffle":
                self.shuffle = bool(body.get("enabled", True))
                return json_response(200, {"shuffle": self.shuffle})
            if path == "/_sim/kraken/credentials":
                self.credentials = {body["consumer_key"]: body["consumer_secret"]}
                return json_response(200, {"consumer_key": body["consumer_key"]})
            if path == "/_sim/kraken/edit":
                kind = body["kind"]
                current = self.store.get(kind, {}).get(body.get("uuid"))
                if current is None:
                    return json_response(404, {"error": "no %s with uuid %r" % (kind, body.get("uuid"))})
                if kind == "configurations":
                    current.update(dict((k, v) for k, v in body["fields"].items() if k in ("name", "defaultConfig")))
                else:
                    self.store[kind][current["uuid"]] = self._build(kind, body["fields"], current, admin=True)
                return json_response(200, {"kind": kind, "resource": self._view(kind, self.store[kind][current["uuid"]])})
            return None

    def fault_response(self, status):
        code = {401: 1014, 403: 1015, 404: 1002, 400: 1013, 501: 1006, 500: 1012}.get(status, 1016 if status >= 502 else 1012)
        return self._error(KrakenError(code, status=status))

    def malformed_body(self):
        return b"<response><inputs><input><uuid>"

    # ---- authentication --------------------------------------------------------------

    def _authenticate(self, request):
        headers = dict(request.headers.items())
        body = request.body.decode("utf-8", "replace")
        try:
            valid, oauth_request = self.endpoint.validate_request(request.url, request.method, body, headers)
        except (ValueError, OAuth1Error):
            return False  # unparsable Authorization header and the like
        if valid:
            now = time.time()
            if len(self.nonces) > 1000:
                self.nonces = dict((k, t) for k, t in self.nonces.items() if now - t < 2 * TIMESTAMP_LIFETIME)
            self.nonces[(oauth_request.client_key, oauth_request.timestamp, oauth_request.nonce)] = now
        return valid

    # ---- routing ---------------------------------------------------------------------

    def _route(self, request):
        method = request.method
        if method not in ("GET", "POST", "PUT", "DELETE"):
            raise KrakenError(1007)
        split = urllib.parse.urlsplit(request.url)
        base = "%s://%s" % (split.scheme, split.netloc)
        parts = [p for p in request.path.split("/") if p]
        if parts[:2] == ["apis", "kraken"] and len(parts) >= 3:
            kind = parts[2]
            if kind == "system" and len(parts) == 3:
                self._only(method, "GET")
                return self._answer(self._system())
            if kind in TABLES:
                if len(parts) == 3:
                    self._only(method, "GET", "POST")
                    if method == "GET":
                        return self._answer(self._list(kind, base))
                    return self._create(kind, request.body, base)
                if len(parts) == 4:
                    ident = self._item_id(kind, parts[3])
                    self._only(method, "GET", "PUT", "DELETE")
                    return getattr(self, "_" + method.lower())(kind, ident, request.body, base)
                raise KrakenError(1008)
        if parts[:2] == ["apis", "servers"]:
            self._only(method, "GET")
            return self._answer(self._servers(parts[2:], base))
        raise KrakenError(1006)

    @staticmethod
    def _only(method, *allowed):
        if method not in allowed:
            raise KrakenError(1009)

    def _item_id(self, kind, segment):
        prefixes = CONFIGURATION_PREFIXES if kind == "configurations" else (SINGULAR[kind],)
        for prefix in prefixes:
            if segment.startswith(prefix):
                ident = segment[len(prefix):]
                return ident[1:] if ident.startswith("-") else ident
        raise KrakenError(1008, "expected %s-{id}" % SINGULAR[kind])

    def _resource(self, kind, ident):
        resource = self.store[kind].get(ident)
        if resource is None:
            raise KrakenError(1002)
        return resource

    # ---- CRUD ------------------------------------------------------------------------

    def _list(self, kind, base):
        if not self.store[kind]:
            raise KrakenError(1001)
        container = etree.Element(kind)
        for resource in self.store[kind].values():
            item = sub(container, SINGULAR[kind])
            sub(item, "uuid", resource["uuid"])
            sub(item, "name", resource["name"])
            if kind == "streams":
                sub(item, "state", self._stream_state(resource))
            if kind == "configurations":
                sub(item, "defaultConfig", resource["defaultConfig"])
            # Quirk of the guide's examples: outputs are listed without the dash.
            self._link(item, self._href(base, kind, resource["uuid"], dash=kind != "outputs"))
            sub(item, "x-vendor-extension", "1")
        return container

    def _get(self, kind, ident, _body, base):
        resource = self._resource(kind, ident)
        return self._answer(self._render(kind, resource, base))

    def _create(self, kind, body, base):
        root = parse_body(body, SINGULAR[kind])
        if kind == "configurations":
            resource = self._new_configuration(element_fields(root, TABLES[kind]))
        else:
            raw = element_fields(root, TABLES[kind], extra=("state",) if kind == "streams" else ())
            resource = self._build(kind, raw, None)
        resource["uuid"] = str(uuid.uuid4())
        self.store[kind][resource["uuid"]] = resource
        return self._answer_link(201, self._href(base, kind, resource["uuid"]))

    def _put(self, kind, ident, body, base):
        current = self._resource(kind, ident)
        root = parse_body(body, SINGULAR[kind])
        if kind == "configurations":
            self._edit_configuration(current, root)
        else:
            raw = element_fields(root, TABLES[kind], extra=("state",) if kind == "streams" else ())
            self.store[kind][ident] = self._build(kind, raw, current)
        return self._answer_link(200, self._href(base, kind, ident))

    def _delete(self, kind, ident, _body, base):
        resource = self._resource(kind, ident)
        if kind == "streams" and resource["_running"]:
            raise KrakenError(1005, "stream '%s' is running; stop it first" % resource["name"])
        for stream in self.store["streams"].values():
            if kind in ("inputs", "outputs", "transcoders") and ident in self._stream_refs(stream, kind):
                raise KrakenError(1005, "%s '%s' is used by stream '%s'" % (SINGULAR[kind], resource["name"], stream["name"]))
        del self.store[kind][ident]
        return self._answer_link(200, "%s/apis/kraken/%s" % (base, kind))

    def _build(self, kind, raw, current, admin=False):
        """The resource a POST (current None) or PUT would leave; nothing is stored here."""
        raw = dict(raw)
        action = raw.pop("state", None) if kind == "streams" else None
        if admin:
            raw = dict((k, v) for k, v in raw.items() if k not in IGNORED)
        if action is not None and current is not None and not admin:
            # The guide: "Other changes in the same PUT request are ignored."
            resource = copy.deepcopy(current)
            self._set_running(resource, self._action(action, admin))
            return resource
        values = coerce(TABLES[kind], raw, _Resolver(self, admin), trim=self.trim_text and not admin)
        if current is None or (kind == "transcoders" and not admin):
            resource = defaults(TABLES[kind])
            if current is not None:
                resource["uuid"] = current["uuid"]
        else:
            resource = copy.deepcopy(current)
        apply(TABLES[kind], resource, values)
        problem = missing_required(kind, resource)
        if problem:
            raise KrakenError(1000 if current is None else 1004, problem)
        if kind == "streams" and current is None:
            resource["_running"] = False
            if action is not None and admin:
                running = self._action(action, admin)  # a seed states exactly what it wants
            else:
                running = (action is not None and self._action(action, admin)) or resource.get("auto_start", False)
            self._set_running(resource, running)
        elif action is not None:
            self._set_running(resource, self._action(action, admin))
        return resource

    @staticmethod
    def _action(action, admin):
        words = {"start": True, "stop": False}
        if admin:  # seeds and edits may also name the resulting state
            words.update({"started": True, "active": True, "running": True, "stopped": False})
        if isinstance(action, bool) and admin:
            return action
        if str(action).strip().lower() not in words:
            raise KrakenError(1013, "<state> must be start or stop, got %r" % (action,))
        return words[str(action).strip().lower()]

    @staticmethod
    def _set_running(stream, running):
        if running and not stream.get("_running"):
            stream["_started"] = time.monotonic()
        stream["_running"] = running

    # ---- states and references -------------------------------------------------------

    def _stream_state(self, stream):
        if not stream.get("_running"):
            return "stopped"
        if time.monotonic() - stream["_started"] < self.settle_seconds:
            return "waiting"
        return "active"

    @staticmethod
    def _stream_refs(stream, kind):
        if kind == "inputs":
            return [stream["input"]] if stream.get("input") else []
        if kind == "transcoders":
            return [stream["transcoder"]] if stream.get("transcoder") else []
        return list(stream.get("outputs") or []) + ([stream["passthru"]] if stream.get("passthru") else [])

    def _usage_state(self, kind, ident):
        states = [self._stream_state(s) for s in self.store["streams"].values() if ident in self._stream_refs(s, kind)]
        for state in ("active", "waiting", "stopped"):
            if state in states:
                return state
        return "unset"

    # ---- rendering -------------------------------------------------------------------

    @staticmethod
    def _href(base, kind, ident, dash=True):
        return "%s/apis/kraken/%s/%s%s%s" % (base, kind, SINGULAR[kind], "-" if dash else "", ident)

    @staticmethod
    def _link(parent, href, rel="self"):
        return sub(parent, "link", rel=rel, type="application/xml", href=href)

    def _nic_href(self, base, nic, server_dash=True, nic_dash=True):
        return "%s/apis/servers/server%s%s/nics/nic%s%s" % (
            base, "-" if server_dash else "", self.server_id, "-" if nic_dash else "", nic)

    def _render(self, kind, resource, base):
        element = etree.Element(SINGULAR[kind])
        sub(element, "uuid", resource["uuid"])
        if kind == "configurations":
            sub(element, "name", resource["name"])
            sub(element, "defaultConfig", resource["defaultConfig"])
        else:
            render_fields(element, TABLES[kind], resource, lambda nic: self._nic_href(base, nic))
        if kind == "inputs" and resource.get("url") is None:
            sub(element, "url", "")  # required: always returned, even empty (guide's V4L2 example)
        if kind == "streams":
            self._render_stream(element, resource, base)
        elif kind != "configurations":
            sub(element, "state", self._usage_state(kind, resource["uuid"]))
        self._link(element, self._href(base, kind, resource["uuid"]))
        sub(element, "x-vendor-extension", "1")
        return element

    def _render_stream(self, element, stream, base):
        sub(element, "state", self._stream_state(stream))
        sub(element, "mode", "passthru" if stream.get("passthru") else "transcoder")
        for name in ("input", "transcoder", "passthru"):
            if stream.get(name):
                self._reference(element, name, STREAM[name].choices, stream[name], base)
        if stream.get("outputs"):
            outputs = sub(element, "outputs")
            for ident in stream["outputs"]:
                self._reference(outputs, "output", "outputs", ident, base)
        if stream.get("metadatas"):
            metadatas = sub(element, "metadatas")
            for ident in stream["metadatas"]:
                item = sub(metadatas, "metadata")
                sub(item, "name", ident)
                self._link(item, "%s/apis/kraken/metadatas/metadata-%s" % (base, ident), rel="metadata")

    def _reference(self, parent, tag, kind, ident, base):
        target = self.store[kind].get(ident)
        item = sub(parent, tag)
        sub(item, "name", target["name"] if target else "")
        # Quirk: stream references to outputs have no dash, as in the guide.
        self._link(item, self._href(base, kind, ident, dash=kind != "outputs"), rel=SINGULAR[kind])

    def _view(self, kind, resource):
        """A resource for /_sim/state: wire names, references as uuids, plus its state."""
        view = dict((k, copy.deepcopy(v)) for k, v in resource.items() if not k.startswith("_"))
        if kind == "streams":
            view["state"] = self._stream_state(resource)
            view.setdefault("outputs", [])
        elif kind != "configurations":
            view["state"] = self._usage_state(kind, resource["uuid"])
        return view

    def _system(self):
        system = etree.Element("system")
        sub(system, "version", VERSION)
        for prefix, port in (("capture", self._capture_port()), ("decklink", self._decklink_port())):
            info = sub(system, prefix + "Info")
            for tag, text in (("keep_alive_counter", "34542"), ("port_info_size", "1"),
                              ("start_time", "2023-Jul-21 15:21:19.371990"), ("running", "1")):
                sub(info, tag, text)
            system.append(port)
        sub(system, "x-vendor-extension", "1")
        return system

    @staticmethod
    def _port(tag, mode, current, modes):
        port = etree.Element(tag)
        sub(port, "port_number", "0")
        sub(port, "config_mode", mode)
        sub(port, "config_format", "unset")
        sub(port, "config_framerate", "unset")
        desc = sub(port, "current_video_desc")
        for key, value in current:
            sub(desc, key, value)
        available = sub(port, "available_modes")
        for entry in modes:
            mode_el = sub(available, "mode")
            for key, value in entry:
                sub(mode_el, key, value)
        return port

    def _capture_port(self):
        modes = [(("width", "-1"), ("height", "-1"), ("mode_id", m)) for m in ("NTSC-M", "NTSC-M-JP", "PAL-B")]
        return self._port("capturePort", "-2", (("width", "720"), ("height", "480"), ("mode_id", "")), modes)

    def _decklink_port(self):
        modes = [(("width", w), ("height", h), ("framerate", f), ("interlaced", i)) for w, h, f, i in
                 (("720", "576", "25.00", "true"), ("720", "486", "29.97", "true"), ("1280", "720", "59.94", "false"),
                  ("1920", "1080", "29.97", "true"))]
        return self._port("decklinkPort", "-1", (("width", "1920"), ("height", "1080"), ("framerate", "29.97"),
                                                 ("interlaced", "true")), modes)

    def _servers(self, parts, base):
        if not parts:
            servers = etree.Element("servers")
            server = sub(servers, "server")
            sub(server, "id", self.server_id)
            self._link(server, "%s/apis/servers/server-%s" % (base, self.server_id))
            sub(server, "x-vendor-extension", "1")
            return servers
        if not parts[0].startswith("server"):
            raise KrakenError(1008)
        if parts[0][len("server"):].lstrip("-") != self.server_id:
            raise KrakenError(1002)
        if len(parts) == 1:
            server = etree.Element("server")
            sub(server, "id", self.server_id)
            self._link(server, "%s/apis/servers/server-%s" % (base, self.server_id))
            self._link(server, "%s/apis/servers/server-%s/nics" % (base, self.server_id), rel="nics")
            sub(server, "x-vendor-extension", "1")
            return server
        if parts[1] != "nics" or len(parts) > 3:
            raise KrakenError(1006)
        if len(parts) == 2:
            nics = etree.Element("nics")
            for nic in self.nics:
                self._nic(nics, nic, self._nic_href(base, nic, server_dash=False))
            return nics
        if not parts[2].startswith("nic"):
            raise KrakenError(1008)
        nic = parts[2][len("nic"):]
        nic = nic[1:] if nic.startswith("-") else nic
        if nic not in self.nics:
            raise KrakenError(1002)
        return self._nic(None, nic, self._nic_href(base, nic, nic_dash=False))

    def _nic(self, parent, nic, href):
        element = etree.Element("nic") if parent is None else sub(parent, "nic")
        sub(element, "id", nic)
        sub(element, "name", nic)
        self._link(element, href)
        sub(element, "x-vendor-extension", "1")
        return element

    # ---- responses -------------------------------------------------------------------

    def _shuffled(self, element):
        children = list(element)
        if self.shuffle and len(children) > 1:
            self.random.shuffle(children)
            for child in children:
                element.append(child)  # append moves the child to the end
        for child in children:
            self._shuffled(child)

    def _answer(self, content, status=200):
        root = etree.Element("response")
        root.append(content)
        self._shuffled(root)
        return Response(status, _serialize(root))

    def _answer_link(self, status, href):
        root = etree.Element("response")
        self._link(root, href)
        return Response(status, _serialize(root))

    def _error(self, err):
        root = etree.Element("response")
        error = sub(root, "error")
        sub(error, "code", wire(err.code))
        sub(error, "message", err.message)
        return Response(err.status, _serialize(root))


def _serialize(root):
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


class _Resolver:
    """Turns references (links; for admin seeds also uuids and names) into stored ids."""

    def __init__(self, device, admin):
        self.device = device
        self.admin = admin

    def ref(self, kind, value):
        text = re.sub(r"\s+", "", str(value))
        singular = SINGULAR[kind]
        match = re.search(r"/apis/kraken/%s/%s-?([^/?#]+)/*$" % (kind, singular), text)
        ident = match.group(1) if match else None
        if ident is None and self.admin:
            if text in self.device.store[kind]:
                ident = text
            else:
                named = [u for u, r in self.device.store[kind].items() if r.get("name") == value]
                if len(named) != 1:
                    raise KrakenError(1013, "no unique %s named %r" % (singular, value))
                ident = named[0]
        if ident is None:
            raise KrakenError(1013, "<%s> must be a link to an %s, got %r" % (singular, singular, text))
        if ident not in self.device.store[kind]:
            raise KrakenError(1013, "%s %s does not exist" % (singular, ident))
        return ident

    def metadata(self, value):
        text = re.sub(r"\s+", "", str(value))
        match = re.search(r"/metadatas/metadata-?([^/?#]+)/*$", text)
        if match:
            return match.group(1)
        if self.admin and UUID_RE.match(text):
            return text
        raise KrakenError(1013, "<metadata> must be a link to a metadata source, got %r" % text)

    def nic(self, value):
        text = re.sub(r"\s+", "", str(value))
        if text.lower() == "auto":
            # Stored and returned as sent: a device holds "auto" once told so,
            # which differs from an interface never set.
            return "auto"
        match = re.search(r"/apis/servers/server-?([^/]+)/nics/nic-?([^/?#]+)/*$", text)
        if match:
            server, nic = match.groups()
        elif self.admin:
            server, nic = self.device.server_id, text
        else:
            raise KrakenError(1013, "<interface> must be auto or a link to a NIC, got %r" % text)
        if server != self.device.server_id or nic not in self.device.nics:
            raise KrakenError(1013, "<interface> %r is not a NIC of this server" % text)
        return nic
