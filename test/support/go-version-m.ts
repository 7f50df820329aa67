/**
 * Test oracle: `go version -m FILE` parsed into the shape of GoBuildInfo, so readers' Go build
 * info can be compared field by field with what the Go toolchain itself reports.
 */
import { run } from '../../src/process/run.ts';
import type { GoBuildInfo, GoModule } from '../../src/binary/types.ts';
import { GO, goEnv } from './go.ts';

/** Go quotes a setting's key or value with strconv.Quote when needed; for the ASCII it emits, JSON agrees. */
function unquote(s: string): string {
  return s.startsWith('"') ? (JSON.parse(s) as string) : s;
}

function module(fields: string[]): GoModule {
  return { path: fields[0] ?? '', version: fields[1] ?? '', sum: fields[2] ? fields[2] : null, replace: null };
}

export function parseGoVersionM(stdout: string): GoBuildInfo {
  const lines = stdout.split('\n');
  const version = /: (\S+)$/.exec(lines[0] ?? '')?.[1] ?? '';
  const info: GoBuildInfo = { version, path: '', main: null, deps: [], settings: {} };
  let last: GoModule | null = null;
  for (const line of lines.slice(1)) {
    const [, kind, ...rest] = line.split('\t');
    if (kind === 'path') info.path = rest[0] ?? '';
    else if (kind === 'mod') last = info.main = module(rest);
    else if (kind === 'dep') info.deps.push((last = module(rest)));
    else if (kind === '=>' && last) last.replace = module(rest);
    else if (kind === 'build') {
      const text = rest.join('\t');
      // A quoted key ends at its closing quote; otherwise the key ends at the first '='.
      const m = /^("(?:[^"\\]|\\.)*"|[^=]*)=(.*)$/.exec(text);
      if (m) info.settings[unquote(m[1]!)] = unquote(m[2]!);
    }
  }
  return info;
}

/** What the installed Go says about a binary. */
export async function goVersionM(file: string): Promise<GoBuildInfo> {
  if (!GO) throw new Error('Go is not installed: run scripts/setup.sh');
  return parseGoVersionM((await run(GO, ['version', '-m', file], { env: goEnv() })).stdout);
}
