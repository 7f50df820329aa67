/**
 * The example's deploy/k8s: structurally valid (kubernetes-models' JSON schemas for the Kubernetes
 * and Argo Rollouts kinds), passes the gate, and the CLI end to end: directories, stdin, exit
 * codes, formats, a failing manifest pointing at its line.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Rollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout';
import { AnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate';
import { run } from '../src/process/run.ts';
import { REPO } from './support/go.ts';

const DIR = join(REPO, 'examples/hello-service/deploy/k8s');
const MODELS: Record<string, new (data: never) => { validate(): void }> = { Deployment, Namespace, Service, NetworkPolicy, PodDisruptionBudget, Rollout, AnalysisTemplate } as never;
const gocross = (args: string[], input?: string) => run(process.execPath, [join(REPO, 'src/cli/bin.ts'), ...args], { reject: false, timeoutMs: 60_000, ...(input !== undefined ? { input } : {}), env: { ...process.env, NO_COLOR: '1' } });

test('the example manifests are valid Kubernetes / Argo Rollouts objects (kubernetes-models schemas)', async () => {
  const kinds: string[] = [];
  for (const name of (await readdir(DIR)).sort()) {
    for (const doc of parseAllDocuments(await readFile(join(DIR, name), 'utf8')) as Array<{ toJS(): { kind: string } }>) {
      const value = doc.toJS();
      const Model = MODELS[value.kind];
      assert.ok(Model, `${name}: a model for ${value.kind}`);
      assert.doesNotThrow(() => new Model(value as never).validate(), `${name} is valid`);
      kinds.push(value.kind);
    }
  }
  assert.deepEqual(kinds.sort(), ['AnalysisTemplate', 'Deployment', 'Namespace', 'NetworkPolicy', 'PodDisruptionBudget', 'Rollout', 'Service']);
});

test('the schema check is not a rubber stamp: a Deployment without container names is invalid', () => {
  assert.throws(() => new Deployment({ metadata: { name: 'x' }, spec: { selector: {}, template: { spec: { containers: [{ image: 'x' }] } } } } as never).validate());
});

test('gocross gate manifests passes the example with no finding, service paths checked', async () => {
  const r = await gocross(['gate', 'manifests', '-r', DIR, '--service-path', '/readyz', '--service-path', '/livez', '--fail-on', 'warn', '--json']);
  assert.equal(r.exitCode, 0, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as { schemaVersion: number; ok: boolean; summary: { objects: number; workloads: number; fail: number; warn: number }; findings: Array<{ status: string }> };
  assert.equal(report.schemaVersion, 1);
  assert.deepEqual([report.summary.objects, report.summary.workloads, report.summary.fail, report.summary.warn], [7, 1, 0, 0]);
  assert.deepEqual(report.findings.filter((f) => f.status === 'warn' || f.status === 'fail'), []);
});

test('gocross gate manifests - reads stdin, exits 1 on a failing manifest and names file:line:column', async () => {
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n';
  const r = await gocross(['gate', 'manifests', '-'], yaml);
  assert.equal(r.exitCode, 1, r.stderr);
  assert.match(r.stdout, /^<stdin>:7:7 {2}fail {2}image-digest {2}Pod\/default\/p: container app image nginx:1\.27 is not pinned by digest/m);
  assert.match(r.stdout, /FAILED$/m);
});

test('gocross gate manifests exits 2 on invalid YAML and on a missing file, with the file and line', async () => {
  const bad = await gocross(['gate', 'manifests', '-'], 'kind: Pod\nspec: [\n');
  assert.equal(bad.exitCode, 2);
  assert.match(bad.stdout, /^<stdin>:3:1 {2}error {2}not valid YAML/m);
  const missing = await gocross(['gate', 'manifests', 'no-such-dir/x.yaml']);
  assert.equal(missing.exitCode, 2);
  assert.match(missing.stderr, /Cannot read no-such-dir\/x\.yaml: no such file or directory/);
  const usage = await gocross(['gate', 'manifests', DIR, '--format', 'xml']);
  assert.equal(usage.exitCode, 2);
});

test('gocross gate manifests --format sarif and github, --list-rules', async () => {
  const sarif = await gocross(['gate', 'manifests', '-r', DIR, '--format', 'sarif']);
  assert.equal(sarif.exitCode, 0);
  assert.equal((JSON.parse(sarif.stdout) as { version: string }).version, '2.1.0');
  const list = await gocross(['gate', 'manifests', '--list-rules', '--json']);
  const rules = (JSON.parse(list.stdout) as { rules: Array<{ id: string; crosswalk: object }> }).rules;
  assert.ok(rules.length >= 20);
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'rule ids are unique');
});

test('docs/gate-rules.md documents every rule id with its crosswalk row', async () => {
  const { RULES } = await import('../src/gate/manifests/rules/index.ts');
  const docs = await readFile(join(REPO, 'docs/gate-rules.md'), 'utf8');
  for (const r of RULES) assert.match(docs, new RegExp(`^\\| \`${r.id}\` \\| ${r.severity} \\|`, 'm'), `${r.id} has a row`);
});
