/**
 * The gate config file (`gocross-gate.yaml`, or --config): ignores, each with a reason, and the
 * HTTP paths the service serves. Parsed here from text; problems are GocrossErrors of kind
 * 'config' with file:line.
 */
import { LineCounter, parseDocument } from 'yaml';
import { GocrossError } from '../../core/errors.ts';
import type { IgnoreEntry } from './ignores.ts';
import type { GateRule } from './model.ts';
import { MAX_ALIAS_COUNT } from './parse.ts';

export const GATE_CONFIG_NAME = 'gocross-gate.yaml';

export interface GateConfig {
  ignores: IgnoreEntry[];
  servicePaths: string[];
}

const strings = (v: unknown): string[] | null => (v === undefined ? [] : typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);

export function parseGateConfig(text: string, file: string, rules: readonly GateRule[]): GateConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fail = (offset: number, message: string): never => {
    throw new GocrossError('config', `Cannot read ${file}:${lineCounter.linePos(offset).line}: ${message}`, { fix: 'each ignore needs rule and reason, e.g. - { rule: read-only-root-filesystem, objects: [Deployment/web/*], reason: "writes its cache to /" }' });
  };
  if (doc.errors.length > 0) fail(doc.errors[0]!.pos[0], `not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    fail(0, (error as Error).message);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(0, 'expected a mapping with ignore: and servicePaths:');
  const root = value as Record<string, unknown>;
  for (const key of Object.keys(root)) if (key !== 'ignore' && key !== 'servicePaths') fail((doc.get(key, true) as { range?: number[] } | undefined)?.range?.[0] ?? 0, `unknown key ${key} (expected ignore or servicePaths)`);
  const servicePaths = strings(root.servicePaths);
  if (servicePaths === null) fail(0, 'servicePaths must be a list of paths');
  const list = root.ignore ?? [];
  if (!Array.isArray(list)) fail(0, 'ignore must be a list');
  const ignores = (list as unknown[]).map((entry, i): IgnoreEntry => {
    const node = doc.getIn(['ignore', i], true) as { range?: number[] } | undefined;
    const offset = node?.range?.[0] ?? 0;
    const line = lineCounter.linePos(offset).line;
    if (typeof entry !== 'object' || entry === null) return fail(offset, `ignore[${i}] must be a mapping with rule and reason`);
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) if (!['rule', 'reason', 'objects', 'containers'].includes(key)) fail(offset, `ignore[${i}] has an unknown key ${key} (expected rule, reason, objects, containers)`);
    if (typeof e.rule !== 'string' || !rules.some((r) => r.id === e.rule)) fail(offset, `ignore[${i}] names ${typeof e.rule === 'string' ? `no known rule: ${e.rule}` : 'no rule'} (see gocross gate manifests --list-rules)`);
    if (typeof e.reason !== 'string' || e.reason.trim() === '') fail(offset, `ignore[${i}] (${String(e.rule)}) gives no reason: every ignore needs one`);
    const objects = strings(e.objects);
    const containers = strings(e.containers);
    if (objects === null || containers === null) fail(offset, `ignore[${i}]: objects and containers must be lists of patterns`);
    return { rule: e.rule as string, reason: (e.reason as string).trim(), objects: objects as string[], containers: containers as string[], source: `${file}:${line}` };
  });
  return { ignores, servicePaths: servicePaths as string[] };
}
