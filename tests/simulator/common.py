# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared core of the device simulators: HTTPS, request log, faults, admin routes.

A device (Kraken, HMP) subclasses ``Device`` and only answers API requests;
everything a test needs to observe or disturb the device lives here, under
``/_sim/`` (outside ``/apis``), so that the simulated API itself stays faithful.
One reading where the guides are silent is switchable the same way: whether the
device trims edge whitespace of names and free text (``POST /_sim/text
{"trim": true}``, or ``--trim-text`` from the start; a reset goes back to the start value).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import http.cookies
import ipaddress
import itertools
import json
import math
import os
import ssl
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

WRITE_METHODS = ("POST", "PUT", "DELETE", "PATCH")


class Request:
    """One API request as a device sees it."""

    def __init__(self, method, raw_path, query_string, headers, body, base_url):
        self.method = method
        self.raw_path = raw_path
        self.path = urllib.parse.unquote(raw_path)
        self.query_string = query_string
        self.query = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        self.headers = headers
        self.body = body
        self.base_url = base_url
        # The exact URL the client addressed: what an OAuth client signed.
        self.url = base_url + raw_path + ("?" + query_string if query_string else "")
        jar = http.cookies.SimpleCookie()
        try:
            jar.load(headers.get("Cookie", ""))
        except http.cookies.CookieError:
            pass
        self.cookies = dict((k, m.value) for k, m in jar.items())

    def json(self):
        return json.loads(self.body.decode("utf-8")) if self.body else None


class Response:
    """What a device answers."""

    def __init__(self, status, body=b"", content_type="application/xml", headers=None):
        self.status = status
        self.body = body if isinstance(body, bytes) else body.encode("utf-8")
        self.content_type = content_type
        self.headers = dict(headers or {})


def json_response(status, data, headers=None):
    return Response(status, json.dumps(data).encode("utf-8"), "application/json", headers)


class Device:
    """Base class of a simulated device; subclasses implement the API."""

    name = "device"
    # Whether the device trims the edge whitespace of the names and free text it stores. The guides do
    # not say; the default keeps text exactly as sent, ``trim_text`` is the other reading a real device
    # may take. The core sets it (``--trim-text``, ``POST /_sim/text``); admin seeds and edits are
    # stored as given either way, so that a test can plant any value.
    trim_text = False

    def __init__(self):
        self.lock = threading.RLock()

    def stored_text(self, value):
        """A name or free text as this device stores what the API was sent."""
        return value.strip() if self.trim_text and isinstance(value, str) else value

    def handle(self, request):
        raise NotImplementedError

    def state(self):
        return {}

    def seed(self, data):
        raise NotImplementedError

    def reset(self):
        raise NotImplementedError

    def admin(self, method, path, body):  # pylint: disable=unused-argument
        return None

    def fault_response(self, status):
        return Response(status, b"", "text/plain")

    def malformed_body(self):
        return b"\x00not a body"


class FaultPlan:
    """Fault rules injected through ``POST /_sim/faults``.

    A rule: ``{"kind": "status"|"latency"|"malformed"|"answer"|"drop_before"|"drop_after",
    "count": 1, "method": "PUT", "path": "/apis/kraken/inputs", "status": 503,
    "seconds": 2.0}``. ``method`` and ``path`` (a prefix) narrow which requests
    it hits; ``count`` is how many it hits (-1: until cleared). A ``malformed``
    rule may give the ``body`` to answer instead of the device's default garbage
    (e.g. an XML document with a DTD, to test the client's parser). An
    ``answer`` rule is something in front of the device (a proxy, a captive
    portal) answering instead of it: the device never sees the request, and
    the client gets ``status`` (default 200), ``body`` (default empty) and
    ``content_type`` (default text/html).

    Besides the rules, the plan holds a standing network ``latency`` (seconds,
    set by ``--latency-ms`` or ``POST /_sim/latency``): the round trip of a
    remote site, added to every API request the same way a ``latency`` rule
    is, and charged ``CONNECT_ROUND_TRIPS`` more times on the first API request
    of a new connection (TCP and TLS 1.3 handshakes), so that connection reuse
    shows in the times. It is a property of the network, not of the device:
    clearing the rules or resetting the device keeps it.
    """

    KINDS = ("status", "latency", "malformed", "answer", "drop_before", "drop_after")
    CONNECT_ROUND_TRIPS = 2

    def __init__(self, latency=0.0):
        self.lock = threading.Lock()
        self.rules = []
        self.latency = 0.0
        self.set_latency(latency)

    def set_latency(self, seconds):
        seconds = float(seconds)
        if seconds < 0 or math.isnan(seconds):
            raise ValueError("latency must be a number of seconds >= 0, got %r" % seconds)
        self.latency = seconds

    def add(self, rule):
        if rule.get("kind") not in self.KINDS:
            raise ValueError("kind must be one of %s" % ", ".join(self.KINDS))
        rule = dict(rule)
        rule.setdefault("count", 1)
        with self.lock:
            self.rules.append(rule)

    def clear(self):
        with self.lock:
            self.rules = []

    def take(self, method, path, new_connection=False):
        """Consume and return the latency seconds and the one other fault for a request.

        ``new_connection``: the request is the first API request on its
        connection, which also pays the standing latency's handshakes.
        """
        latency = self.latency * (1 + (self.CONNECT_ROUND_TRIPS if new_connection else 0))
        other = None
        with self.lock:
            for rule in self.rules:
                if rule["count"] == 0:
                    continue
                if rule.get("method") and rule["method"].upper() != method:
                    continue
                if rule.get("path") and not path.startswith(rule["path"]):
                    continue
                if rule["kind"] == "latency":
                    latency += float(rule.get("seconds", 1.0))
                elif other is None:
                    other = rule
                else:
                    continue
                if rule["count"] > 0:
                    rule["count"] -= 1
            self.rules = [r for r in self.rules if r["count"] != 0]
        return latency, other


