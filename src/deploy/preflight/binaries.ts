/**
 * The imperative edge of preflight: the BinaryInfo of each linux artifact of a manifest, read once
 * per run and shared by every host's verdict (evaluate.ts). An artifact that cannot be read is
 * left out: preflight then refuses the hosts that would get it, naming it.
 */
import { resolve } from 'node:path';
import { inspectFile } from '../../binary/inspect.ts';
import type { BinaryInfo } from '../../binary/types.ts';
import type { Manifest } from '../../gobuild/manifest.ts';

export async function readArtifactInfos(manifest: Pick<Manifest, 'artifacts'>, distDir: string): Promise<Map<string, BinaryInfo>> {
  const infos = new Map<string, BinaryInfo>();
  for (const a of manifest.artifacts.filter((x) => x.goos === 'linux')) {
    try {
      infos.set(a.target, await inspectFile(resolve(distDir, a.path)));
    } catch {
      // Reported per host by the compat check ("cannot read …").
    }
  }
  return infos;
}
