/**
 * `gocross gate manifests PATH…` and `gocross gate drift`: the production baseline for
 * Kubernetes manifests, tied to the artifacts gocross built, and desired-vs-live drift.
 * Exit status: 0 passed, 1 findings (or drift), 2 bad input, usage or config.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { GocrossError } from '../../core/errors.ts';
import { compareObjects, DRIFT_SCHEMA_VERSION } from '../../gate/drift/drift.ts';
import { liveFromKubectl, liveObjects } from '../../gate/drift/live.ts';
import { objectsOf } from '../../gate/manifests/objects.ts';
import { readBuiltImages } from '../../gate/manifests/built-images.ts';
import { evaluateManifests } from '../../gate/manifests/evaluate.ts';
import { GATE_CONFIG_NAME, parseGateConfig, type GateConfig } from '../../gate/manifests/gate-config.ts';
import { DEFAULT_MAX_FILE_BYTES, loadManifests } from '../../gate/manifests/load.ts';
import { RULES } from '../../gate/manifests/rules/index.ts';
import { renderDrift } from '../../render/gate/drift.ts';
import { renderGateGithub } from '../../render/gate/github.ts';
import { renderGateJson } from '../../render/gate/json.ts';
import { renderGateJunit } from '../../render/gate/junit.ts';
import { renderGateSarif } from '../../render/gate/sarif.ts';
import { renderGateTerminal, renderRuleList } from '../../render/gate/terminal.ts';
import { painter, stdout } from '../../render/style.ts';
import { atomicWrite } from '../../util/atomic-write.ts';
import { ExitError, UsageError } from '../errors.ts';

const FORMATS = ['terminal', 'json', 'sarif', 'junit', 'github'] as const;
type Format = (typeof FORMATS)[number];

interface ManifestsOptions {
  recursive?: boolean;
  format?: string;
  json?: boolean;
  sarif?: string;
  junit?: string;
  config?: string;
  manifest?: string;
  imageIndex?: string;
  failOn: string;
  maxFileSize?: string;
  servicePath: string[];
  listRules?: boolean;
  verbose?: boolean;
}

/** The same error, ending the gate with exit 2 (kubectl diff's "an error"), its message and fix intact. */
function exit2(error: GocrossError): GocrossError {
  return new GocrossError(error.kind, error.message, { fix: error.fix, cause: error, exitWith: 2 });
}

/** Input, config and environment errors end the gate with exit 2 (like kubectl diff's >1); other GocrossErrors propagate. */
async function orExit2<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof GocrossError && (error.kind === 'input' || error.kind === 'config')) throw exit2(error);
    throw error;
  }
}

async function loadConfig(path: string | undefined): Promise<GateConfig> {
  const file = path ?? (existsSync(GATE_CONFIG_NAME) ? GATE_CONFIG_NAME : undefined);
  if (!file) return { ignores: [], servicePaths: [] };
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new GocrossError('config', `Cannot read ${file}: ${error.message}`, { cause: error });
  });
  return parseGateConfig(text, file, RULES);
}

async function manifestsAction(paths: string[], options: ManifestsOptions): Promise<void> {
  const format = (options.json ? 'json' : (options.format ?? 'terminal')) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${options.format}')`);
  if (options.failOn !== 'warn' && options.failOn !== 'fail') throw new UsageError(`--fail-on must be warn or fail (got '${options.failOn}')`);
  if (options.manifest && options.imageIndex) throw new UsageError('give --manifest or --image-index, not both');
  const maxFileBytes = options.maxFileSize === undefined ? DEFAULT_MAX_FILE_BYTES : Number(options.maxFileSize);
  if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) throw new UsageError(`--max-file-size must be a number of bytes (got '${options.maxFileSize}')`);
  if (options.listRules) {
    process.stdout.write(format === 'json' ? `${JSON.stringify({ schemaVersion: 1, rules: RULES.map(({ evaluate: _e, ...r }) => r) }, null, 2)}\n` : renderRuleList(RULES, painter(stdout().color)));
    return;
  }
  if (paths.length === 0) throw new UsageError("name the manifests to check (files, directories with -r, or '-' for stdin)");
  const { config, files, built } = await orExit2(async () => ({
    config: await loadConfig(options.config),
    files: await loadManifests(paths, { recursive: options.recursive, maxFileBytes }),
    built: await readBuiltImages({ manifest: options.manifest, imageIndex: options.imageIndex }),
  }));
  const servicePaths = [...config.servicePaths, ...options.servicePath];
  const report = evaluateManifests(files, { built, ignores: config.ignores, servicePaths: servicePaths.length ? servicePaths : undefined, failOn: options.failOn });
  if (options.sarif) await atomicWrite(options.sarif, renderGateSarif(report, RULES));
  if (options.junit) await atomicWrite(options.junit, renderGateJunit(report));
  const out = stdout();
  const text =
    format === 'json' ? renderGateJson(report)
    : format === 'sarif' ? renderGateSarif(report, RULES)
    : format === 'junit' ? renderGateJunit(report)
    : format === 'github' ? renderGateGithub(report) + renderGateTerminal(report, { verbose: options.verbose })
    : renderGateTerminal(report, { paint: painter(out.color), verbose: options.verbose });
  out.write(text);
  if (report.inputProblems.length > 0) throw new ExitError(2);
  if (!report.ok) throw new ExitError(1);
}

interface DriftOptions {
  recursive?: boolean;
  live?: string;
  context?: string;
  namespace?: string;
  kubectl?: string;
  json?: boolean;
  maxFileSize?: string;
}

