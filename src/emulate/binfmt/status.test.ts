import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateBinfmt, type BinfmtFacts } from './status.ts';
import { entry, facts } from './testing.ts';

// Findings are core findings: status fail/warn/info stand for the old error/warning/info, code for the old id.
const SEVERITY = { fail: 'error', warn: 'warning', info: 'info', pass: 'pass' } as const;
const ids = (f: BinfmtFacts) => evaluateBinfmt(f).findings.map((x) => `${SEVERITY[x.status]}:${x.code}`).sort();

const CASES: [string, BinfmtFacts, string[], boolean][] = [
  ['a healthy PF entry', facts([entry('gocross-qemu-aarch64', 'aarch64', ['P', 'F'])]), [], true],
  ['not mounted', facts([], { mounted: false }), ['error:not-mounted'], false],
  ['globally disabled', facts([], { enabled: false }), ['error:disabled'], false],
  ['missing F and P', facts([entry('qemu-aarch64', 'aarch64', [])]), ['info:missing-P', 'warning:missing-F'], true],
  ['a disabled entry', facts([entry('qemu-arm', 'arm', ['P', 'F'], { enabled: false })]), ['warning:entry-disabled'], true],
  ['stale interpreter without F', facts([entry('qemu-arm', 'arm', ['P'])], { interpreters: { '/usr/bin/qemu-arm-static': { exists: false, static: null, qemuVersion: null } } }), ['error:stale-interpreter', 'warning:missing-F'], false],
  ['stale interpreter with F', facts([entry('qemu-arm', 'arm', ['F'])], { interpreters: { '/usr/bin/qemu-arm-static': { exists: false, static: null, qemuVersion: null } } }), ['info:missing-P', 'warning:stale-interpreter'], true],
  ['an entry for the host arch', facts([entry('qemu-x86_64', 'x86_64', ['P', 'F'])]), ['error:claims-host-arch'], false],
  ['P with QEMU 5.2', facts([entry('qemu-arm', 'arm', ['P', 'F'])], { interpreters: { '/usr/bin/qemu-arm-static': { exists: true, static: true, qemuVersion: '5.2.0' } } }), ['error:unsupported-P'], false],
  ['a dynamic interpreter', facts([entry('qemu-arm', 'arm', ['P', 'F'])], { interpreters: { '/usr/bin/qemu-arm-static': { exists: true, static: false, qemuVersion: '7.2.0' } } }), ['warning:dynamic-interpreter'], true],
  ['two entries for arm64', facts([entry('qemu-aarch64', 'aarch64', ['P', 'F']), entry('gocross-qemu-aarch64', 'aarch64', ['P', 'F'])]), ['warning:overlap'], true],
];
for (const [label, f, expected, ok] of CASES) {
  test(`evaluateBinfmt() on ${label}: ${expected.join(', ') || 'no findings'}`, () => {
    assert.deepEqual(ids(f), [...expected].sort());
    assert.equal(evaluateBinfmt(f).ok, ok);
  });
}

test('evaluateBinfmt() names the GOARCH each entry serves and who shadows it', () => {
  const s = evaluateBinfmt(facts([entry('qemu-aarch64', 'aarch64', ['F']), entry('gocross-qemu-aarch64', 'aarch64', ['F']), entry('gocross-qemu-mips64el', 'mips64el', ['F'])]));
  assert.deepEqual(s.entries.map((e) => [e.name, e.goarches, e.gocross, e.shadowedBy]), [
    ['qemu-aarch64', ['arm64'], false, ['gocross-qemu-aarch64']],
    ['gocross-qemu-aarch64', ['arm64'], true, []],
    ['gocross-qemu-mips64el', ['mips64le'], true, []],
  ]);
  const missingF = evaluateBinfmt(facts([entry('qemu-arm', 'arm', [])])).findings.find((f) => f.code === 'missing-F')!;
  assert.match(missingF.message, /containers and chroots/);
  assert.equal(missingF.fix, 'gocross binfmt install arm --replace');
});
