#!/usr/bin/env bash
# Starts (or stops) a rootful Podman API service of Berth's own, on its own socket, storage and
# pidfile, so the suites can run against Podman's Docker-compatible API. Mirrors test-engine.sh.
#   scripts/test-podman.sh start   -> prints `export DOCKER_HOST=unix://…` on its last line
#   scripts/test-podman.sh stop    -> stops the service by its PID
#   scripts/test-podman.sh env     -> prints the export line only
# The config files it writes live in its own directory and reach Podman only through
# CONTAINERS_CONF / CONTAINERS_REGISTRIES_CONF: nothing under /etc or ~ is touched, so running
# it on a developer's machine leaves their Podman as it was.
set -euo pipefail

dir="${BERTH_PODMAN_DIR:-/tmp/berth-podman}"
sock="$dir/podman.sock"
pidfile="$dir/podman.pid"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=daemon-lib.sh
. "$here/daemon-lib.sh"

alive() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }


write_config() {
  # These machines refuse raising RLIMIT_NOFILE, and crun refuses their hybrid cgroup setup.
  cat >"$dir/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=16384:16384", "nproc=16384:16384"]

[engine]
runtime = "runc"
CONF
  # Test registries listen on random 127.0.0.1 ports: Podman refuses plain HTTP to them unless
  # the location is marked insecure (a location without a port covers every port).
  cat >"$dir/registries.conf" <<'CONF'
unqualified-search-registries = ["docker.io"]

[[registry]]
location = "127.0.0.1"
insecure = true

[[registry]]
location = "localhost"
insecure = true

# Podman has no CIDRs: the one test-only address in scripts/test-engine.sh's insecure subnet that
# registry-insecure-subnet.test.ts runs its registry at.
[[registry]]
location = "172.31.213.10"
insecure = true
CONF
}

start() {
  mkdir -p "$dir/storage" "$dir/run" "$dir/networks" "$dir/tmp"
  if alive; then
    echo "podman service already running (pid $(cat "$pidfile"))" >&2
  else
    command -v podman >/dev/null || { echo "podman not found: apt-get install podman" >&2; exit 1; }
    write_config
    rm -f "$sock"
    # setsid: the service must outlive the shell that started it, and be stopped only by stop().
    setsid env CONTAINERS_CONF="$dir/containers.conf" CONTAINERS_REGISTRIES_CONF="$dir/registries.conf" \
      podman --root "$dir/storage" --runroot "$dir/run" --network-config-dir "$dir/networks" --tmpdir "$dir/tmp" \
      system service --time=0 "unix://$sock" >"$dir/podman.log" 2>&1 < /dev/null &
    echo $! >"$pidfile"
    wait_answering "$sock" "$dir/podman.log" "podman"
  fi
  DOCKER_HOST="unix://$sock" bash "$here/build-registry-image.sh" >&2
  echo "export DOCKER_HOST=unix://$sock"
}

stop() {
  stop_pidfile "$pidfile" "podman service"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) echo "export DOCKER_HOST=unix://$sock" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
