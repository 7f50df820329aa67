/**
 * The one script preflight runs on a device, as `['sh', '-c', FACTS_SCRIPT, 'sh', baseDir]`: it
 * changes nothing and prints `key=value` lines that parseFacts() (facts.ts) reads. POSIX sh only —
 * it runs under dash, bash and BusyBox ash (routers, boards) — and every command may be missing:
 * each probe is guarded and a missing fact is simply an absent line. Each value is cut to one line.
 *
 * Keys: uname_m, uname_r, sh_path (/bin/sh resolved), elf_head (first 64 bytes of /bin/sh in hex:
 * the userland, which may differ from the kernel), glibc (`getconf GNU_LIBC_VERSION`), ldd
 * (`ldd --version`'s first line), libc_so + libc_so_version (glibc's libc.so.6 run as a program,
 * for devices without getconf/ldd), musl + musl_version (the musl loader), pid1, systemd_dir
 * (yes when /run/systemd/system is a directory), systemctl (`systemctl --version`'s first line),
 * df_path + df (the `df -Pk` line of the base directory or its nearest existing parent),
 * cpu_flags (x86 /proc/cpuinfo flags), cpu_features + cpu_arch (ARM Features and CPU
 * architecture), os (PRETTY_NAME of /etc/os-release), tools (those of TOOLS found), end.
 */

/** Tools later steps use, in the order the script reports them. */
export const PROBED_TOOLS = ['sha256sum', 'systemd-run', 'systemd-analyze', 'systemctl', 'journalctl', 'curl', 'wget'] as const;

export const FACTS_SCRIPT = `
p() { printf '%s=%s\\n' "$1" "$2"; }
first() { head -n 1 | tr -d '\\r' | cut -c 1-300; }
p uname_m "$(uname -m 2>/dev/null | first)"
p uname_r "$(uname -r 2>/dev/null | first)"
sh=/bin/sh
r=$(readlink -f /bin/sh 2>/dev/null) && [ -n "$r" ] && sh=$r
p sh_path "$(printf '%s' "$sh" | first)"
h=$(od -An -tx1 -N64 /bin/sh 2>/dev/null | tr -d ' \\n')
[ -n "$h" ] || h=$(hexdump -v -n 64 -e '1/1 "%02x"' /bin/sh 2>/dev/null)
p elf_head "$h"
v=$(getconf GNU_LIBC_VERSION 2>/dev/null | first) && [ -n "$v" ] && p glibc "$v"
command -v ldd >/dev/null 2>&1 && v=$(ldd --version 2>&1 | first) && [ -n "$v" ] && p ldd "$v"
for f in /lib/libc.so.6 /lib64/libc.so.6 /lib/*-linux-gnu*/libc.so.6 /usr/lib/libc.so.6 /usr/lib64/libc.so.6 /usr/lib/*-linux-gnu*/libc.so.6; do
  [ -f "$f" ] || continue
  p libc_so "$f"
  [ -x "$f" ] && p libc_so_version "$("$f" 2>/dev/null | first)"
  break
done
for f in /lib/ld-musl-*.so.1; do
  [ -e "$f" ] || continue
  p musl "$f"
  p musl_version "$("$f" 2>&1 | sed -n 's/^Version //p' | first)"
  break
done
p pid1 "$(cat /proc/1/comm 2>/dev/null | first)"
[ -d /run/systemd/system ] && p systemd_dir yes
v=$(systemctl --version 2>/dev/null | first) && [ -n "$v" ] && p systemctl "$v"
d=\${1:-/}
while [ ! -d "$d" ]; do d=$(dirname -- "$d"); done
p df_path "$(printf '%s' "$d" | first)"
p df "$(df -Pk "$d" 2>/dev/null | tail -n 1 | first)"
if [ -r /proc/cpuinfo ]; then
  v=$(grep -m 1 '^flags[[:space:]]*:' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*//' | head -n 1 | tr -d '\\r' | cut -c 1-4000)
  [ -n "$v" ] && p cpu_flags "$v"
  v=$(grep -m 1 '^Features[[:space:]]*:' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*//' | first)
  [ -n "$v" ] && p cpu_features "$v"
  v=$(grep -m 1 '^CPU architecture[[:space:]]*:' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*//' | first)
  [ -n "$v" ] && p cpu_arch "$v"
fi
[ -r /etc/os-release ] && p os "$(sed -n 's/^PRETTY_NAME=//p' /etc/os-release | tr -d '"' | first)"
t=
for x in ${PROBED_TOOLS.join(' ')}; do command -v "$x" >/dev/null 2>&1 && t="$t $x"; done
p tools "\${t# }"
p end ok
`;
