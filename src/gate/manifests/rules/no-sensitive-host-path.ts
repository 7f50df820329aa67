/** No hostPath volume reaches a part of the node that gives it away (the root, /etc, /proc, runtime sockets…). */
import type { GateRule } from '../model.ts';
import { arr, str } from '../json.ts';
import { workloadFinding } from './finding.ts';

/** Node paths whose mount amounts to node access (kube-linter sensitive-host-mounts' list, plus the runtime sockets). */
export const SENSITIVE_HOST_PATHS: readonly string[] = ['/', '/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/var/run', '/run', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd', '/var/log', '/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/usr', '/lib', '/bin', '/sbin'];

/** The normalised path ('/etc/' → '/etc', '//x/../etc' → '/etc'). */
export function normalizeHostPath(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

/** The sensitive path `path` is, or lies under ('/etc/ssl' is under '/etc'), or undefined. */
export function sensitiveHostPath(path: string): string | undefined {
  const p = normalizeHostPath(path);
  return SENSITIVE_HOST_PATHS.filter((s) => s !== '/')
    .concat('/')
    .find((s) => (s === '/' ? p === '/' : p === s || p.startsWith(`${s}/`)));
}

export const noSensitiveHostPath: GateRule = {
  id: 'no-sensitive-host-path',
  category: 'security',
  severity: 'fail',
  title: 'No hostPath volume mounts a sensitive node path',
  fix: 'use an emptyDir, a ConfigMap or a PersistentVolumeClaim instead of the hostPath volume',
  crosswalk: { kubeLinter: 'sensitive-host-mounts / docker-sock', polaris: 'hostPathSet (any hostPath)', checkov: 'CKV_K8S_27 (docker.sock)' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      arr(w.podSpec, ['volumes']).flatMap((v, i) => {
        const path = str(v, ['hostPath', 'path']);
        if (path === undefined) return [];
        const hit = sensitiveHostPath(path);
        return hit ? [workloadFinding(w, 'fail', `volume ${str(v, ['name']) ?? i} mounts the node's ${path}${hit !== normalizeHostPath(path) ? ` (under ${hit})` : ''}`, [...w.podSpecPath, 'volumes', i, 'hostPath', 'path'])] : [];
      }),
    ),
};
