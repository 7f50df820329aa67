/**
 * Mutation fuzz test of the reader: ≥ 100,000 corrupted real executables. It asserts only that
 * inspectBytes() resolves or rejects with a BinaryError (never a raw TypeError/RangeError…), and
 * that no single input takes more than 2 s (a hang detector, not a benchmark).
 *
 * Deterministic: input i of run seed S is always the same bytes. To reproduce a failure:
 *   GOCROSS_FUZZ_SEED=S GOCROSS_FUZZ_INDEX=i node --test test/inspect-fuzz.test.ts
 * Failing inputs are also written to .cache/fuzz-failures/.
 * Tunables: GOCROSS_FUZZ_INPUTS (default 100000), GOCROSS_FUZZ_WORKERS (default 2).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { ELF_CORPUS } from '../src/binary/elf/testing/corpus.ts';
import { run } from '../src/process/run.ts';
import { CACHE, GO, goBinary, goEnv, lacks, type GoBuildSpec } from './support/go.ts';
import { mutant, type Seed } from './fuzz/mutate.ts';
import { goFixtureSeeds, seed } from './fuzz/seeds.ts';
import type { WorkerInput, WorkerMessage } from './fuzz/worker.ts';

const RUN_SEED = Number(process.env.GOCROSS_FUZZ_SEED ?? 0x5eed2025) >>> 0;
const ONLY = process.env.GOCROSS_FUZZ_INDEX === undefined ? null : Number(process.env.GOCROSS_FUZZ_INDEX);
const INPUTS = Number(process.env.GOCROSS_FUZZ_INPUTS ?? 100_000);
const WORKERS = Math.max(1, Number(process.env.GOCROSS_FUZZ_WORKERS ?? 2));
const HANG_MS = 2_000;
/** Go builds are seeded by their first 64 KiB (fast: headers, tables) and, rarely, whole. */
const PREFIX = 64 * 1024;
const WHOLE_WEIGHT = 0.15;

/** Real Go builds (the ELF corpus's specs, so goBinary()'s cache is shared with the ELF tests). */
const GO_SEEDS: GoBuildSpec[] = [
  ...['linux/amd64', 'linux/arm64 -s -w', 'linux/amd64 pie', 'linux/mips', 'linux/386', 'linux/ppc64'].map((label) => {
    const entry = ELF_CORPUS.find((e) => e.label === label);
    if (!entry) throw new Error(`no ELF corpus entry ${label}`);
    return entry.spec;
  }),
  { goos: 'windows', goarch: 'amd64' },
  { goos: 'darwin', goarch: 'arm64' },
];

const C_PROGRAM = '#include <stdio.h>\n#include <string.h>\nint main(int c, char **v) { char b[64]; strcpy(b, v[0]); printf("%s %d\\n", b, c); return 0; }\n';

