# shellcheck shell=bash
# Shared by scripts/fleet.sh and its helpers: the fleet's parameters, its state directory, the
# network plumbing of one device (netns + veth pair on 10.X.<n>.0/24) and waiting for SSH.
#
# State directory layout ($FLEET_STATE):
#   fleet.env               FLEET_ID and FLEET_SUBNET this fleet was created with
#   id_ed25519[.pub]        the controller's client key (root on every device accepts it)
#   known_hosts             every device's real host key ([addr]:port form when the port is not 22)
#   inventory.yaml          a ready-to-paste `deploy.hosts` list
#   devices/<name>/         kind index address port arch init netns hveth dveth pid console.log
#                           host_key.pub, and the device's own files (etc-upper, opt, root, …)

FLEET_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FLEET_REPO=$(cd "$FLEET_LIB_DIR/../.." && pwd)

log() { printf '[fleet] %s\n' "$*" >&2; }
die() { printf 'fleet: %s\n' "$*" >&2; exit 1; }

require_root() {
  [ "$(id -u)" -eq 0 ] || die "Cannot manage the fleet: network namespaces and systemd-nspawn need root (run as root, e.g. sudo scripts/fleet.sh $*)"
}

# require_cmds CMD:PACKAGE... — every missing command is named with the package that provides it.
require_cmds() {
  local missing=() pkgs=() spec
  for spec in "$@"; do
    command -v "${spec%%:*}" >/dev/null 2>&1 || { missing+=("${spec%%:*}"); pkgs+=("${spec#*:}"); }
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  die "Cannot start the fleet: missing ${missing[*]} (run scripts/setup.sh, or apt-get install -y --no-install-recommends $(printf '%s\n' "${pkgs[@]}" | sort -u | tr '\n' ' '))"
}

# ---- parameters -------------------------------------------------------------------------------
# FLEET_STATE  state directory (default <repo>/.fleet)
# FLEET_ID     1–6 of [a-z0-9]: netns gxf<id>-<n>, veths gxf<id>h<n> / gxf<id>d<n> (≤ 15 chars)
# FLEET_SUBNET first two octets: device <n> is <subnet>.<n>.2, the host side <subnet>.<n>.1
# FLEET_CACHE  downloaded .debs and QEMU 10 (default <repo>/.cache), shared between fleets
fleet_defaults() {
  FLEET_STATE=${FLEET_STATE:-$FLEET_REPO/.fleet}
  FLEET_CACHE=${FLEET_CACHE:-$FLEET_REPO/.cache}
  FLEET_ID=${FLEET_ID:-0}
  FLEET_SUBNET=${FLEET_SUBNET:-10.231}
  FLEET_BOOT_TIMEOUT=${FLEET_BOOT_TIMEOUT:-90}
}

fleet_validate() {
  [[ "$FLEET_ID" =~ ^[a-z0-9]{1,6}$ ]] || die "Cannot use fleet id '$FLEET_ID': use 1 to 6 characters of [a-z0-9] (interface names are limited to 15)"
  [[ "$FLEET_SUBNET" =~ ^10\.([0-9]{1,3})$ ]] && [ "${BASH_REMATCH[1]}" -le 255 ] \
    || die "Cannot use subnet base '$FLEET_SUBNET': give the first two octets of a private 10.x network, e.g. 10.231"
}

# The id and subnet a state directory was created with win over the environment, so `down` and
# `status` need no flags; `up` with different ones while devices run is refused.
fleet_load_env() {
  if [ -f "$FLEET_STATE/fleet.env" ]; then
    local id subnet
    id=$(sed -n 's/^FLEET_ID=//p' "$FLEET_STATE/fleet.env")
    subnet=$(sed -n 's/^FLEET_SUBNET=//p' "$FLEET_STATE/fleet.env")
    if [ "${FLEET_ID_SET:-0}" = 1 ] && [ "$id" != "$FLEET_ID" ] && [ -n "$(running_devices)" ]; then
      die "Cannot use fleet id '$FLEET_ID': $FLEET_STATE belongs to running fleet '$id' (scripts/fleet.sh down first, or use another --state)"
    fi
    if [ "${FLEET_SUBNET_SET:-0}" = 1 ] && [ "$subnet" != "$FLEET_SUBNET" ] && [ -n "$(running_devices)" ]; then
      die "Cannot use subnet $FLEET_SUBNET: $FLEET_STATE belongs to a running fleet on $subnet (scripts/fleet.sh down first)"
    fi
    [ "${FLEET_ID_SET:-0}" = 1 ] || FLEET_ID=$id
    [ "${FLEET_SUBNET_SET:-0}" = 1 ] || FLEET_SUBNET=$subnet
  fi
}

fleet_save_env() {
  mkdir -p "$FLEET_STATE/devices"
  printf 'FLEET_ID=%s\nFLEET_SUBNET=%s\n' "$FLEET_ID" "$FLEET_SUBNET" >"$FLEET_STATE/fleet.env.tmp"
  mv "$FLEET_STATE/fleet.env.tmp" "$FLEET_STATE/fleet.env"
}

# ---- device records ---------------------------------------------------------------------------
dev_dir() { printf '%s/devices/%s' "$FLEET_STATE" "$1"; }
dev_get() { local f; f="$(dev_dir "$1")/$2"; [ -f "$f" ] && cat "$f" || true; }
dev_set() { printf '%s\n' "$3" >"$(dev_dir "$1")/$2"; }

