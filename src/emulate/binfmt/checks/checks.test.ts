/** Each binfmt check against facts it must accept (valid) and facts it must report (invalid). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Check, Status } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';
import { enabledCheck } from './enabled.ts';
import { entryEnabledCheck } from './entry-enabled.ts';
import { fFlagCheck } from './f-flag.ts';
import { hostArchCheck } from './host-arch.ts';
import { BINFMT_CHECKS } from './index.ts';
import { interpreterExistsCheck } from './interpreter-exists.ts';
import { interpreterStaticCheck } from './interpreter-static.ts';
import { mountedCheck } from './mounted.ts';
import { overlapCheck } from './overlap.ts';
import { pFlagCheck } from './p-flag.ts';
import { unreadableCheck } from './unreadable.ts';
import { entry, facts } from '../testing.ts';

const gone = (path: string) => ({ [path]: { exists: false, static: null, qemuVersion: null } });
const healthy = facts([entry('gocross-qemu-aarch64', 'aarch64', ['P', 'F'])]);

interface Invalid {
  name: string;
  facts: BinfmtFacts;
  status: Status;
  code: string;
  subject?: string;
  message: RegExp;
}
const cases: Array<{ check: Check<BinfmtFacts>; valid: Array<[string, BinfmtFacts]>; invalid: Invalid[] }> = [
  { check: mountedCheck,
    valid: [['a mounted binfmt_misc', healthy]],
    invalid: [{ name: 'not mounted', facts: facts([], { mounted: false, enabled: null }), status: 'fail', code: 'not-mounted', message: /not mounted at \/m.*mount -t binfmt_misc binfmt_misc \/m/ }] },
  { check: enabledCheck,
    valid: [['enabled', healthy], ['status unreadable', facts([], { enabled: null })]],
    invalid: [{ name: 'globally disabled', facts: facts([], { enabled: false }), status: 'fail', code: 'disabled', message: /disabled.*echo 1 > \/m\/status/ }] },
  { check: unreadableCheck,
    valid: [['every entry decoded', healthy]],
    invalid: [{ name: 'an entry that cannot be decoded', facts: facts([], { unreadable: [{ name: 'odd', error: 'no interpreter line' }] }), status: 'warn', code: 'unreadable-entry', subject: 'odd', message: /Cannot decode entry odd: no interpreter line/ }] },
  { check: entryEnabledCheck,
    valid: [['an enabled entry', healthy]],
    invalid: [{ name: 'a disabled entry', facts: facts([entry('qemu-arm', 'arm', ['P', 'F'], { enabled: false })]), status: 'warn', code: 'entry-disabled', subject: 'qemu-arm', message: /qemu-arm is disabled.*echo 1 > \/m\/qemu-arm/ }] },
  { check: interpreterExistsCheck,
    valid: [['an existing interpreter', healthy]],
    invalid: [
      { name: 'a missing interpreter without F', facts: facts([entry('qemu-arm', 'arm', ['P'])], { interpreters: gone('/usr/bin/qemu-arm-static') }), status: 'fail', code: 'stale-interpreter', subject: 'qemu-arm', message: /does not exist.*gocross binfmt uninstall qemu-arm/ },
      { name: 'a missing interpreter held open by F', facts: facts([entry('qemu-arm', 'arm', ['F'])], { interpreters: gone('/usr/bin/qemu-arm-static') }), status: 'warn', code: 'stale-interpreter', subject: 'qemu-arm', message: /no longer exists; the F flag keeps/ },
      { name: 'a missing non-QEMU interpreter', facts: facts([{ ...entry('jar', 'arm', []), type: 'E', magic: null, mask: null, extension: 'jar', interpreter: '/usr/bin/jexec' }], { interpreters: {} }), status: 'fail', code: 'stale-interpreter', subject: 'jar', message: /echo -1 > \/m\/jar/ },
    ] },
  { check: hostArchCheck,
    valid: [['an entry for a foreign arch', healthy], ['an x86_64 entry on an arm64 host', facts([entry('qemu-x86_64', 'x86_64', ['F'])], { hostGoarch: 'arm64' })]],
    invalid: [{ name: 'an entry for the host arch', facts: facts([entry('qemu-x86_64', 'x86_64', ['P', 'F'])]), status: 'fail', code: 'claims-host-arch', subject: 'qemu-x86_64', message: /claims amd64 binaries.*gocross binfmt uninstall qemu-x86_64/ }] },
  { check: fFlagCheck,
    valid: [['F set', healthy], ['a non-QEMU extension entry without F', facts([{ ...entry('jar', 'arm', []), type: 'E', magic: null, mask: null, extension: 'jar', interpreter: '/usr/bin/jexec' }])]],
    invalid: [{ name: 'F missing', facts: facts([entry('qemu-arm', 'arm', ['P'])]), status: 'warn', code: 'missing-F', subject: 'qemu-arm', message: /lacks the F flag.*containers and chroots.*gocross binfmt install arm --replace$/ }] },
  { check: interpreterStaticCheck,
    valid: [['a static interpreter', healthy], ['a missing interpreter is not also called dynamic', facts([entry('qemu-arm', 'arm', ['F'])], { interpreters: gone('/usr/bin/qemu-arm-static') })]],
    invalid: [{ name: 'a dynamic interpreter', facts: facts([entry('qemu-arm', 'arm', ['P', 'F'])], { interpreters: { '/usr/bin/qemu-arm-static': { exists: true, static: false, qemuVersion: '7.2.0' } } }), status: 'warn', code: 'dynamic-interpreter', subject: 'qemu-arm', message: /dynamically linked/ }] },
  { check: pFlagCheck,
    valid: [
      ['P with QEMU 7.2 on Linux 6.8', healthy],
      ['P with an unknown QEMU version', facts([entry('qemu-arm', 'arm', ['P', 'F'])], { interpreters: { '/usr/bin/qemu-arm-static': { exists: true, static: true, qemuVersion: null } } })],
      ["P through Debian's -binfmt-P name on an old kernel", facts([entry('qemu-arm', 'arm', ['P', 'F'], { interpreter: '/usr/libexec/qemu-binfmt/arm-binfmt-P' })], { kernelRelease: '4.19.0', interpreters: { '/usr/libexec/qemu-binfmt/arm-binfmt-P': { exists: true, static: true, qemuVersion: '5.2.0' } } })],
    ],
    invalid: [
      { name: 'P missing', facts: facts([entry('qemu-arm', 'arm', ['F'])]), status: 'info', code: 'missing-P', subject: 'qemu-arm', message: /argv\[0\] is lost/ },
      { name: 'P with QEMU 5.2', facts: facts([entry('qemu-arm', 'arm', ['P', 'F'])], { interpreters: { '/usr/bin/qemu-arm-static': { exists: true, static: true, qemuVersion: '5.2.0' } } }), status: 'fail', code: 'unsupported-P', subject: 'qemu-arm', message: /QEMU 5\.2\.0 < 6\.0.*--replace --flags F/ },
      { name: 'P on Linux 5.10', facts: facts([entry('qemu-arm', 'arm', ['P', 'F'])], { kernelRelease: '5.10.0' }), status: 'fail', code: 'unsupported-P', subject: 'qemu-arm', message: /Linux 5\.10\.0 < 5\.12/ },
    ] },
  { check: overlapCheck,
    valid: [
      ['entries for different arches', facts([entry('qemu-arm', 'arm', ['F']), entry('qemu-aarch64', 'aarch64', ['F'])])],
      ['a disabled duplicate', facts([entry('qemu-aarch64', 'aarch64', ['F'], { enabled: false }), entry('gocross-qemu-aarch64', 'aarch64', ['F'])])],
    ],
    invalid: [{ name: 'two enabled entries for arm64', facts: facts([entry('qemu-aarch64', 'aarch64', ['F']), entry('gocross-qemu-aarch64', 'aarch64', ['F'])]), status: 'warn', code: 'overlap', subject: 'qemu-aarch64', message: /qemu-aarch64 and gocross-qemu-aarch64 claim the same binaries.*probably gocross-qemu-aarch64/ }] },
];

describe('binfmt checks', () => {
  it('every check is listed once, with an id under binfmt/', () => {
    assert.deepEqual(new Set(BINFMT_CHECKS), new Set(cases.map((c) => c.check)));
    assert.equal(BINFMT_CHECKS.length, cases.length);
    for (const c of BINFMT_CHECKS) assert.match(c.id, /^binfmt\/[a-z-]+$/);
  });
  for (const { check, valid, invalid } of cases) {
    describe(check.id, () => {
      for (const [name, f] of valid) {
        it(`accepts ${name}`, () => {
          const findings = check.evaluate(f).filter((x) => x.status === 'warn' || x.status === 'fail');
          assert.deepEqual(findings, []);
        });
      }
      for (const c of invalid) {
        it(`reports ${c.name} (${c.status} ${c.code})`, () => {
          const findings = check.evaluate(c.facts);
          assert.equal(findings.length, 1, JSON.stringify(findings));
          const [f] = findings;
          assert.equal(f!.status, c.status);
          assert.equal(f!.code, c.code);
          assert.equal(f!.subject, c.subject);
          assert.match(`${f!.message} ${f!.fix ?? ''}`, c.message);
          assert.ok(c.status === 'info' || f!.fix, 'a warn or fail says what to do');
          const rank = { info: 0, pass: 1, warn: 2, fail: 3 };
          assert.ok(rank[f!.status] <= rank[check.severity], `${f!.status} is within the check's severity ${check.severity}`);
        });
      }
    });
  }
});