class RequestLog:
    """Every API request the device received, in order, for tests to assert on.

    An entry: ``seq``, ``time`` (received), ``method``, ``path``, ``raw_path``,
    ``query``, ``body``, ``status``, ``fault`` (the kind applied, or None),
    ``latency`` (the seconds it was held), ``connection`` (the serial of the
    TCP connection it came on, per device) and ``connection_request`` (its
    number among the API requests of that connection: 1 is a new connection).
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = []

    def add(self, entry):
        with self.lock:
            entry["seq"] = len(self.entries) + 1
            self.entries.append(entry)

    def snapshot(self):
        with self.lock:
            return list(self.entries)

    def clear(self):
        with self.lock:
            self.entries = []


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "HaivisionSim/1.0"
    # Headers and body go out in separate writes; without this each request
    # waits ~40 ms on delayed ACKs.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass  # the request log is the record; stderr stays quiet

    def setup(self):
        super().setup()
        # One handler per accepted socket: its serial in the request log shows
        # whether a client kept its connection alive or opened new ones.
        self.connection_id = self.server.sim.next_connection()
        self.api_requests = 0

    def _dispatch(self):
        sim = self.server.sim
        raw_path, _sep, query_string = self.path.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if raw_path.startswith("/_sim/") or raw_path == "/_sim":
            self._send(sim.admin_request(self.command, raw_path, body))
            return
        # The URL as the client addressed it (127.0.0.1 or localhost): what it signed.
        base_url = "https://" + self.headers["Host"] if self.headers.get("Host") else sim.url
        request = Request(self.command, raw_path, query_string, self.headers, body, base_url)
        self.api_requests += 1
        entry = {"method": self.command, "path": request.path, "raw_path": raw_path, "query": query_string,
                 "body": body.decode("utf-8", "replace")[:20000], "fault": None, "time": time.time(),
                 "connection": self.connection_id, "connection_request": self.api_requests}
        latency, fault = sim.faults.take(self.command, request.path, new_connection=self.api_requests == 1)
        # What was applied, so tests assert on the record rather than on a clock.
        entry["latency"] = latency
        if latency:
            # Sleeping in this connection's thread holds no lock: other
            # connections (and other devices in the process) go on meanwhile.
            time.sleep(latency)
        kind = fault["kind"] if fault else None
        entry["fault"] = kind
        if kind == "drop_before":
            entry["status"] = None
            sim.log.add(entry)
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if kind == "status":
            response = sim.device.fault_response(int(fault.get("status", 503)))
        elif kind == "answer":
            response = Response(int(fault.get("status", 200)), fault.get("body") or b"",
                                fault.get("content_type", "text/html"))
        else:
            response = sim.device.handle(request)
        entry["status"] = response.status
        sim.log.add(entry)
        if kind == "drop_after":
            # The device applied the request; the client never learns it did.
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if kind == "malformed":
            body = fault["body"].encode("utf-8") if fault.get("body") is not None else sim.device.malformed_body()
            response = Response(response.status, body, response.content_type, response.headers)
        self._send(response)

    def _send(self, response):
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            for item in value if isinstance(value, list) else [value]:
                self.send_header(name, item)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _dispatch


class SimServer:
    """One simulated device on its own HTTPS port."""

    def __init__(self, device, ssl_context, host="127.0.0.1", port=0, latency=0.0, trim_text=False):
        self.device = device
        # The device's reading of edge whitespace as started; a reset goes back to it.
        self.trim_text = bool(trim_text)
        device.trim_text = self.trim_text
        self.log = RequestLog()
        self.faults = FaultPlan(latency)
        self._connections = itertools.count(1)
        self._connections_lock = threading.Lock()
        self.httpd = ThreadingHTTPServer((host, port), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.sim = self
        self.httpd.socket = ssl_context.wrap_socket(self.httpd.socket, server_side=True)
        self.url = "https://%s:%d" % (host, self.httpd.server_address[1])
        self.thread = None

    def start(self):
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="sim-%s" % self.device.name, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def next_connection(self):
        with self._connections_lock:
            return next(self._connections)

    def admin_request(self, method, raw_path, body):
        path = urllib.parse.unquote(raw_path)
        try:
            data = json.loads(body.decode("utf-8")) if body else {}
        except ValueError:
            return json_response(400, {"error": "admin body must be JSON"})
        try:
            return self._admin(method, path, data)
        except (ValueError, KeyError, TypeError) as exc:
            return json_response(400, {"error": "%s: %s" % (type(exc).__name__, exc)})

    def _admin(self, method, path, data):
        if path == "/_sim/requests":
            if method == "DELETE":
                self.log.clear()
                return json_response(200, {"cleared": True})
            return json_response(200, {"requests": self.log.snapshot()})
        if path == "/_sim/faults":
            if method == "DELETE":
                self.faults.clear()
                return json_response(200, {"cleared": True})
            for rule in data if isinstance(data, list) else [data]:
                self.faults.add(rule)
            return json_response(200, {"faults": self.faults.rules})
        if path == "/_sim/latency":
            if method == "POST":
                self.faults.set_latency(float(data["ms"]) / 1000.0)
            return json_response(200, {"ms": self.faults.latency * 1000.0})
        if path == "/_sim/text":
            if method == "POST":
                if not isinstance(data.get("trim"), bool):
                    raise ValueError("trim must be true or false")
                with self.device.lock:
                    self.device.trim_text = data["trim"]
            return json_response(200, {"trim": self.device.trim_text})
        if path == "/_sim/state":
            with self.device.lock:
                return json_response(200, self.device.state())
        if path == "/_sim/seed" and method == "POST":
            with self.device.lock:
                return json_response(200, self.device.seed(data))
        if path == "/_sim/reset" and method == "POST":
            with self.device.lock:
                self.device.reset()
                self.device.trim_text = self.trim_text
            self.log.clear()
            self.faults.clear()
            return json_response(200, {"reset": True})
        response = self.device.admin(method, path, data)
        if response is None:
            return json_response(404, {"error": "no admin route %s %s" % (method, path)})
        return response


def make_tls(directory, hostnames=("localhost",), addresses=("127.0.0.1",)):
    """Generate a throw-away CA and a server certificate signed by it.

    Returns (ca_path, ssl_context). Clients trust ``ca_path``; nobody needs to
    switch certificate checks off.
    """
    os.makedirs(directory, exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, u"haivision.media simulator CA")])
    ca_cert = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
               .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                            key_encipherment=False, data_encipherment=False, key_agreement=False,
                                            encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
               .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    names = [x509.DNSName(h) for h in hostnames] + [x509.IPAddress(ipaddress.ip_address(a)) for a in addresses]
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostnames[0])]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_path = os.path.join(directory, "ca.pem")
    cert_path = os.path.join(directory, "server.pem")
    key_path = os.path.join(directory, "server.key")
    with open(ca_path, "wb") as handle:
        handle.write(ca_cert.public_bytes(serialization.Encoding.PEM))
    with open(cert_path, "wb") as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return ca_path, context


class RunningSim:
    """A device served on a fresh port with a fresh CA; for in-process tests."""

    def __init__(self, device, directory, latency=0.0, trim_text=False):
        self.ca_path, context = make_tls(directory)
        self.server = SimServer(device, context, latency=latency, trim_text=trim_text).start()
        self.url = self.server.url
        self.device = device

    def requests(self):
        return self.server.log.snapshot()

    def writes(self):
        return [e for e in self.server.log.snapshot() if e["method"] in WRITE_METHODS]

    def stop(self):
        self.server.stop()
