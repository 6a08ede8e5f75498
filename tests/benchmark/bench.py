# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection's benchmark: ``make bench`` (``python -m tests.benchmark.bench``) prints Markdown tables.

Not part of the test suite and asserts no timing: it measures, on this machine, against the bundled
simulators started here (one process: the Kraken devices and one HMP), with real ansible-playbook runs,
at each simulated network latency (default 0 ms and 50 ms per request, side by side):

1. requests and TCP connections each resource module uses in a create run and in a converged run (from
   the simulators' request logs, attributed to tasks by the task_timer callback's timestamps), and the
   per-task time of our converged modules beside ``ansible.builtin.ping`` in the same play;
2. converging 10 devices x 20 resources with forks 10: one task per resource (first and converged
   run) beside one ``kraken_lineup`` task per device;
3. one HMP job (a session with 3 sources, 2 metadata entries and 2 shares) with ``hmp_session``
   beside the same job in plain ``ansible.builtin.uri`` tasks (``hmp_session_uri.yml``);

then, once:

4. where a module's start-up goes: ``python -X importtime`` of the kept AnsiballZ payloads of
   converged ``kraken_input``, ``hmp_source`` and ``ansible.builtin.ping`` runs, beside the cost of
   importing ``requests`` alone;
5. the fleet at scale: 100 devices x 50 resources, one ``kraken_lineup`` task per device at 50 ms.

Every size is a knob (see ``--help``; through make: ``make bench BENCH_ARGS="--scale-devices 20"``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import glob
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import yaml
from ansible.release import __version__ as ansible_version

from tests.simulator.control import SimDevice, start_simulators, stop_simulators

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
WRITE_METHODS = ("POST", "PUT", "DELETE", "PATCH")
LOGIN_PATH = "/apis/authentication/login"
CHANNELS = 5  # x (input, transcoder, output, stream) = 20 resources per device
HMP_JOB = {"title": "Bench session", "description": "three cameras", "sources": ["bench-cam-0", "bench-cam-1", "bench-cam-2"],
           "metadata": {"event-code": "BENCH1", "department": "Sales"},
           "shares": [{"name": "viewer", "permission": "WATCH"}, {"name": "Operators", "type": "GROUP", "permission": "EDIT"}]}
BENCH_SOURCES = [{"name": "bench-cam-%d" % i, "type": "UDP", "host": "239.70.0.%d" % i, "port": 4900, "multicast": True}
                 for i in range(3)]
ADMIN_THREADS = 8  # the harness's own admin calls to 100 devices should not dominate a run


class Bench:
    def __init__(self, devices, scale_devices, workdir):
        self.workdir = workdir
        self.devices = devices
        self.process, self.info = start_simulators(workdir, kraken_devices=max(devices, scale_devices))
        self.krakens = [SimDevice(k["url"], self.info["ca_path"]) for k in self.info["kraken"]]
        self.hmp = SimDevice(self.info["hmp"]["url"], self.info["ca_path"])
        self.pool = ThreadPoolExecutor(ADMIN_THREADS)
        self.runs = 0
        self.latency_ms = 0
        self.write_inventory(devices, scale_devices)

    def stop(self):
        self.pool.shutdown()
        stop_simulators(self.process)

    def all_devices(self):
        return self.krakens + [self.hmp]

    def each(self, function, devices=None):
        return list(self.pool.map(function, devices if devices is not None else self.all_devices()))

    def set_latency(self, ms):
        self.each(lambda device: device.set_latency(ms))
        self.latency_ms = ms

    def reset(self):
        self.each(lambda device: device.reset())

    def clear_logs(self):
        self.each(lambda device: device.clear_log())

    def entries(self, devices):
        """Request log entries of these devices, each tagged with its device so connections stay apart."""
        logs = self.each(lambda device: device.requests(), devices)
        return [dict(entry, device=index) for index, log in enumerate(logs) for entry in log]

    def sim_cpu(self):
        """CPU seconds the simulator process has used (it serves every device)."""
        with open("/proc/%d/stat" % self.process.pid) as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / float(os.sysconf("SC_CLK_TCK"))

    def write_inventory(self, devices, scale_devices):
        kraken, hmp = self.info["kraken"][0], self.info["hmp"]
        local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
        hosts = [("kraken-%03d" % i, dict(local, device_url=k["url"])) for i, k in enumerate(self.info["kraken"])]
        inventory = {"all": {
            "vars": {"sim_ca_path": self.info["ca_path"], "kraken_consumer_key": kraken["consumer_key"],
                     "kraken_consumer_secret": kraken["consumer_secret"], "hmp_url": hmp["url"],
                     "hmp_username": hmp["username"], "hmp_password": hmp["password"]},
            "hosts": {"localhost": dict(local, device_url=kraken["url"])},
            "children": {"fleet": {"hosts": dict(hosts[:devices])}, "scale": {"hosts": dict(hosts[:scale_devices])}},
        }}
        with open(os.path.join(self.workdir, "inventory.yml"), "w") as handle:
            yaml.safe_dump(inventory, handle)

    def playbook(self, plays, forks=10, extra_env=None):
        """Run plays (a list, or the path of a playbook); return (wall seconds, task timer events, CPU seconds)."""
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
        env.update(extra_env or {})
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i",
                   os.path.join(self.workdir, "inventory.yml"), path]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.time()
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        wall = time.time() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise RuntimeError("ansible-playbook failed:\n%s" % done.stdout.decode("utf-8", "replace")[-5000:])
        with open(events) as handle:
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            return wall, [json.loads(line) for line in handle if line.strip()], cpu


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


