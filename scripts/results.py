# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The closing lines of `make test` and `.ci/run`: what each stage counted, then the totals.

Each stage leaves its counts in the results directory: pytest a JUnit XML file (--junitxml), sanity and
lint a JSON file ``{"passed": N, "failed": N, "skipped": N}``. ``--stage NAME --junit DIR`` writes
such a file from the JUnit files of ansible-test (one per sanity test) and prints the stage's summary
line, with the reason of each skip. ``--versions`` prints the ansible-core and Python of the
interpreter that runs this script.
"""

import argparse
import glob
import json
import os
import sys
from xml.etree import ElementTree


def counts(path):
    """(passed, failed, skipped) of one stage's file."""
    if path.endswith(".json"):
        with open(path) as handle:
            data = json.load(handle)
        return data["passed"], data["failed"], data["skipped"]
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = failed = skipped = 0
    for suite in suites:
        total += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return total - failed - skipped, failed, skipped


def stage_summary(name, junit_dir, directory):
    """Sum the JUnit files of one stage into ``directory/name.json``; its summary line, and whether it passed."""
    passed, failed, skipped = [], [], []
    for path in sorted(glob.glob(os.path.join(junit_dir, "*.xml"))):
        for case in ElementTree.parse(path).getroot().iter("testcase"):
            test = case.get("name")
            if case.find("failure") is not None or case.find("error") is not None:
                failed.append(test)
            elif case.find("skipped") is not None:
                skip = case.find("skipped")
                skipped.append("%s: %s" % (test, skip.get("message") or (skip.text or "").strip()))
            else:
                passed.append(test)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name + ".json"), "w") as handle:
        json.dump({"passed": len(passed), "failed": len(failed), "skipped": len(skipped)}, handle)
    line = "%s: %d tests passed, %d failed, %d skipped" % (name, len(passed), len(failed), len(skipped))
    if failed:
        line += " (failed: %s)" % ", ".join(failed)
    if skipped:
        line += " (skipped: %s)" % "; ".join(skipped)
    return line, bool(passed) and not failed


def stage_counts(name, passed, failed, skipped):
    """'units 228 passed', with the failed and skipped where there are any."""
    others = ["%d %s" % (n, what) for n, what in ((failed, "failed"), (skipped, "skipped")) if n]
    return "%s %d passed%s" % (name, passed, " (%s)" % ", ".join(others) if others else "")


def versions():
    try:
        from ansible.release import __version__ as core
    except ImportError:
        core = "not installed"
    return "ansible-core %s on Python %s (%s)" % (core, sys.version.split()[0], sys.executable)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", action="store_true")
    parser.add_argument("--title", default="total")
    parser.add_argument("--seconds", type=int)
    parser.add_argument("--stage")
    parser.add_argument("--junit")
    parser.add_argument("directory", nargs="?")
    args = parser.parse_args()
    if args.versions:
        print(versions())
        return 0
    if args.stage:
        line, ok = stage_summary(args.stage, args.junit, args.directory)
        print(line)
        return 0 if ok else 1
    stages = []
    # In the order the stages ran.
    paths = [os.path.join(args.directory, name) for name in os.listdir(args.directory) if name.endswith((".json", ".xml"))]
    for path in sorted(paths, key=os.path.getmtime):
        stages.append((os.path.splitext(os.path.basename(path))[0], counts(path)))
    if not stages:
        print("%s: no stage left its counts in %s" % (args.title, args.directory))
        return 1
    passed, failed, skipped = (sum(c[i] for dummy, c in stages) for i in range(3))
    took = " in %dm%02ds" % divmod(args.seconds, 60) if args.seconds is not None else ""
    print("%s%s: %s" % (args.title, took, ", ".join(stage_counts(name, *c) for name, c in stages)))
    # The plain closing line: the totals alone.
    print("%s: %d passed, %d failed, %d skipped" % (args.title.split()[-1], passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
