/**
 * The gate, pure: parsed files and facts in, a report out. Runs every rule (a rule that throws is
 * a failed finding, not a crash), points findings at file:line:column, applies ignores (each with
 * its reason, listed in the report), and decides the verdict.
 */
import { atLeast, worst, type Status } from '../../core/check.ts';
import { annotationIgnores, ignoreApplies, type IgnoreEntry } from './ignores.ts';
import { objectRef, type BuiltImages, type GateFacts, type GateFinding, type GateRule, type ReportFinding } from './model.ts';
import { objectsOf } from './objects.ts';
import type { ParsedFile } from './parse.ts';
import { GATE_SCHEMA_VERSION, type GateReport, type ListedIgnore } from './report.ts';
import { RULES } from './rules/index.ts';
import { workloadsOf } from './workloads.ts';

export interface GateOptions {
  rules?: readonly GateRule[];
  built?: BuiltImages;
  servicePaths?: string[];
  ignores?: readonly IgnoreEntry[];
  failOn?: 'warn' | 'fail';
}

export function factsOf(files: readonly ParsedFile[], options: GateOptions = {}): { facts: GateFacts; problems: ReturnType<typeof objectsOf>['problems'] } {
  const { objects, problems } = objectsOf(files);
  const facts: GateFacts = { objects, workloads: workloadsOf(objects), ...(options.built ? { built: options.built } : {}), ...(options.servicePaths ? { servicePaths: options.servicePaths } : {}) };
  return { facts, problems };
}

function evaluateRule(rule: GateRule, facts: GateFacts): GateFinding[] {
  try {
    return rule.evaluate(facts);
  } catch (error) {
    return [{ status: 'fail', message: `Cannot evaluate rule ${rule.id}: ${(error as Error)?.message ?? String(error)}` }];
  }
}

export function evaluateManifests(files: readonly ParsedFile[], options: GateOptions = {}): GateReport {
  const rules = options.rules ?? RULES;
  const failOn = options.failOn ?? 'fail';
  const { facts, problems: objectProblems } = factsOf(files, options);
  const byFile = new Map(files.map((f) => [f.file, f]));
  const fromAnnotations = annotationIgnores(facts.objects, rules);
  const entries: IgnoreEntry[] = [...(options.ignores ?? []), ...fromAnnotations.entries];
  const matched = new Map<IgnoreEntry, number>();

  const findings: ReportFinding[] = [];
  const ruleStatus = new Map<string, Status[]>();
  for (const rule of rules) {
    const statuses: Status[] = [];
    for (const f of evaluateRule(rule, facts)) {
      const target = f.object === undefined ? undefined : facts.objects[f.object];
      const location = target && f.path ? byFile.get(target.file)?.locate(target.document, [...target.basePath, ...f.path]) : undefined;
      // An ignore may name the workload (subject) or the object holding the field (a Rollout's referenced Deployment).
      const refs = [f.subject, target ? objectRef(target) : undefined].filter((r): r is string => r !== undefined);
      const ignore = f.status === 'warn' || f.status === 'fail' ? entries.find((e) => ignoreApplies(e, rule.id, refs, f.container) && (e.objectIndex === undefined || refs.includes(objectRef(facts.objects[e.objectIndex]!)))) : undefined;
      if (ignore) matched.set(ignore, (matched.get(ignore) ?? 0) + 1);
      else statuses.push(f.status);
      findings.push({
        rule: rule.id,
        status: f.status,
        message: f.message,
        ...(f.status === 'warn' || f.status === 'fail' ? { fix: f.fix ?? rule.fix } : {}),
        ...(f.subject ? { object: f.subject } : {}),
        ...(f.container ? { container: f.container } : {}),
        ...(location ? { location } : {}),
        ...(ignore ? { ignored: { rule: ignore.rule, reason: ignore.reason, source: ignore.source } } : {}),
      });
    }
    ruleStatus.set(rule.id, statuses);
  }

  const inputProblems = [...files.flatMap((f) => f.problems), ...objectProblems];
  const live = findings.filter((f) => !f.ignored);
  const count = (s: Status): number => live.filter((f) => f.status === s).length;
  const ignores: ListedIgnore[] = entries.map((e) => ({ rule: e.rule, reason: e.reason, source: e.source, objects: e.objects, containers: e.containers, matched: matched.get(e) ?? 0 }));
  return {
    schemaVersion: GATE_SCHEMA_VERSION,
    ok: inputProblems.length === 0 && fromAnnotations.problems.length === 0 && !live.some((f) => atLeast(f.status, failOn)),
    failOn,
    summary: { files: files.length, objects: facts.objects.length, workloads: facts.workloads.length, fail: count('fail'), warn: count('warn'), info: count('info'), ignored: findings.length - live.length },
    rules: rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, category: r.category, fix: r.fix, status: worst(ruleStatus.get(r.id) ?? []) })),
    findings,
    ignores,
    ignoreProblems: fromAnnotations.problems,
    inputProblems,
  };
}
