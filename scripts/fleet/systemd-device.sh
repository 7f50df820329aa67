# shellcheck shell=bash
# A systemd device: `systemd-nspawn -b` of the host's own / (read-only /usr on a tmpfs root), with
# an /etc overlay whose upper dir holds this device's SSH host key, masks and the sshd drop-in,
# a persistent /opt, root's authorized_keys, in its own network namespace.

# Units the host has enabled (a database, Prometheus, a registry, apt timers…) would start in every
# device and only slow the boot or fail there; the device runs sshd and what gocross installs.
device_masks() {
  {
    printf '%s\n' systemd-firstboot.service systemd-networkd-wait-online.service \
      systemd-timesyncd.service systemd-resolved.service getty@tty1.service console-getty.service
    local f
    for f in /etc/systemd/system/*.wants/*; do
      [ -e "$f" ] || [ -L "$f" ] || continue
      case "$f" in *.service | *.timer | *.socket | *.path) basename "$f" ;; esac
    done
  } | grep -vx -e ssh.service -e sshd.service | sort -u
}

# prepare_systemd_device NAME INDEX
prepare_systemd_device() {
  local name=$1 n=$2 d unit
  d=$(dev_dir "$name")
  rm -rf "$d/etc-upper" "$d/etc-work"
  mkdir -p "$d/etc-upper/ssh" "$d/etc-upper/systemd/system/multi-user.target.wants" "$d/opt" "$d/rootssh"
  dev_set "$name" kind systemd
  dev_set "$name" index "$n"
  dev_set "$name" address "$FLEET_SUBNET.$n.2"
  dev_set "$name" port 22
  dev_set "$name" arch "$(uname -m)"
  dev_set "$name" init systemd
  # Its own host key, so devices are distinguishable and a changed key is a real one.
  [ -f "$d/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C "$name" -f "$d/ssh_host_ed25519_key"
  cp "$d/ssh_host_ed25519_key" "$d/ssh_host_ed25519_key.pub" "$d/etc-upper/ssh/"
  cp "$d/ssh_host_ed25519_key.pub" "$d/host_key.pub"
  # A whole sshd_config of its own: whatever the host's says (or includes) stays out of the device.
  printf '%s\n' 'HostKey /etc/ssh/ssh_host_ed25519_key' 'PermitRootLogin prohibit-password' \
    'PasswordAuthentication no' 'KbdInteractiveAuthentication no' 'UsePAM yes' 'UseDNS no' 'PrintMotd no' \
    'AcceptEnv LANG LC_*' 'Subsystem sftp /usr/lib/openssh/sftp-server' >"$d/etc-upper/ssh/sshd_config"
  printf '%s\n' "$name" >"$d/etc-upper/hostname"
  for unit in $(device_masks); do ln -sfn /dev/null "$d/etc-upper/systemd/system/$unit"; done
  ln -sfn /lib/systemd/system/ssh.service "$d/etc-upper/systemd/system/multi-user.target.wants/ssh.service"
  install -m 0600 "$FLEET_STATE/id_ed25519.pub" "$d/rootssh/authorized_keys"
  chmod 0700 "$d/rootssh"
  : >"$d/console.log"
}

# start_systemd_device NAME: boots it in the background (own session: a Ctrl-C at the terminal
# reaches fleet.sh, whose trap stops the device by pid).
start_systemd_device() {
  local name=$1 d n ns pid
  d=$(dev_dir "$name"); n=$(dev_get "$name" index); ns=$(netns_name "$n")
  net_up "$n"
  dev_set "$name" netns "$ns"
  dev_set "$name" hveth "$(hveth_name "$n")"
  # The host mounts cgroup v1 (hybrid); in a v1 container systemd cannot kill a unit's cgroup
  # ("Input/output error"), so stops hang and runtime dirs fail. A unified (v2) hierarchy works.
  SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 setsid systemd-nspawn --register=no --keep-unit -q -D / --volatile=yes \
    --overlay="/etc:$d/etc-upper:/etc" --bind="$d/opt:/opt" --bind-ro="$d/rootssh:/root/.ssh" \
    --network-namespace-path="/run/netns/$ns" --machine="$ns" --hostname="$name" \
    -b </dev/null >"$d/console.log" 2>&1 &
  pid=$!
  dev_set "$name" pid "$pid"
  dev_set "$name" pid_start "$(proc_start "$pid")"
}

# stop_systemd_device NAME: SIGTERM makes nspawn power the container off; KILL after 10 s (its
# / is a tmpfs and /opt a bind of a host directory: nothing is lost).
stop_systemd_device() {
  local name=$1 pid
  if dev_running "$name"; then
    pid=$(dev_get "$name" pid)
    kill -TERM "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || { log "$name: still up 10s after SIGTERM (a shutdown that hangs), killing"; kill_tree "$pid" KILL; wait_gone "$pid" 5 || true; }
  fi
}
