/**
 * YAML text to Kubernetes objects, keeping the syntax tree so a finding can name the line and
 * column of the field at fault. Multi-document files (helm template, kustomize build) and
 * `kind: List` (kubectl get -o yaml) are both read. Alias expansion is limited (YAML bombs), and
 * every problem is a message with file:line:column, never an exception.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { FieldPath, JsonObject, Location } from './model.ts';

/** Aliases a document may expand before it is refused as a resource-exhaustion attack (yaml's default, stated). */
export const MAX_ALIAS_COUNT = 100;

export interface RawObject {
  document: number;
  basePath: FieldPath;
  body: JsonObject;
}

export interface InputProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ParsedFile {
  file: string;
  objects: RawObject[];
  problems: InputProblem[];
  /** Where a field is: the deepest part of `path` that exists in the document (its key, for a map entry). */
  locate(document: number, path: FieldPath): Location;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseManifestText(text: string, file: string): ParsedFile {
  const lineCounter = new LineCounter();
  const problems: InputProblem[] = [];
  const objects: RawObject[] = [];
  const at = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problem = (offset: number, message: string): void => void problems.push({ file, ...at(offset), message });

  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true }) as Document[] | { empty: true };
  const docs: Document[] = Array.isArray(documents) ? documents : [];
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problem(e.pos[0], `not valid YAML: ${e.message.split('\n')[0]}`);
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // yaml throws a ReferenceError for excessive aliases and for unresolved ones.
      problem(doc.contents?.range?.[0] ?? 0, `Cannot read document ${index + 1}: ${(error as Error).message} (at most ${MAX_ALIAS_COUNT} alias expansions)`);
      return;
    }
    if (value === null || value === undefined) return; // an empty document (helm leaves many)
    const start = doc.contents?.range?.[0] ?? 0;
    if (!isPlainObject(value)) {
      problem(start, `document ${index + 1} is not a Kubernetes object (a ${Array.isArray(value) ? 'list' : typeof value}, expected a mapping with apiVersion and kind)`);
      return;
    }
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        if (isPlainObject(item)) objects.push({ document: index, basePath: ['items', i], body: item });
        else problem(start, `document ${index + 1}: items[${i}] is not an object`);
      });
      return;
    }
    objects.push({ document: index, basePath: [], body: value });
  });

  const locate = (document: number, path: FieldPath): Location => {
    const doc = docs[document];
    let offset = doc?.contents?.range?.[0] ?? 0;
    let node: unknown = doc?.contents;
    for (const segment of path) {
      if (isAlias(node) && doc) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === String(segment));
        if (!pair) break;
        offset = (pair.key as Node | null)?.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    return { file, ...at(offset) };
  };

  return { file, objects, problems, locate };
}
