/**
 * Whether an interpreter copes with the P (preserve argv[0]) flag. With P the kernel passes
 * [interpreter, /full/path, original argv0, args…]; QEMU must know to drop one argument.
 * Upstream QEMU >= 6.0 learns it from AT_FLAGS (AT_FLAGS_PRESERVE_ARGV0, set by Linux >= 5.12);
 * Debian's qemu-user-static also recognises it when started under a name ending in "-binfmt-P"
 * (/usr/libexec/qemu-binfmt/<arch>-binfmt-P), on any kernel. Anything else would run the program
 * with a shifted argv, so P is then left out.
 */

function atLeast(version: string | null, major: number, minor: number): boolean {
  if (!version) return false;
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

export interface PSupport {
  supported: boolean;
  reason: string;
}

export function preserveArgv0Support(interpreter: string, qemuVersion: string | null, kernelRelease: string): PSupport {
  if (/-binfmt-P$/.test(interpreter)) {
    return { supported: true, reason: `${interpreter} is Debian's -binfmt-P name, which QEMU treats as "started with P"` };
  }
  const qemuOk = atLeast(qemuVersion, 6, 0);
  const kernelOk = atLeast(kernelRelease, 5, 12);
  if (qemuOk && kernelOk) return { supported: true, reason: `QEMU ${qemuVersion} reads AT_FLAGS_PRESERVE_ARGV0, which Linux ${kernelRelease} passes` };
  const missing = [!qemuOk ? `QEMU ${qemuVersion ?? '(unknown version)'} < 6.0` : '', !kernelOk ? `Linux ${kernelRelease} < 5.12` : ''].filter(Boolean).join(' and ');
  return { supported: false, reason: `${missing}: with P the program would see a shifted argv` };
}
