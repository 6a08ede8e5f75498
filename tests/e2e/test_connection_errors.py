# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A connection that cannot work says what is wrong and what to do: a host name that does not resolve,
credentials the Kraken refuses, a certificate that is not trusted, a ca_path that is not there. Real
ansible-playbook runs against the simulators (and against a name that never resolves)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

SET_CA_PATH = "set ca_path to the CA certificate (PEM) that signed the device's certificate"


def kraken_task(task_name, **connection):
    args = {"kraken_url": "{{ kraken_url }}", "kraken_consumer_key": "{{ kraken_consumer_key }}",
            "kraken_consumer_secret": "{{ kraken_consumer_secret }}", "gather": ["system"]}
    args.update(connection)
    return {"name": task_name, "haivision.media.kraken_info": args, "ignore_errors": True}


def hmp_task(task_name, **connection):
    args = {"hmp_url": "{{ hmp_url }}", "hmp_username": "{{ hmp_username }}", "hmp_password": "{{ hmp_password }}",
            "gather": ["version"]}
    args.update(connection)
    return {"name": task_name, "haivision.media.hmp_info": args, "ignore_errors": True}


def play(*tasks):
    # No module_defaults: a task without ca_path has none.
    return [{"name": "connection errors", "hosts": "localhost", "gather_facts": False, "tasks": list(tasks)}]


def failure(run, task_name):
    result = run.task(task_name)
    assert result["status"] == "ignored", "%s: %s\n%s" % (task_name, result, run.output[-3000:])
    return result["result"]["msg"]


def test_an_unresolvable_host_says_the_name_does_not_resolve_not_connection_refused(clean, ansible):
    run = ansible(play(kraken_task("kraken", kraken_url="https://kraken.invalid", ca_path="{{ sim_ca_path }}"),
                       hmp_task("hmp", hmp_url="https://hmp.invalid:8443", ca_path="{{ sim_ca_path }}")))
    for task_name, request in (("kraken", "GET /apis/kraken/system"), ("hmp", "POST /apis/authentication/login")):
        message = failure(run, task_name)
        host = task_name + ".invalid"
        assert message.startswith("%s failed: the host name %s does not resolve (" % (request, host)), message
        assert message.endswith("): check the host in the device's URL, and this machine's DNS"), message
        assert "refused" not in message


def test_a_refused_signature_keeps_the_krakens_words_and_says_to_check_key_secret_and_clock(clean, ansible):
    run = ansible(play(kraken_task("wrong secret", kraken_consumer_secret="not-the-consumer-secret",
                                   ca_path="{{ sim_ca_path }}")))
    assert failure(run, "wrong secret") == (
        "Kraken API error 1014 (HTTP 401) on GET /apis/kraken/system: Not Authorized; the Kraken did not accept the "
        "request's OAuth signature: check kraken_consumer_key and kraken_consumer_secret, and that this machine's clock "
        "is right")
    assert [(r["method"], r["path"], r["status"]) for r in clean.kraken.requests()] == [("GET", "/apis/kraken/system", 401)]
    assert "not-the-consumer-secret" not in run.output


def test_the_simulators_certificate_without_ca_path_says_to_set_ca_path(clean, ansible):
    run = ansible(play(kraken_task("kraken"), hmp_task("hmp")),
                  env={"REQUESTS_CA_BUNDLE": "", "CURL_CA_BUNDLE": ""})
    for task_name, request in (("kraken", "GET /apis/kraken/system"), ("hmp", "POST /apis/authentication/login")):
        assert failure(run, task_name) == (
            "%s failed: TLS verification failed: the device's certificate is not signed by a CA this machine trusts "
            "(unable to get local issuer certificate): %s" % (request, SET_CA_PATH))
    # The handshake failed: no request reached either device.
    assert clean.kraken.requests() == [] and clean.hmp.requests() == []


def test_a_ca_path_that_is_not_there_fails_before_any_request(clean, ansible, tmp_path):
    missing = str(tmp_path / "no-such-ca.pem")
    run = ansible(play(kraken_task("kraken", ca_path=missing), hmp_task("hmp", ca_path=missing)))
    for task_name in ("kraken", "hmp"):
        assert failure(run, task_name) == (
            "ca_path %s does not exist; give the CA certificate file (PEM) that signed the device's certificate" % missing)
    assert clean.kraken.requests() == [] and clean.hmp.requests() == []
