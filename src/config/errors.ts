/** A config file that cannot be read, parsed or validated. */
import { GocrossError } from '../core/errors.ts';

export interface ConfigProblem {
  /** Key path like "build.cc.linux/arm64" or "targets[2]" ("" for the root). */
  path: string;
  message: string;
  expected?: string;
  got?: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

/** A `config` error (exit 2); the message lists every problem, one per line. */
export class ConfigError extends GocrossError {
  readonly file: string;
  readonly problems: ConfigProblem[];
  constructor(file: string, problems: ConfigProblem[], options?: ErrorOptions) {
    super('config', formatProblems(file, problems), options);
    this.file = file;
    this.problems = problems;
  }
}

export function formatProblems(file: string, problems: ConfigProblem[]): string {
  const lines = problems.map((p) => {
    const at = `${file}${p.line ? `:${p.line}` : ''}: ${p.path || '(top level)'}`;
    const detail = p.expected !== undefined ? `expected ${p.expected}, got ${p.got ?? 'nothing'}` : p.message;
    return `  ${at}: ${detail}`;
  });
  return `Cannot use config ${file}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`}\n${lines.join('\n')}`;
}
