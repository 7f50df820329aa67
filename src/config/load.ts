/**
 * Finding and reading gocross.config.{yaml,yml,json}. YAML and JSON go through the same YAML
 * parser (JSON is YAML), which also gives line numbers for the messages.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readRegularFile } from '../util/regular-file.ts';
import { ConfigError } from './errors.ts';
import { yaml } from './yaml.ts';
import type { GocrossConfig, LoadedConfig } from './types.ts';
import { validateConfig } from './validate.ts';
import { ldflagsTemplateProblems } from './ldflags-template.ts';
import { ioReason } from '../core/errors.ts';

/** A config is a few KiB; anything far larger is a mistake (or /dev/zero), not something to parse. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export const CONFIG_NAMES = ['gocross.config.yaml', 'gocross.config.yml', 'gocross.config.json'] as const;

/** The config file in `dir`, or null. Two config files in one folder is an error. */
export function findConfigFile(dir: string): string | null {
  const present = CONFIG_NAMES.map((n) => join(dir, n)).filter((p) => existsSync(p));
  if (present.length > 1) {
    throw new ConfigError(present[0]!, [{ path: '', message: `more than one config file: ${present.join(', ')} (keep one)` }]);
  }
  return present[0] ?? null;
}

/**
 * Parses and validates config text; `file` is used in messages only. The YAML parser and the
 * schema validator load on first use, so a run without a config never pays for them.
 */
export function parseConfig(text: string, file: string): GocrossConfig {
  const { LineCounter, parseDocument, isNode } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ path: '', message: `not valid ${file.endsWith('.json') ? 'JSON/' : ''}YAML: ${e.message.split('\n')[0]}`, line: lineCounter.linePos(e.pos[0]).line })),
    );
  }
  const value: unknown = doc.toJS() ?? {};
  const lineOf = (segments: string[]): number | undefined => {
    for (let n = segments.length; n > 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      // An unknown key has no value node of its own path when the value is a scalar null; try its parent.
    }
    return undefined;
  };
  const problems = validateConfig(value, lineOf);
  if (problems.length === 0) problems.push(...ldflagsTemplateProblems(value as GocrossConfig, lineOf));
  if (problems.length > 0) throw new ConfigError(file, problems);
  return value as GocrossConfig;
}

/** Loads `explicitPath`, or the config found in `dir`, or the empty config. */
export async function loadConfig(opts: { dir?: string; file?: string } = {}): Promise<LoadedConfig> {
  const projectDir = resolve(opts.dir ?? '.');
  const file = opts.file ? resolve(opts.file) : findConfigFile(projectDir);
  if (!file) return { config: {}, file: null, dir: projectDir, projectDir };
  let text: string;
  try {
    text = await readRegularFile(file, MAX_CONFIG_BYTES);
  } catch (cause) {
    throw new ConfigError(file, [{ path: '', message: `cannot read it: ${ioReason(cause)}` }], { cause });
  }
  return { config: parseConfig(text, file), file, dir: dirname(file), projectDir };
}
