#!/usr/bin/env bash
# Builds `registry:2` FROM scratch out of Debian's docker-registry binary when the engine lacks it.
# Tests and CI cannot reach Docker Hub; the product itself still pulls the real registry:2.
set -euo pipefail
image="${1:-registry:2}"
if docker image inspect "$image" >/dev/null 2>&1; then exit 0; fi
bin=/usr/bin/docker-registry
[ -x "$bin" ] || { echo "$bin not found: apt-get install docker-registry" >&2; exit 1; }
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
mkdir -p "$ctx/lib/x86_64-linux-gnu" "$ctx/lib64"
cp "$bin" "$ctx/registry"
cp /lib/x86_64-linux-gnu/libc.so.6 "$ctx/lib/x86_64-linux-gnu/"
cp /lib64/ld-linux-x86-64.so.2 "$ctx/lib64/"
cat > "$ctx/config.yml" <<'YML'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
YML
cat > "$ctx/Dockerfile" <<'DF'
FROM scratch
COPY lib /lib
COPY lib64 /lib64
COPY registry /bin/registry
COPY config.yml /etc/docker/registry/config.yml
VOLUME ["/var/lib/registry"]
EXPOSE 5000
ENTRYPOINT ["/bin/registry"]
CMD ["serve", "/etc/docker/registry/config.yml"]
DF
docker build -q -t "$image" "$ctx" >/dev/null
echo "built $image from $bin"
