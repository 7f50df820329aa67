/**
 * The shipped CLI is not the sources: scripts/bundle-cli.ts adds to dist/ CommonJS bundles, a
 * launcher (dist/cli/bin.cjs) that picks one by the command line, and an inspect worker
 * (`npm run build`; the test script builds them before the tests run). Every case runs both the bundle and the sources
 * (`node src/cli/bin.ts`) and asks for the same stdout, stderr and exit code: each command's
 * bundle loads and registers its command, the launcher picks the right one (or none), `--version`
 * answers without commander as commander would, the worker threads start from the bundle, and the
 * paths resolved at run time (package.json, the schema) hold.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { commands } from '../src/cli/commands/index.ts';
import { inspectOutcome } from '../src/inspect-pool/outcome.ts';
import type { WorkerJob, WorkerReply } from '../src/inspect-pool/worker.ts';
import { run } from '../src/process/run.ts';
import { pool } from '../src/util/pool.ts';
import { REPO } from './support/go.ts';

const BUNDLE = join(REPO, 'dist/cli/bin.cjs');
const SOURCES = join(REPO, 'src/cli/bin.ts');

let dir: string;
before(async () => {
  assert.ok(existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build (scripts/test.sh does)`);
  dir = await mkdtemp(join(tmpdir(), 'gocross-bundle-'));
  await writeFile(join(dir, 'not-a-binary.txt'), 'hello\n');
});
after(() => rm(dir, { recursive: true, force: true }));

async function both(args: string[], env: Record<string, string> = {}): Promise<void> {
  const { PATH, HOME } = process.env;
  const options = { cwd: dir, env: { PATH, HOME, NO_COLOR: '1', ...env }, reject: false, timeoutMs: 120_000 };
  const [bundled, sources] = await Promise.all([run(process.execPath, [BUNDLE, ...args], options), run(process.execPath, [SOURCES, ...args], options)]);
  const shown = (r: typeof bundled) => ({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr });
  assert.deepEqual(shown(bundled), shown(sources), `gocross ${args.join(' ')}: the bundle differs from the sources`);
}

test('--version and -V answer from the launcher as commander does', async () => {
  await both(['--version']);
  await both(['-V']);
  await both(['-V', 'inspect']);
});

test('the program help, an unknown command and no command at all', async () => {
  await both(['--help']);
  await both(['help']);
  await both(['inspct', 'x']);
  await both([]);
});

test("every command's bundle loads and registers it: `<command> --help` and `help <command>`", async () => {
  const argvs = commands.flatMap((c) => [[c.name, '--help'], ['help', c.name]]);
  argvs.push(['gate', 'analysis', '--help'], ['gate', 'manifests', '--help'], ['sbom', '--bogus-option']);
  const failed = (await pool(argvs, (argv) => both(argv), { limit: 2 })).filter((r) => r.status === 'rejected');
  assert.deepEqual(failed.map((r) => String(r.reason)), []);
  assert.equal(argvs.length, commands.length * 2 + 3);
});

test('inspect in-process and over worker threads, output and exit codes', async () => {
  const files = [process.execPath, join(dir, 'not-a-binary.txt'), join(dir, 'missing')];
  await both(['inspect', '--json', ...files]);
  await both(['inspect', ...files]);
  await both(['inspect', '--json', process.execPath, process.execPath, process.execPath], { GOCROSS_INSPECT_THREADS: '2' });
});

test('the bundled inspect worker answers a job as the in-process reader does', async () => {
  // The pool falls back to the main thread when a worker fails (with a warning on stderr, which the
  // case above compares); here the worker's own answers are compared too.
  const worker = new Worker(new URL('../inspect-pool/worker.js', pathToFileURL(BUNDLE)));
  try {
    const job: WorkerJob = [[7, process.execPath], [9, join(dir, 'not-a-binary.txt')]];
    const reply = new Promise<WorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage(job);
    const expected: WorkerReply = [[7, await inspectOutcome(process.execPath)], [9, await inspectOutcome(join(dir, 'not-a-binary.txt'))]];
    assert.deepEqual(JSON.parse(JSON.stringify(await reply)), JSON.parse(JSON.stringify(expected)));
  } finally {
    await worker.terminate();
  }
});

test('a config is found, validated against the shipped schema and its errors shown alike', async () => {
  await writeFile(join(dir, 'gocross.config.yaml'), 'name: demo\nbuild:\n  targets: 12\nbogus: true\n');
  await both(['build']);
  await both(['deploy', '--dry-run']);
});
