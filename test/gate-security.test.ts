/**
 * Security rules, table-driven, written from the Kubernetes API reference (PodSecurityContext vs
 * SecurityContext precedence; init and ephemeral containers; CronJob nesting; Rollout workloadRef)
 * and covering the cases the anchors' docs list for the equivalent rules (kube-linter run-as-non-root,
 * privilege-escalation-container, privileged-container, no-read-only-root-fs, drop-net-raw-capability,
 * host-network/pid/ipc, sensitive-host-mounts; Polaris runAsRootAllowed, insecureCapabilities,
 * dangerousCapabilities, hostPathSet; Checkov CKV_K8S_16/17/18/19/20/22/23/25/28/31/37/39).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropCapabilities } from '../src/gate/manifests/rules/drop-capabilities.ts';
import { noDangerousCapabilities } from '../src/gate/manifests/rules/no-dangerous-capabilities.ts';
import { noHostNamespaces } from '../src/gate/manifests/rules/no-host-namespaces.ts';
import { noPrivilegeEscalation } from '../src/gate/manifests/rules/no-privilege-escalation.ts';
import { noPrivileged } from '../src/gate/manifests/rules/no-privileged.ts';
import { noSensitiveHostPath, sensitiveHostPath } from '../src/gate/manifests/rules/no-sensitive-host-path.ts';
import { readOnlyRootFilesystem } from '../src/gate/manifests/rules/read-only-root-filesystem.ts';
import { runAsNonRoot } from '../src/gate/manifests/rules/run-as-non-root.ts';
import { seccompProfile } from '../src/gate/manifests/rules/seccomp-profile.ts';
import type { GateRule } from '../src/gate/manifests/model.ts';
import { container, cronJob, deployment, pod, podSpec, rollout, run, verdicts, type Case, type Obj } from './support/gate.ts';

const sc = (securityContext: Obj, extra: Obj = {}): Obj => container({ securityContext, ...extra });
const baseSc = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
const withPodSc = (podSc: Obj | undefined, containers: Obj[], extra: Obj = {}): Obj => ({ ...podSpec({ containers, ...extra }), securityContext: podSc });

function table(rule: GateRule, cases: Case[]): void {
  for (const c of cases) {
    test(`${rule.id}: ${c.name} → ${c.expect.length ? c.expect.join(', ') : 'pass'}`, () => assert.deepEqual(verdicts(run(rule, c.docs, c.options)), c.expect));
  }
}

table(runAsNonRoot, [
  { name: 'pod runAsNonRoot true, containers inherit', docs: [deployment(withPodSc({ runAsNonRoot: true }, [sc(baseSc)]))], expect: [] },
  { name: 'pod runAsUser 10001 only', docs: [deployment(withPodSc({ runAsUser: 10001 }, [sc(baseSc)]))], expect: [] },
  { name: 'container runAsNonRoot true, nothing on the pod', docs: [deployment(withPodSc(undefined, [sc({ ...baseSc, runAsNonRoot: true })]))], expect: [] },
  { name: 'container runAsUser 1000 overrides pod runAsUser 0', docs: [deployment(withPodSc({ runAsUser: 0 }, [sc({ ...baseSc, runAsUser: 1000 })]))], expect: [] },
  { name: 'nothing set anywhere', docs: [deployment(withPodSc(undefined, [sc(baseSc)]))], expect: ['fail app'] },
  { name: 'container runAsNonRoot false overrides pod true', docs: [deployment(withPodSc({ runAsNonRoot: true }, [sc({ ...baseSc, runAsNonRoot: false })]))], expect: ['fail app'] },
  { name: 'container runAsUser 0 overrides pod runAsUser 1000', docs: [deployment(withPodSc({ runAsUser: 1000 }, [sc({ ...baseSc, runAsUser: 0 })]))], expect: ['fail app'] },
  { name: 'runAsNonRoot true with runAsUser 0 (the kubelet refuses it)', docs: [deployment(withPodSc({ runAsNonRoot: true, runAsUser: 0 }, [sc(baseSc)]))], expect: ['fail app'] },
  { name: 'pod runAsNonRoot false, no user', docs: [deployment(withPodSc({ runAsNonRoot: false }, [sc(baseSc)]))], expect: ['fail app'] },
  {
    name: 'an init container without the setting when only the app container has it',
    docs: [deployment(withPodSc(undefined, [sc({ ...baseSc, runAsNonRoot: true })], { initContainers: [sc(baseSc, { name: 'migrate' })] }))],
    expect: ['fail migrate'],
  },
  { name: 'an ephemeral container inherits the pod level', docs: [pod(withPodSc({ runAsNonRoot: true }, [sc(baseSc)], { ephemeralContainers: [sc(baseSc, { name: 'debug' })] }))], expect: [] },
  { name: 'an ephemeral container running as root', docs: [pod(withPodSc({ runAsNonRoot: true }, [sc(baseSc)], { ephemeralContainers: [sc({ runAsUser: 0 }, { name: 'debug' })] }))], expect: ['fail debug'] },
  { name: 'CronJob: the pod spec three templates deep', docs: [cronJob(withPodSc(undefined, [sc(baseSc)]))], expect: ['fail app'] },
  { name: 'CronJob with a pod-level setting', docs: [cronJob(withPodSc({ runAsNonRoot: true }, [sc(baseSc)]))], expect: [] },
  { name: 'Rollout with an inline template', docs: [rollout(withPodSc(undefined, [sc(baseSc)]))], expect: ['fail app'] },
  {
    name: 'Rollout with workloadRef: the Deployment template is checked once, as the Rollout',
    docs: [deployment(withPodSc(undefined, [sc(baseSc)]), { replicas: 0 }), rollout(null, { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } })],
    expect: ['fail app'],
  },
  { name: 'Windows pods are left alone', docs: [deployment(withPodSc(undefined, [sc(baseSc)], { os: { name: 'windows' } }))], expect: [] },
  { name: 'kinds without a pod template are left alone', docs: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { template: 'spec' } }, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } }], expect: [] },
  { name: 'a Deployment whose API group is not apps is not a Deployment', docs: [{ ...deployment(withPodSc(undefined, [sc(baseSc)])), apiVersion: 'example.com/v1' }], expect: [] },
]);

table(noPrivilegeEscalation, [
  { name: 'false on the container', docs: [deployment()], expect: [] },
  { name: 'not set (the default is true)', docs: [deployment(podSpec({ containers: [sc({ readOnlyRootFilesystem: true })] }))], expect: ['fail app'] },
  { name: 'true', docs: [deployment(podSpec({ containers: [sc({ allowPrivilegeEscalation: true })] }))], expect: ['fail app'] },
  { name: 'false but privileged (always true then)', docs: [deployment(podSpec({ containers: [sc({ allowPrivilegeEscalation: false, privileged: true })] }))], expect: ['fail app'] },
  { name: 'false but adds CAP_SYS_ADMIN', docs: [deployment(podSpec({ containers: [sc({ allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } })] }))], expect: ['fail app'] },
  { name: 'an init container without it', docs: [deployment(podSpec({ initContainers: [container({ name: 'init', securityContext: {} })] }))], expect: ['fail init'] },
  { name: 'there is no pod-level field: a pod securityContext key does not count', docs: [deployment({ ...podSpec({ containers: [container({ securityContext: {} })] }), securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true } })], expect: ['fail app'] },
]);

table(noPrivileged, [
  { name: 'not set', docs: [deployment()], expect: [] },
  { name: 'false', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, privileged: false })] }))], expect: [] },
  { name: 'true', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, privileged: true })] }))], expect: ['fail app'] },
  { name: 'true on an ephemeral container', docs: [pod(podSpec({ ephemeralContainers: [sc({ privileged: true }, { name: 'debug' })] }))], expect: ['fail debug'] },
]);

table(readOnlyRootFilesystem, [
  { name: 'true', docs: [deployment()], expect: [] },
  { name: 'false', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, readOnlyRootFilesystem: false })] }))], expect: ['warn app'] },
  { name: 'absent', docs: [deployment(podSpec({ containers: [sc({ allowPrivilegeEscalation: false })] }))], expect: ['warn app'] },
  { name: 'no securityContext at all', docs: [deployment(podSpec({ containers: [container({ securityContext: undefined })] }))], expect: ['warn app'] },
]);

table(dropCapabilities, [
  { name: 'drop ALL', docs: [deployment()], expect: [] },
  { name: 'drop all (lower case, as the runtime accepts)', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, capabilities: { drop: ['all'] } })] }))], expect: [] },
  { name: 'drop NET_RAW only (a note, not a failure)', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, capabilities: { drop: ['NET_RAW'] } })] }))], expect: [] },
  { name: 'drop CAP_NET_RAW', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, capabilities: { drop: ['CAP_NET_RAW'] } })] }))], expect: [] },
  { name: 'drops something else', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, capabilities: { drop: ['CHOWN'] } })] }))], expect: ['fail app'] },
  { name: 'no capabilities', docs: [deployment(podSpec({ containers: [sc({ allowPrivilegeEscalation: false })] }))], expect: ['fail app'] },
  { name: 'an init container keeps them', docs: [deployment(podSpec({ initContainers: [container({ name: 'init', securityContext: { allowPrivilegeEscalation: false } })] }))], expect: ['fail init'] },
]);

table(noDangerousCapabilities, [
  { name: 'adds NET_BIND_SERVICE', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })] }))], expect: [] },
  { name: 'adds SYS_ADMIN and NET_ADMIN', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, capabilities: { drop: ['ALL'], add: ['SYS_ADMIN', 'NET_ADMIN'] } })] }))], expect: ['fail app', 'fail app'] },
  { name: 'adds ALL', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, capabilities: { add: ['ALL'] } })] }))], expect: ['fail app'] },
  { name: 'adds cap_sys_ptrace', docs: [deployment(podSpec({ containers: [sc({ ...baseSc, capabilities: { add: ['cap_sys_ptrace'] } })] }))], expect: ['fail app'] },
]);

table(seccompProfile, [
  { name: 'RuntimeDefault on the pod', docs: [deployment()], expect: [] },
  { name: 'Localhost on the container, nothing on the pod', docs: [deployment(withPodSc({ runAsNonRoot: true }, [sc({ ...baseSc, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } })]))], expect: [] },
  { name: 'none anywhere', docs: [deployment(withPodSc({ runAsNonRoot: true }, [sc(baseSc)]))], expect: ['warn app'] },
  { name: 'Unconfined on the pod', docs: [deployment(withPodSc({ seccompProfile: { type: 'Unconfined' } }, [sc(baseSc)]))], expect: ['warn app'] },
  { name: 'the container Unconfined overrides the pod RuntimeDefault', docs: [deployment(withPodSc({ seccompProfile: { type: 'RuntimeDefault' } }, [sc({ ...baseSc, seccompProfile: { type: 'Unconfined' } })]))], expect: ['warn app'] },
  { name: 'the container RuntimeDefault overrides the pod Unconfined', docs: [deployment(withPodSc({ seccompProfile: { type: 'Unconfined' } }, [sc({ ...baseSc, seccompProfile: { type: 'RuntimeDefault' } })]))], expect: [] },
]);

table(noHostNamespaces, [
  { name: 'none', docs: [deployment()], expect: [] },
  { name: 'explicit false', docs: [deployment(podSpec({ hostNetwork: false, hostPID: false, hostIPC: false }))], expect: [] },
  { name: 'hostNetwork', docs: [deployment(podSpec({ hostNetwork: true }))], expect: ['fail'] },
  { name: 'hostPID and hostIPC', docs: [deployment(podSpec({ hostPID: true, hostIPC: true }))], expect: ['fail', 'fail'] },
  { name: 'in a CronJob', docs: [cronJob(podSpec({ hostPID: true }))], expect: ['fail'] },
]);

table(noSensitiveHostPath, [
  { name: 'emptyDir', docs: [deployment(podSpec({ volumes: [{ name: 'tmp', emptyDir: {} }] }))], expect: [] },
  { name: 'an unrelated host path', docs: [deployment(podSpec({ volumes: [{ name: 'data', hostPath: { path: '/srv/data' } }] }))], expect: [] },
  { name: 'the Docker socket', docs: [deployment(podSpec({ volumes: [{ name: 's', hostPath: { path: '/var/run/docker.sock' } }] }))], expect: ['fail'] },
  { name: '/etc/ssl (under /etc)', docs: [deployment(podSpec({ volumes: [{ name: 's', hostPath: { path: '/etc/ssl/' } }] }))], expect: ['fail'] },
  { name: 'the root, written //', docs: [deployment(podSpec({ volumes: [{ name: 's', hostPath: { path: '//' } }] }))], expect: ['fail'] },
  { name: '/proc through ..', docs: [deployment(podSpec({ volumes: [{ name: 's', hostPath: { path: '/srv/../proc' } }] }))], expect: ['fail'] },
]);

test('sensitiveHostPath() names the sensitive ancestor and ignores look-alikes', () => {
  assert.equal(sensitiveHostPath('/etc/kubernetes'), '/etc');
  assert.equal(sensitiveHostPath('/etcetera'), undefined);
  assert.equal(sensitiveHostPath('/'), '/');
  assert.equal(sensitiveHostPath('/data'), undefined);
});

test('a finding through a Rollout workloadRef points into the Deployment file, at the container field', () => {
  const text = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\nspec:\n  replicas: 0\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: app\n          image: x@sha256:' + 'a'.repeat(64) + '\n          securityContext:\n            runAsUser: 0\n',
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web, namespace: prod}\nspec:\n  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n',
  ].join('---\n');
  const [f] = run(runAsNonRoot, text);
  assert.equal(f?.object, 'Rollout/prod/web');
  assert.deepEqual(f?.location, { file: 'm.yaml', line: 14, column: 13 });
  assert.match(f?.message ?? '', /runAsUser is 0 .*pod template from Deployment\/prod\/web/);
});
