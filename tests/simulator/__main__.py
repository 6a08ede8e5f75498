# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start the simulated devices: ``python -m tests.simulator --state-dir DIR``.

Writes ``DIR/sim.json`` (URLs, credentials, CA path) once every device
listens, prints the URLs, and serves until SIGTERM or SIGINT.
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


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.simulator", description=__doc__)
    parser.add_argument("--state-dir", required=True, help="where sim.json and the CA go")
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
    tmp = os.path.join(args.state_dir, "sim.json.tmp")
    with open(tmp, "w") as handle:
        json.dump(info, handle, indent=2)
    os.replace(tmp, os.path.join(args.state_dir, "sim.json"))
    for kraken in krakens:
        print("Kraken simulator: %s" % kraken["url"])
    print("HMP simulator:    %s" % hmp_server.url)
    print("CA certificate:   %s" % info["ca_path"])
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
