import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEntryFile, formatEntryFile } from './entry-file.ts';
import { BinfmtFormatError } from './errors.ts';
import { buildRegisterString, parseRegisterString } from './register-string.ts';
import { QEMU_TARGETS } from '../../platform/lookup.ts';
import type { BinfmtEntry, BinfmtFlag } from './types.ts';

const ARM64 = ':qemu-aarch64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/usr/libexec/qemu-binfmt/aarch64-binfmt-P:OPF';

test('parseRegisterString() reads Debian\'s qemu-aarch64 line (empty offset, OPF flags)', () => {
  const r = parseRegisterString(ARM64);
  assert.equal(r.name, 'qemu-aarch64');
  assert.equal(r.type, 'M');
  assert.equal(r.offset, 0);
  assert.equal(r.magic, '7f454c460201010000000000000000000200b700');
  assert.equal(r.mask, 'ffffffffffffff00fffffffffffffffffeffffff');
  assert.equal(r.interpreter, '/usr/libexec/qemu-binfmt/aarch64-binfmt-P');
  assert.deepEqual(r.flags, ['P', 'O', 'F']);
});

test('parseRegisterString() reads literal magic, a custom delimiter, E rules and a trailing newline', () => {
  const py = parseRegisterString(':python3.11:M::\\xa7\\x0d\\x0d\\x0a::/usr/bin/python3.11:');
  assert.equal(py.magic, 'a70d0d0a');
  assert.equal(py.mask, null);
  assert.deepEqual(py.flags, []);
  const lit = parseRegisterString('|DOSWin|M|0|MZ||/usr/bin/wine|\n');
  assert.equal(lit.magic, '4d5a');
  const ext = parseRegisterString(':Java:E:ignored:jar:ignored:/usr/bin/jexec:C');
  assert.equal(ext.type, 'E');
  assert.equal(ext.extension, 'jar');
  assert.deepEqual(ext.flags, ['O', 'C'], 'C implies O, as the kernel does');
});

const FLAG_SETS: BinfmtFlag[][] = [[], ['P'], ['O'], ['C'], ['F'], ['P', 'F'], ['O', 'C'], ['P', 'O', 'C', 'F'], ['F', 'P']];

test('buildRegisterString() and parseRegisterString() round-trip every table row with every flag set', () => {
  for (const t of QEMU_TARGETS) {
    for (const flags of FLAG_SETS) {
      const rule = { name: `qemu-${t.qemuArch}`, type: 'M' as const, offset: 0, magic: t.magic, mask: t.mask, extension: null, interpreter: `/usr/bin/qemu-${t.qemuArch}-static`, flags };
      const text = buildRegisterString(rule);
      const back = parseRegisterString(text);
      assert.equal(back.magic, t.magic, t.qemuArch);
      assert.equal(back.mask, t.mask, t.qemuArch);
      assert.deepEqual(back.flags, parseRegisterString(`:x:M::a::/i:${flags.join('')}`).flags);
    }
  }
});

test('buildRegisterString() picks another delimiter when a field contains ":"', () => {
  const text = buildRegisterString({ name: 'odd', type: 'M', offset: 2, magic: '3a3a', mask: null, extension: null, interpreter: '/opt/a:b/interp', flags: ['F'] });
  assert.equal(text[0], '|');
  assert.equal(parseRegisterString(text).interpreter, '/opt/a:b/interp');
});

const MALFORMED: [string, string, RegExp][] = [
  ['too short', ':a:M::x:', /length/],
  ['too long', `:a:M::${'x'.repeat(1920)}::/i:`, /length/],
  ['empty name', '::M::\\x7f::/bin/i:', /name/],
  ['dot name', ':.:M::\\x7f::/bin/i:', /name/],
  ['slash in name', ':a/b:M::\\x7f::/bin/i:', /name/],
  ['bad type', ':a:X::\\x7f::/bin/i:', /type/],
  ['bad offset', ':a:M:-1:\\x7f::/bin/i:', /offset/],
  ['empty magic', ':a:M:::\\xff:/bin/i:', /magic/],
  ['bad escape', ':a:M::\\x7g::/bin/i:', /two hex digits/],
  ['short escape', ':a:M::ab\\x7::/bin/i:', /two hex digits/],
  ['mask length', ':a:M::\\x7f\\x45:\\xff:/bin/i:', /mask.*1 bytes.*2/],
  ['past buffer', `:a:M:250:${'\\x00'.repeat(7)}::/bin/i:`, /header buffer/],
  ['empty interpreter', ':a:M::\\x7f:::', /interpreter/],
  ['unknown flag', ':a:M::\\x7f::/bin/i:PX', /flags/],
  ['missing flags delimiter', ':a:M::\\x7f::/bin/interp', /delimiter/],
  ['E with slash', ':a:E::x/y::/bin/i:', /extension/],
];

