#!/usr/bin/env bash
# Test support: make sure a Docker engine runs and a base image exists.
# On a user's machine the base image is pulled as usual; here no registry is reachable,
# so a Debian rootfs is made with debootstrap and imported under the same tag.
set -euo pipefail

BASE_IMAGE="${SESSIONLAB_BASE_IMAGE:-debian:bookworm-slim}"
MIRROR="${SESSIONLAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

log() { printf '[ensure-docker] %s\n' "$*" >&2; }

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  nohup /usr/sbin/dockerd >/tmp/sessionlab-dockerd.log 2>&1 &
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not start; see /tmp/sessionlab-dockerd.log"; tail -20 /tmp/sessionlab-dockerd.log >&2; exit 1; }
fi
log "docker engine $(docker version --format '{{.Server.Version}}') is up"

if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  log "base image $BASE_IMAGE present"
  exit 0
fi
if timeout 60 docker pull "$BASE_IMAGE" >/dev/null 2>&1; then
  log "pulled $BASE_IMAGE"
  exit 0
fi

log "no registry: building $BASE_IMAGE with debootstrap"
if ! command -v debootstrap >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
rootfs=$(mktemp -d /tmp/sessionlab-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >/tmp/sessionlab-debootstrap.log 2>&1 \
  || { tail -20 /tmp/sessionlab-debootstrap.log >&2; exit 1; }
# Match the slim image: no apt caches, no docs.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | docker import --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
log "imported $BASE_IMAGE"
