# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one HMP 3.5 REST API client: cookie session, JSON, paging, errors."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import threading

from urllib.parse import parse_qsl, quote, urlsplit

from ansible.module_utils.basic import env_fallback, missing_required_lib

from ansible_collections.haivision.media.plugins.module_utils._common.transport import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, ApiError, HaivisionError, ProtocolError, Transport, check_https, check_timeout, tls_verify)

try:
    import requests
except ImportError:  # pragma: no cover - reported through missing_required_lib
    pass

HMP_CONNECTION_SPEC = dict(
    hmp_url=dict(type="str", required=True, fallback=(env_fallback, ["HMP_URL"])),
    hmp_username=dict(type="str", required=True, fallback=(env_fallback, ["HMP_USERNAME"])),
    hmp_password=dict(type="str", required=True, no_log=True, fallback=(env_fallback, ["HMP_PASSWORD"])),
    validate_certs=dict(type="bool", default=True),
    ca_path=dict(type="path"),
    timeout=dict(type="int", default=30),
)

LOGIN_PATH = "/apis/authentication/login"
SESSION_COOKIE = "calypso-session-id"
PAGE_SIZE = 100  # the platform caps collection pages at 100
MAX_PAGES = 10000
NO_RESULTS = "040012"


def quote_id(value):
    # Dots too: an id "." or ".." would otherwise be a dot segment, which the URL layer resolves to the collection.
    return quote("%s" % value, safe="").replace(".", "%2E")


def check_hmp_libs(module):
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))


