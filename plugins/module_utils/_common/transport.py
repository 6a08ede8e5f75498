# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HTTP transport shared by the Kraken and HMP clients: typed errors, safe retries, reads side by side."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import socket
import ssl
import threading
import time

try:
    import requests
    from urllib3.exceptions import LocationParseError, NewConnectionError
    from urllib3.util import parse_url
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module through missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

WRITE_METHODS = frozenset(("POST", "PUT", "DELETE", "PATCH"))
RETRY_STATUSES = frozenset((502, 503, 504))
# Reads sent side by side to one device: on a remote link a run costs its sequential round trips, and
# a handful of connections is what a small appliance (a Kraken portal, an HMP) takes without strain.
READ_WORKERS = 4


def run_concurrently(calls, workers=READ_WORKERS):
    """The results of independent zero-argument calls (reads), in their order; the first error is raised.

    One call (or none) runs on the caller's thread: no pool, no extra connection.
    """
    calls = list(calls)
    if len(calls) <= 1:
        return [call() for call in calls]
    from concurrent.futures import ThreadPoolExecutor  # only runs that read side by side pay its import
    with ThreadPoolExecutor(max_workers=min(workers, len(calls))) as pool:
        return list(pool.map(lambda call: call(), calls))


class HaivisionError(Exception):
    """Base of every error the clients raise; modules turn it into fail_json in one place."""

    def result_fields(self):
        return {}


class ConfigurationError(HaivisionError):
    """Connection options that cannot work (e.g. an http:// URL)."""


class TransportError(HaivisionError):
    """The request got no usable HTTP answer (refused, timed out, dropped)."""

    def __init__(self, method, path, reason, maybe_applied=False):
        self.method = method
        self.path = path
        self.reason = reason
        self.maybe_applied = maybe_applied
        text = "%s %s failed: %s" % (method, path, reason)
        if maybe_applied:
            text += ("; the device may have applied this write before the connection was lost, so it was not "
                     "repeated: run the task again to converge")
        super(TransportError, self).__init__(text)

    def result_fields(self):
        return {"method": self.method, "path": self.path, "maybe_applied": self.maybe_applied}


class ProtocolError(HaivisionError):
    """The device answered, but with a body that cannot be read (malformed, wrong type, unsafe XML)."""

    def __init__(self, product, method, path, status, reason, text=None):
        self.method = method
        self.path = path
        self.status = status
        super(ProtocolError, self).__init__(text or "%s answered %s %s (HTTP %s) with an unreadable body: %s"
                                            % (product, method, path, status, reason))

    def result_fields(self):
        return {"status": self.status, "method": self.method, "path": self.path}


class ForeignAnswerError(ProtocolError):
    """An answer that is not the product's own envelope: a proxy's or portal's page, an empty body.

    Nothing is decided on such an answer: not "empty list", not "written".
    """

    def __init__(self, product, method, path, status, content_type, what):
        self.content_type = content_type
        super(ForeignAnswerError, self).__init__(
            product, method, path, status, what,
            text="%s %s was answered with HTTP %s (content type %s) by something that is not the %s API: %s. Check the "
                 "URL, and any proxy or sign-in portal in front of the device"
                 % (method, path, status, content_type or "none", product, what))

    def result_fields(self):
        return {"status": self.status, "method": self.method, "path": self.path, "content_type": self.content_type}


class ApiError(HaivisionError):
    """The device answered with an error. ``product`` is 'Kraken' or 'HMP'."""

    def __init__(self, product, method, path, status, code=None, message=None, name=None, hint=None):
        self.product = product
        self.method = method
        self.path = path
        self.status = status
        self.code = code
        self.name = name
        self.message = message
        label = "%s API error" % product
        if code:
            label += " %s" % code
        if name:
            label += " %s" % name
        text = "%s (HTTP %s) on %s %s" % (label, status, method, path)
        if message:
            text += ": %s" % message
        if hint:
            # After the device's own words: what to check, for the errors whose cause is usually on our side.
            text += "; %s" % hint
        super(ApiError, self).__init__(text)

    def result_fields(self):
        return {"status": self.status, "api_code": self.code, "api_name": self.name,
                "method": self.method, "path": self.path}


def check_https(url, product, option):
    """Refuse anything but an absolute https://host[:port] URL before any request is made."""
    if not url:
        raise ConfigurationError("%s is empty; give https://host[:port]" % option)
    lowered = url.strip().lower()
    if lowered.startswith("http://"):
        raise ConfigurationError("%s %s uses plain http://; the %s API needs HTTPS (https://host[:port])" % (option, url, product))
    if not lowered.startswith("https://"):
        raise ConfigurationError("%s %s must be https://host[:port]" % (option, url))
    try:
        parsed = parse_url(url.strip())
    except LocationParseError as exc:
        raise ConfigurationError("%s %s is not a usable URL (%s); give https://host[:port]" % (option, url, exc))
    if not parsed.host or " " in parsed.host:
        raise ConfigurationError("%s %s has no usable host; give https://host[:port]" % (option, url))
    return url.strip().rstrip("/")


def check_timeout(timeout):
    if timeout is None or timeout <= 0:
        raise ConfigurationError("timeout must be a number of seconds greater than 0, got %s" % timeout)
    return timeout


def tls_verify(validate_certs, ca_path):
    """The ``verify`` argument of requests for our two options."""
    if not validate_certs:
        return False
    if ca_path and not os.path.exists(ca_path):
        # requests would raise a bare OSError while sending; say it before any request.
        raise ConfigurationError("ca_path %s does not exist; give the CA certificate file (PEM) that signed the "
                                 "device's certificate" % ca_path)
    return ca_path or True