def scale_parts(resources):
    """``resources`` resources of a device as a site would have them: a few transcoder profiles shared by
    channels of input, output and started stream (50 = 5 transcoders + 15 channels)."""
    transcoders = max(1, resources // 10)
    channels = (resources - transcoders) // 3
    extra_inputs = resources - transcoders - 3 * channels
    return {
        "inputs": [{"name": "in%d" % i, "url": "udp://239.80.%d.%d:5000" % (i // 250, i % 250)}
                   for i in range(channels + extra_inputs)],
        "transcoders": [{"name": "tc%d" % i, "video_bitrate": 3000 + i, "gop_size": 60} for i in range(transcoders)],
        "outputs": [{"name": "out%d" % i, "url": "udp://239.81.%d.%d:4900" % (i // 250, i % 250), "ttl": 16}
                    for i in range(channels)],
        "streams": [{"name": "ch%d" % i, "input": "in%d" % i, "transcoder": "tc%d" % (i % transcoders),
                     "outputs": ["out%d" % i], "state": "started"} for i in range(channels)],
    }


# -- measurements ----------------------------------------------------------------------------

def task_windows(events):
    """(task name, start, end) in order; a task ends when the next one starts."""
    starts = [(e["task"], e["time"]) for e in events if e["event"] == "start"]
    end = [e["time"] for e in events if e["event"] == "end"][-1]
    return [(name, start, starts[i + 1][1] if i + 1 < len(starts) else end) for i, (name, start) in enumerate(starts)]


def traffic(entries):
    """(requests, writes, TCP connections, round trips) of request log entries; HMP logins are not writes."""
    writes = sum(1 for e in entries if e["method"] in WRITE_METHODS and e["path"] != LOGIN_PATH)
    return len(entries), writes, len(set((e["device"], e["connection"]) for e in entries)), round_trips(entries)


def round_trips(entries):
    """The sequential round trips of one device's requests under a standing latency, handshakes included.

    Requests that overlap in time form one step. A connection carries one request at a time, so its
    requests within a step went one after another: a step costs its busiest connection's summed
    latency (a request on a new connection is held for its TCP and TLS handshakes too). Without
    that, a pool whose workers start their next request while others are in flight would count as
    one step or several by the timing's jitter. Counted in units of the plain request's latency;
    None at 0 ms.
    """
    held = [e["latency"] for e in entries if e["latency"]]
    if not held:
        return None
    unit = min(held)
    steps, step_end = [], None
    for entry in sorted(entries, key=lambda e: e["time"]):
        end = entry["time"] + entry["latency"]
        if step_end is None or entry["time"] >= step_end:
            steps.append({})
            step_end = end
        else:
            step_end = max(step_end, end)
        busy = steps[-1]
        connection = (entry.get("device"), entry["connection"])
        busy[connection] = busy.get(connection, 0.0) + entry["latency"]
    return int(round(sum(max(busy.values()) for busy in steps) / unit))


def attribute(windows, entries):
    """(requests, writes, connections) per task name, from request log entries' receive times."""
    per_task = dict((name, []) for name, dummy, dummy in windows)
    for entry in entries:
        for name, start, end in windows:
            if start <= entry["time"] < end:
                per_task[name].append(entry)
                break
    return dict((name, traffic(found)) for name, found in per_task.items())


def requests_per_module(bench, repeats):
    """Each module's traffic in a create run, then in a converged run with the per-task times beside ping."""
    devices = [bench.krakens[0], bench.hmp]
    bench.reset()
    bench.clear_logs()
    dummy, created, dummy = bench.playbook(play("localhost", module_tasks()))
    create = attribute(task_windows(created), bench.entries(devices))
    bench.clear_logs()
    pings = [task("ping %d" % i, "ansible.builtin.ping") for i in range(2 * repeats + 4)]
    half = len(pings) // 2
    converged_tasks = (pings[:half] + [dict(t, name="%s #%d" % (t["name"], r)) for r in range(repeats) for t in module_tasks()]
                       + pings[half:])
    dummy, converged, dummy = bench.playbook(play("localhost", converged_tasks))
    windows = task_windows(converged)
    counts = attribute(windows, bench.entries(devices))
    changed = [e["task"] for e in converged if e["event"] == "result" and e["changed"]]
    if changed:
        raise RuntimeError("converged run changed: %s" % changed)
    times = {}
    for name, start, end in windows:
        times.setdefault(name.split(" #")[0] if " #" in name else ("ansible.builtin.ping" if name.startswith("ping") else name),
                         []).append(end - start)
    rows = {}
    for t in module_tasks():
        name = t["name"]
        if name.startswith("hmp_source "):
            continue
        rows[name] = {"create": create[name], "converged": counts[name + " #0"],
                      "best": min(times[name]), "mean": statistics.mean(times[name])}
    ping = times["ansible.builtin.ping"]
    return {"rows": rows, "ping": (min(ping), statistics.mean(ping))}


def fleet(bench):
    """bench.devices devices x 20 resources, forks 10: per-resource tasks, then one line-up task per device."""
    result = {}
    devices = bench.krakens[:bench.devices]
    for label, tasks in (("one task per resource", per_resource_tasks()),
                         ("one kraken_lineup task per device", [task("line-up", "kraken_lineup", **channel_parts())])):
        bench.reset()
        runs = {}
        for run in ("first run", "converged run"):
            bench.clear_logs()
            wall, events, dummy = bench.playbook(play("fleet", tasks))
            changed = sum(1 for e in events if e["event"] == "result" and e["changed"])
            runs[run] = {"wall": wall, "traffic": traffic(bench.entries(devices)), "changed": changed}
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
        runs = {}
        for run in ("first run", "converged run"):
            bench.hmp.clear_log()
            wall, dummy, dummy = bench.playbook(plays)
            runs[run] = {"wall": wall, "traffic": traffic(bench.entries([bench.hmp]))}
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


# What a module's interpreter imports: a group is every top-level name with these prefixes (a package and its
# submodules), counted where it was first imported, and not again inside another of the group's names.
IMPORT_GROUPS = (
    ("ansible.module_utils.basic (ping pays it too)", ("ansible.module_utils.basic",)),
    ("requests (with urllib3, idna, charset_normalizer ...)", ("requests",)),
    ("requests_oauthlib + oauthlib", ("requests_oauthlib", "oauthlib")),
    ("lxml", ("lxml",)),
    ("concurrent.futures", ("concurrent",)),
)
IMPORT_MODULES = ("ansible.builtin.ping", "kraken_input", "hmp_source")
OURS = "ansible_collections."


def parse_importtime(text):
    """[(depth, self us, cumulative us, name, ancestor names)] of ``python -X importtime`` output."""
    rows = []
    for line in text.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append([len(match.group(3)) // 2, int(match.group(1)), int(match.group(2)), match.group(4)])
    # The output is post-order (a module after what it imported): read backwards, parents come first.
    stack = []
    for row in reversed(rows):
        del stack[row[0]:]
        row.append(tuple(stack))
        stack.append(row[3])
    return [tuple(row) for row in rows]


def _matches(name, prefixes):
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def import_figures(rows):
    """Milliseconds: everything imported, each IMPORT_GROUPS entry, our own module_utils."""
    figures = {"all imports": sum(row[2] for row in rows if row[0] == 0) / 1000.0}
    for label, prefixes in IMPORT_GROUPS:
        figures[label] = sum(c for dummy, dummy, c, name, up in rows
                             if _matches(name, prefixes) and not any(_matches(a, prefixes) for a in up)) / 1000.0
    figures["our module_utils, with what they import first"] = sum(
        c for dummy, dummy, c, name, up in rows if name.startswith(OURS) and not any(a.startswith(OURS) for a in up)) / 1000.0
    # The payload is a zip: our module_utils are compiled from source on every run (no .pyc).
    figures["our module_utils, own code only (compiled per run)"] = sum(
        s for dummy, s, dummy, name, dummy in rows if name.startswith(OURS)) / 1000.0
    return figures


def start_up(bench, samples):
    """-X importtime of the kept AnsiballZ payloads of converged runs, best of ``samples`` per figure."""
    bench.reset()
    remote_tmp = os.path.join(bench.workdir, "remote-tmp")
    tasks = [task("ansible.builtin.ping", "ansible.builtin.ping"),
             task("kraken_input", "kraken_input", name="cam", url="udp://239.90.0.1:5000", description="studio")]
    tasks += [task("hmp_source", "hmp_source", **BENCH_SOURCES[0])]
    bench.playbook(play("localhost", tasks))
    shutil.rmtree(remote_tmp, ignore_errors=True)
    bench.playbook(play("localhost", tasks), extra_env={"ANSIBLE_KEEP_REMOTE_FILES": "1", "ANSIBLE_REMOTE_TMP": remote_tmp})
    result = {}
    for module in IMPORT_MODULES:
        payload = glob.glob(os.path.join(remote_tmp, "*", "AnsiballZ_%s.py" % module.rsplit(".", 1)[-1]))[0]
        runs = []
        for dummy in range(samples):
            # Runs the converged module for real (it reads the device and changes nothing).
            done = subprocess.run([sys.executable, "-X", "importtime", payload], cwd=bench.workdir,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
            if done.returncode != 0 or json.loads(done.stdout.decode()).get("changed"):
                raise RuntimeError("%s payload failed or changed: %s" % (module, done.stdout.decode()[-2000:]))
            runs.append(import_figures(parse_importtime(done.stderr.decode())))
        result[module] = dict((key, min(run[key] for run in runs)) for key in runs[0])
    alone = []
    for dummy in range(samples):
        done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import requests"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
        alone.append([row[2] for row in parse_importtime(done.stderr.decode()) if row[3] == "requests"][0] / 1000.0)
    return {"modules": result, "requests alone": min(alone)}


def scale(bench, devices, resources, latency_ms, forks):
    """One kraken_lineup task per device on ``devices`` devices x ``resources``: first and converged run."""
    bench.set_latency(latency_ms)
    bench.reset()
    targets = bench.krakens[:devices]
    tasks = [task("line-up", "kraken_lineup", **scale_parts(resources))]
    runs = {}
    for run in ("first run", "converged run"):
        bench.clear_logs()
        sim_before = bench.sim_cpu()
        wall, events, cpu = bench.playbook(play("scale", tasks), forks=forks)
        sim_cpu = bench.sim_cpu() - sim_before
        entries = bench.entries(targets)
        changed = sum(1 for e in events if e["event"] == "result" and e["changed"])
        # The span of a device's requests: the network part of its module run, start-up excluded.
        times = {}
        for entry in entries:
            times.setdefault(entry["device"], []).append(entry["time"])
        spans = [max(t) - min(t) for t in times.values()] or [0.0]
        runs[run] = {"wall": wall, "traffic": traffic(entries), "changed": changed, "ansible_cpu": cpu,
                     "sim_cpu": sim_cpu, "span": (statistics.median(spans), max(spans))}
    bench.set_latency(0)
    return runs


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


def same(values, form):
    """One figure when every latency measured the same (request counts should), else each in latency order."""
    values = list(values)
    return form % values[0] if all(v == values[0] for v in values) else " / ".join(form % v for v in values)


def traffic_cells(traffics, with_writes=True):
    cells = [same((t[0] for t in traffics), "%d")]
    if with_writes:
        cells.append(same((t[1] for t in traffics), "%d"))
    cells.append(same((t[2] for t in traffics), "%d"))
    return cells


def module_table(latencies, modules):
    heads = ["Converged task at %g ms: best / mean (over ping)" % ms for ms in latencies]
    slow = [ms for ms in latencies if ms > 0]
    if slow:
        heads.insert(0, "Round trips of a converged run at %g ms" % slow[-1])
    lines = ["| Module | Create run: requests (writes) | Converged run: requests (writes) | Connections per converged run | %s |"
             % " | ".join(heads), "|---|---|---|---|" + "---|" * len(heads)]
    first = modules[latencies[0]]
    for name, row in first["rows"].items():
        rows = [modules[ms]["rows"][name] for ms in latencies]
        cells = ["`%s`" % name,
                 "%s (%s)" % (same((r["create"][0] for r in rows), "%d"), same((r["create"][1] for r in rows), "%d")),
                 "%s (%s)" % (same((r["converged"][0] for r in rows), "%d"), same((r["converged"][1] for r in rows), "%d")),
                 same((r["converged"][2] for r in rows), "%d")]
        if slow:
            cells.append("%d" % modules[slow[-1]]["rows"][name]["converged"][3])
        cells += ["%.2f s / %.2f s (+%.2f s)" % (r["best"], r["mean"], r["mean"] - modules[ms]["ping"][1])
                  for ms, r in zip(latencies, rows)]
        lines.append("| %s |" % " | ".join(cells))
    lines.append("| `ansible.builtin.ping` | - | - | - | %s%s |" % ("- | " if slow else "", " | ".join(
        "%.2f s / %.2f s" % modules[ms]["ping"] for ms in latencies)))
    return lines


def report(args, modules, fleet_runs, hmp_runs, imports, scale_runs):
    latencies = args.latencies
    at = " | ".join("Wall time at %g ms" % ms for ms in latencies)
    lines = ["Measured %s on %s." % (time.strftime("%Y-%m-%d"), machine()), ""]
    if modules:
        lines += ["Requests and TCP connections per module run (reads + writes, HMP login and logout included; a converged "
                  "run writes nothing), and the wall time of one converged task (%d runs: best / mean, and the mean over "
                  "`ansible.builtin.ping`'s) beside `ansible.builtin.ping` in the same play, at each simulated latency "
                  "per request:" % args.repeats, ""]
        lines += module_table(latencies, modules)
        if imports:
            lines += ["", "Importing `requests` alone costs %.0f ms in this interpreter (`python -X importtime -c 'import "
                      "requests'`, best of %d): the floor for a module that needs it, beside the converged tasks' cost "
                      "over ping above." % (imports["requests alone"], args.import_samples)]
        lines += ["", "`kraken_lineup` manages 20 resources in one task and `hmp_lineup` 6 (4 sources, 2 sessions); "
                  "`hmp_session` is the job below (3 sources, 2 metadata entries, 2 shares).", ""]
    if fleet_runs:
        lines += ["Converging %d Kraken devices x 20 resources (5 channels of input, transcoder, output and started stream), "
                  "forks 10, wall time of `ansible-playbook`:" % args.devices, "",
                  "| Tasks | Run | Requests | Writes | Connections | Changed results | %s |" % at,
                  "|---|---|---|---|---|---|" + "---|" * len(latencies)]
        for label, runs in fleet_runs[latencies[0]].items():
            for run in runs:
                measured = [fleet_runs[ms][label][run] for ms in latencies]
                cells = [label, run] + traffic_cells([m["traffic"] for m in measured])
                cells += [same((m["changed"] for m in measured), "%d")] + ["%.1f s" % m["wall"] for m in measured]
                lines.append("| %s |" % " | ".join(cells))
        lines.append("")
    if hmp_runs:
        lines += ["One HMP job (a session with 3 existing sources, 2 metadata entries and 2 shares), "
                  "wall time of `ansible-playbook` (HMP login and logout included in the requests):", "",
                  "| Written with | Run | Requests | Writes | Connections | %s |" % at,
                  "|---|---|---|---|---|" + "---|" * len(latencies)]
        for label, runs in hmp_runs[latencies[0]].items():
            for run in runs:
                measured = [hmp_runs[ms][label][run] for ms in latencies]
                cells = [label, run] + traffic_cells([m["traffic"] for m in measured]) + ["%.1f s" % m["wall"] for m in measured]
                lines.append("| %s |" % " | ".join(cells))
        lines.append("")
    if imports:
        labels = list(imports["modules"][IMPORT_MODULES[0]].keys())
        lines += ["Where a converged module's start-up goes: `python -X importtime` of the AnsiballZ payload Ansible ran "
                  "(kept with `ANSIBLE_KEEP_REMOTE_FILES`), in the module's interpreter, best of %d, in ms "
                  "(a library is counted where it was first imported):" % args.import_samples, "",
                  "| Imported | %s |" % " | ".join("`%s`" % m for m in IMPORT_MODULES), "|---|" + "---|" * len(IMPORT_MODULES)]
        for label in labels:
            lines.append("| %s | %s |" % (label, " | ".join("%.1f" % imports["modules"][m][label] for m in IMPORT_MODULES)))
        lines += ["| `requests` imported alone | %.1f | | |" % imports["requests alone"], ""]
    if scale_runs:
        lines += ["The fleet at scale: %d Kraken devices x %d resources (%s), one `kraken_lineup` task per device, "
                  "forks %d, at %g ms per request; CPU seconds of `ansible-playbook` with its forks and modules, and of "
                  "the simulator process serving every device; a device's span is the time from its first to its last "
                  "request:" % (args.scale_devices, args.scale_resources, scale_description(args.scale_resources),
                                args.scale_forks, args.scale_latency), "",
                  "| Run | Wall time | Requests | Writes | Connections | Changed results | CPU: Ansible / simulators "
                  "| Device span: median / max |", "|---|---|---|---|---|---|---|---|"]
        for run, m in scale_runs.items():
            cells = [run, "%.1f s" % m["wall"]] + ["%d" % v for v in m["traffic"][:3]] + [
                "%d" % m["changed"], "%.0f s / %.0f s" % (m["ansible_cpu"], m["sim_cpu"]), "%.2f s / %.2f s" % m["span"]]
            lines.append("| %s |" % " | ".join(cells))
    return "\n".join(lines).rstrip()


def scale_description(resources):
    parts = scale_parts(resources)
    return "%d inputs, %d transcoders, %d outputs, %d started streams" % tuple(
        len(parts[k]) for k in ("inputs", "transcoders", "outputs", "streams"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latencies", type=lambda text: [float(v) for v in text.split(",")], default=[0.0, 50.0],
                        help="simulated latencies per request in ms, comma-separated (default 0,50)")
    parser.add_argument("--devices", type=int, default=10, help="Kraken devices of the 20-resource fleet runs (default 10)")
    parser.add_argument("--repeats", type=int, default=3, help="converged runs of each module per latency (default 3)")
    parser.add_argument("--import-samples", type=int, default=5, help="-X importtime runs per payload (default 5)")
    parser.add_argument("--scale-devices", type=int, default=100, help="devices of the fleet at scale (default 100)")
    parser.add_argument("--scale-resources", type=int, default=50, help="resources per device at scale (default 50)")
    parser.add_argument("--scale-latency", type=float, default=50.0, help="ms per request at scale (default 50)")
    parser.add_argument("--scale-forks", type=int, default=20, help="forks at scale (default 20)")
    parser.add_argument("--only", default="modules,fleet,hmp,imports,scale",
                        help="comma-separated parts to run (default all: modules,fleet,hmp,imports,scale)")
    parser.add_argument("--output", help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    workdir = tempfile.mkdtemp(prefix="hvbench-")
    bench = Bench(args.devices, args.scale_devices if "scale" in only else 0, workdir)
    modules, fleet_runs, hmp_runs, imports, scale_runs = {}, {}, {}, {}, {}
    started = time.time()

    def progress(text):
        print("benchmark [%4.0f s]: %s ..." % (time.time() - started, text), file=sys.stderr)
    failures = []

    def part(label, function, *part_args):
        """Run one part; a failure is reported with the tables of the parts that worked (a full run is long)."""
        progress(label)
        try:
            return function(*part_args)
        except Exception as exc:  # pylint: disable=broad-except
            failures.append("%s: %s" % (label, exc))
            print("benchmark: %s failed: %s" % (label, exc), file=sys.stderr)
            return None
    try:
        for ms in args.latencies:
            bench.set_latency(ms)
            if "modules" in only:
                modules[ms] = part("(%g ms) requests per module and per-task times" % ms, requests_per_module, bench, args.repeats)
            if "fleet" in only:
                fleet_runs[ms] = part("(%g ms) %d devices x 20 resources" % (ms, args.devices), fleet, bench)
            if "hmp" in only:
                hmp_runs[ms] = part("(%g ms) HMP job, hmp_session and uri" % ms, hmp_job, bench)
        bench.set_latency(0)
        if "imports" in only:
            imports = part("start-up imports", start_up, bench, args.import_samples)
        if "scale" in only:
            scale_runs = part("%d devices x %d resources at %g ms" % (args.scale_devices, args.scale_resources, args.scale_latency),
                              scale, bench, args.scale_devices, args.scale_resources, args.scale_latency, args.scale_forks)
    finally:
        bench.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    if failures:
        modules, fleet_runs, hmp_runs = [dict((k, v) for k, v in d.items() if v is not None)
                                         for d in (modules, fleet_runs, hmp_runs)]
        args.latencies = [ms for ms in args.latencies if all(ms in d for d in (modules, fleet_runs, hmp_runs) if d)]
    print("benchmark: done in %.0f s" % (time.time() - started), file=sys.stderr)
    text = report(args, modules, fleet_runs, hmp_runs, imports, scale_runs)
    print(text)
    if args.output:
        with open(args.output, "w") as handle:
            handle.write(text + "\n")
    for failure in failures:
        print("benchmark: FAILED %s" % failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