class HMPClient:
    """Talks to one HMP platform under one login.

    Use as a context manager: the login happens on the first request and the
    logout when the block ends, also when it ends with a failure (fail_json
    raises SystemExit, which passes through ``__exit__``).
    """

    product = "HMP"

    def __init__(self, url, username, password, validate_certs=True, ca_path=None, timeout=30, retries=4, backoff=0.5):
        self.base_url = check_https(url, "HMP", "hmp_url")
        self.username = username
        self._password = password
        self.session = requests.Session()
        self.session.headers["Accept"] = "application/json"
        self.transport = Transport(self.session, verify=tls_verify(validate_certs, ca_path), timeout=check_timeout(timeout), retries=retries, backoff=backoff)
        self.logged_in = False
        self.logins = 0
        # Detail reads may run on a few threads; only one of them logs in again.
        self._login_lock = threading.Lock()
        self._generation = 0

    @classmethod
    def from_module(cls, module):
        check_hmp_libs(module)
        params = module.params
        return cls(params["hmp_url"], params["hmp_username"], params["hmp_password"],
                   validate_certs=params["validate_certs"], ca_path=params["ca_path"], timeout=params["timeout"])

    @property
    def stats(self):
        return dict(self.transport.stats, logins=self.logins)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.logout()
        return False

    # -- session -------------------------------------------------------------

    def login(self):
        self.session.cookies.clear()
        response = self._send("POST", LOGIN_PATH, {"username": self.username, "password": self._password})
        self._raise_for_error("POST", LOGIN_PATH, response)
        # A proxy's sign-in page may set cookies of its own: only HMP's answer logs in.
        self._decode("POST", LOGIN_PATH, response)
        if not self.session.cookies.get(SESSION_COOKIE):
            raise ProtocolError(self.product, "POST", LOGIN_PATH, response.status_code,
                                "no %s cookie in the login answer" % SESSION_COOKIE)
        self.logged_in = True
        self.logins += 1
        self._generation += 1

    def logout(self):
        """End the platform session; never raises (it runs while a failure may be propagating)."""
        if not self.logged_in:
            return
        self.logged_in = False
        try:
            self._send("DELETE", LOGIN_PATH)
        except HaivisionError:
            pass  # the session expires on its own; the module's own result matters more
        self.session.cookies.clear()

    # -- requests ------------------------------------------------------------

    def _send(self, method, path, body=None, params=None):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        url = path if path.startswith("https://") else self.base_url + path
        return self.transport.send(method, url, urlsplit(url).path, data=data, headers=headers, params=params)

    def request(self, method, path, body=None, params=None):
        """Send one request under the login; return the platform's envelope (None for an empty DELETE answer)."""
        with self._login_lock:
            if not self.logged_in:
                self.login()
            generation = self._generation
        response = self._send(method, path, body, params)
        if response.status_code == 401 and _is_error_object(_json_object(response)):
            # The session expired mid-run: one new login, then the same request
            # again (a 401 means the platform did not act on it).
            with self._login_lock:
                if generation == self._generation:
                    self.logged_in = False
                    self.login()
            response = self._send(method, path, body, params)
        self._raise_for_error(method, urlsplit(path).path, response)
        return self._decode(method, urlsplit(path).path, response)

    def _decode(self, method, path, response):
        """The platform's success envelope (a JSON object with ``data``); None for an empty DELETE answer.

        The guide's DELETEs answer an empty payload with 200; any other answer
        that is not the envelope came from something else (a proxy's sign-in
        page, an empty 200) and must not be taken for the platform's word.
        """
        if method == "DELETE" and response.status_code == 200 and not response.content:
            return None
        payload = _json_object(response)
        if not isinstance(payload, dict) or "data" not in payload:
            raise ProtocolError(self.product, method, path, response.status_code,
                                _not_hmp(response, payload, "success envelope (an object with data)"))
        return payload

    def _raise_for_error(self, method, path, response):
        if response.status_code < 400:
            return
        payload = _json_object(response)
        # Only the platform's error object is an API error: a proxy's 404 page must not read as
        # "no such resource", nor its 401 as an expired session.
        if not _is_error_object(payload):
            raise ProtocolError(self.product, method, path, response.status_code,
                                _not_hmp(response, payload, "error object (code, name, message)"))
        raise ApiError(self.product, method, path, response.status_code, code=payload.get("code"),
                       message=payload.get("message"), name=payload.get("name"))

    # -- shapes --------------------------------------------------------------

    def get_one(self, path, resource_id=None):
        """One resource; the platform may answer ``data`` as a list (single source GET does)."""
        data = self.request("GET", path)["data"]
        if not isinstance(data, (dict, list)):
            raise ProtocolError(self.product, "GET", path, 200, "data is %s, not a resource" % type(data).__name__)
        if isinstance(data, list):
            if resource_id is not None:
                matches = [item for item in data if isinstance(item, dict) and item.get("id") == resource_id]
                if matches:
                    return matches[0]
            # One item is the answer only if it does not say it is another resource.
            if len(data) == 1 and (resource_id is None or data[0].get("id") in (None, resource_id)):
                return data[0]
            raise ProtocolError(self.product, "GET", path, 200, "expected resource %s, got a list of %d without it"
                                % (resource_id, len(data)))
        return data

    def list_all(self, path, params=None, paged=True, empty=None):
        """Every item of a (paged) collection; 404 NoResults means empty.

        ``empty(error)``: another 404 that an endpoint answers for "none" (the devices API's
        040000 "Device not found"). A page that says ``hasMoreData`` without a ``next`` link
        (the devices API's paging) is followed by its page number.
        """
        query = dict(params or {})
        if paged:
            query.update(page=1, pageSize=PAGE_SIZE)
        items = []
        next_url = path
        seen = set()
        for page in range(1, MAX_PAGES + 1):
            try:
                payload = self.request("GET", next_url, params=query)
            except ApiError as exc:
                if exc.status == 404 and (exc.code == NO_RESULTS or exc.name == "NoResults" or empty and empty(exc)):
                    break
                raise
            data = payload["data"]
            if not isinstance(data, (dict, list)):
                raise ProtocolError(self.product, "GET", urlsplit(next_url).path, 200,
                                    "data is %s, not a collection" % type(data).__name__)
            items.extend(data if isinstance(data, list) else [data])
            paging = payload.get("paging") or {}
            link = paging.get("next")
            if not link and paged and paging.get("hasMoreData") is True and data:
                next_url, query = path, dict(query, page=page + 1)
                continue
            if not link or link in seen or not data:
                break
            seen.add(link)
            if link.startswith("http"):
                # Follow the platform's own link (on our host: never let a
                # response redirect the session cookie elsewhere).
                split = urlsplit(link)
                next_url, query = split.path, dict(parse_qsl(split.query, keep_blank_values=True))
            else:
                next_url, query = path, dict(query, page=page + 1)
        return items


class _Malformed:
    """A body that does not parse as JSON, and why."""

    def __init__(self, error):
        self.error = error


def _json_object(response):
    """The decoded body, or ``_Malformed`` when it is not JSON at all."""
    try:
        return json.loads(response.content.decode("utf-8"))
    except ValueError as exc:  # UnicodeDecodeError is a ValueError too
        return _Malformed(exc)


def _is_error_object(payload):
    return isinstance(payload, dict) and isinstance(payload.get("code"), str) and "message" in payload


def _not_hmp(response, payload, expected):
    """Why an answer is not the platform's, naming what came instead (never the body: it may echo input)."""
    content_type = response.headers.get("Content-Type") or "none"
    received = "an empty body" if not response.content else "%d bytes" % len(response.content)
    if isinstance(payload, _Malformed) and response.content and "json" in content_type.lower():
        return "malformed JSON (%s), Content-Type %s" % (payload.error, content_type)
    return ("not HMP's JSON %s but %s of Content-Type %s; something in front of the platform (a proxy, a sign-in "
            "page) may have answered instead" % (expected, received, content_type))