for (const [label, text, pattern] of MALFORMED) {
  test(`parseRegisterString() rejects ${label} with a typed error`, () => {
    assert.throws(() => parseRegisterString(text), (e: unknown) => e instanceof BinfmtFormatError && pattern.test(e.message));
  });
}

test('parseRegisterString() honours the pre-5.1 128-byte buffer when asked', () => {
  const text = `:a:M:120:${'\\x00'.repeat(10)}::/bin/i:`;
  assert.equal(parseRegisterString(text).offset, 120);
  assert.throws(() => parseRegisterString(text, { bufSize: 128 }), BinfmtFormatError);
});

const ENTRIES: [string, string][] = [
  ['enabled magic entry', 'enabled\ninterpreter /usr/bin/qemu-aarch64-static\nflags: PF\noffset 0\nmagic 7f454c460201010000000000000000000200b700\nmask ffffffffffffff00fffffffffffffffffeffffff\n'],
  ['disabled entry', 'disabled\ninterpreter /usr/bin/qemu-arm-static\nflags: \noffset 0\nmagic 7f454c4601010100000000000000000002002800\nmask ffffffffffffff00fffffffffffffffffeffffff\n'],
  ['entry without mask', 'enabled\ninterpreter /usr/bin/python3.11\nflags: \noffset 0\nmagic a70d0d0a\n'],
  ['extension entry', 'enabled\ninterpreter /usr/bin/jexec\nflags: OC\nextension .jar\n'],
  ['all flags', 'enabled\ninterpreter /i\nflags: POCF\noffset 4\nmagic 01\nmask ff\n'],
];

for (const [label, text] of ENTRIES) {
  test(`parseEntryFile() round-trips a ${label}`, () => {
    const e = parseEntryFile('x', text);
    assert.equal(formatEntryFile(e), text);
  });
}

test('parseEntryFile() decodes fields of a disabled entry and an E entry', () => {
  const d = parseEntryFile('qemu-arm', ENTRIES[1]![1]);
  assert.equal(d.enabled, false);
  assert.deepEqual(d.flags, []);
  const e = parseEntryFile('jar', ENTRIES[3]![1]);
  assert.equal(e.type, 'E');
  assert.equal(e.extension, 'jar');
  assert.deepEqual(e.flags, ['O', 'C']);
});

const BAD_ENTRIES: [string, string][] = [
  ['unknown status', 'maybe\ninterpreter /i\nflags: \noffset 0\nmagic 00\n'],
  ['missing interpreter', 'enabled\nflags: \noffset 0\nmagic 00\n'],
  ['bad flag', 'enabled\ninterpreter /i\nflags: X\noffset 0\nmagic 00\n'],
  ['odd hex', 'enabled\ninterpreter /i\nflags: \noffset 0\nmagic 0\n'],
  ['mask length', 'enabled\ninterpreter /i\nflags: \noffset 0\nmagic 0000\nmask ff\n'],
  ['trailing junk', 'enabled\ninterpreter /i\nflags: \noffset 0\nmagic 00\nmask ff\nmore\n'],
  ['empty file', ''],
];
for (const [label, text] of BAD_ENTRIES) {
  test(`parseEntryFile() rejects a malformed file (${label})`, () => {
    assert.throws(() => parseEntryFile('x', text), BinfmtFormatError);
  });
}

test('a rule survives register string → kernel entry text → parse', () => {
  const rule = parseRegisterString(ARM64);
  const entry: BinfmtEntry = { ...rule, enabled: true };
  assert.deepEqual(parseEntryFile(rule.name, formatEntryFile(entry)), entry);
});
