/**
 * The benchmark corpus: real executables, built or found on this machine.
 *  - Go cross builds of test/fixtures/hello (the ELF test corpus, CGO, Windows, macOS), built once
 *    through test/support/go.ts's shared cache;
 *  - the Go toolchain's own tools, $(go env GOROOT)/pkg/tool/<platform>/*;
 *  - ELF files in /usr/bin (symlinks resolved, duplicates dropped), up to a limit.
 * Also builds the 200 MB binary the memory benchmark reads.
 */
import { existsSync } from 'node:fs';
import { copyFile, open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CGO_AMD64, CGO_ARM64, ELF_CORPUS } from '../src/binary/elf/testing/corpus.ts';
import { run } from '../src/process/run.ts';
import { GO, goBinary, goEnv, lacks, type GoBuildSpec } from '../test/support/go.ts';

export interface CorpusFile {
  path: string;
  size: number;
  group: 'go-build' | 'go-tool' | 'usr-bin';
}

const OTHER_GO_BUILDS: GoBuildSpec[] = [
  { goos: 'windows', goarch: 'amd64' },
  { goos: 'windows', goarch: '386' },
  { goos: 'windows', goarch: 'arm64' },
  { goos: 'darwin', goarch: 'amd64' },
  { goos: 'darwin', goarch: 'arm64' },
];

async function isElf(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = new Uint8Array(4);
    await handle.read(head, 0, 4, 0);
    return head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
  } finally {
    await handle.close();
  }
}

async function regularFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  const files: string[] = [];
  for (const name of names) {
    const st = await stat(join(dir, name)).catch(() => null);
    if (st?.isFile()) files.push(join(dir, name));
  }
  return files;
}

export async function goroot(): Promise<string> {
  if (!GO) throw new Error('Go is not installed: run scripts/setup.sh');
  return (await run(GO, ['env', 'GOROOT'], { env: goEnv() })).stdout.trim();
}

/** Builds/finds the corpus; `log` gets progress lines (the benchmark prints them on stderr). */
export async function buildCorpus(options: { usrBinLimit: number; log: (line: string) => void }): Promise<CorpusFile[]> {
  const seen = new Set<string>();
  const files: CorpusFile[] = [];
  const add = async (path: string, group: CorpusFile['group']): Promise<void> => {
    const real = await realpath(path);
    if (seen.has(real)) return;
    seen.add(real);
    files.push({ path, size: (await stat(real)).size, group });
  };

  const specs = [...ELF_CORPUS.map((e) => e.spec), ...OTHER_GO_BUILDS];
  if (!lacks('aarch64-linux-gnu-gcc')) specs.push(CGO_ARM64.spec);
  if (!lacks('gcc')) specs.push(CGO_AMD64.spec);
  options.log(`building ${specs.length} Go binaries (cached after the first run)…`);
  for (const spec of specs) await add(await goBinary(spec), 'go-build');

  const tools = join(await goroot(), 'pkg/tool');
  for (const platform of (await readdir(tools)).sort()) {
    for (const path of await regularFiles(join(tools, platform))) await add(path, 'go-tool');
  }

  let taken = 0;
  for (const path of await regularFiles('/usr/bin')) {
    if (taken >= options.usrBinLimit) break;
    if (!(await isElf(path))) continue;
    const before = files.length;
    await add(path, 'usr-bin');
    if (files.length > before) taken++;
  }
  return files;
}

/**
 * A valid ELF of about `megabytes` MB: a real Go binary with a zero-filled non-alloc section
 * added by objcopy (section data in the middle, section headers after it), so a reader that
 * slurps the file or walks section data pays for all of it. Null when objcopy is missing.
 */
export async function bigBinary(dir: string, megabytes: number): Promise<string | null> {
  if (lacks('objcopy')) return null;
  const out = join(dir, `hello-linux-amd64-${megabytes}mb`);
  if (existsSync(out)) return out;
  const source = await goBinary({ goos: 'linux', goarch: 'amd64', env: {}, flags: [], name: 'hello-linux-amd64' });
  const padding = join(dir, 'padding.bin');
  const handle = await open(padding, 'w');
  const chunk = new Uint8Array(1 << 20);
  for (let i = 0; i < megabytes; i++) await handle.write(chunk);
  await handle.close();
  const tmp = `${out}.tmp`;
  await copyFile(source, tmp);
  await run('objcopy', ['--add-section', `.gocross.padding=${padding}`, '--set-section-flags', '.gocross.padding=contents,readonly', tmp]);
  await rm(padding);
  await rename(tmp, out);
  return out;
}
