/**
 * QEMU user-mode emulators per target arch: qemu-<arch>-static or qemu-<arch>, with versions.
 * On this machine the emulation area's findQemu does the work; under a fixture root only the
 * file names are looked at (nothing there is run).
 */
import { qemuTargetOf } from '../platform/lookup.ts';
import { findQemu } from '../emulate/qemu/find-qemu.ts';
import { findProgram, pathDirs, type HostRoot } from './root.ts';

export interface QemuFact {
  goarch: string;
  qemuArch: string | null;
  path: string | null;
  version: string | null;
}

export async function probeQemu(host: HostRoot, goarch: string): Promise<QemuFact> {
  const qemuArch = qemuTargetOf(goarch)?.qemuArch ?? null;
  if (!qemuArch) return { goarch, qemuArch, path: null, version: null };
  if (host.exec) {
    const found = await findQemu(goarch, { dirs: pathDirs(host) });
    return { goarch, qemuArch, path: found?.path ?? null, version: found?.version ?? null };
  }
  let path: string | null = null;
  for (const name of [`qemu-${qemuArch}-static`, `qemu-${qemuArch}`]) {
    path = await findProgram(host, name);
    if (path) break;
  }
  return { goarch, qemuArch, path, version: null };
}
