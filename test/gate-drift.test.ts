/**
 * gate drift: a recorded `kubectl get -o yaml` export of the example (written by hand from the API
 * reference defaults) is identical to its sources after defaulting; each kind of real change is
 * detected; the CLI exits like kubectl diff (0 same, 1 drift, 2 error).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compareObjects } from '../src/gate/drift/drift.ts';
import { withDefaults } from '../src/gate/drift/defaults.ts';
import { diff } from '../src/gate/drift/diff.ts';
import { quantityValue, sameQuantity } from '../src/gate/drift/quantity.ts';
import { liveObjects } from '../src/gate/drift/live.ts';
import { loadManifests } from '../src/gate/manifests/load.ts';
import { objectsOf } from '../src/gate/manifests/objects.ts';
import { parseManifestText } from '../src/gate/manifests/parse.ts';
import type { JsonObject, K8sObject } from '../src/gate/manifests/model.ts';
import { run } from '../src/process/run.ts';
import { REPO } from './support/go.ts';

const DESIRED = join(REPO, 'examples/hello-service/deploy/k8s');
const LIVE = join(REPO, 'test/fixtures/gate-drift/hello-live.yaml');
const gocross = (args: string[]) => run(process.execPath, [join(REPO, 'src/cli/bin.ts'), ...args], { reject: false, timeoutMs: 60_000, env: { ...process.env, NO_COLOR: '1' } });

async function sides(): Promise<{ desired: K8sObject[]; live: K8sObject[] }> {
  const desired = objectsOf(await loadManifests([DESIRED])).objects;
  const live = liveObjects([parseManifestText(await readFile(LIVE, 'utf8'), 'live.yaml')]);
  return { desired, live };
}

test('the recorded live export of the example is the same as its manifests after defaulting', async () => {
  const { desired, live } = await sides();
  const report = compareObjects(desired, live);
  assert.deepEqual(report.objects.filter((o) => o.status !== 'same'), []);
  assert.equal(report.objects.length, 7);
  assert.equal(report.same, true);
});

type Mutation = [string, string, (o: any) => void, RegExp]; // eslint-disable-line @typescript-eslint/no-explicit-any
const CHANGES: Mutation[] = [
  ['a changed image digest', 'Deployment', (o) => (o.spec.template.spec.containers[0].image = `registry.example.com/hello-service@sha256:${'0'.repeat(64)}`), /spec\.template\.spec\.containers\.hello-service\.image/],
  ['scaled replicas', 'Rollout', (o) => (o.spec.replicas = 5), /^spec\.replicas$/],
  ['an env var added by hand', 'Deployment', (o) => o.spec.template.spec.containers[0].env.push({ name: 'DEBUG', value: '1' }), /env\.DEBUG/],
  ['a label removed', 'Deployment', (o) => delete o.metadata.labels['app.kubernetes.io/name'], /^metadata\.labels/],
  ['a raised memory limit', 'Deployment', (o) => (o.spec.template.spec.containers[0].resources.limits.memory = '128Mi'), /resources\.limits\.memory/],
  ['a changed probe path', 'Deployment', (o) => (o.spec.template.spec.containers[0].readinessProbe.httpGet.path = '/'), /readinessProbe\.httpGet\.path/],
  ['an injected sidecar', 'Deployment', (o) => o.spec.template.spec.containers.push({ name: 'istio-proxy', image: 'istio/proxyv2:1.22' }), /containers\.istio-proxy/],
  ['a Service turned NodePort', 'Service', (o) => (o.spec.type = 'NodePort'), /^spec\.type$/],
  ['a NetworkPolicy egress rule removed', 'NetworkPolicy', (o) => o.spec.egress.pop(), /spec\.egress\.0/],
  ['a hand-written annotation', 'PodDisruptionBudget', (o) => (o.metadata.annotations = { 'team.example.com/owner': 'ops' }), /metadata\.annotations/],
  ['a changed analysis threshold', 'AnalysisTemplate', (o) => (o.spec.metrics[0].successCondition = 'result[0] >= 0.5'), /successCondition/],
  ['a seccomp profile relaxed', 'Deployment', (o) => (o.spec.template.spec.securityContext.seccompProfile.type = 'Unconfined'), /seccompProfile\.type/],
];

for (const [name, kind, mutate, path] of CHANGES) {
  test(`gate drift detects ${name}`, async () => {
    const { desired, live } = await sides();
    const target = live.find((o) => o.kind === kind)!;
    mutate(target.body);
    const report = compareObjects(desired, live);
    assert.equal(report.same, false);
    const drifted = report.objects.filter((o) => o.status !== 'same');
    assert.deepEqual(drifted.map((o) => o.object.split('/')[0]), [kind]);
    assert.ok(drifted[0]!.changes.some((c) => path.test(c.path.join('.'))), JSON.stringify(drifted[0]!.changes));
  });
}

test('gate drift reports an object that is not live as missing', async () => {
  const { desired, live } = await sides();
  const report = compareObjects(desired, live.filter((o) => o.kind !== 'Service'));
  assert.deepEqual(report.objects.filter((o) => o.status !== 'same').map((o) => [o.object, o.status]), [['Service/hello/hello-service', 'missing']]);
});

test('withDefaults() fills the API defaults and keeps what the manifest wrote', () => {
  const d = withDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { revisionHistoryLimit: 2, template: { spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }] } } } }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(d.spec.replicas, 1);
  assert.equal(d.spec.revisionHistoryLimit, 2);
  assert.deepEqual(d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
  assert.equal(d.spec.template.spec.restartPolicy, 'Always');
  assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'Always', 'no tag means latest, pulled Always');
  assert.equal(d.spec.template.spec.containers[0].ports[0].protocol, 'TCP');
  const job = withDefaults({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [] } } } } } }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(job.spec.jobTemplate.spec.backoffLimit, 6);
  assert.equal(job.spec.jobTemplate.spec.template.spec.restartPolicy, undefined, 'a Job pod has no default restartPolicy');
  const custom: JsonObject = { apiVersion: 'example.com/v1', kind: 'Deployment', spec: {} };
  assert.deepEqual(withDefaults(custom), custom, 'a custom resource named like a built-in is left alone');
});

const QUANTITIES: Array<[string | number, number | undefined]> = [['1Gi', 2 ** 30], ['1024Mi', 2 ** 30], ['500m', 0.5], ['0.5', 0.5], ['1e3', 1000], ['1k', 1000], [2, 2], ['12 Mi', undefined], ['lots', undefined]];
for (const [q, v] of QUANTITIES) test(`quantityValue(${JSON.stringify(q)}) is ${v}`, () => assert.equal(quantityValue(q), v));

test('diff(): quantities by value only under resources, named lists by name, int-or-string ports', () => {
  assert.deepEqual(diff({ resources: { limits: { cpu: '1' } } }, { resources: { limits: { cpu: '1000m' } } }), []);
  assert.equal(diff({ replicas: '1' }, { replicas: 'one' }).length, 1);
  assert.equal(sameQuantity('1Gi', '1G'), false);
  assert.deepEqual(diff({ c: [{ name: 'a', v: 1 }, { name: 'b', v: 2 }] }, { c: [{ name: 'a', v: 1 }, { name: 'b', v: 2 }] }), []);
  assert.deepEqual(diff({ c: [{ name: 'a' }, { name: 'b' }] }, { c: [{ name: 'b' }, { name: 'a' }] }).map((c) => c.kind), ['changed'], 'container order is drift');
  assert.deepEqual(diff({ port: 8080 }, { port: '8080' }), []);
});

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

test('gocross gate drift exits 0 without drift, 1 with drift, 2 on an unreadable live file', async () => {
  const same = await gocross(['gate', 'drift', '-r', DESIRED, '--live', LIVE]);
  assert.equal(same.exitCode, 0, same.stderr + same.stdout);
  assert.match(same.stdout, /7 same, 0 drifted, 0 missing — NO DRIFT/);
  const dir = await mkdtemp(join(tmpdir(), 'gate-drift-'));
  dirs.push(dir);
  const changed = (await readFile(LIVE, 'utf8')).replace('replicas: 3', 'replicas: 4');
  await writeFile(join(dir, 'live.yaml'), changed);
  const drift = await gocross(['gate', 'drift', DESIRED, '--live', join(dir, 'live.yaml'), '--json']);
  assert.equal(drift.exitCode, 1);
  const report = JSON.parse(drift.stdout) as { schemaVersion: number; objects: Array<{ object: string; changes: Array<{ path: string[]; desired: unknown; live: unknown }> }> };
  assert.equal(report.schemaVersion, 1);
  assert.deepEqual(report.objects.flatMap((o) => o.changes.map((c) => [o.object, c.path.join('.'), c.desired, c.live])), [['Rollout/hello/hello-service', 'spec.replicas', 3, 4]]);
  await writeFile(join(dir, 'broken.yaml'), 'items: [\n');
  const broken = await gocross(['gate', 'drift', DESIRED, '--live', join(dir, 'broken.yaml')]);
  assert.equal(broken.exitCode, 2);
  assert.match(broken.stderr, /Cannot read the live objects: .*broken\.yaml:2:1: not valid YAML/);
});

test('gocross gate drift without --live asks kubectl for each object (here a stand-in kubectl)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gate-kubectl-'));
  dirs.push(dir);
  const { live } = await sides();
  const args = join(dir, 'args.log');
  for (const o of live) await writeFile(join(dir, `${o.kind}-${o.name}.json`), JSON.stringify(o.body));
  // Prints the recorded object for `get <Kind>[.<group>] <name> …`, and nothing (--ignore-not-found) for others.
  const fake = join(dir, 'kubectl');
  await writeFile(fake, `#!/bin/sh\necho "$@" >> '${args}'\nkind=\${2%%.*}\nf='${dir}'/"$kind-$3.json"\n[ -f "$f" ] && cat "$f"\nexit 0\n`, { mode: 0o755 });
  const r = await gocross(['gate', 'drift', '-r', DESIRED, '--kubectl', fake, '--context', 'prod']);
  assert.equal(r.exitCode, 0, r.stderr + r.stdout);
  const calls = (await readFile(args, 'utf8')).trim().split('\n');
  assert.ok(calls.includes('get Deployment.apps hello-service -o yaml --ignore-not-found -n hello --context prod'), calls.join('\n'));
  assert.ok(calls.includes('get Rollout.argoproj.io hello-service -o yaml --ignore-not-found -n hello --context prod'));
  await rm(join(dir, 'Service-hello-service.json'));
  const missing = await gocross(['gate', 'drift', '-r', DESIRED, '--kubectl', fake]);
  assert.equal(missing.exitCode, 1);
  assert.match(missing.stdout, /missing {2}Service\/hello\/hello-service/);
});
