/**
 * The live side of drift, gathered at the edge: an export file (`kubectl get -o yaml`, a List or
 * a multi-document stream) so CI needs no cluster credentials, or `kubectl get` per desired object
 * when a context is given.
 */
import { GocrossError } from '../../core/errors.ts';
import { run } from '../../process/run.ts';
import { groupOf } from '../manifests/kinds.ts';
import type { K8sObject } from '../manifests/model.ts';
import { objectsOf } from '../manifests/objects.ts';
import { parseManifestText, type ParsedFile } from '../manifests/parse.ts';

export async function liveFromKubectl(desired: readonly K8sObject[], options: { context?: string; namespace?: string; kubectl?: string }): Promise<ParsedFile[]> {
  const files: ParsedFile[] = [];
  for (const d of desired) {
    const group = groupOf(d.apiVersion);
    const resource = group ? `${d.kind}.${group}` : d.kind;
    const explicit = typeof (d.body.metadata as { namespace?: unknown } | undefined)?.namespace === 'string';
    const ns = explicit ? d.namespace : options.namespace;
    const args = ['get', resource, d.name, '-o', 'yaml', '--ignore-not-found', ...(ns ? ['-n', ns] : []), ...(options.context ? ['--context', options.context] : [])];
    const r = await run(options.kubectl ?? 'kubectl', args, { reject: false, timeoutMs: 60_000 }).catch((error: Error) => {
      throw new GocrossError('environment', `Cannot run kubectl: ${error.message}`, { cause: error, fix: 'install kubectl, or pass --live FILE with a kubectl get -o yaml export' });
    });
    if (r.exitCode !== 0) throw new GocrossError('environment', `Cannot read ${resource}/${d.name} from the cluster: kubectl exited ${r.exitCode}: ${r.stderr.trim().split('\n')[0] ?? ''}`, { fix: 'check the context and credentials, or pass --live FILE' });
    if (r.stdout.trim() !== '') files.push(parseManifestText(r.stdout, `kubectl get ${resource}/${d.name}`));
  }
  return files;
}

export function liveObjects(files: readonly ParsedFile[]): K8sObject[] {
  const { objects, problems } = objectsOf(files);
  const first = [...files.flatMap((f) => f.problems), ...problems][0];
  if (first) throw new GocrossError('input', `Cannot read the live objects: ${first.file}:${first.line}:${first.column}: ${first.message}`);
  return objects;
}
