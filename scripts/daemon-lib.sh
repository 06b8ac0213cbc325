# Shared by scripts/test-engine.sh and scripts/test-podman.sh: wait for an engine socket to
# answer, and stop a daemon by its pidfile. Source it; it defines functions only.

# wait_answering SOCKET LOG NAME: up to 60 s for `docker version` to answer on SOCKET.
wait_answering() {
  local sock="$1" log="$2" name="$3"
  for _ in $(seq 1 120); do
    DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "$name did not answer within 60 s; its log:" >&2
  tail -n 40 "$log" >&2
  exit 1
}

# stop_pidfile PIDFILE NAME: TERM, up to 30 s, then KILL; only the process the pidfile names.
stop_pidfile() {
  local pidfile="$1" name="$2" pid
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" || true
    echo "$name stopped" >&2
  else
    echo "$name not running" >&2
  fi
}
