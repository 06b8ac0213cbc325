#!/usr/bin/env bash
# Starts (or stops) a Docker engine of Berth's own, on its own socket, data-root and pidfile,
# so tests never touch the user's engine. Developers and CI use the same script.
#   scripts/test-engine.sh start   -> prints `export DOCKER_HOST=unix://…` on its last line
#   scripts/test-engine.sh stop    -> stops the daemon by its PID
#   scripts/test-engine.sh env     -> prints the export line only
set -euo pipefail

dir="${BERTH_ENGINE_DIR:-/tmp/berth-engine}"
sock="$dir/docker.sock"
pidfile="$dir/dockerd.pid"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# A subnet only tests create networks in: the engine treats registries there as insecure, so a
# push over plain HTTP to a registry at a non-loopback address can succeed (registry-lan test).
test_subnet="172.31.213.0/24"
# shellcheck source=daemon-lib.sh
. "$here/daemon-lib.sh"

alive() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

start() {
  mkdir -p "$dir/data" "$dir/exec"
  if alive; then
    echo "engine already running (pid $(cat "$pidfile"))" >&2
  else
    command -v dockerd >/dev/null || { echo "dockerd not found: apt-get install docker.io" >&2; exit 1; }
    # A daemon.json that is missing or still empty gets the test subnet; one edited by hand is kept.
    if [ ! -f "$dir/daemon.json" ] || [ "$(tr -d ' \n\t' < "$dir/daemon.json")" = "{}" ]; then
      printf '{\n  "insecure-registries": ["%s"]\n}\n' "$test_subnet" > "$dir/daemon.json"
    fi
    rm -f "$sock"
    # setsid: the daemon must outlive the shell that started it, and be stopped only by stop().
    setsid dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$dir/exec" \
      --pidfile "$pidfile" --config-file "$dir/daemon.json" ${BERTH_DOCKERD_ARGS:-} >"$dir/dockerd.log" 2>&1 < /dev/null &
    wait_answering "$sock" "$dir/dockerd.log" "dockerd"
  fi
  DOCKER_HOST="unix://$sock" bash "$here/build-registry-image.sh" >&2
  echo "export DOCKER_HOST=unix://$sock"
}

stop() {
  stop_pidfile "$pidfile" "engine"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) echo "export DOCKER_HOST=unix://$sock" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
