/**
 * The targets a toolchain can build: `go tool dist list -json`, falling back to the plain list
 * (Go < 1.16 has no -json; FirstClass/Broken are absent on older releases).
 */
import { run } from '../process/run.ts';
import { cachedForBinary } from '../util/tool-cache.ts';
import type { TargetInfo } from '../platform/target.ts';
import type { Toolchain } from './types.ts';

/** Go's first-class ports (go.dev/wiki/PortingPolicy), used when the toolchain does not say. */
const FIRST_CLASS = new Set(['darwin/amd64', 'darwin/arm64', 'linux/386', 'linux/amd64', 'linux/arm', 'linux/arm64', 'windows/386', 'windows/amd64']);

interface DistEntry {
  GOOS?: unknown;
  GOARCH?: unknown;
  CgoSupported?: unknown;
  FirstClass?: unknown;
  Broken?: unknown;
}

/** Parses the output of `go tool dist list -json`, or of plain `go tool dist list` when it is not JSON. */
export function parseDistList(output: string): TargetInfo[] {
  const text = output.trim();
  if (text.startsWith('[')) {
    const entries = JSON.parse(text) as DistEntry[];
    return entries
      .filter((e) => typeof e.GOOS === 'string' && typeof e.GOARCH === 'string')
      .map((e) => {
        const id = `${e.GOOS as string}/${e.GOARCH as string}`;
        return {
          goos: e.GOOS as string,
          goarch: e.GOARCH as string,
          cgoSupported: e.CgoSupported === true,
          firstClass: typeof e.FirstClass === 'boolean' ? e.FirstClass : FIRST_CLASS.has(id),
          broken: e.Broken === true,
        };
      });
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[a-z0-9]+\/[a-z0-9]+$/.test(l))
    .map((id) => {
      const [goos = '', goarch = ''] = id.split('/');
      // Without -json the toolchain does not say which ports have cgo; assume the first-class ones do.
      return { goos, goarch, cgoSupported: FIRST_CLASS.has(id), firstClass: FIRST_CLASS.has(id), broken: false };
    });
}

const cache = new Map<string, Promise<TargetInfo[]>>();

/** The valid targets of `toolchain`, cached per toolchain path for the process. */
export function listTargets(toolchain: Toolchain): Promise<TargetInfo[]> {
  let pending = cache.get(toolchain.path);
  if (!pending) {
    pending = cachedForBinary('dist-list', toolchain.path, async () => {
      const env = { ...process.env, GOTOOLCHAIN: 'local', GOENV: 'off' };
      const json = await run(toolchain.path, ['tool', 'dist', 'list', '-json'], { env, reject: false, timeoutMs: 60_000 });
      if (json.exitCode === 0 && json.stdout.trim().startsWith('[')) return parseDistList(json.stdout);
      const plain = await run(toolchain.path, ['tool', 'dist', 'list'], { env, timeoutMs: 60_000 });
      return parseDistList(plain.stdout);
    });
    cache.set(toolchain.path, pending);
    pending.catch(() => cache.delete(toolchain.path));
  }
  return pending;
}
