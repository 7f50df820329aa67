/**
 * Test oracles: run readelf, file and `go version -m` and parse what they print into the
 * shapes readElf() reports, so differential tests compare like with like.
 */
import { run } from '../../../process/run.ts';
import { unquote } from '../../goinfo/strconv.ts';
import { GO, goEnv } from '../../../../test/support/go.ts';

export interface ReadelfFacts {
  header: Record<string, string>;
  sections: { index: number; name: string; type: string; address: bigint; offset: number; size: number }[];
  segments: { type: string; offset: number; vaddr: bigint; filesz: number; memsz: number; flags: string }[];
  interpreter: string | null;
  needed: string[];
  rpath: string[];
  runpath: string[];
  dynamicFlags: string[];
  verneed: { file: string; versions: string[]; indexes: number[] }[];
  /** version index → dynamic symbol names, from --dyn-syms `name@VERSION (n)` (needed versions only). */
  versionSymbols: Map<number, Set<string>>;
  gnuBuildId: string | null;
  goBuildId: string | null;
  abiTag: string | null;
  /** checksec's canary test: a __stack_chk_fail symbol in .symtab or .dynsym. */
  canary: boolean;
}

const num = (s: string): number => parseInt(s, 16);

export async function readelf(path: string): Promise<ReadelfFacts> {
  const { stdout } = await run('readelf', ['-h', '-l', '-d', '-V', '-n', '-S', '--syms', '--dyn-syms', '--wide', path], { timeoutMs: 120_000, maxBuffer: 1 << 30 });
  const facts: ReadelfFacts = {
    header: {},
    sections: [],
    segments: [],
    interpreter: null,
    needed: [],
    rpath: [],
    runpath: [],
    dynamicFlags: [],
    verneed: [],
    versionSymbols: new Map(),
    gnuBuildId: null,
    goBuildId: null,
    abiTag: null,
    canary: false,
  };
  let part = '';
  let goNote = false;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('ELF Header:')) part = 'header';
    else if (line.startsWith('Section Headers:')) part = 'sections';
    else if (line.startsWith('Program Headers:')) part = 'segments';
    else if (line.startsWith(' Section to Segment')) part = '';
    else if (line.startsWith('Dynamic section')) part = 'dynamic';
    else if (line.startsWith('Version needs section')) part = 'verneed';
    else if (line.startsWith('Version symbols section') || line.startsWith('Version definition section')) part = '';
    else if (line.startsWith('Displaying notes')) part = 'notes';
    else if (line.startsWith("Symbol table '.dynsym'")) part = 'dynsym';
    else if (line.startsWith('Symbol table')) part = 'symtab';
    if ((part === 'dynsym' || part === 'symtab') && /\s__stack_chk_fail/.test(line)) facts.canary = true;
    let m: RegExpExecArray | null;
    switch (part) {
      case 'header':
        if ((m = /^\s+([^:]+):\s+(.*?)\s*$/.exec(line))) facts.header[m[1]!] = m[2]!;
        break;
      case 'sections':
        if ((m = /^\s*\[\s*(\d+)\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s/.exec(line)) && m[1] !== '0') {
          facts.sections.push({ index: Number(m[1]), name: m[2]!, type: m[3]!, address: BigInt(`0x${m[4]}`), offset: num(m[5]!), size: num(m[6]!) });
        }
        break;
      case 'segments':
        if ((m = /^\s+(\S+)\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x[0-9a-f]+ 0x([0-9a-f]+) 0x([0-9a-f]+) ([RWE ]{3}) /.exec(line))) {
          facts.segments.push({ type: m[1]!, offset: num(m[2]!), vaddr: BigInt(`0x${m[3]}`), filesz: num(m[4]!), memsz: num(m[5]!), flags: m[6]! });
        } else if ((m = /\[Requesting program interpreter: (.*)\]/.exec(line))) facts.interpreter = m[1]!;
        break;
      case 'dynamic':
        if ((m = /\(NEEDED\)\s+Shared library: \[(.*)\]/.exec(line))) facts.needed.push(m[1]!);
        else if ((m = /\(RPATH\)\s+Library rpath: \[(.*)\]/.exec(line))) facts.rpath.push(...m[1]!.split(':'));
        else if ((m = /\(RUNPATH\)\s+Library runpath: \[(.*)\]/.exec(line))) facts.runpath.push(...m[1]!.split(':'));
        else if ((m = /\((FLAGS|FLAGS_1)\)\s+Flags: (.*)$/.exec(line))) facts.dynamicFlags.push(...m[2]!.trim().split(/\s+/));
        else if (/\(BIND_NOW\)/.test(line)) facts.dynamicFlags.push('BIND_NOW');
        break;
      case 'verneed':
        if ((m = /^\s+[0-9a-fx]+: Version: \d+\s+File: (\S+)\s+Cnt/.exec(line))) facts.verneed.push({ file: m[1]!, versions: [], indexes: [] });
        else if ((m = /^\s+0x[0-9a-f]+:\s+Name: (\S+)\s+Flags: .*Version: (\d+)/.exec(line))) {
          facts.verneed.at(-1)?.versions.push(m[1]!);
          facts.verneed.at(-1)?.indexes.push(Number(m[2]));
        }
        break;
      case 'notes':
        if ((m = /Build ID: ([0-9a-f]+)/.exec(line))) facts.gnuBuildId ??= m[1]!;
        else if ((m = /OS: (\S+), ABI: (\S+)/.exec(line))) facts.abiTag = `${m[1]} ${m[2]}`;
        if (/^\s+Go\s+0x[0-9a-f]+\s+GO BUILDID/.test(line)) goNote = true;
        if (goNote && (m = /description data: ([0-9a-f ]+)/.exec(line))) {
          facts.goBuildId ??= Buffer.from(m[1]!.trim().split(' ').map((h) => parseInt(h, 16))).toString('latin1');
          goNote = false;
        }
        break;
      case 'dynsym':
        // Needed versions print with one '@' (defined ones with '@@').
        if ((m = /\s([^\s@]+)@[^\s@]+ \((\d+)\)$/.exec(line))) {
          const index = Number(m[2]);
          const set = facts.versionSymbols.get(index) ?? new Set<string>();
          set.add(m[1]!);
          facts.versionSymbols.set(index, set);
        }
        break;
    }
  }
  return facts;
}

