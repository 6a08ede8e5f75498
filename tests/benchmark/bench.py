# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection's benchmark: ``make bench`` (``python -m tests.benchmark.bench``) prints Markdown tables.

Not part of the test suite and asserts no timing: it measures, on this machine, against the bundled
simulators started here (10 Kraken devices and one HMP), with real ansible-playbook runs:

1. requests each resource module sends in a create run and in a converged run (from the simulators'
   request logs, attributed to tasks by the task_timer callback's timestamps);
2. the per-task time of our converged modules beside ``ansible.builtin.ping`` in the same run;
3. converging 10 devices x 20 resources with forks 10: one task per resource (first and converged
   run) beside one ``kraken_lineup`` task per device;
4. one HMP job (a session with 3 sources, 2 metadata entries and 2 shares) with ``hmp_session``
   beside the same job in plain ``ansible.builtin.uri`` tasks (``hmp_session_uri.yml``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

import yaml
from ansible.release import __version__ as ansible_version

from tests.simulator.control import SimDevice, start_simulators, stop_simulators

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
WRITE_METHODS = ("POST", "PUT", "DELETE", "PATCH")
CHANNELS = 5  # x (input, transcoder, output, stream) = 20 resources per device
HMP_JOB = {"title": "Bench session", "description": "three cameras", "sources": ["bench-cam-0", "bench-cam-1", "bench-cam-2"],
           "metadata": {"event-code": "BENCH1", "department": "Sales"},
           "shares": [{"name": "viewer", "permission": "WATCH"}, {"name": "Operators", "type": "GROUP", "permission": "EDIT"}]}
BENCH_SOURCES = [{"name": "bench-cam-%d" % i, "type": "UDP", "host": "239.70.0.%d" % i, "port": 4900, "multicast": True}
                 for i in range(3)]


class Bench:
    def __init__(self, devices, workdir):
        self.workdir = workdir
        self.devices = devices
        self.process, self.info = start_simulators(workdir, kraken_devices=devices)
        self.krakens = [SimDevice(k["url"], self.info["ca_path"]) for k in self.info["kraken"]]
        self.hmp = SimDevice(self.info["hmp"]["url"], self.info["ca_path"])
        self.runs = 0
        self.write_inventory()

    def stop(self):
        stop_simulators(self.process)

    def reset(self):
        for device in self.krakens + [self.hmp]:
            device.reset()

    def clear_logs(self):
        for device in self.krakens + [self.hmp]:
            device.clear_log()

    def write_inventory(self):
        kraken, hmp = self.info["kraken"][0], self.info["hmp"]
        local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
        fleet = dict(("kraken-%02d" % i, dict(local, device_url=k["url"])) for i, k in enumerate(self.info["kraken"]))
        inventory = {"all": {
            "vars": {"sim_ca_path": self.info["ca_path"], "kraken_consumer_key": kraken["consumer_key"],
                     "kraken_consumer_secret": kraken["consumer_secret"], "hmp_url": hmp["url"],
                     "hmp_username": hmp["username"], "hmp_password": hmp["password"]},
            "hosts": {"localhost": dict(local, device_url=kraken["url"])},
            "children": {"fleet": {"hosts": fleet}},
        }}
        with open(os.path.join(self.workdir, "inventory.yml"), "w") as handle:
            yaml.safe_dump(inventory, handle)

    def playbook(self, plays, forks=10):
        """Run plays (a list, or the path of a playbook); return (wall seconds, task timer events)."""
        self.runs += 1
        if isinstance(plays, str):
            path = plays
        else:
            path = os.path.join(self.workdir, "play-%d.yml" % self.runs)
            with open(path, "w") as handle:
                yaml.safe_dump(plays, handle, sort_keys=False)
        events = os.path.join(self.workdir, "events-%d.jsonl" % self.runs)
        env = dict(os.environ)
        env.update({
            "ANSIBLE_COLLECTIONS_PATH": os.path.join(ROOT, ".tmp", "collections"),
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(HERE, "callback_plugins"),
            "ANSIBLE_CALLBACKS_ENABLED": "task_timer",
            "ANSIBLE_FORKS": str(forks),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "TASK_TIMER_FILE": events,
        })
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i",
                   os.path.join(self.workdir, "inventory.yml"), path]
        started = time.time()
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        wall = time.time() - started
        if done.returncode != 0:
            raise RuntimeError("ansible-playbook failed:\n%s" % done.stdout.decode("utf-8", "replace")[-5000:])
        with open(events) as handle:
            return wall, [json.loads(line) for line in handle if line.strip()]


# -- plays ---------------------------------------------------------------------------------

KRAKEN_DEFAULTS = {"kraken_url": "{{ device_url }}", "kraken_consumer_key": "{{ kraken_consumer_key }}",
                   "kraken_consumer_secret": "{{ kraken_consumer_secret }}", "ca_path": "{{ sim_ca_path }}"}
HMP_DEFAULTS = {"hmp_url": "{{ hmp_url }}", "hmp_username": "{{ hmp_username }}", "hmp_password": "{{ hmp_password }}",
                "ca_path": "{{ sim_ca_path }}"}


def play(hosts, tasks):
    return [{"name": "bench", "hosts": hosts, "gather_facts": False, "tasks": tasks,
             "module_defaults": {"group/haivision.media.kraken": KRAKEN_DEFAULTS, "group/haivision.media.hmp": HMP_DEFAULTS}}]


def task(task_name, module, **args):
    return {"name": task_name, module if "." in module else "haivision.media." + module: args}


def channel_parts(prefix=""):
    """The 20 resources of a device: CHANNELS x (input, transcoder, output, started stream)."""
    return {
        "inputs": [{"name": "%sin%d" % (prefix, i), "url": "udp://239.80.0.%d:5000" % i, "description": "camera %d" % i}
                   for i in range(CHANNELS)],
        "transcoders": [{"name": "%stc%d" % (prefix, i), "video_bitrate": 3000 + i, "gop_size": 60} for i in range(CHANNELS)],
        "outputs": [{"name": "%sout%d" % (prefix, i), "url": "udp://239.81.0.%d:4900" % i, "ttl": 16} for i in range(CHANNELS)],
        "streams": [{"name": "%sch%d" % (prefix, i), "input": "%sin%d" % (prefix, i), "transcoder": "%stc%d" % (prefix, i),
                     "outputs": ["%sout%d" % (prefix, i)], "state": "started"} for i in range(CHANNELS)],
    }


def per_resource_tasks(prefix=""):
    parts = channel_parts(prefix)
    modules = (("inputs", "kraken_input"), ("transcoders", "kraken_transcoder"), ("outputs", "kraken_output"),
               ("streams", "kraken_stream"))
    return [task("%s %s" % (module, item["name"]), module, **item) for kind, module in modules for item in parts[kind]]


def module_tasks():
    """One task per module (the name is the module), in an order where references exist before use."""
    tasks = [task("kraken_input", "kraken_input", name="cam", url="udp://239.90.0.1:5000", description="studio"),
             task("kraken_output", "kraken_output", name="out", url="udp://239.91.0.1:4900", ttl=16),
             task("kraken_transcoder", "kraken_transcoder", name="HD", video_bitrate=4000, gop_size=60),
             task("kraken_stream", "kraken_stream", name="ch", input="cam", transcoder="HD", outputs=["out"], state="started"),
             task("kraken_lineup", "kraken_lineup", **channel_parts("lineup-"))]
    tasks += [task("hmp_source" if i == 0 else "hmp_source %d" % i, "hmp_source", **source) for i, source in enumerate(BENCH_SOURCES)]
    tasks += [task("hmp_session", "hmp_session", **HMP_JOB),
              task("hmp_source_share", "hmp_source_share", source="bench-cam-0", shares=HMP_JOB["shares"]),
              task("hmp_lineup", "hmp_lineup",
                   sources=[{"name": "lineup-src%d" % i, "type": "UDP", "host": "239.92.0.%d" % i, "port": 4900, "multicast": True}
                            for i in range(4)],
                   sessions=[{"title": "lineup session %d" % i, "sources": ["lineup-src%d" % (2 * i), "lineup-src%d" % (2 * i + 1)],
                              "metadata": {"code": "L%d" % i}} for i in range(2)])]
    return tasks


# -- measurements ----------------------------------------------------------------------------

def task_windows(events):
    """(task name, start, end) in order; a task ends when the next one starts."""
    starts = [(e["task"], e["time"]) for e in events if e["event"] == "start"]
    end = [e["time"] for e in events if e["event"] == "end"][-1]
    return [(name, start, starts[i + 1][1] if i + 1 < len(starts) else end) for i, (name, start) in enumerate(starts)]


def attribute(windows, entries):
    """Requests (and writes) per task name, from request log entries' receive times."""
    counts = dict((name, [0, 0]) for name, dummy, dummy in windows)
    for entry in entries:
        for name, start, end in windows:
            if start <= entry["time"] < end:
                counts[name][0] += 1
                counts[name][1] += entry["method"] in WRITE_METHODS and entry["path"] != "/apis/authentication/login"
                break
    return counts


def requests_per_module(bench):
    """Each module's requests in a create run, then in a converged run with the per-task times beside ping."""
    bench.reset()
    dummy, created = bench.playbook(play("localhost", module_tasks()))
    entries = bench.krakens[0].requests() + bench.hmp.requests()
    create = attribute(task_windows(created), entries)
    bench.clear_logs()
    pings = [task("ping %d" % i, "ansible.builtin.ping") for i in range(10)]
    repeats = 3
    converged_tasks = pings[:5] + [dict(t, name="%s #%d" % (t["name"], r)) for r in range(repeats) for t in module_tasks()] + pings[5:]
    dummy, converged = bench.playbook(play("localhost", converged_tasks))
    entries = bench.krakens[0].requests() + bench.hmp.requests()
    windows = task_windows(converged)
    counts = attribute(windows, entries)
    changed = [e["task"] for e in converged if e["event"] == "result" and e["changed"]]
    if changed:
        raise RuntimeError("converged run changed: %s" % changed)
    times = {}
    for name, start, end in windows:
        times.setdefault(name.split(" #")[0] if " #" in name else ("ansible.builtin.ping" if name.startswith("ping") else name),
                         []).append(end - start)
    rows = []
    for t in module_tasks():
        name = t["name"]
        if name.startswith("hmp_source "):
            continue
        rows.append((name, create[name], counts[name + " #0"], min(times[name]), sum(times[name]) / len(times[name])))
    ping = times["ansible.builtin.ping"]
    return rows, (min(ping), sum(ping) / len(ping))


def fleet(bench):
    """10 devices x 20 resources, forks 10: per-resource tasks, then one line-up task per device."""
    result = {}
    for label, tasks in (("one task per resource", per_resource_tasks()),
                         ("one kraken_lineup task per device", [task("line-up", "kraken_lineup", **channel_parts())])):
        bench.reset()
        runs = []
        for run in ("first run", "converged run"):
            bench.clear_logs()
            wall, events = bench.playbook(play("fleet", tasks))
            entries = [e for device in bench.krakens for e in device.requests()]
            writes = sum(1 for e in entries if e["method"] in WRITE_METHODS)
            changed = sum(1 for e in events if e["event"] == "result" and e["changed"])
            runs.append((run, wall, len(entries), writes, changed))
        result[label] = runs
    return result


def hmp_job(bench):
    """The same HMP job with hmp_session and with plain uri tasks: first run, converged run."""
    uri_playbook = os.path.join(HERE, "hmp_session_uri.yml")
    result = {}
    for label, plays in (("haivision.media.hmp_session (1 task)", play("localhost", [task("job", "hmp_session", **HMP_JOB)])),
                         ("ansible.builtin.uri (%d tasks)" % uri_task_count(uri_playbook), uri_playbook)):
        bench.reset()
        bench.hmp.admin("POST", "seed", {"sources": BENCH_SOURCES})
        runs = []
        for run in ("first run", "converged run"):
            bench.hmp.clear_log()
            wall, dummy = bench.playbook(plays)
            entries = bench.hmp.requests()
            writes = sum(1 for e in entries if e["method"] in WRITE_METHODS and e["path"] != "/apis/authentication/login")
            runs.append((run, wall, len(entries), writes))
        result[label] = runs
        state = bench.hmp.admin("GET", "state")
        session = [s for s in state["sessions"].values() if s["title"] == HMP_JOB["title"]][0]
        if len(session["sources"]) != 3 or len(session["shares"]) != 2:
            raise RuntimeError("%s did not build the session: %s" % (label, session))
    return result


def uri_task_count(path):
    with open(path) as handle:
        plays = yaml.safe_load(handle)
    tasks = plays[0]["tasks"]
    return sum(len(t["block"]) + len(t.get("always", [])) if "block" in t else 1 for t in tasks)


# -- report --------------------------------------------------------------------------------------

def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    except OSError:
        pass
    return "%d CPUs%s, %s %s, Python %s, ansible-core %s" % (
        os.cpu_count() or 0, " (%s)" % model if model else "", platform.system(), platform.release(),
        platform.python_version(), ansible_version)


def report(devices, modules, ping, fleet_runs, hmp_runs):
    lines = ["Measured %s on %s." % (time.strftime("%Y-%m-%d"), machine()), ""]
    lines += ["Requests per module run (reads + writes, HMP login and logout included; a converged run writes nothing), "
              "and the wall time of one converged task (3 runs: best / mean) beside `ansible.builtin.ping` in the same play:", "",
              "| Module | Create run: requests (writes) | Converged run: requests (writes) | Converged task: best / mean |",
              "|---|---|---|---|"]
    for name, create, converged, best, mean in modules:
        lines.append("| `%s` | %d (%d) | %d (%d) | %.2f s / %.2f s |" % (name, create[0], create[1], converged[0], converged[1], best, mean))
    lines.append("| `ansible.builtin.ping` | - | - | %.2f s / %.2f s |" % ping)
    lines += ["", "`kraken_lineup` manages 20 resources in one task and `hmp_lineup` 6 (4 sources, 2 sessions); "
              "`hmp_session` is the job below (3 sources, 2 metadata entries, 2 shares).", ""]
    lines += ["Converging %d Kraken devices x 20 resources (5 channels of input, transcoder, output and started stream), "
              "forks 10, wall time of `ansible-playbook`:" % devices, "",
              "| Tasks | Run | Wall time | Requests | Writes | Changed results |", "|---|---|---|---|---|---|"]
    for label, runs in fleet_runs.items():
        for run, wall, count, writes, changed in runs:
            lines.append("| %s | %s | %.1f s | %d | %d | %d |" % (label, run, wall, count, writes, changed))
    lines += ["", "One HMP job (a session with 3 existing sources, 2 metadata entries and 2 shares), "
              "wall time of `ansible-playbook` (HMP login and logout included in the requests):", "",
              "| Written with | Run | Wall time | Requests | Writes |", "|---|---|---|---|---|"]
    for label, runs in hmp_runs.items():
        for run, wall, count, writes in runs:
            lines.append("| %s | %s | %.1f s | %d | %d |" % (label, run, wall, count, writes))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=10, help="simulated Kraken devices for the fleet runs (default 10)")
    parser.add_argument("--output", help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="hvbench-")
    bench = Bench(args.devices, workdir)
    try:
        print("benchmark: requests per module and per-task times ...", file=sys.stderr)
        modules, ping = requests_per_module(bench)
        print("benchmark: %d devices x 20 resources ..." % args.devices, file=sys.stderr)
        fleet_runs = fleet(bench)
        print("benchmark: HMP job, hmp_session and uri ...", file=sys.stderr)
        hmp_runs = hmp_job(bench)
    finally:
        bench.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    text = report(args.devices, modules, ping, fleet_runs, hmp_runs)
    print(text)
    if args.output:
        with open(args.output, "w") as handle:
            handle.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
