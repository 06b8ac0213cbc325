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
# A bridge of the engine's own instead of docker0. Another engine on this machine (a system
# Docker, or one killed without stop(), whose containers' network namespaces outlive it and keep
# answering for their addresses) also hands out 172.17.0.x on docker0; two engines giving the same
# address to two registries make them "not answer" at random. The name derives from the engine's
# directory, so the test engine and CI's engine never share one; `br-` keeps it out of Berth's
# LAN addresses (src/main/localRegistry/network.ts).
bridge="br-berth-$(printf %s "$dir" | md5sum | cut -c1-4)"
# shellcheck source=daemon-lib.sh
. "$here/daemon-lib.sh"

alive() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

# Mounts a daemon of this directory left behind when it was killed rather than stopped: its
# containers' network namespaces (their addresses still answer) and its overlay layers. Deepest first.
unmount_stale() {
  awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

# The engine's bridge, with the first 10.213.N.1/24 no interface of this machine already has.
make_bridge() {
  ip link show "$bridge" >/dev/null 2>&1 && ip -4 addr show "$bridge" | grep -q inet && return 0
  ip link show "$bridge" >/dev/null 2>&1 || ip link add "$bridge" type bridge
  local n used
  used="$(ip -4 -o addr show | awk '{ print $4 }')"
  for n in $(seq 1 254); do
    grep -q "^10\.213\.$n\." <<<"$used" && continue
    ip addr add "10.213.$n.1/24" dev "$bridge"
    return 0
  done
  echo "no free 10.213.N.0/24 for the engine's bridge" >&2
  exit 1
}

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
    unmount_stale
    make_bridge
    # The engine's stored networks remember the bridge address of an earlier start, and dockerd
    # puts that one back over the address just chosen: with another engine now holding it, two
    # bridges carried 10.213.1.1 and none of this engine's registries answered. Tests create their
    # own networks each run, so the store is not worth keeping.
    rm -rf "$dir/data/network"
    rm -f "$sock"
    # setsid: the daemon must outlive the shell that started it, and be stopped only by stop().
    setsid dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$dir/exec" \
      --pidfile "$pidfile" --config-file "$dir/daemon.json" --bridge "$bridge" ${BERTH_DOCKERD_ARGS:-} >"$dir/dockerd.log" 2>&1 < /dev/null &
    wait_answering "$sock" "$dir/dockerd.log" "dockerd"
  fi
  DOCKER_HOST="unix://$sock" bash "$here/build-registry-image.sh" >&2
  echo "export DOCKER_HOST=unix://$sock"
}

stop() {
  stop_pidfile "$pidfile" "engine"
  unmount_stale
  ip link del "$bridge" 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) echo "export DOCKER_HOST=unix://$sock" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