class Transport:
    """Sends one HTTP request with bounded retries.

    A request is retried only when it certainly was not applied: the connection
    was refused (nothing was sent), or the answer was 502/503/504 to a read, or
    503 to a write (the service says it did not take it). A write whose
    connection dropped after sending, or that got 502/504 from a gateway, may
    have been applied and is never repeated.
    """

    def __init__(self, session, verify=True, timeout=30, retries=4, backoff=0.5, sleep=time.sleep):
        self.session = session
        # Passed on every request: a session-level ``verify`` loses to
        # REQUESTS_CA_BUNDLE in the environment, and ca_path must win.
        self.verify = verify
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.stats = {"requests": 0, "retries": 0}
        self._stats_lock = threading.Lock()  # reads may run side by side (run_concurrently)

    def _count(self, name):
        with self._stats_lock:
            self.stats[name] += 1

    def _may_retry_status(self, method, status):
        if status not in RETRY_STATUSES:
            return False
        return method not in WRITE_METHODS or status == 503

    def send(self, method, url, path, **kwargs):
        attempt = 0
        while True:
            attempt += 1
            self._count("requests")
            try:
                response = self.session.request(method, url, timeout=self.timeout, verify=self.verify, **kwargs)
            except requests.exceptions.ConnectTimeout as exc:
                error = TransportError(method, path, "connection timed out (%s)" % exc)
            except requests.exceptions.SSLError as exc:
                raise TransportError(method, path, _tls_failure(exc, self.verify))
            except requests.exceptions.ConnectionError as exc:
                unresolved = _first(exc, socket.gaierror)
                if unresolved is not None:
                    error = TransportError(method, path, "the host name %s does not resolve (%s): check the host in the "
                                                         "device's URL, and this machine's DNS"
                                           % (parse_url(url).host, unresolved.strerror or unresolved))
                elif _never_sent(exc):
                    error = TransportError(method, path, "connection refused (%s)" % _root_reason(exc))
                elif method in WRITE_METHODS:
                    raise TransportError(method, path, "connection lost (%s)" % _root_reason(exc), maybe_applied=True)
                else:
                    error = TransportError(method, path, "connection lost (%s)" % _root_reason(exc))
            except requests.exceptions.Timeout as exc:
                raise TransportError(method, path, "no answer within %s seconds (%s)" % (self.timeout, _root_reason(exc)),
                                     maybe_applied=method in WRITE_METHODS)
            except requests.exceptions.RequestException as exc:
                # Anything else requests refuses (an invalid URL, header ...): nothing was sent.
                raise TransportError(method, path, "request not sent: %s" % _root_reason(exc))
            else:
                if not (self._may_retry_status(method, response.status_code) and attempt <= self.retries):
                    return response
                error = None
            if attempt > self.retries:
                raise error
            self._count("retries")
            self.sleep(self.backoff * (2 ** (attempt - 1)))


def _causes(exc):
    """``exc`` and what it wraps: requests and urllib3 keep the cause in ``reason`` or ``args[0]``, urllib3 1.x
    in the exception's context."""
    seen = set()
    pending = [exc]
    while pending:
        current = pending.pop(0)
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend((getattr(current, "reason", None), current.args[0] if current.args else None,
                        current.__cause__, current.__context__))


def _first(exc, kind):
    return next((cause for cause in _causes(exc) if isinstance(cause, kind)), None)


# OpenSSL's verification results that are not "signed by a CA we do not trust".
X509_V_ERR_CERT_HAS_EXPIRED = 10
X509_V_ERR_CERT_NOT_YET_VALID = 9
X509_V_ERR_HOSTNAME_MISMATCH = 62
X509_V_ERR_IP_ADDRESS_MISMATCH = 64


def _tls_failure(exc, verify):
    """Why the TLS handshake failed, and what to do; the usual first fix is ca_path, never validate_certs."""
    refused = _first(exc, ssl.SSLCertVerificationError)
    if refused is None:
        text = "TLS failed: %s" % _root_reason(exc)
        if isinstance(verify, str):
            text += "; check that ca_path %s holds the CA certificates (PEM) that signed the device's certificate" % verify
        return text
    why = refused.verify_message or refused.reason or str(refused)
    if refused.verify_code in (X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH):
        hint = ("the device's certificate is not issued for the host in the URL (%s): use the host name the certificate "
                "names in the URL" % why)
    elif refused.verify_code in (X509_V_ERR_CERT_HAS_EXPIRED, X509_V_ERR_CERT_NOT_YET_VALID):
        hint = "the device's certificate is out of its validity dates (%s): renew it, or check this machine's clock" % why
    elif isinstance(verify, str):
        hint = ("the device's certificate is not signed by the CA in ca_path %s (%s): set ca_path to the CA certificate "
                "(PEM) that signed the device's certificate" % (verify, why))
    else:
        hint = ("the device's certificate is not signed by a CA this machine trusts (%s): set ca_path to the CA "
                "certificate (PEM) that signed the device's certificate" % why)
    return "TLS verification failed: " + hint


def _root_reason(exc):
    reason = exc
    seen = set()
    while True:
        inner = getattr(reason, "reason", None) or (reason.args[0] if getattr(reason, "args", None) else None)
        if not isinstance(inner, BaseException) or id(inner) in seen:
            return str(reason)
        seen.add(id(inner))
        reason = inner


def _never_sent(exc):
    """True when the connection was never made, so the request cannot have reached the device."""
    current = exc
    seen = set()
    while isinstance(current, BaseException) and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (NewConnectionError, ConnectionRefusedError)):
            return True
        current = getattr(current, "reason", None) or (current.args[0] if current.args else None)
    return False
