#!/usr/bin/env bash
# A local fleet of real devices for `gocross deploy`, each in its own network namespace, reachable
# from this host (the controller) over a veth pair on a private subnet:
#   dev1..devN  systemd-nspawn -b of the host's / (real systemd as PID 1, openssh-server, own host key)
#   arm64       arm64 BusyBox + dropbear userland under QEMU 10 user mode (no systemd, no SFTP), port 2222
#   legacy      x86_64 BusyBox + dropbear with Debian bullseye's glibc 2.31 (no systemd, no SFTP)
#
# Usage: scripts/fleet.sh up [--devices N] [--no-arm64] [--no-legacy] [--id ID] [--subnet 10.X] [--state DIR]
#        scripts/fleet.sh status|down [--state DIR]
#        scripts/fleet.sh cut|restore NAME [--state DIR]      (host-side veth down / up)
# Environment: FLEET_DEVICES FLEET_ARM64=0|1 FLEET_LEGACY=0|1 FLEET_ID FLEET_SUBNET FLEET_STATE
#              FLEET_CACHE (downloaded .debs, QEMU 10; default .cache) FLEET_BOOT_TIMEOUT (s, default 90)
# Needs root and: systemd-container openssh-server openssh-client dropbear-bin (scripts/setup.sh).
# After `up`, $FLEET_STATE/inventory.yaml is a `deploy.hosts` list and known_hosts holds every key.
set -euo pipefail
FLEET_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/fleet" && pwd)
# shellcheck source=fleet/lib.sh
. "$FLEET_DIR/lib.sh"
# shellcheck source=fleet/debs.sh
. "$FLEET_DIR/debs.sh"
# shellcheck source=fleet/systemd-device.sh
. "$FLEET_DIR/systemd-device.sh"
# shellcheck source=fleet/dropbear-device.sh
. "$FLEET_DIR/dropbear-device.sh"
# shellcheck source=fleet/inventory.sh
. "$FLEET_DIR/inventory.sh"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}" >&2; exit 2; }

cmd=${1:-}; [ -n "$cmd" ] || usage; shift
target=''
FLEET_DEVICES=${FLEET_DEVICES:-5}; FLEET_ARM64=${FLEET_ARM64:-1}; FLEET_LEGACY=${FLEET_LEGACY:-1}
[ -n "${FLEET_ID:-}" ] && FLEET_ID_SET=1
[ -n "${FLEET_SUBNET:-}" ] && FLEET_SUBNET_SET=1
while [ $# -gt 0 ]; do
  case "$1" in
    --devices) FLEET_DEVICES=${2:?--devices needs a number}; shift ;;
    --no-arm64) FLEET_ARM64=0 ;;
    --no-legacy) FLEET_LEGACY=0 ;;
    --arm64) FLEET_ARM64=1 ;;
    --legacy) FLEET_LEGACY=1 ;;
    --id) FLEET_ID=${2:?--id needs a value}; FLEET_ID_SET=1; shift ;;
    --subnet) FLEET_SUBNET=${2:?--subnet needs a value}; FLEET_SUBNET_SET=1; shift ;;
    --state) FLEET_STATE=${2:?--state needs a directory}; shift ;;
    -h | --help) usage ;;
    -*) die "Cannot parse '$1': unknown option (scripts/fleet.sh --help)" ;;
    *) [ -z "$target" ] || usage; target=$1 ;;
  esac
  shift
done
[[ "$FLEET_DEVICES" =~ ^[0-9]+$ ]] && [ "$FLEET_DEVICES" -le 100 ] || die "Cannot start $FLEET_DEVICES systemd devices: give a number from 0 to 100"

fleet_defaults
case "$cmd" in up | down | status | cut | restore) require_root "$cmd" ;; *) usage ;; esac
fleet_validate                                  # the flags as given, before anything is created
[ "$cmd" = up ] && mkdir -p "$FLEET_STATE"      # only `up` makes a state directory
[ -d "$FLEET_STATE" ] && FLEET_STATE=$(cd "$FLEET_STATE" && pwd)
fleet_load_env
fleet_validate

stop_device() {
  local name=$1
  case "$(dev_get "$name" kind)" in
    systemd) stop_systemd_device "$name" ;;
    *) stop_dropbear_device "$name" ;;
  esac
  local n ns hv; n=$(dev_get "$name" index); ns=$(dev_get "$name" netns); hv=$(dev_get "$name" hveth)
  [ -n "$n" ] && net_down "$n"
  # What the record names, in case it was made under another fleet id.
  if [ -n "$ns" ] && [ -e "/run/netns/$ns" ]; then ip netns del "$ns" 2>/dev/null || true; fi
  if [ -n "$hv" ] && ip link show "$hv" >/dev/null 2>&1; then ip link del "$hv" 2>/dev/null || true; fi
  rm -f "$(dev_dir "$name")/pid" "$(dev_dir "$name")/pid_start"
}

# Devices this `up` started: an interrupted or failed `up` stops exactly these.
STARTED=()
abort_up() {
  local rc=$1 name
  trap - INT TERM EXIT
  if [ "${#STARTED[@]}" -gt 0 ]; then
    log "stopping what this run started: ${STARTED[*]}"
    for name in "${STARTED[@]}"; do stop_device "$name"; done
  fi
  exit "$rc"
}

