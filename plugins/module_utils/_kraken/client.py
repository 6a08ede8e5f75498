# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one Kraken REST API v1.0 client: OAuth 1.0 signing, XML, errors, empty lists."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import quote

from ansible.module_utils.basic import env_fallback, missing_required_lib

from ansible_collections.haivision.media.plugins.module_utils._kraken import xml as kraken_xml
from ansible_collections.haivision.media.plugins.module_utils._common.transport import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, ApiError, ForeignAnswerError, ProtocolError, Transport, check_https, check_timeout,
    run_concurrently, tls_verify)

try:
    import requests
    from requests_oauthlib import OAuth1
    HAS_OAUTH = True
    OAUTH_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported through missing_required_lib
    HAS_OAUTH = False
    OAUTH_IMPORT_ERROR = exc

KRAKEN_CONNECTION_SPEC = dict(
    kraken_url=dict(type="str", required=True, fallback=(env_fallback, ["KRAKEN_URL"])),
    kraken_consumer_key=dict(type="str", required=True, no_log=False, fallback=(env_fallback, ["KRAKEN_CONSUMER_KEY"])),
    kraken_consumer_secret=dict(type="str", required=True, no_log=True, fallback=(env_fallback, ["KRAKEN_CONSUMER_SECRET"])),
    validate_certs=dict(type="bool", default=True),
    ca_path=dict(type="path"),
    timeout=dict(type="int", default=30),
)

# The one declaration of the Kraken's kinds: collection -> the singular of its element and links
# (/apis/kraken/inputs/input-<id>). The kind classes (kinds.py, stream.py, configuration.py), the line-up,
# the views, the export and kraken_info take their kinds from here.
KINDS = {"inputs": "input", "outputs": "output", "transcoders": "transcoder", "streams": "stream",
         "configurations": "configuration"}
# What a line-up (and its export) holds, in the order it plans them: what streams refer to first.
# Saved configurations stay in their own module.
LINEUP_KINDS = ("inputs", "outputs", "transcoders", "streams")

NO_RESULTS = "1001"
# A Kraken answers every signature it does not accept with a bare "Not Authorized": a wrong key or secret,
# or a timestamp too far from the device's clock (each signature carries the time it was made).
NOT_AUTHORIZED_HINT = ("the Kraken did not accept the request's OAuth signature: check kraken_consumer_key and "
                       "kraken_consumer_secret, and that this machine's clock is right")


def check_kraken_libs(module):
    """Fail clearly when a runtime dependency is missing on the managed node."""
    for ok, name, error in ((HAS_REQUESTS, "requests", REQUESTS_IMPORT_ERROR),
                            (HAS_OAUTH, "requests-oauthlib", OAUTH_IMPORT_ERROR),
                            (kraken_xml.HAS_LXML, "lxml", kraken_xml.LXML_IMPORT_ERROR)):
        if not ok:
            module.fail_json(msg=missing_required_lib(name), exception=str(error))


