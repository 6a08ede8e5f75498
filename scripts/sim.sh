#!/usr/bin/env bash
# Start or stop the bundled simulators in the background: scripts/sim.sh start|stop DIR
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:?start or stop}
dir=${2:-.sim}
case "$action" in
  start)
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "simulators already running (pid $(cat "$dir/pid"))"; exit 0
    fi
    rm -rf "$dir" && mkdir -p "$dir"
    # SIM_ARGS: more options for the simulators, separated by spaces (e.g. "--latency-ms 50").
    read -r -a sim_args <<<"${SIM_ARGS:-}"
    .venv/bin/python -m tests.simulator --state-dir "$dir" "${sim_args[@]}" >"$dir/log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 300); do
      [ -f "$dir/sim.json" ] && break
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || { cat "$dir/log"; exit 1; }
      sleep 0.1
    done
    [ -f "$dir/sim.json" ] || { echo "simulators did not start"; cat "$dir/log"; exit 1; }
    cat "$dir/log"
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      kill "$(cat "$dir/pid")" 2>/dev/null || true
      rm -f "$dir/pid"
    fi
    ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
