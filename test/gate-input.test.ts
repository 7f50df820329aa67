/**
 * Bad input for the gate: invalid YAML (file:line:column), documents that are not objects,
 * `kind: List`, alias bombs (expansion limited), a 10 MB file, files over the limit, missing
 * paths and FIFOs — a clear problem or error every time, never a crash or a hang.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { evaluateManifests } from '../src/gate/manifests/evaluate.ts';
import { loadManifests } from '../src/gate/manifests/load.ts';
import { parseManifestText } from '../src/gate/manifests/parse.ts';
import { deployment, yamlOf } from './support/gate.ts';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'gate-in-'));
  dirs.push(d);
  return d;
}

const INVALID: Array<[string, string, RegExp, number]> = [
  ['an unclosed flow mapping (reported where the input ends)', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n', /not valid YAML/, 4],
  ['a tab indentation', 'apiVersion: v1\nkind: Pod\nspec:\n\tcontainers: []\n', /not valid YAML/, 4],
  ['a duplicate key', 'apiVersion: v1\nkind: Pod\nkind: Service\n', /not valid YAML: Map keys must be unique/, 3],
  ['bad indentation in the second document', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\n kind: ConfigMap\n', /not valid YAML/, 5],
];
for (const [name, text, message, line] of INVALID) {
  test(`parseManifestText() reports ${name} with its line`, () => {
    const parsed = parseManifestText(text, 'bad.yaml');
    assert.ok(parsed.problems.length > 0, 'a problem is reported');
    assert.match(parsed.problems[0]!.message, message);
    assert.equal(parsed.problems[0]!.file, 'bad.yaml');
    assert.equal(parsed.problems[0]!.line, line);
  });
}

test('parseManifestText() reads every document of a helm-style stream, skipping empty ones', () => {
  const text = `---\n# Source: chart/templates/a.yaml\n${yamlOf([deployment()])}\n---\n---\n# Source: empty\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n`;
  const parsed = parseManifestText(text, 'helm.yaml');
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.objects.map((o) => o.body.kind), ['Deployment', 'Service']);
});

test('parseManifestText() expands kind: List (kubectl get -o yaml) and locates fields inside items', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: b\n    spec: {type: NodePort}\n';
  const parsed = parseManifestText(text, 'list.yaml');
  assert.deepEqual(parsed.objects.map((o) => o.basePath), [['items', 0], ['items', 1]]);
  const report = evaluateManifests([parsed]);
  const nodePort = report.findings.find((f) => f.rule === 'service-type');
  assert.deepEqual(nodePort?.location, { file: 'list.yaml', line: 11, column: 12 });
});

test('documents that are not Kubernetes objects are input problems with a line', () => {
  const parsed = parseManifestText('- a\n- b\n---\njust a string\n---\nmetadata: {name: x}\n', 'x.yaml');
  const report = evaluateManifests([parsed]);
  assert.deepEqual(report.inputProblems.map((p) => [p.line, p.message.replace(/:.*/, '')]), [
    [1, 'document 1 is not a Kubernetes object (a list, expected a mapping with apiVersion and kind)'],
    [4, 'document 2 is not a Kubernetes object (a string, expected a mapping with apiVersion and kind)'],
    [6, 'document 3 is not a Kubernetes object'],
  ]);
  assert.equal(report.ok, false);
});

test('a billion-laughs alias bomb is refused quickly with its line, not expanded', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
  const parsed = parseManifestText(text, 'bomb.yaml');
  assert.equal(parsed.objects.length, 0);
  assert.match(parsed.problems[0]!.message, /Cannot read document 1: .*alias.*at most 100 alias expansions/i);
  assert.equal(parsed.problems[0]!.line, 1);
});

test('a 10 MB manifest file is read and checked (a big ConfigMap beside a Deployment)', async () => {
  const dir = await tmp();
  const big = 'x'.repeat(10 * 1024 * 1024);
  await writeFile(join(dir, 'big.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: ${big}\n---\n${yamlOf([deployment()])}\n`);
  const files = await loadManifests([dir]);
  const report = evaluateManifests(files);
  assert.equal(report.summary.objects, 2);
  assert.deepEqual(report.inputProblems, []);
});

test('a file over --max-file-size is refused by name, before it is read', async () => {
  const dir = await tmp();
  await writeFile(join(dir, 'm.yaml'), yamlOf([deployment()]));
  await assert.rejects(loadManifests([join(dir, 'm.yaml')], { maxFileBytes: 100 }), { kind: 'input', message: /m\.yaml: it is 0\.0 MiB, over the 0\.0 MiB limit/ });
});

test('stdin over the limit is refused', async () => {
  async function* chunks(): AsyncIterable<Uint8Array> {
    for (let i = 0; i < 10; i++) yield Buffer.alloc(64, 'a');
  }
  await assert.rejects(loadManifests(['-'], { maxFileBytes: 100, stdin: chunks() }), { kind: 'input', message: /<stdin>: it is over/ });
});

test('a missing path and a FIFO are input errors, not hangs', async () => {
  const dir = await tmp();
  await assert.rejects(loadManifests([join(dir, 'nope.yaml')]), { kind: 'input', message: /no such file or directory/ });
  execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
  await assert.rejects(loadManifests([join(dir, 'pipe.yaml')]), { kind: 'input', message: /not a regular file/ });
});

test('directories: YAML files only, subdirectories with recursive', async () => {
  const dir = await tmp();
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'a.yaml'), yamlOf([deployment()]));
  await writeFile(join(dir, 'notes.txt'), 'not yaml: [');
  await writeFile(join(dir, 'sub', 'b.yml'), yamlOf([deployment(undefined, {}, 'b')]));
  assert.deepEqual((await loadManifests([dir])).map((f) => f.file), [join(dir, 'a.yaml')]);
  assert.deepEqual((await loadManifests([dir], { recursive: true })).map((f) => f.file), [join(dir, 'a.yaml'), join(dir, 'sub', 'b.yml')]);
});

test('random mutations of a manifest give a report or problems, never an exception', () => {
  const base = yamlOf([deployment()]);
  let seed = 7;
  const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const alphabet = [':', '-', ' ', '\n', '{', '}', '[', ']', '&', '*', '!', '|', '>', '"', "'", '#', '\t', 'x', '0'];
  for (let i = 0; i < 300; i++) {
    const chars = [...base];
    for (let k = 0; k < 1 + rand(6); k++) chars.splice(rand(chars.length), rand(3), alphabet[rand(alphabet.length)]!);
    const report = evaluateManifests([parseManifestText(chars.join(''), 'fuzz.yaml')]);
    assert.equal(typeof report.ok, 'boolean');
  }
});
