/**
 * Benchmark of `gocross gate manifests` (issue 14): check 2,000 generated manifests (mixed kinds,
 * multi-document files) against only parsing the same files with the same YAML library
 * (`yaml` parseAllDocuments + toJS) in the same run — the floor. Target: within 2× of parsing.
 * Reports objects per second. Not a test: it prints figures.
 *
 *   node bench/gate-manifests.ts [--objects N] [--per-file N] [--runs N]
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { evaluateManifests } from '../src/gate/manifests/evaluate.ts';
import { loadManifests } from '../src/gate/manifests/load.ts';
import { renderGateTerminal } from '../src/render/gate/terminal.ts';

const { values } = parseArgs({ options: { objects: { type: 'string', default: '2000' }, 'per-file': { type: 'string', default: '10' }, runs: { type: 'string', default: '5' } } });
const OBJECTS = Number(values.objects);
const PER_FILE = Number(values['per-file']);
const RUNS = Number(values.runs);
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** One manifest of a kind chosen by i: workloads (some failing rules), Services, ConfigMaps, PDBs, NetworkPolicies, Rollouts, AnalysisTemplates. */
function manifest(i: number): string {
  const name = `app-${i}`;
  const container = `
        - name: app
          image: registry.example.com/${name}${i % 3 === 0 ? ':1.0' : `@sha256:${'ab'.repeat(32)}`}
          ports: [{ containerPort: 8080, name: http }]
          securityContext:
            allowPrivilegeEscalation: ${i % 5 === 0}
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
          resources:
            requests: { cpu: 10m, memory: 16Mi }
            limits: { memory: 32Mi }
          readinessProbe: { httpGet: { path: /readyz, port: http } }
          livenessProbe: { httpGet: { path: /livez, port: http } }`;
  const template = `
    metadata:
      labels: { app: ${name} }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: RuntimeDefault } }
      containers:${container}`;
  switch (i % 8) {
    case 0:
    case 1:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ns-${i % 7}\nspec:\n  replicas: 3\n  selector:\n    matchLabels: { app: ${name} }\n  template:${template}\n`;
    case 2:
      return `apiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: ns-${i % 7} }\nspec:\n  type: ${i % 16 === 2 ? 'NodePort' : 'ClusterIP'}\n  selector: { app: ${name} }\n  ports: [{ port: 80, targetPort: http }]\n`;
    case 3:
      return `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: ns-${i % 7} }\ndata:\n  config.yaml: |\n    level: info\n    port: 8080\n`;
    case 4:
      return `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: ${name}, namespace: ns-${i % 7} }\nspec:\n  maxUnavailable: 1\n  selector: { matchLabels: { app: app-${i - 4} } }\n`;
    case 5:
      return `apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: ${name}, namespace: ns-${i % 7} }\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:${template.replace(/\n/g, '\n    ')}\n          restartPolicy: OnFailure\n`;
    case 6:
      return `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: ${name}, namespace: ns-${i % 7} }\nspec:\n  replicas: 2\n  selector:\n    matchLabels: { app: ${name} }\n  strategy:\n    canary:\n      steps: [{ setWeight: 20 }, { analysis: { templates: [{ templateName: ${name}-sr }] } }]\n  template:${template}\n`;
    default:
      return `apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: app-${i - 1}-sr, namespace: ns-${(i - 1) % 7} }\nspec:\n  metrics:\n    - name: sr\n      interval: 1m\n      count: 3\n      successCondition: ${i % 16 === 7 ? 'result >= 0.9' : 'len(result) == 0 || isNaN(result[0]) || result[0] >= 0.9'}\n      provider:\n        prometheus: { address: 'http://prometheus:9090', query: 'sum(rate(x[1m]))' }\n`;
  }
}

const dir = await mkdtemp(join(tmpdir(), 'gocross-bench-gate-'));
try {
  const files: string[] = [];
  for (let f = 0; f * PER_FILE < OBJECTS; f++) {
    const docs = [];
    for (let i = f * PER_FILE; i < Math.min(OBJECTS, (f + 1) * PER_FILE); i++) docs.push(`# Source: chart/templates/${i}.yaml\n${manifest(i)}`);
    const file = join(dir, `m-${String(f).padStart(4, '0')}.yaml`);
    await writeFile(file, `---\n${docs.join('---\n')}`);
    files.push(file);
  }
  log(`${OBJECTS} manifests in ${files.length} files (${PER_FILE} documents each) under ${dir}`);

  const floor = async (): Promise<number> => {
    let objects = 0;
    for (const file of files) for (const doc of parseAllDocuments(await readFile(file, 'utf8')) as Array<{ toJS(): unknown }>) if (doc.toJS()) objects++;
    return objects;
  };
  let lastReport: ReturnType<typeof evaluateManifests> | undefined;
  const gate = async (): Promise<number> => {
    const report = evaluateManifests(await loadManifests([dir]));
    renderGateTerminal(report);
    lastReport = report;
    return report.summary.objects;
  };

  await floor();
  await gate();
  const times = { floor: [] as number[], gate: [] as number[] };
  for (let r = 0; r < RUNS; r++) {
    for (const [name, fn] of [['floor', floor], ['gate', gate]] as const) {
      const start = process.hrtime.bigint();
      const n = await fn();
      times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
      if (n !== OBJECTS) throw new Error(`${name} saw ${n} objects, expected ${OBJECTS}`);
    }
  }
  const f = median(times.floor);
  const g = median(times.gate);
  const s = lastReport!.summary;
  log(`findings: ${s.fail} fail, ${s.warn} warn over ${s.workloads} workloads`);
  process.stdout.write(
    [
      `objects:              ${OBJECTS} (${files.length} files), median of ${RUNS} runs`,
      `floor (yaml parse):   ${f.toFixed(1)} ms  ${((OBJECTS / f) * 1000).toFixed(0)} objects/s`,
      `gate manifests:       ${g.toFixed(1)} ms  ${((OBJECTS / g) * 1000).toFixed(0)} objects/s`,
      `ratio gate / floor:   ${(g / f).toFixed(2)}× (target ≤ 2×: ${g / f <= 2 ? 'met' : 'NOT met'})`,
      '',
    ].join('\n'),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
