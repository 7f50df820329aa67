/**
 * The outside tools `gocross strip --compare` and the benchmark measure against: binutils strip
 * and objcopy for the file's machine (host binutils, binutils-multiarch, or <triple>-strip), and
 * QEMU user mode to check that a result still runs.
 */
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { QEMU_TARGETS } from '../platform/lookup.ts';
import { run } from '../process/run.ts';

export function findOnPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return null;
}

/** GNU triples whose binutils may carry a given GOARCH (cross binutils packages). */
const TRIPLES: Record<string, string[]> = {
  amd64: ['x86_64-linux-gnu'],
  '386': ['i686-linux-gnu', 'x86_64-linux-gnu'],
  arm: ['arm-linux-gnueabihf', 'arm-linux-gnueabi'],
  arm64: ['aarch64-linux-gnu'],
  mips: ['mips-linux-gnu'],
  mipsle: ['mipsel-linux-gnu'],
  mips64: ['mips64-linux-gnuabi64'],
  mips64le: ['mips64el-linux-gnuabi64'],
  ppc64: ['powerpc64-linux-gnu'],
  ppc64le: ['powerpc64le-linux-gnu'],
  riscv64: ['riscv64-linux-gnu'],
  s390x: ['s390x-linux-gnu'],
  loong64: ['loongarch64-linux-gnu'],
};

/**
 * Does this binutils understand the file's machine? BFD may fall back to a generic target
 * (elf64-little, "architecture: UNKNOWN!") that objdump reads but strip refuses.
 */
async function understands(tool: string, file: string): Promise<boolean> {
  const objdump = tool.replace(/(strip|objcopy)$/, 'objdump');
  if (!existsSync(objdump) && !findOnPath(objdump)) return false;
  // Absolute: a file name beginning with '-' must not reach objdump as an option.
  const r = await run(objdump, ['-f', resolve(file)], { reject: false, timeoutMs: 30_000 }).catch(() => null);
  return r !== null && r.exitCode === 0 && !/architecture: UNKNOWN!/.test(r.stdout);
}

/** The binutils `strip` or `objcopy` that handles `file`, or null. */
export async function findBinutils(tool: 'strip' | 'objcopy', file: string, goarch: string | null): Promise<string | null> {
  const candidates = [tool, ...(TRIPLES[goarch ?? ''] ?? []).map((t) => `${t}-${tool}`)];
  for (const c of candidates) {
    const path = findOnPath(c);
    if (path && (await understands(path, file))) return path;
  }
  return null;
}

function matches(head: Uint8Array, magicHex: string, maskHex: string): boolean {
  const n = magicHex.length / 2;
  if (head.length < n) return false;
  for (let i = 0; i < n; i++) {
    const magic = parseInt(magicHex.slice(2 * i, 2 * i + 2), 16);
    const mask = parseInt(maskHex.slice(2 * i, 2 * i + 2), 16);
    if ((head[i]! & mask) !== (magic & mask)) return false;
  }
  return true;
}

/** How to run an ELF on this host: directly when it is the host's arch, else qemu-<arch>-static; null when neither. */
function runnerFor(head: Uint8Array, hostArch: string = process.arch): string[] | null {
  const target = QEMU_TARGETS.find((t) => matches(head, t.magic, t.mask));
  if (!target) return null;
  // 32-bit x86 may not run natively (kernels without IA32 emulation), so it goes through QEMU too.
  const native = (hostArch === 'x64' && target.qemuArch === 'x86_64') || (hostArch === 'arm64' && target.qemuArch === 'aarch64');
  if (native) return [];
  const qemu = findOnPath(`qemu-${target.qemuArch}-static`) ?? findOnPath(`qemu-${target.qemuArch}`);
  return qemu ? [qemu] : null;
}

export interface RunOutcome {
  exitCode: number | null;
  stdout: string;
}

/** Runs the binary (under QEMU when foreign) with `args`; null when this host cannot run it. */
export async function runElf(file: string, head: Uint8Array, args: string[] = [], timeoutMs = 60_000): Promise<RunOutcome | null> {
  const runner = runnerFor(head);
  if (!runner) return null;
  // Absolute: neither an option to QEMU (a name beginning with '-') nor a program looked up on PATH.
  const [cmd, ...rest] = runner.length > 0 ? [...runner, resolve(file)] : [resolve(file)];
  const r = await run(cmd!, [...rest, ...args], { reject: false, timeoutMs });
  return { exitCode: r.exitCode, stdout: r.stdout };
}