class KrakenClient:
    """Talks to one Kraken portal. Every request is signed; every body is XML."""

    product = "Kraken"

    def __init__(self, url, consumer_key, consumer_secret, validate_certs=True, ca_path=None, timeout=30,
                 retries=4, backoff=0.5):
        self.base_url = check_https(url, "Kraken", "kraken_url")
        session = requests.Session()
        # Two-legged OAuth: consumer key and secret, no token; oauthlib signs
        # query parameters too, so paths may carry them.
        session.auth = OAuth1(consumer_key, client_secret=consumer_secret, signature_method="HMAC-SHA1",
                              signature_type="AUTH_HEADER")
        session.headers["Accept"] = "application/xml"
        self.transport = Transport(session, verify=tls_verify(validate_certs, ca_path), timeout=check_timeout(timeout), retries=retries, backoff=backoff)

    @classmethod
    def from_module(cls, module):
        check_kraken_libs(module)
        params = module.params
        return cls(params["kraken_url"], params["kraken_consumer_key"], params["kraken_consumer_secret"],
                   validate_certs=params["validate_certs"], ca_path=params["ca_path"], timeout=params["timeout"])

    @property
    def stats(self):
        return self.transport.stats

    # A run holds no session to close (every request is signed on its own): the same ``with`` as HMP's client.
    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def request(self, method, path, element=None, params=None):
        """Send one request; return the ``<response>`` root element, or raise ApiError/ProtocolError."""
        return self.exchange(method, path, element, params)[1]

    def exchange(self, method, path, element=None, params=None):
        """Send one request; return (HTTP status, ``<response>`` root) of a success.

        Every answer, success or error, must be the API's own ``<response>``
        document; anything else (a proxy's sign-in page, an empty body) fails
        here, before any caller takes it for an empty list or a done write.
        """
        headers = {}
        data = None
        if element is not None:
            data = kraken_xml.to_bytes(element)
            headers["Content-Type"] = "application/xml"
        response = self.transport.send(method, self.base_url + path, path, data=data, headers=headers, params=params)
        root = self._envelope(method, path, response)
        if response.status_code >= 400:
            error = root.find("error")
            if error is None:
                raise ForeignAnswerError(self.product, method, path, response.status_code,
                                         response.headers.get("Content-Type"), "an error answer without <error>")
            raise ApiError(self.product, method, path, response.status_code,
                           code=(error.findtext("code") or "").strip() or None,
                           message=(error.findtext("message") or "").strip() or None,
                           hint=NOT_AUTHORIZED_HINT if response.status_code == 401 else None)
        return response.status_code, root

    def _envelope(self, method, path, response):
        content_type = response.headers.get("Content-Type")
        if not response.content or not response.content.strip():
            raise ForeignAnswerError(self.product, method, path, response.status_code, content_type, "an empty body")
        try:
            root = kraken_xml.parse(response.content)
        except kraken_xml.UnsafeXmlError as exc:
            raise ProtocolError(self.product, method, path, response.status_code, exc)
        except ValueError:
            raise ForeignAnswerError(self.product, method, path, response.status_code, content_type,
                                     "the body is not XML")
        if kraken_xml.local_name(root.tag) != "response":
            raise ForeignAnswerError(self.product, method, path, response.status_code, content_type,
                                     "a <%s> document, not the API's <response>" % kraken_xml.local_name(root.tag))
        return root

    # -- collections -------------------------------------------------------

    @staticmethod
    def item_path(kind, uuid):
        # "()" stay: a planned path shows "(new)" where the device has not assigned the uuid yet.
        return "/apis/kraken/%s/%s-%s" % (kind, KINDS[kind], quote(uuid, safe="()"))

    def list(self, kind):
        """The collection's minimal entries (see ``collection``)."""
        return [self._with_uuid(kind, entry) for entry in self.collection("/apis/kraken/%s" % kind, kind)]

    def collection(self, path, container_tag):
        """The items of a collection; a 404 with error 1001 means empty (any other 404 is an error).

        A success must carry the collection's element: a ``<response>`` without
        it is not taken for an empty list.
        """
        try:
            root = self.request("GET", path)
        except ApiError as exc:
            if exc.status == 404 and exc.code == NO_RESULTS:
                return []
            raise
        container = root.find(container_tag)
        if container is None:
            raise ProtocolError(self.product, "GET", path, 200, "no <%s> element in the answer" % container_tag)
        items = kraken_xml.element_to_value(container)
        return items if isinstance(items, list) else []

    def _with_uuid(self, kind, entry):
        if isinstance(entry, dict) and not entry.get("uuid"):
            entry["uuid"] = kraken_xml.link_id(entry.get("_links", {}).get("self"), KINDS[kind])
        return entry

    def get(self, kind, uuid):
        root = self.request("GET", self.item_path(kind, uuid))
        element = root.find(KINDS[kind])
        if element is None:
            # Some firmware wraps a single resource in its collection element.
            container = root.find(kind)
            element = container.find(KINDS[kind]) if container is not None else None
        if element is None:
            raise ProtocolError(self.product, "GET", self.item_path(kind, uuid), 200, "no <%s> element" % KINDS[kind])
        return self._with_uuid(kind, kraken_xml.element_to_value(element))

    def get_many(self, jobs):
        """Detail GETs of (kind, uuid) jobs, side by side on the bounded read pool, in the jobs' order."""
        return run_concurrently([lambda kind=kind, uuid=uuid: self.get(kind, uuid) for kind, uuid in jobs])

    def list_many(self, kinds):
        """Several collections, read side by side, in the kinds' order."""
        return run_concurrently([lambda kind=kind: self.list(kind) for kind in kinds])

    def details(self, kinds):
        """``{kind: [detail]}``: each collection listed once (side by side), then every detail side by side."""
        listed = dict(zip(kinds, self.list_many(kinds)))
        jobs = [(kind, entry["uuid"]) for kind in kinds for entry in listed[kind]]
        details = dict((kind, []) for kind in kinds)
        for (kind, dummy), raw in zip(jobs, self.get_many(jobs)):
            details[kind].append(raw)
        return details

    def create(self, kind, fields):
        """POST a new resource from wire-named fields; return its uuid."""
        path = "/apis/kraken/%s" % kind
        status, root = self.exchange("POST", path, kraken_xml.build(KINDS[kind], fields))
        href = root.find("link").get("href") if root.find("link") is not None else None
        if not href:
            raise ProtocolError(self.product, "POST", path, status, "no <link> to the created resource")
        return kraken_xml.link_id(href, KINDS[kind])

    def update(self, kind, uuid, fields):
        self.request("PUT", self.item_path(kind, uuid), kraken_xml.build(KINDS[kind], fields))

    def delete(self, kind, uuid):
        self.request("DELETE", self.item_path(kind, uuid))

    # -- read-only resources -----------------------------------------------

    def system(self):
        path = "/apis/kraken/system"
        element = self.request("GET", path).find("system")
        if element is None:
            raise ProtocolError(self.product, "GET", path, 200, "no <system> element in the answer")
        return kraken_xml.element_to_value(element)

    def servers(self):
        return self.collection("/apis/servers", "servers")

    def nics(self, server_id):
        return self.collection("/apis/servers/server-%s/nics" % quote(server_id, safe=""), "nics")