all_devices() {
  [ -d "$FLEET_STATE/devices" ] || return 0
  local d
  for d in "$FLEET_STATE"/devices/*/; do
    [ -f "$d/index" ] && printf '%s %s\n' "$(cat "$d/index")" "$(basename "$d")"
  done | sort -n | cut -d' ' -f2
}

# A device runs when its recorded pid is alive and is the process we started (start time matches).
dev_running() {
  local pid started
  pid=$(dev_get "$1" pid); started=$(dev_get "$1" pid_start)
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && [ "$(proc_start "$pid")" = "$started" ]
}

running_devices() {
  local n
  for n in $(all_devices); do dev_running "$n" && printf '%s\n' "$n"; done
  return 0
}

# Field 22 of /proc/PID/stat (start time in clock ticks): a pid reused by another process differs.
proc_start() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }

netns_name() { printf 'gxf%s-%s' "$FLEET_ID" "$1"; }
hveth_name() { printf 'gxf%sh%s' "$FLEET_ID" "$1"; }
dveth_name() { printf 'gxf%sd%s' "$FLEET_ID" "$1"; }

# ---- network ----------------------------------------------------------------------------------
# net_up INDEX: netns + veth pair, host side <subnet>.<n>.1/24, device side .2/24, lo up.
net_up() {
  local n=$1 ns hv dv net
  ns=$(netns_name "$n"); hv=$(hveth_name "$n"); dv=$(dveth_name "$n"); net="$FLEET_SUBNET.$n"
  net_down "$n"
  ip netns add "$ns"
  ip link add "$hv" type veth peer name "$dv"
  ip link set "$dv" netns "$ns"
  ip addr add "$net.1/24" dev "$hv"
  ip link set "$hv" up
  ip -n "$ns" addr add "$net.2/24" dev "$dv"
  ip -n "$ns" link set "$dv" up
  ip -n "$ns" link set lo up
}

# net_down INDEX: idempotent; deleting the netns deletes the device-side veth and with it the pair.
net_down() {
  local n=$1 ns hv
  ns=$(netns_name "$n"); hv=$(hveth_name "$n")
  if [ -e "/run/netns/$ns" ]; then ip netns del "$ns" 2>/dev/null || true; fi
  if ip link show "$hv" >/dev/null 2>&1; then ip link del "$hv" 2>/dev/null || true; fi
}

# ---- processes --------------------------------------------------------------------------------
# kill_tree PID SIGNAL: PID and its descendants (by pid, never by name).
kill_tree() {
  local pid=$1 sig=$2 child
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do kill_tree "$child" "$sig"; done
  kill -s "$sig" "$pid" 2>/dev/null || true
}

# wait_gone PID SECONDS: true once PID has exited.
wait_gone() {
  local pid=$1 deadline=$((SECONDS + $2))
  while [ -e "/proc/$pid" ]; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

# ---- SSH --------------------------------------------------------------------------------------
ssh_opts() {
  printf '%s\n' -i "$FLEET_STATE/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$FLEET_STATE/known_hosts" \
    -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=3 -o LogLevel=ERROR
}

# known_hosts_line NAME: the device's host key as a known_hosts line.
known_hosts_line() {
  local addr port hostpat
  addr=$(dev_get "$1" address); port=$(dev_get "$1" port)
  if [ "$port" = 22 ]; then hostpat=$addr; else hostpat="[$addr]:$port"; fi
  printf '%s %s\n' "$hostpat" "$(cut -d' ' -f1,2 "$(dev_dir "$1")/host_key.pub")"
}

write_known_hosts() {
  local n
  for n in $(running_devices); do known_hosts_line "$n"; done >"$FLEET_STATE/known_hosts.tmp"
  mv "$FLEET_STATE/known_hosts.tmp" "$FLEET_STATE/known_hosts"
}

# wait_ssh NAME: the TCP port answers, then a real `ssh root@ADDR true` with the fleet's key and
# known_hosts succeeds, within FLEET_BOOT_TIMEOUT seconds.
wait_ssh() {
  local name=$1 addr port deadline opts
  addr=$(dev_get "$name" address); port=$(dev_get "$name" port)
  deadline=$((SECONDS + FLEET_BOOT_TIMEOUT))
  mapfile -t opts < <(ssh_opts)
  while ! (exec 3<>"/dev/tcp/$addr/$port") 2>/dev/null; do
    dev_running "$name" || { log "$name: exited while booting (see $(dev_dir "$name")/console.log)"; return 1; }
    [ "$SECONDS" -ge "$deadline" ] && { log "$name: port $addr:$port closed after ${FLEET_BOOT_TIMEOUT}s"; return 1; }
    sleep 0.3
  done
  while ! ssh "${opts[@]}" -p "$port" "root@$addr" true </dev/null 2>>"$(dev_dir "$name")/ssh-wait.log"; do
    dev_running "$name" || { log "$name: exited while booting (see $(dev_dir "$name")/console.log)"; return 1; }
    [ "$SECONDS" -ge "$deadline" ] && { log "$name: ssh root@$addr -p $port failed for ${FLEET_BOOT_TIMEOUT}s (see $(dev_dir "$name")/ssh-wait.log)"; return 1; }
    sleep 0.5
  done
}

ssh_answers() {
  local addr port opts
  addr=$(dev_get "$1" address); port=$(dev_get "$1" port)
  mapfile -t opts < <(ssh_opts)
  timeout 10 ssh "${opts[@]}" -p "$port" "root@$addr" true </dev/null >/dev/null 2>&1
}
