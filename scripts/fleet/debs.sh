# shellcheck shell=bash
# Debian packages for the dropbear devices and QEMU 10, fetched with a PRIVATE apt configuration
# (own sources, lists, cache and an empty dpkg status): the host's apt sources, its package lists
# and its dpkg architectures are never touched. Cached under $FLEET_CACHE/fleet-debs/<set>/, so a
# second `up` needs no network.

# fetch_debs SET "SOURCES LINE" ARCH PKG... — PKG may carry :arch or /suite. Prints the set's dir.
fetch_debs() {
  local set=$1 source=$2 arch=$3; shift 3
  local dir="$FLEET_CACHE/fleet-debs/$set" want
  want=$(printf '%s\n' "$@")
  mkdir -p "$dir"
  (
    flock 9   # two fleets (tests and fleet.sh) may fill the same cache at once
    if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$want" ]; then exit 0; fi
    log "downloading $set packages: $*"
    local apt="$dir/.apt"
    rm -rf "$apt" "$dir"/*.deb
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
    printf '%s\n' "$source" >"$apt/sources.list"
    : >"$apt/status"
    local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$apt/lists" -o "Dir::State::status=$apt/status" -o "Dir::Cache=$apt/cache"
      -o APT::Architectures::=amd64 -o "APT::Architectures::=$arch" -o APT::Sandbox::User=root -qq)
    apt-get "${opts[@]}" update >"$apt/update.log" 2>&1 \
      || die "Cannot download $set packages: apt-get update failed (network?): $(tail -3 "$apt/update.log")"
    (cd "$dir" && apt-get "${opts[@]}" download "$@" >"$apt/download.log" 2>&1) \
      || die "Cannot download $set packages: $(tail -3 "$apt/download.log")"
    rm -rf "$apt"
    printf '%s\n' "$want" >"$dir/.complete"
  ) 9>"$dir.lock" || exit 1
  printf '%s\n' "$dir"
}

# extract_debs DIR ROOT: every .deb of DIR unpacked into ROOT (no maintainer scripts run).
extract_debs() {
  local deb
  for deb in "$1"/*.deb; do dpkg-deb -x "$deb" "$2"; done
}

BOOKWORM_SOURCES='deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-backports main'
BULLSEYE_SOURCES='deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bullseye main'
DROPBEAR_PKGS=(busybox-static dropbear-bin libc6 libcrypt1 zlib1g libtomcrypt1 libtommath1 libgmp10)

# qemu10_aarch64: path of QEMU 10's static qemu-aarch64 (from bookworm-backports' qemu-user),
# extracted into $FLEET_CACHE/qemu10/ — the host's qemu-user-static (7.2) stays as it is.
qemu10_aarch64() {
  local out="$FLEET_CACHE/qemu10/qemu-aarch64" dir
  if [ ! -x "$out" ]; then
    dir=$(fetch_debs qemu10 "$BOOKWORM_SOURCES" amd64 qemu-user/bookworm-backports)
    mkdir -p "$FLEET_CACHE"
    (
      flock 9
      [ -x "$out" ] && exit 0
      local tmp="$FLEET_CACHE/qemu10.tmp.$$"
      rm -rf "$tmp"; mkdir -p "$tmp"
      dpkg-deb --fsys-tarfile "$dir"/qemu-user_*.deb \
        | tar -x -C "$tmp" --strip-components=3 ./usr/bin/qemu-aarch64 ./usr/share/qemu/binfmt.d/qemu-aarch64.conf
      [ -x "$tmp/qemu-aarch64" ] || die "Cannot extract qemu-aarch64 from $dir/qemu-user_*.deb"
      rm -rf "$FLEET_CACHE/qemu10"
      mv "$tmp" "$FLEET_CACHE/qemu10"   # whole, or not at all: another fleet may be about to run it
    ) 9>"$FLEET_CACHE/qemu10.lock" || exit 1
  fi
  printf '%s\n' "$out"
}
