#!/usr/bin/env bash
# Builds `registry:2` FROM scratch out of Debian's docker-registry binary when the engine lacks it
# (or holds one an older recipe of this script built).
# Tests and CI cannot reach Docker Hub; the product itself still pulls the real registry:2.
#
# The official image is Alpine-based: it has /bin/sh and busybox's tools, and Berth relies on
# that ("Remove empty repositories" runs a shell in a helper container on the registry's own
# image over its volume). So this stand-in mirrors it: Debian's static busybox (busybox-static)
# as /bin/busybox, with /bin/sh and the applets Berth's scripts call linked to it.
set -euo pipefail
image="${1:-registry:2}"
# This script's images carry berth.test-registry=<recipe>; bump it when the recipe changes, and
# an image an older recipe built is built again. Any other image under that name (the real
# registry:2, someone's own) is left alone.
recipe=2
if shape="$(docker image inspect -f '{{json .Config.Labels}}|{{json .Config.Entrypoint}}|{{json .Config.Cmd}}|{{len .RootFS.Layers}}' "$image" 2>/dev/null)"; then
  case "$shape" in
    *'"berth.test-registry":"'"$recipe"'"'*) exit 0 ;;
    *'"berth.test-registry":'*) ;;
    # The first recipe put no label of ours: FROM scratch, 4 COPY layers, no shell. Recognised by its
    # shape, whatever labels the builder added (Podman's buildah adds io.buildah.version).
    *'|["/bin/registry"]|["serve","/etc/docker/registry/config.yml"]|4') ;;
    *) exit 0 ;;
  esac
  echo "$image was built by an older recipe of this script: building it again" >&2
fi
bin=/usr/bin/docker-registry
[ -x "$bin" ] || { echo "$bin not found: apt-get install docker-registry" >&2; exit 1; }
busybox=/bin/busybox
[ -x "$busybox" ] || { echo "$busybox not found: apt-get install busybox-static" >&2; exit 1; }
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
mkdir -p "$ctx/lib/x86_64-linux-gnu" "$ctx/lib64" "$ctx/bin"
cp "$bin" "$ctx/bin/registry"
cp "$busybox" "$ctx/bin/busybox"
# Symbolic links, as Alpine has them: busybox picks the applet by the name it was called by.
for applet in sh find sed sort head ls cat rm rmdir dirname; do ln -s busybox "$ctx/bin/$applet"; done
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
cat > "$ctx/Dockerfile" <<DF
FROM scratch
COPY lib /lib
COPY lib64 /lib64
COPY bin /bin
COPY config.yml /etc/docker/registry/config.yml
ENV PATH=/bin
LABEL berth.test-registry=$recipe
VOLUME ["/var/lib/registry"]
EXPOSE 5000
ENTRYPOINT ["/bin/registry"]
CMD ["serve", "/etc/docker/registry/config.yml"]
DF
docker build -q -t "$image" "$ctx" >/dev/null
echo "built $image from $bin, with $busybox as /bin/sh"
