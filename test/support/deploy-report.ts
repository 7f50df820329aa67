/**
 * Test data for the deploy renderers and reports: a three-wave run as the runner reports it (one
 * host updated, one rolled back by the HTTP gate with its journal, one refused in preflight, one
 * updated under a hostile name, one untouched after the budget was exceeded), and the events that
 * led to it. Data, not mocks: the renderers are pure functions of these.
 */
import type { DeployEvent, DeployReport, HostResult, StepName, StepResult } from '../../src/deploy/model.ts';

/** A host name and a journal line an attacker controls: markup, an ANSI clear-screen, a colour, a line break. */
export const HOSTILE_HOST = '<script>alert(1)</script>\u001b[2J';
export const HOSTILE_LINE = 'panic: <script>alert("x")</script> \u001b[31mred\u001b[0m \u001b]0;title\u0007';

const PIPELINE: StepName[] = ['connect', 'preflight', 'upload', 'verify-checksum', 'install-unit', 'arm-revert', 'switch', 'restart', 'health-systemd', 'health-http', 'commit', 'prune'];

const ok = (step: StepName, durationMs = 100, message = ''): StepResult => ({ step, status: 'ok', durationMs, message });

function updated(host: string, address: string, wave: number, artifact = 'linux/amd64'): HostResult {
  return {
    host,
    address,
    wave,
    outcome: 'updated',
    artifact,
    fromRelease: '1.1.0-0123456789ab',
    toRelease: '1.2.0-ba9876543210',
    steps: PIPELINE.map((s) => ok(s, s === 'upload' ? 900 : s === 'health-http' ? 2100 : 120, s === 'upload' ? 'sent 2.1 MiB over sftp' : '')),
    journal: null,
    bytesSent: 2_202_009,
    durationMs: 4300,
  };
}

export const JOURNAL = [
  ...Array.from({ length: 30 }, (_, i) => `May 01 12:00:${String(i).padStart(2, '0')} pi hello-service[812]: line ${i + 1}`),
  HOSTILE_LINE,
].join('\n');

const rolledBack: HostResult = {
  host: 'pi-kitchen',
  address: '10.77.0.12',
  wave: 2,
  outcome: 'rolled-back',
  artifact: 'linux/arm/7',
  fromRelease: '1.1.0-0123456789ab',
  toRelease: '1.2.0-ba9876543210',
  steps: [
    ...PIPELINE.slice(0, 9).map((s) => ok(s)),
    {
      step: 'health-http',
      status: 'fail',
      durationMs: 30_000,
      message: 'GET /healthz?verbose: component db is fail',
      fix: 'look at the journal below; the previous release is running again',
      findings: [{ status: 'fail', subject: 'db', message: 'component db: status fail (connection refused)' }],
    },
    ok('rollback', 1500, 'back on 1.1.0-0123456789ab, healthy'),
  ],
  journal: JOURNAL,
  bytesSent: 1_900_000,
  durationMs: 33_900,
};

const refused: HostResult = {
  host: 'router',
  address: '10.77.0.20',
  wave: 2,
  outcome: 'refused',
  artifact: 'linux/arm64',
  fromRelease: null,
  toRelease: null,
  steps: [
    ok('connect', 40),
    {
      step: 'preflight',
      status: 'fail',
      durationMs: 200,
      message: 'linux/arm64 does not run on this device',
      fix: 'build with CGO_ENABLED=0, or for glibc 2.28',
      findings: [
        { status: 'pass', subject: 'arch', message: 'aarch64 userland (ELF of /bin/sh: 64-bit, EM_AARCH64)' },
        { status: 'fail', subject: 'libc', message: 'needs GLIBC_2.34, the device has glibc 2.28', fix: 'build with CGO_ENABLED=0, or for glibc 2.28' },
        { status: 'warn', subject: 'init', message: 'no systemd: the device has BusyBox init', fix: 'install systemd, or deploy to devices that run it' },
        { status: 'fail', subject: 'router', message: 'router lacks systemd-run', fix: 'install systemd on the device' },
      ],
    },
  ],
  journal: null,
  bytesSent: 0,
  durationMs: 240,
};

const untouched: HostResult = { host: 'edge-9', address: '10.77.0.30', wave: 3, outcome: 'untouched', artifact: null, fromRelease: null, toRelease: null, steps: [], journal: null, bytesSent: 0, durationMs: 0 };

export const REPORT: DeployReport = {
  schemaVersion: 1,
  command: 'deploy',
  service: 'hello-service',
  release: '1.2.0-ba9876543210',
  startedAt: '2024-05-01T12:00:00.000Z',
  finishedAt: '2024-05-01T12:00:41.500Z',
  dryRun: false,
  waves: [
    { wave: 1, hosts: ['canary'], durationMs: 4400 },
    { wave: 2, hosts: ['pi-kitchen', 'router', HOSTILE_HOST], durationMs: 34_000 },
    { wave: 3, hosts: ['edge-9'], durationMs: 0 },
  ],
  hosts: [updated('canary', '10.77.0.11', 1), rolledBack, refused, updated(HOSTILE_HOST, `10.77.0.13${HOSTILE_HOST}`, 2, 'linux/riscv64'), untouched],
  failures: 2,
  maxFailures: 1,
  budgetExceeded: true,
  interrupted: false,
  exitCode: 1,
};

/** The events of REPORT, in the order the runner emits them. */
export function eventsOf(report: DeployReport): DeployEvent[] {
  const events: DeployEvent[] = [{ type: 'plan', service: report.service, release: report.release ?? '', waves: report.waves.map((w) => w.hosts), maxFailures: report.maxFailures, dryRun: report.dryRun }];
  for (const w of report.waves) {
    const hosts = report.hosts.filter((h) => h.wave === w.wave);
    if (hosts.every((h) => h.outcome === 'untouched')) continue;
    events.push({ type: 'wave-start', wave: w.wave, hosts: w.hosts });
    for (const h of hosts) {
      for (const s of h.steps) {
        events.push({ type: 'step', host: h.host, step: s.step, phase: 'start' });
        events.push({ type: 'step', host: h.host, step: s.step, phase: 'end', status: s.status, message: s.message, durationMs: s.durationMs });
      }
      events.push({ type: 'host-done', result: h });
    }
    const failures = report.hosts.filter((h) => h.wave <= w.wave && ['refused', 'failed', 'rolled-back', 'reverted'].includes(h.outcome)).length;
    if (failures > report.maxFailures) events.push({ type: 'budget-exceeded', failures, maxFailures: report.maxFailures, wave: w.wave });
    events.push({ type: 'wave-end', wave: w.wave, failures });
  }
  events.push({ type: 'done', report });
  return events;
}

/** REPORT as a dry run: connect and preflight ran, every later step is listed as skipped. */
export const DRY_RUN: DeployReport = {
  ...REPORT,
  dryRun: true,
  budgetExceeded: false,
  failures: 1,
  waves: REPORT.waves.slice(0, 2),
  hosts: [
    { ...updated('canary', '10.77.0.11', 1), steps: [ok('connect'), { ...ok('preflight'), message: 'runs linux/amd64', findings: [{ status: 'pass', subject: 'libc', message: 'glibc 2.36' }] }, ...PIPELINE.slice(2).map((s): StepResult => ({ step: s, status: 'skip', durationMs: 0, message: s === 'switch' ? 'would switch current from 1.1.0-0123456789ab to 1.2.0-ba9876543210' : 'dry run' }))], bytesSent: 0 },
    refused,
  ],
};
