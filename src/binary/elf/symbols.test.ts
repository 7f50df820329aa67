import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileSource } from '../byte-source.ts';
import { run } from '../../process/run.ts';
import { lacks } from '../../../test/support/go.ts';
import { readElfSymbols, type ElfSymbol } from './read-elf.ts';
import { ELF_CORPUS, build } from './testing/corpus.ts';

const TYPES = ['NOTYPE', 'OBJECT', 'FUNC', 'SECTION', 'FILE', 'COMMON', 'TLS'];

async function symbolsOf(path: string, table?: 'symtab' | 'dynsym'): Promise<ElfSymbol[]> {
  const source = await fileSource(path);
  try {
    return await readElfSymbols(source, { table });
  } finally {
    await source.close();
  }
}

/** readelf -s rows of one table: [index, value, size, type, ndx, name]. */
async function readelfSymbols(path: string, table: string): Promise<string[][]> {
  const { stdout } = await run('readelf', ['-sW', path]);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('Symbol table')) inTable = line.includes(`'${table}'`);
    const m = inTable ? /^\s*(\d+): ([0-9a-f]+)\s+(\d+)\s+(\S+)\s+\S+\s+\S+\s+(\S+)\s?(.*)$/.exec(line) : null;
    if (m) rows.push(m.slice(1));
  }
  return rows;
}

for (const label of ['linux/amd64', 'linux/mips', 'linux/386']) {
  test(`readElfSymbols() matches readelf -s on ${label}`, { skip: lacks('go', 'readelf') }, async () => {
    const path = await build(ELF_CORPUS.find((e) => e.label === label)!);
    const ours = await symbolsOf(path);
    const theirs = await readelfSymbols(path, '.symtab');
    assert.ok(theirs.length > 1000);
    assert.equal(ours.length, theirs.length);
    for (const [i, [index, value, size, type, ndx, name]] of theirs.entries()) {
      const s = ours[i]!;
      assert.equal(s.index, Number(index));
      assert.equal(s.value, BigInt(`0x${value}`), `value of ${name}`);
      assert.equal(s.size, Number(size), `size of ${name}`);
      assert.equal(TYPES[s.type] ?? String(s.type), type, `type of ${name}`);
      assert.equal(ndx === 'UND' ? 0 : ndx === 'ABS' ? 0xfff1 : Number(ndx), s.sectionIndex, `section of ${name}`);
      // readelf cuts nothing with -W, but prints versioned names with @; the static table has none.
      assert.equal(s.name, name, `name of symbol ${index}`);
    }
    assert.ok(ours.some((s) => s.name === 'main.main' && s.size > 0));
  });
}

test('readElfSymbols() of a stripped binary is empty; its dynsym table reads too', { skip: lacks('go', 'readelf') }, async () => {
  const stripped = await build(ELF_CORPUS.find((e) => e.label === 'linux/amd64 -s -w')!);
  assert.deepEqual(await symbolsOf(stripped), []);
  const pie = await build(ELF_CORPUS.find((e) => e.label === 'linux/amd64 pie')!);
  const dyn = await symbolsOf(pie, 'dynsym');
  assert.equal(dyn.length, (await readelfSymbols(pie, '.dynsym')).length);
});
