/** Which tools the requested targets need on this host (pure). */
import { targetForGoarch } from '../emulate/binfmt/table.ts';
import { parseTarget } from '../host/triplets.ts';
import type { Needs } from './types.ts';

export function needsFor(targets: readonly string[], hostGoarch: string, cgo: boolean): Needs {
  const qemu = new Set<string>();
  const cc = new Set<string>();
  for (const t of targets) {
    const { goos, goarch } = parseTarget(t);
    if (goos !== 'linux' || !goarch) continue;
    if (goarch !== hostGoarch && targetForGoarch(goarch)) qemu.add(goarch);
    if (cgo) cc.add(goarch);
  }
  return { qemu: [...qemu], cc: [...cc] };
}