async function cSeeds(): Promise<Seed[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gocross-fuzz-'));
  try {
    await writeFile(join(dir, 'hello.c'), C_PROGRAM);
    const builds: Array<[string, string, string[]]> = [
      ['c-amd64-pie-canary', 'gcc', ['-O1', '-fstack-protector-all', '-Wl,-z,relro,-z,now']],
      ['c-amd64-nopie-rpath', 'gcc', ['-no-pie', '-Wl,-rpath,/opt/x/lib', '-Wl,--disable-new-dtags']],
      ['c-arm64', 'aarch64-linux-gnu-gcc', ['-Wl,-rpath,$ORIGIN/lib']],
    ];
    const seeds: Seed[] = [];
    for (const [name, cc, flags] of builds) {
      if (lacks(cc)) continue;
      await run(cc, [...flags, '-o', join(dir, name), join(dir, 'hello.c')]);
      seeds.push(seed(name, new Uint8Array(await readFile(join(dir, name)))));
    }
    return seeds;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let seeds: Seed[] = [];

before(async () => {
  if (lacks('go')) return;
  const goroot = (await run(GO as string, ['env', 'GOROOT'], { env: goEnv() })).stdout.trim();
  seeds = [...(await goFixtureSeeds(goroot)), ...(await cSeeds())];
  for (const spec of GO_SEEDS) {
    const path = await goBinary(spec);
    const bytes = new Uint8Array(await readFile(path));
    const name = path.split('/').pop() as string;
    seeds.push(seed(`${name}[0:64KiB]`, bytes.slice(0, PREFIX)), seed(name, bytes, WHOLE_WEIGHT));
  }
});

interface Failure {
  index: number;
  seed: string;
  ops: string[];
  error: string;
}

async function saveInput(failure: Failure): Promise<string> {
  const dir = join(CACHE, 'fuzz-failures');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `seed-${RUN_SEED.toString(16)}-input-${failure.index}.bin`);
  await writeFile(file, mutant(seeds, RUN_SEED, failure.index).bytes);
  return file;
}

/**
 * Runs the inputs on worker threads. A worker stuck on one input for HANG_MS is a hang failure; it
 * is terminated and a fresh worker carries on after that input, so one hang hides no other finding.
 */
async function fuzz(start: number, end: number): Promise<{ failures: Failure[]; outcomes: Record<string, number> }> {
  const workers = Math.min(WORKERS, end - start);
  const progress = new Int32Array(new SharedArrayBuffer(8 * workers));
  const failures: Failure[] = [];
  const outcomes: Record<string, number> = {};
  const record = (index: number, error: string): void => {
    const m = mutant(seeds, RUN_SEED, index);
    failures.push({ index, seed: m.seed, ops: m.ops, error });
  };

  /** Runs one worker over slot's indices from `first`; resolves with where to resume, or null when done. */
  const runWorker = (slot: number, first: number): Promise<number | null> => {
    progress[slot * 2] = -1;
    const data: WorkerInput = { seeds, runSeed: RUN_SEED, start: first, end, stride: workers, progress: progress.buffer as SharedArrayBuffer, slot };
    const worker = new Worker(new URL('./fuzz/worker.ts', import.meta.url), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    return new Promise((resolve) => {
      let resume: number | null = null;
      let last = -1;
      let since = Date.now();
      const watchdog = setInterval(() => {
        const current = Atomics.load(progress, slot * 2);
        if (current !== last) {
          last = current;
          since = Date.now();
        } else if (current >= 0 && Date.now() - since > HANG_MS && resume === null) {
          record(current, `no result after ${HANG_MS} ms (hang)`);
          resume = current + workers;
          void worker.terminate();
        }
      }, 50);
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'failure') failures.push(message);
        else for (const [k, v] of Object.entries(message.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
      });
      worker.on('error', (error) => {
        const current = Atomics.load(progress, slot * 2);
        record(current, `worker died: ${error.stack ?? error.message}`);
        if (current >= 0) resume = current + workers;
      });
      worker.on('exit', () => {
        clearInterval(watchdog);
        resolve(resume !== null && resume < end ? resume : null);
      });
    });
  };

  await Promise.all(
    Array.from({ length: workers }, async (_, slot) => {
      let next: number | null = start + slot;
      for (let restarts = 0; next !== null && restarts <= 10; restarts++) next = await runWorker(slot, next);
    }),
  );
  return { failures, outcomes };
}

test(`inspectBytes() returns a result or a BinaryError within ${HANG_MS} ms for ${ONLY ?? INPUTS} mutants of real executables`, { skip: lacks('go') }, async (t) => {
  assert.ok(seeds.length >= 30, `expected Go's fixtures and real builds as seeds, got ${seeds.length}`);
  const started = Date.now();
  const { failures, outcomes } = ONLY === null ? await fuzz(0, INPUTS) : await fuzz(ONLY, ONLY + 1);
  const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
  t.diagnostic(`run seed 0x${RUN_SEED.toString(16)}, ${seeds.length} seeds, ${total} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(outcomes)}`);
  if (ONLY !== null) {
    const m = mutant(seeds, RUN_SEED, ONLY);
    t.diagnostic(`input ${ONLY}: seed ${m.seed}, ${m.bytes.length} bytes, ops: ${m.ops.join('; ')}`);
  }
  const report: string[] = [];
  for (const failure of failures) {
    report.push(
      `input ${failure.index} (seed ${failure.seed}; ${failure.ops.join('; ')}) saved as ${await saveInput(failure)}\n` +
        `  reproduce: GOCROSS_FUZZ_SEED=0x${RUN_SEED.toString(16)} GOCROSS_FUZZ_INDEX=${failure.index} node --test test/inspect-fuzz.test.ts\n` +
        `  ${failure.error.split('\n').slice(0, 6).join('\n  ')}`,
    );
  }
  assert.ok(failures.length === 0 && !outcomes.crash, `${Math.max(failures.length, outcomes.crash ?? 0)} input(s) crashed or hung the reader (details of the first ones):\n${report.join('\n')}`);
  assert.equal(total, ONLY === null ? INPUTS : 1, 'every input was inspected');
  // A fuzz run where nothing parses tests nothing: some mutants must still read fine.
  if (ONLY === null) assert.ok((outcomes.ok ?? 0) > INPUTS / 20, `too few mutants read successfully: ${JSON.stringify(outcomes)}`);
});