cmd_up() {
  require_cmds systemd-nspawn:systemd-container sshd:openssh-server ssh:openssh-client ssh-keygen:openssh-client \
    ip:iproute2 unshare:util-linux setsid:util-linux flock:util-linux dpkg-deb:dpkg
  [ "$FLEET_ARM64" = 1 ] || [ "$FLEET_LEGACY" = 1 ] && require_cmds dropbearkey:dropbear-bin apt-get:apt
  [ -x /usr/sbin/sshd ] || die "Cannot start systemd devices: /usr/sbin/sshd is missing (apt-get install -y openssh-server)"
  fleet_save_env
  [ -f "$FLEET_STATE/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C gocross-fleet -f "$FLEET_STATE/id_ed25519"
  trap 'abort_up 130' INT TERM
  trap 'rc=$?; [ "$rc" -eq 0 ] || abort_up "$rc"' EXIT

  local want=() name i t0=$SECONDS
  for i in $(seq 1 "$FLEET_DEVICES"); do want+=("dev$i:$i:systemd"); done
  [ "$FLEET_ARM64" = 1 ] && want+=("arm64:201:arm64-dropbear")
  [ "$FLEET_LEGACY" = 1 ] && want+=("legacy:202:legacy-dropbear")

  # systemd devices boot while the dropbear root file systems are unpacked (in parallel).
  local spec n kind dropbear=() preps=() p
  for spec in "${want[@]}"; do
    IFS=: read -r name n kind <<<"$spec"
    if dev_running "$name"; then log "$name: already running"; continue; fi
    stop_device "$name" 2>/dev/null || true   # leftovers of a crash: netns, veth
    mkdir -p "$(dev_dir "$name")"
    STARTED+=("$name")
    if [ "$kind" = systemd ]; then
      prepare_systemd_device "$name" "$n"
      start_systemd_device "$name"
    else
      dropbear+=("$name")
      prepare_dropbear_device "$name" "$n" "$kind" & preps+=($!)
    fi
  done
  for p in "${preps[@]}"; do wait "$p" || die "Cannot prepare a dropbear device (details above)"; done
  for name in "${dropbear[@]}"; do start_dropbear_device "$name"; done
  write_known_hosts
  write_inventory
  [ "${#STARTED[@]}" -eq 0 ] || log "started ${STARTED[*]} in $((SECONDS - t0))s; waiting for SSH"

  # Wait for every device in parallel: TCP port, then a real `ssh root@ADDR true`.
  local pids=() failed=0 p
  for name in "${STARTED[@]}"; do wait_ssh "$name" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  [ "$failed" = 0 ] || die "Cannot start the fleet: some devices did not answer SSH (details above)"
  trap - INT TERM EXIT
  log "up in $((SECONDS - t0))s: ${#STARTED[@]} started, state in $FLEET_STATE"
  cmd_status
}

cmd_down() {
  local name t0=$SECONDS
  for name in $(all_devices); do stop_device "$name" & done
  wait
  # Namespaces and veths of this fleet id that no record names (a crash before the record) —
  # only when the id is known (a state directory's fleet.env, or --id), never a guessed default.
  [ -f "$FLEET_STATE/fleet.env" ] || [ "${FLEET_ID_SET:-0}" = 1 ] || { log "down in $((SECONDS - t0))s"; return 0; }
  local ns link
  for ns in $(ip netns list 2>/dev/null | cut -d' ' -f1 | grep -E "^gxf${FLEET_ID}-[0-9]+$" || true); do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  for link in $(ip -o link show 2>/dev/null | sed -n "s/^[0-9]*: \(gxf${FLEET_ID}h[0-9]*\)@.*/\1/p"); do
    ip link del "$link" 2>/dev/null || true
  done
  log "down in $((SECONDS - t0))s"
}

cmd_status() {
  local name answers pids=() p
  answers=$(mktemp -d)
  for name in $(running_devices); do { ! ssh_answers "$name" || : >"$answers/$name"; } & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done   # not a bare `wait`: devices this `up` started are children too
  printf '%-8s %-18s %-5s %-8s %-8s %s\n' NAME ADDRESS STATE ARCH INIT SSH
  for name in $(all_devices); do
    local state=down ssh=no
    dev_running "$name" && state=up
    [ -e "$answers/$name" ] && ssh=yes
    printf '%-8s %-18s %-5s %-8s %-8s %s\n' "$name" "$(dev_get "$name" address):$(dev_get "$name" port)" \
      "$state" "$(dev_get "$name" arch)" "$(dev_get "$name" init)" "$ssh"
  done
  rm -rf "$answers"
}

cmd_link() {
  local up_down=$1 hv
  [ -n "$target" ] || die "Cannot $cmd: name a device (scripts/fleet.sh status lists them)"
  [ -d "$(dev_dir "$target")" ] || die "Cannot $cmd '$target': no such device in $FLEET_STATE (scripts/fleet.sh status lists them)"
  hv=$(dev_get "$target" hveth)
  ip link set "$hv" "$up_down"
}

case "$cmd" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  cut) cmd_link down ;;
  restore) cmd_link up ;;
esac
