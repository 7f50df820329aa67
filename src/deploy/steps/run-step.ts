/**
 * One step of a host's pipeline: emits `step` start/end events, times it, and records its
 * StepResult. A step's function returns what it found (and says `ok` or `skip`), or throws; a
 * throw is recorded as `fail` with the error's message (escaped: it may quote the device) and
 * rethrown for the pipeline to decide what the failure means for the host.
 */
import type { Finding } from '../../core/check.ts';
import { GocrossError } from '../../core/errors.ts';
import { printable } from '../../util/printable.ts';
import type { DeployEvent, StepName, StepResult, StepStatus } from '../model.ts';

export interface StepDone<T> {
  value: T;
  message: string;
  status?: Exclude<StepStatus, 'fail'>;
  findings?: Finding[];
}

/** A step that ran and said no (a failed gate, a bad checksum), as opposed to one that broke. */
export class StepFailed extends GocrossError {
  readonly findings: Finding[] | undefined;
  constructor(message: string, options: { fix?: string; findings?: Finding[]; cause?: unknown } = {}) {
    super('failure', message, { ...(options.fix === undefined ? {} : { fix: options.fix }), cause: options.cause });
    this.findings = options.findings;
  }
}

export function messageOf(error: unknown): string {
  return printable(error instanceof Error ? error.message : String(error));
}

export class StepRecorder {
  readonly steps: StepResult[] = [];
  private readonly host: string;
  private readonly emit: (event: DeployEvent) => void;

  constructor(host: string, emit: (event: DeployEvent) => void) {
    this.host = host;
    this.emit = emit;
  }

  async run<T>(step: StepName, fn: () => Promise<StepDone<T>>): Promise<T> {
    const started = Date.now();
    this.emit({ type: 'step', host: this.host, step, phase: 'start' });
    try {
      const done = await fn();
      this.record({ step, status: done.status ?? 'ok', durationMs: Date.now() - started, message: done.message, ...(done.findings ? { findings: done.findings } : {}) });
      return done.value;
    } catch (error) {
      const fix = error instanceof GocrossError ? error.fix : undefined;
      const findings = error instanceof StepFailed ? error.findings : undefined;
      this.record({ step, status: 'fail', durationMs: Date.now() - started, message: messageOf(error), ...(fix ? { fix } : {}), ...(findings ? { findings } : {}) });
      throw error;
    }
  }

  /** A step that did not run (dry run, already done, not needed), with why. */
  skip(step: StepName, message: string): void {
    this.emit({ type: 'step', host: this.host, step, phase: 'start' });
    this.record({ step, status: 'skip', durationMs: 0, message });
  }

  private record(result: StepResult): void {
    this.steps.push(result);
    this.emit({ type: 'step', host: this.host, step: result.step, phase: 'end', status: result.status, message: result.message, durationMs: result.durationMs });
  }
}
