# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start the simulated devices: ``python -m tests.simulator --state-dir DIR``.

Once every device listens, writes ``DIR/sim-vars.yml`` (the variables the
README's examples take: URLs, credentials, CA path) and ``DIR/sim.json`` (the
same for every device, for the tests), prints them, and serves until SIGTERM
or SIGINT.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import os
import signal
import sys
import threading

from .common import SimServer, make_tls
from .hmp import HMPDevice
from .kraken import KrakenDevice

KRAKEN_KEY = "demo-kraken-key"
KRAKEN_SECRET = "demo-kraken-secret-0123456789"
HMP_USER = "haiadmin"
HMP_PASSWORD = "hmp-admin-pass"


def vars_file(info):
    """``sim-vars.yml``: the connection variables of the README's examples (and of playbooks/inventory), set to
    the first Kraken and the HMP, with what runs a play on the controller; JSON values are YAML."""
    kraken, hmp = info["kraken"][0], info["hmp"]
    variables = [
        ("ansible_connection", "local"),
        ("ansible_python_interpreter", "{{ ansible_playbook_python }}"),
        ("kraken_url", kraken["url"]), ("kraken_consumer_key", kraken["consumer_key"]),
        ("kraken_consumer_secret", kraken["consumer_secret"]),
        ("hmp_url", hmp["url"]), ("hmp_username", hmp["username"]), ("hmp_password", hmp["password"]),
        ("haivision_ca_path", info["ca_path"]),
    ]
    lines = ["---",
             "# The bundled simulators, for the README's examples: ansible-playbook -i localhost, -e @sim-vars.yml example.yml",
             "# The modules run on the controller, with the Python that runs ansible-playbook. The credentials are the",
             "# simulators' own test values; a real device's secrets belong in an ansible-vault encrypted file."]
    if len(info["kraken"]) > 1:
        lines.append("# kraken_url is the first of %d Kraken simulators (all of them: sim.json)." % len(info["kraken"]))
    lines.extend("%s: %s" % (name, json.dumps(value)) for name, value in variables)
    return "\n".join(lines) + "\n"


def _write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as handle:
        handle.write(text)
    os.replace(tmp, path)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.simulator", description=__doc__)
    parser.add_argument("--state-dir", required=True, help="where sim-vars.yml, sim.json and the CA go")
    parser.add_argument("--kraken-devices", type=int, default=1, help="how many Kraken devices (one port each)")
    parser.add_argument("--kraken-port", type=int, default=0, help="port of the first Kraken device (0: any free)")
    parser.add_argument("--hmp-port", type=int, default=0, help="HMP port (0: any free)")
    parser.add_argument("--latency-ms", type=float, default=0.0,
                        help="round trip added to every API request of every device (a new connection pays 2 more)")
    parser.add_argument("--trim-text", action="store_true",
                        help="every device trims edge whitespace of the names and free text it stores")
    args = parser.parse_args(argv)
    latency = args.latency_ms / 1000.0

    ca_path, context = make_tls(args.state_dir)
    servers = []
    krakens = []
    for index in range(args.kraken_devices):
        port = args.kraken_port + index if args.kraken_port else 0
        server = SimServer(KrakenDevice(KRAKEN_KEY, KRAKEN_SECRET), context, port=port, latency=latency,
                           trim_text=args.trim_text).start()
        servers.append(server)
        krakens.append({"url": server.url, "consumer_key": KRAKEN_KEY, "consumer_secret": KRAKEN_SECRET})
    hmp_server = SimServer(HMPDevice(), context, port=args.hmp_port, latency=latency,
                           trim_text=args.trim_text).start()
    servers.append(hmp_server)
    info = {"pid": os.getpid(), "ca_path": os.path.abspath(ca_path), "kraken": krakens,
            "hmp": {"url": hmp_server.url, "username": HMP_USER, "password": HMP_PASSWORD}}
    vars_path = os.path.abspath(os.path.join(args.state_dir, "sim-vars.yml"))
    _write(vars_path, vars_file(info))
    # sim.json last: its presence tells the launchers that everything is ready.
    _write(os.path.join(args.state_dir, "sim.json"), json.dumps(info, indent=2))
    for kraken in krakens:
        print("Kraken simulator: %s  consumer key %s, consumer secret %s" % (kraken["url"], KRAKEN_KEY, KRAKEN_SECRET))
    print("HMP simulator:    %s  username %s, password %s" % (hmp_server.url, HMP_USER, HMP_PASSWORD))
    print("CA certificate:   %s" % info["ca_path"])
    print("Variables:        %s  (ansible-playbook -i localhost, -e @%s playbook.yml)" % (vars_path, vars_path))
    sys.stdout.flush()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    for server in servers:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
