/** Raw parsed documents to named Kubernetes objects; a document without apiVersion/kind is an input problem. */
import type { K8sObject } from './model.ts';
import type { InputProblem, ParsedFile } from './parse.ts';

export function objectsOf(files: readonly ParsedFile[]): { objects: K8sObject[]; problems: InputProblem[] } {
  const objects: K8sObject[] = [];
  const problems: InputProblem[] = [];
  for (const f of files) {
    for (const raw of f.objects) {
      const { apiVersion, kind, metadata } = raw.body;
      if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') {
        const where = f.locate(raw.document, raw.basePath);
        problems.push({ ...where, message: `document ${raw.document + 1}${raw.basePath.length ? ` ${raw.basePath.join('.')}` : ''} is not a Kubernetes object: it needs apiVersion and kind strings` });
        continue;
      }
      const meta = typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) ? metadata : {};
      const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? `${meta.generateName}*` : '(unnamed)';
      const namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
      objects.push({ index: objects.length, file: f.file, document: raw.document, basePath: raw.basePath, apiVersion, kind, name, namespace, body: raw.body });
    }
  }
  return { objects, problems };
}
