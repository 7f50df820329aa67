/**
 * Parses the module information text Go embeds in binaries (runtime/debug.ParseBuildInfo's
 * format, sentinels already stripped). Lenient where Go is strict: a malformed line is skipped,
 * so one odd line does not hide the rest.
 */
import type { GoModule } from '../types.ts';
import { quotedPrefix, unquote } from './strconv.ts';

export interface ModInfo {
  path: string;
  main: GoModule | null;
  deps: GoModule[];
  settings: Record<string, string>;
}

function moduleOf(fields: string[]): GoModule | null {
  if (fields.length !== 2 && fields.length !== 3) return null;
  const [path, version, sum] = fields;
  return { path: path!, version: version!, sum: sum ? sum : null, replace: null };
}

/** `KEY=VALUE` of a build line, with strconv-quoted key or value; null when malformed. */
function parseSetting(kv: string): [string, string] | null {
  let key: string;
  let rawValue: string;
  if (kv.length === 0 || kv[0] === '=') return null;
  if (kv[0] === '"' || kv[0] === '`') {
    const rawKey = quotedPrefix(kv);
    if (rawKey === null) return null;
    key = unquote(rawKey)!;
    if (kv[rawKey.length] !== '=') return null;
    rawValue = kv.slice(rawKey.length + 1);
  } else {
    const eq = kv.indexOf('=');
    if (eq < 0) return null;
    key = kv.slice(0, eq);
    rawValue = kv.slice(eq + 1);
  }
  if (rawValue[0] === '"' || rawValue[0] === '`') {
    const value = unquote(rawValue);
    return value === null ? null : [key, value];
  }
  return [key, rawValue];
}

export function parseModInfo(text: string): ModInfo {
  const info: ModInfo = { path: '', main: null, deps: [], settings: {} };
  // The module a `=>` line replaces: the one on the line before, and only that one.
  let last: GoModule | null = null;
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) {
      last = null;
      continue;
    }
    const kind = line.slice(0, tab);
    const rest = line.slice(tab + 1);
    switch (kind) {
      case 'path':
        info.path = rest;
        last = null;
        break;
      case 'mod':
        info.main = moduleOf(rest.split('\t'));
        last = info.main;
        break;
      case 'dep': {
        const dep = moduleOf(rest.split('\t'));
        if (dep) info.deps.push(dep);
        last = dep;
        break;
      }
      case '=>': {
        const fields = rest.split('\t');
        if (last && fields.length === 3) {
          last.replace = { path: fields[0]!, version: fields[1]!, sum: fields[2] ? fields[2] : null, replace: null };
        }
        last = null;
        break;
      }
      case 'build': {
        const setting = parseSetting(rest);
        // defineProperty: a key named __proto__ must stay data, not change the prototype.
        if (setting) Object.defineProperty(info.settings, setting[0], { value: setting[1], enumerable: true, writable: true, configurable: true });
        last = null;
        break;
      }
      default:
        last = null;
    }
  }
  return info;
}
