/** Which tools the requested targets need on this host (pure). */
import { qemuTargetOf } from '../platform/lookup.ts';
import type { Target } from '../platform/target.ts';
import type { Needs } from './types.ts';

export function needsFor(targets: readonly Target[], hostGoarch: string, cgo: boolean): Needs {
  const qemu = new Set<string>();
  const cc = new Set<string>();
  for (const { goos, goarch } of targets) {
    if (goos !== 'linux') continue;
    if (goarch !== hostGoarch && qemuTargetOf(goarch)) qemu.add(goarch);
    if (cgo) cc.add(goarch);
  }
  return { qemu: [...qemu], cc: [...cc] };
}
