#!/usr/bin/env bash
# Run a command with its output in a log file, shown only if it fails (its last 200 lines, and
# where the whole log is). VERBOSE=1 shows the output as it comes instead.
#   scripts/quiet.sh LOG COMMAND [ARG...]
set -uo pipefail
log=$1
shift
mkdir -p "$(dirname "$log")"
if [ -n "${VERBOSE:-}" ]; then
  "$@" 2>&1 | tee "$log"
  exit "${PIPESTATUS[0]}"
fi
"$@" >"$log" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
  tail -n 200 "$log" >&2
  echo "FAILED (exit $rc): $* -- the whole output is in $log" >&2
fi
exit "$rc"