async function driftAction(paths: string[], options: DriftOptions): Promise<void> {
  if (paths.length === 0) throw new UsageError("name the desired manifests (files, directories with -r, or '-' for stdin)");
  if (options.live === '-' && paths.includes('-')) throw new UsageError("stdin cannot hold both the manifests and --live");
  const maxFileBytes = options.maxFileSize === undefined ? DEFAULT_MAX_FILE_BYTES : Number(options.maxFileSize);
  const report = await (async () => {
    try {
      const files = await loadManifests(paths, { recursive: options.recursive, maxFileBytes });
      const { objects: desired, problems } = objectsOf(files);
      const problem = [...files.flatMap((f) => f.problems), ...problems][0];
      if (problem) throw new GocrossError('input', `Cannot read the desired manifests: ${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
      const liveFiles = options.live ? await loadManifests([options.live], { maxFileBytes }) : await liveFromKubectl(desired, { context: options.context, namespace: options.namespace, kubectl: options.kubectl });
      return compareObjects(desired, liveObjects(liveFiles), { namespace: options.namespace });
    } catch (error) {
      // Like kubectl diff: any error is an exit status above 1.
      if (error instanceof GocrossError) throw exit2(error);
      throw error;
    }
  })();
  const out = stdout();
  out.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderDrift(report, painter(out.color)));
  if (!report.same) throw new ExitError(1);
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `gocross gate manifests`. */
export function registerManifests(gate: Command): void {
  gate
    .command('manifests')
    .description(
      'Check Kubernetes manifests (YAML files, directories, helm template / kustomize build output on stdin) against the production baseline:\n' +
        'effective security context per container (pod, then container; init and ephemeral containers), resources, probes, replicas,\n' +
        'PodDisruptionBudget, anti-affinity, images pinned by digest — and with --manifest or --image-index, the digest gocross built and its SBOM —\n' +
        'Services, NetworkPolicies, Argo Rollouts and AnalysisTemplates. Every finding names file:line:column and the fix.',
    )
    .argument('[path...]', "manifest files, directories, or '-' for stdin")
    .option('-r, --recursive', 'read directories recursively')
    .option('--format <format>', `output on stdout: ${FORMATS.join(', ')}`, 'terminal')
    .option('--json', 'same as --format json (schemaVersion 1)')
    .option('--sarif <file>', 'also write SARIF 2.1.0 to the file')
    .option('--junit <file>', 'also write JUnit XML to the file')
    .option('--config <file>', `ignores (each with a reason) and service paths (default: ./${GATE_CONFIG_NAME} when present)`)
    .option('--manifest <file>', 'dist/manifest.json: pinned digests must be the images gocross built, each with its SBOM')
    .option('--image-index <file>', "an OCI layout (directory or its index.json) or image index gocross wrote, instead of --manifest")
    .option('--service-path <path>', 'an HTTP path the service serves (repeatable): probe paths must be among them', collect, [])
    .option('--fail-on <level>', 'exit 1 on findings at this level or worse: warn or fail', 'fail')
    .option('--max-file-size <bytes>', `refuse larger files (default ${DEFAULT_MAX_FILE_BYTES})`)
    .option('--list-rules', 'list the rules (id, severity, title, fix) and exit')
    .option('-v, --verbose', 'also show notes (info findings)')
    .addHelpText(
      'after',
      '\nIgnore a rule for one object with the annotation  ignore.gate.gocross.dev/<rule-id>: "<reason>"  or in the config file:\n' +
        '  ignore:\n    - { rule: read-only-root-filesystem, objects: [Deployment/web/*], reason: "writes its cache under /" }\n' +
        'Every ignore needs a reason, and all are listed in the report.\n\n' +
        'Exit status: 0 passed; 1 a finding at --fail-on or worse (or a refused ignore); 2 unreadable input, bad usage or config.\n\n' +
        'Examples:\n  gocross gate manifests -r deploy/k8s\n  helm template chart | gocross gate manifests - --sarif gate.sarif\n  gocross gate manifests deploy/k8s --manifest dist/manifest.json --format github',
    )
    .action(manifestsAction);
}

/** `gocross gate drift`. */
export function registerDrift(gate: Command): void {
  gate
    .command('drift')
    .description(
      'Compare desired manifests with the live objects, Kubernetes-aware: server defaults, status, managedFields, server-set\n' +
        'annotations and labels, assigned fields (clusterIP), quantity spelling and field order are not drift.\n' +
        'Live objects come from --live FILE (a kubectl get -o yaml export: CI needs no credentials) or from kubectl.',
    )
    .argument('[path...]', "desired manifest files, directories, or '-' for stdin")
    .option('-r, --recursive', 'read directories recursively')
    .option('--live <file>', 'live objects exported with kubectl get -o yaml (a List or documents)')
    .option('--context <name>', 'kubectl context to read live objects from (without --live)')
    .option('-n, --namespace <ns>', 'namespace of manifests that name none')
    .option('--kubectl <path>', 'the kubectl to run', 'kubectl')
    .option('--max-file-size <bytes>', `refuse larger files (default ${DEFAULT_MAX_FILE_BYTES})`)
    .option('--json', `machine-readable output (schemaVersion ${DRIFT_SCHEMA_VERSION})`)
    .addHelpText('after', '\nExit status (as kubectl diff): 0 no drift; 1 drift; 2 an error.\n\nExamples:\n  kubectl get deploy,svc,netpol,pdb -n hello -o yaml > live.yaml\n  gocross gate drift -r deploy/k8s --live live.yaml')
    .action(driftAction);
}
