#!/usr/bin/env bash
# PID 1 of a dropbear device's pid namespace (started by dropbear-device.sh through `ip netns exec
# NS unshare … --mount --uts --pid --fork`): mounts, then becomes dropbear chrooted into the device's root.
# With a user namespace (the arm64 device) it first waits for the uid/gid maps written from
# outside, mounts a PRIVATE binfmt_misc instance (Linux >= 6.7) and registers QEMU there with the F
# flag, so the interpreter is opened now, from the host's file system, before the chroot.
# Usage: dropbear-init.sh ROOT OPT PORT [QEMU MAGIC MASK]   (OPT: persistent dir bound on ROOT/opt)
set -euo pipefail
root=$1 opt=$2 port=$3 qemu=${4:-} magic=${5:-} mask=${6:-}

if [ -n "$qemu" ]; then
  for _ in $(seq 100); do
    read -r _ _ count </proc/self/uid_map 2>/dev/null && [ "${count:-0}" -gt 1 ] && break
    sleep 0.05
  done
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  # P: keep argv[0] (BusyBox picks its applet by it; without P an exec'd applet sees its first
  # argument as its name). QEMU >= 6 reads the kernel's AT_FLAGS to know argv[0] was kept.
  printf ':gx-aarch64:M::%s:%s:%s:PF' "$magic" "$mask" "$qemu" >/proc/sys/fs/binfmt_misc/register
fi
mount --make-rprivate /
hostname "$(cat "$root/etc/hostname")"   # own UTS namespace
mount --rbind /dev "$root/dev"
mount -t proc proc "$root/proc"
mount --bind "$opt" "$root/opt"
exec chroot "$root" /usr/sbin/dropbear -F -E -s -r /etc/dropbear/dropbear_ed25519_host_key -p "$port"
