# shellcheck shell=bash
# Devices without systemd and without SFTP: a BusyBox + dropbear root file system unpacked from
# Debian packages, chrooted in its own network, mount and pid namespaces.
#   arm64-dropbear   bookworm arm64 userland (glibc 2.36) run by QEMU 10 user mode, registered in
#                    a private binfmt_misc of a private user namespace (never the host's); port 2222
#                    because a user namespace cannot bind a port < 1024 in a netns it does not own.
#   legacy-dropbear  bullseye x86_64 userland (glibc 2.31), no QEMU, port 22.

# prepare_dropbear_device NAME INDEX KIND
prepare_dropbear_device() {
  local name=$1 n=$2 kind=$3 d root debs applet qemu=''
  d=$(dev_dir "$name"); root="$d/root"
  mkdir -p "$d"
  dev_set "$name" kind "$kind"
  dev_set "$name" index "$n"
  dev_set "$name" address "$FLEET_SUBNET.$n.2"
  dev_set "$name" init none
  if [ "$kind" = arm64-dropbear ]; then
    local pkgs=()
    for applet in "${DROPBEAR_PKGS[@]}"; do pkgs+=("$applet:arm64"); done
    debs=$(fetch_debs bookworm-arm64 "$BOOKWORM_SOURCES" arm64 "${pkgs[@]}")
    qemu=$(qemu10_aarch64)
    dev_set "$name" port 2222
    dev_set "$name" arch aarch64
  else
    debs=$(fetch_debs bullseye-amd64 "$BULLSEYE_SOURCES" amd64 "${DROPBEAR_PKGS[@]}")
    dev_set "$name" port 22
    dev_set "$name" arch x86_64
  fi
  # A fresh root each `up` (seconds); /opt survives in the state directory.
  rm -rf "$root"
  mkdir -p "$root"/{dev,proc,tmp,run,root/.ssh,etc/dropbear,var/log} "$d/opt"
  extract_debs "$debs" "$root"
  chmod 1777 "$root/tmp"
  mkdir -p "$root/opt"
  # BusyBox applets as links, where the packages did not install the real thing.
  local list
  if [ -n "$qemu" ]; then list=$("$qemu" "$root/bin/busybox" --list-full); else list=$("$root/bin/busybox" --list-full); fi
  for applet in $list; do
    [ -e "$root/$applet" ] || [ -L "$root/$applet" ] || { [ -d "$root/${applet%/*}" ] || mkdir -p "$root/${applet%/*}"; ln -s /bin/busybox "$root/$applet"; }
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:*:19000:0:99999:7:::\n' >"$root/etc/shadow"
  printf 'root:x:0:\n' >"$root/etc/group"
  printf '/bin/sh\n' >"$root/etc/shells"
  printf '%s\n' "$name" >"$root/etc/hostname"
  chmod 0600 "$root/etc/shadow"
  install -m 0600 "$FLEET_STATE/id_ed25519.pub" "$root/root/.ssh/authorized_keys"
  chmod 0700 "$root/root" "$root/root/.ssh"
  [ -f "$d/dropbear_ed25519_host_key" ] || dropbearkey -t ed25519 -f "$d/dropbear_ed25519_host_key" >/dev/null 2>&1
  cp "$d/dropbear_ed25519_host_key" "$root/etc/dropbear/"
  dropbearkey -y -f "$d/dropbear_ed25519_host_key" | grep '^ssh-' >"$d/host_key.pub"
  dev_set "$name" qemu "$qemu"
  : >"$d/console.log"
}

# start_dropbear_device NAME
start_dropbear_device() {
  local name=$1 d n ns qemu pid conf magic='' mask='' userns=()
  d=$(dev_dir "$name"); n=$(dev_get "$name" index); ns=$(netns_name "$n"); qemu=$(dev_get "$name" qemu)
  net_up "$n"
  dev_set "$name" netns "$ns"
  dev_set "$name" hveth "$(hveth_name "$n")"
  if [ -n "$qemu" ]; then
    conf="$(dirname "$qemu")/qemu/binfmt.d/qemu-aarch64.conf"   # QEMU's own magic and mask for aarch64 ELF
    magic=$(cut -d: -f5 "$conf"); mask=$(cut -d: -f6 "$conf")
    userns=(--user)
  fi
  setsid ip netns exec "$ns" unshare "${userns[@]}" --mount --uts --pid --fork --kill-child -- \
    "$FLEET_LIB_DIR/dropbear-init.sh" "$d/root" "$d/opt" "$(dev_get "$name" port)" ${qemu:+"$qemu" "$magic" "$mask"} \
    </dev/null >"$d/console.log" 2>&1 &
  pid=$!
  dev_set "$name" pid "$pid"
  dev_set "$name" pid_start "$(proc_start "$pid")"
  if [ -n "$qemu" ]; then
    # Full maps written by root from outside (no /etc/subuid edits, no newuidmap): root inside is
    # uid 0 with working setgroups, which dropbear needs at login.
    local i
    for i in $(seq 100); do
      [ "$(readlink "/proc/$pid/ns/user" 2>/dev/null)" != "$(readlink /proc/self/ns/user)" ] \
        && [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(command -v unshare)" ] && break
      [ -e "/proc/$pid" ] || break
      sleep 0.05
    done
    echo '0 0 65536' >"/proc/$pid/uid_map" && echo '0 0 65536' >"/proc/$pid/gid_map" \
      || { log "$name: cannot write the user namespace's uid/gid map"; return 1; }
  fi
}

stop_dropbear_device() {
  local name=$1 pid ns p
  if dev_running "$name"; then
    pid=$(dev_get "$name" pid)
    kill_tree "$pid" TERM
    wait_gone "$pid" 5 || { kill_tree "$pid" KILL; wait_gone "$pid" 5 || true; }
  fi
  ns=$(dev_get "$name" netns)
  if [ -n "$ns" ] && [ -e "/run/netns/$ns" ]; then
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
  fi
}
