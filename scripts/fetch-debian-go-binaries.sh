#!/usr/bin/env bash
# Downloads a few small Debian packages that ship Go programs, for several architectures, and
# unpacks them into .cache/debian-go/<arch>/<package>/ for the differential reader test
# (src/binary/elf/debian-go.test.ts). Idempotent: a second run with everything unpacked returns at once.
#
# It uses a private apt state under the cache (its own sources list, architectures and package
# lists), so it needs no `dpkg --add-architecture`, no root and leaves the host's apt setup alone.
#
# Exit status: 0 ready (prints the cache directory), 3 the Debian mirror is unreachable, other: failure.
# Environment: GOCROSS_DEBIAN_MIRROR (default http://deb.debian.org/debian), GOCROSS_DEBIAN_SUITE (bookworm).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE="$ROOT/.cache/debian-go"
MIRROR=${GOCROSS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=${GOCROSS_DEBIAN_SUITE:-bookworm}
# riscv64 is not an official architecture of bookworm (it is in trixie), so it is not here.
ARCHS=(amd64 arm64 armhf i386 ppc64el s390x mips64el)
# Small packages (1-2 MB each) whose programs Debian builds with its Go toolchain: duf and shfmt
# static, gocryptfs with cgo (dynamic: interpreter, libcrypto, GLIBC version needs).
PKGS=(duf shfmt gocryptfs)
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

log() { printf '[fetch-debian-go] %s\n' "$*" >&2; }

all_done() {
  for arch in "${ARCHS[@]}"; do
    for pkg in "${PKGS[@]}"; do
      [ -f "$CACHE/$arch/$pkg/.done" ] || return 1
    done
  done
}
if all_done; then echo "$CACHE"; exit 0; fi

for tool in apt-get dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || { log "needs $tool (Debian or Ubuntu host)"; exit 2; }
done
[ -r "$KEYRING" ] || { log "needs $KEYRING (apt-get install debian-archive-keyring)"; exit 2; }

APT="$CACHE/apt"
mkdir -p "$APT/lists/partial" "$APT/archives/partial" "$APT/etc/preferences.d"
: > "$APT/status"
archs_csv=$(IFS=,; echo "${ARCHS[*]}")
echo "deb [arch=$archs_csv signed-by=$KEYRING] $MIRROR $SUITE main" > "$APT/sources.list"
{
  echo "Dir::Etc::SourceList \"$APT/sources.list\";"
  echo "Dir::Etc::SourceParts \"$APT/etc/sources.list.d\";"
  echo "Dir::Etc::Preferences \"$APT/etc/preferences\";"
  echo "Dir::Etc::PreferencesParts \"$APT/etc/preferences.d\";"
  echo "Dir::State::Lists \"$APT/lists\";"
  echo "Dir::State::status \"$APT/status\";"
  echo "Dir::Cache \"$APT\";"
  echo "Dir::Cache::archives \"$APT/archives\";"
  echo "Acquire::Languages \"none\";"
  echo "APT::Sandbox::User \"$(id -un)\";"
  echo "APT::Architecture \"${ARCHS[0]}\";"
  printf 'APT::Architectures { '; for a in "${ARCHS[@]}"; do printf '"%s"; ' "$a"; done; echo '};'
} > "$APT/apt.conf"
mkdir -p "$APT/etc/sources.list.d"
export APT_CONFIG="$APT/apt.conf"

if [ -z "$(ls "$APT/lists" 2>/dev/null | grep -v partial || true)" ] || [ -n "${GOCROSS_DEBIAN_REFRESH:-}" ]; then
  log "apt-get update (private lists for ${ARCHS[*]})"
  if ! apt-get update -qq -o Acquire::Retries=2 -o Acquire::http::Timeout=20 >&2; then
    log "cannot reach the Debian mirror $MIRROR"
    exit 3
  fi
fi

for arch in "${ARCHS[@]}"; do
  for pkg in "${PKGS[@]}"; do
    dest="$CACHE/$arch/$pkg"
    [ -f "$dest/.done" ] && continue
    tmp=$(mktemp -d "$CACHE/.dl.XXXXXX")
    log "apt-get download $pkg:$arch"
    if ! (cd "$tmp" && apt-get download -qq "$pkg:$arch" >&2); then
      rm -rf "$tmp"
      log "cannot download $pkg:$arch from $MIRROR"
      exit 3
    fi
    rm -rf "$dest" && mkdir -p "$dest"
    deb=$(ls "$tmp"/*.deb)
    dpkg-deb -x "$deb" "$dest"
    basename "$deb" > "$dest/.deb"
    rm -rf "$tmp"
    touch "$dest/.done"
  done
done
echo "$CACHE"