export async function fileDescription(path: string): Promise<string> {
  return (await run('file', ['-b', '-L', path], { timeoutMs: 60_000 })).stdout.trim();
}

export interface GoVersionFacts {
  version: string;
  path: string;
  mod: string[] | null;
  deps: { fields: string[]; replace: string[] | null }[];
  settings: [string, string][];
}

/** `go version -m`, parsed without our parser (split on tabs; values unquoted only when quoted). */
export async function goVersionM(path: string): Promise<GoVersionFacts> {
  if (!GO) throw new Error('Go is not installed');
  const { stdout } = await run(GO, ['version', '-m', path], { env: goEnv(), timeoutMs: 60_000 });
  const lines = stdout.split('\n');
  const facts: GoVersionFacts = { version: lines[0]!.replace(/^.*: /, ''), path: '', mod: null, deps: [], settings: [] };
  for (const line of lines.slice(1)) {
    const fields = line.replace(/^\t/, '').split('\t');
    const [kind, ...rest] = fields;
    if (kind === 'path') facts.path = rest[0]!;
    else if (kind === 'mod') facts.mod = rest;
    else if (kind === 'dep') facts.deps.push({ fields: rest, replace: null });
    else if (kind === '=>') facts.deps.at(-1)!.replace = rest;
    else if (kind === 'build') {
      const kv = rest.join('\t');
      const eq = kv.startsWith('"') || kv.startsWith('`') ? kv.indexOf('=', kv.indexOf(kv[0]!, 1)) : kv.indexOf('=');
      const rawKey = kv.slice(0, eq);
      const rawValue = kv.slice(eq + 1);
      const key = /^["`]/.test(rawKey) ? unquote(rawKey)! : rawKey;
      const value = /^["`]/.test(rawValue) ? unquote(rawValue)! : rawValue;
      facts.settings.push([key, value]);
    }
  }
  return facts;
}

export interface ReadelfProperties {
  x86IsaNeeded: string[];
  x86Features: string[];
  aarch64Features: string[];
}

/** The GNU property notes as `readelf -n` words them (without --wide, which joins properties on one line) ("Properties: x86 feature: IBT, SHSTK"), merged over notes. */
export async function readelfProperties(path: string): Promise<ReadelfProperties> {
  const { stdout } = await run('readelf', ['-n', path], { timeoutMs: 60_000 });
  const out: ReadelfProperties = { x86IsaNeeded: [], x86Features: [], aarch64Features: [] };
  const add = (list: string[], words: string): void => {
    for (const w of words.split(',').map((x) => x.trim())) if (w && !list.includes(w)) list.push(w);
  };
  for (const m of stdout.matchAll(/(x86 ISA needed|x86 feature|AArch64 feature): ([^\n]*)/g)) {
    add(m[1] === 'x86 ISA needed' ? out.x86IsaNeeded : m[1] === 'x86 feature' ? out.x86Features : out.aarch64Features, m[2]!);
  }
  return out;
}

/** checksec's FORTIFY count from `readelf --dyn-syms`: names with leading '_' and '@version' stripped. */
export async function checksecFortify(path: string, fortifiable: ReadonlySet<string>): Promise<{ fortified: number; fortifiable: number }> {
  const { stdout } = await run('readelf', ['--dyn-syms', '--wide', path], { timeoutMs: 60_000 });
  const names = new Set<string>();
  for (const line of stdout.split('\n')) {
    const name = /^\s*\d+:\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+(\S+)/.exec(line)?.[1];
    if (name) names.add(name.replace(/^_+/, '').replace(/@.*$/, ''));
  }
  const checked = [...fortifiable].filter((f) => names.has(`${f}_chk`));
  const unchecked = [...fortifiable].filter((f) => names.has(f) && !names.has(`${f}_chk`));
  return { fortified: checked.length, fortifiable: checked.length + unchecked.length };
}
