/**
 * verify's runtime checks against real running services: the example (healthy) and a test service
 * that breaks one habit per switch (plaintext user_id, dropped trace id, reused span, plain-text
 * line, TLS certificates generated here with openssl). Each service runs through the same launcher
 * verify uses, on a loopback port.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { inspectFile } from '../src/binary/inspect.ts';
import { run } from '../src/process/run.ts';
import { qemuEmulator } from '../src/verify/adapters/emulate.ts';
import { normalizeVerifyConfig } from '../src/verify/config.ts';
import type { Finding } from '../src/verify/model.ts';
import { PortAllocator } from '../src/verify/ports.ts';
import { runServiceTest, type ServiceOutcome } from '../src/verify/service.ts';
import { CACHE, FIXTURES, goBinary, lacks, REPO } from './support/go.ts';

const missing = lacks('go', 'openssl');
const goarch = process.arch === 'x64' ? 'amd64' : process.arch;
await mkdir(CACHE, { recursive: true });
const tmp = await mkdtemp(join(CACHE, 'verify-runtime-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const ports = new PortAllocator();

const binaries = missing
  ? null
  : {
      fixture: goBinary({ goos: 'linux', goarch, dir: join(FIXTURES, 'runtime-service'), name: 'runtime-service' }),
      example: goBinary({ goos: 'linux', goarch, dir: join(REPO, 'examples/hello-service'), name: 'hello-service' }),
    };

async function serve(binary: Promise<string>, service: Record<string, unknown>): Promise<ServiceOutcome> {
  const path = await binary;
  const test = normalizeVerifyConfig({ service }).service!;
  const launch = qemuEmulator().launcher(path, await inspectFile(path));
  return runServiceTest(test, await ports.next(), {}, launch, undefined, { baseDir: tmp });
}

const fixture = (env: Record<string, string>, extra: Record<string, unknown> = {}): Promise<ServiceOutcome> =>
  serve(binaries!.fixture, { portEnv: 'PORT', env, readiness: { path: '/readyz', timeoutMs: 10_000 }, checks: [{ path: '/readyz' }], stopTimeoutMs: 2000, ...extra });

const failed = (o: ServiceOutcome): Finding[] => o.findings.filter((f) => f.status === 'fail');
const failedIds = (o: ServiceOutcome): string[] => [...new Set(failed(o).map((f) => f.id))].sort();

/** The line number (1-based, in the service's stdout) of the first line containing `text`. */
function stdoutLine(o: ServiceOutcome, text: string): number {
  const stdout = o.log.split('--- stdout\n')[1]!.split('\n--- stderr')[0]!;
  const index = stdout.split('\n').findIndex((l) => l.includes(text));
  assert.ok(index >= 0, `no stdout line has ${text}`);
  return index + 1;
}

const logs = { service: 'runtime-service', forbid: { fields: ['user_id'], patterns: { email: '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}' } } };

test('the example service passes its own runtime checks: JSON logs, trace continued upstream and logged, reachability', { skip: missing }, async () => {
  const config = parse(await readFile(join(REPO, 'examples/hello-service/gocross.config.yaml'), 'utf8')) as { verify: { service: Record<string, unknown> } };
  const o = await serve(binaries!.example, config.verify.service);
  assert.deepEqual(failed(o), [], o.log);
  assert.equal(o.ok, true);
  const ids = o.findings.map((f) => f.id);
  for (const id of ['logs/structured', 'trace/upstream', 'trace/logged', 'reachability/answers']) assert.ok(ids.includes(id), `${id} in ${ids.join(' ')}`);
  assert.match(o.findings.find((f) => f.id === 'trace/upstream')!.message, /upstream call GET \/ continued trace [0-9a-f]{32} from a new span [0-9a-f]{16}/);
  // The log is kept in the stage log.
  assert.match(o.log, /"msg":"upstream call","service":"hello-service"/);
});

test('a service logging a plaintext user_id and an e-mail fails, naming the line and the field', { skip: missing }, async () => {
  const o = await fixture({ RS_LEAK_USER_ID: '1' }, { logs, trace: { path: '/work' } });
  assert.equal(o.ok, false);
  const line = stdoutLine(o, '"msg":"work done"');
  const messages = failed(o).map((f) => `${f.id}: ${f.message}`);
  assert.deepEqual(messages, [
    `logs/forbidden-field: stdout line ${line}: field user_id is forbidden`,
    `logs/forbidden-pattern: stdout line ${line}: field customer matches the forbidden pattern email`,
  ]);
});

test('a service that drops the trace id fails: not logged, not propagated upstream', { skip: missing }, async () => {
  const o = await fixture({ RS_DROP_TRACE: '1' }, { logs, trace: { path: '/work', upstreamEnv: 'RS_UPSTREAM' } });
  assert.deepEqual(failedIds(o), ['logs/trace-id', 'trace/logged', 'trace/upstream']);
  const byId = (id: string): string => failed(o).find((f) => f.id === id)!.message;
  assert.match(byId('logs/trace-id'), /^no log line carries trace_id [0-9a-f]{32}, sent in the traceparent of GET \/work$/);
  assert.equal(byId('trace/upstream'), 'upstream call GET /v1/items carried no traceparent header');
});

test('a service that forwards the caller\'s span id instead of starting a span fails the trace check', { skip: missing }, async () => {
  const o = await fixture({ RS_REUSE_SPAN: '1' }, { trace: { path: '/work', upstreamEnv: 'RS_UPSTREAM' } });
  assert.deepEqual(failedIds(o), ['trace/upstream']);
  assert.match(failed(o)[0]!.message, /kept gocross's span id [0-9a-f]{16} as its parent id/);
});

test('a plain-text log line fails the logs check with its line number', { skip: missing }, async () => {
  const o = await fixture({ RS_PLAIN_LOG: '1' }, { logs });
  assert.deepEqual(failed(o).map((f) => f.message), ['stdout line 1: not JSON: "starting runtime-service the old way"']);
});

test('a logfmt log is judged as logfmt: the JSON service fails it on every line', { skip: missing }, async () => {
  const o = await fixture({}, { logs: { ...logs, format: 'logfmt' } });
  assert.ok(failed(o).length > 0);
  assert.ok(failed(o).every((f) => f.id === 'logs/not-structured'), failed(o).map((f) => f.message).join('\n'));
});

test('reachability: an endpoint that must not answer but does fails; closed ports and the service itself pass', { skip: missing }, async () => {
  const open = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => open.once('listening', r));
  const openPort = (open.address() as { port: number }).port;
  const closedPort = await ports.next();
  try {
    const o = await fixture({}, { reachability: { mustAnswer: ['http://{addr}/readyz', 'tcp://{addr}'], mustNotAnswer: [`tcp://127.0.0.1:${closedPort}`, `tcp://127.0.0.1:${openPort}`], timeoutMs: 1000 } });
    assert.deepEqual(failed(o).map((f) => f.message), [`tcp://127.0.0.1:${openPort} must not answer from here but did (connected)`]);
    assert.equal(o.findings.filter((f) => f.id.startsWith('reachability/') && f.status === 'pass').length, 3);
  } finally {
    open.close();
  }
});

// TLS: a CA and leaf certificates made with openssl (EC keys: fast), signed with `openssl ca` so the
// validity window can lie in the past.
const certs = missing
  ? null
  : (async () => {
      const dir = join(tmp, 'pki');
      await mkdir(join(dir, 'newcerts'), { recursive: true });
      await writeFile(join(dir, 'index.txt'), '');
      await writeFile(join(dir, 'serial'), '1000\n');
      await writeFile(
        join(dir, 'ca.cnf'),
        `[ca]\ndefault_ca = test\n[test]\ndatabase = ${dir}/index.txt\nnew_certs_dir = ${dir}/newcerts\nserial = ${dir}/serial\ndefault_md = sha256\npolicy = any\nunique_subject = no\n[any]\ncommonName = supplied\n`,
      );
      const openssl = (args: string[]) => run('openssl', args, { cwd: dir, timeoutMs: 60_000 });
      await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=gocross test CA']);
      const leaf = async (name: string, san: string, dates: string[]): Promise<{ cert: string; key: string }> => {
        await writeFile(join(dir, `${name}.ext`), `subjectAltName = ${san}\nbasicConstraints = CA:FALSE\nextendedKeyUsage = serverAuth\n`);
        await openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
        await openssl(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.pem`, '-extfile', `${name}.ext`, '-notext', ...dates]);
        return { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
      };
      return {
        ca: join(dir, 'ca.pem'),
        good: await leaf('good', 'DNS:localhost', ['-days', '90']),
        expired: await leaf('expired', 'DNS:localhost', ['-startdate', '20200101000000Z', '-enddate', '20200401000000Z']),
        tooLong: await leaf('too-long', 'DNS:localhost', ['-days', '825']),
        wrongName: await leaf('wrong-name', 'DNS:other.example', ['-days', '90']),
        expiring: await leaf('expiring', 'DNS:localhost', ['-days', '5']),
      };
    })();

async function tlsService(cert: { cert: string; key: string }, env: Record<string, string> = {}, tls: Record<string, unknown> = {}): Promise<ServiceOutcome> {
  const c = await certs!;
  return fixture({ RS_TLS_CERT: cert.cert, RS_TLS_KEY: cert.key, ...env }, { tls: { serverName: 'localhost', ca: c.ca, maxValidityDays: 398, minRemainingDays: 14, ...tls } });
}

test('TLS: a valid 90-day certificate for localhost from the trusted CA passes over TLS 1.3', { skip: missing }, async () => {
  const o = await tlsService((await certs!).good);
  assert.deepEqual(failed(o), [], o.log);
  assert.match(o.findings.find((f) => f.id === 'tls/protocol')!.message, /^negotiated TLSv1\.3; TLSv1\.1 refused$/);
  assert.ok(o.findings.some((f) => f.id === 'tls/chain' && f.status === 'pass'));
});

const tlsCases: Array<[string, 'expired' | 'tooLong' | 'wrongName' | 'expiring', string[], RegExp]> = [
  ['an expired certificate', 'expired', ['tls/chain', 'tls/expired'], /certificate expired on 2020-04-01/],
  ['a certificate valid for 825 days', 'tooLong', ['tls/validity'], /certificate is valid for 825 days \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\), longer than the 398-day maximum/],
  ['a certificate for another name', 'wrongName', ['tls/name'], /is not valid for localhost: .*other\.example/],
  ['a certificate expiring in 5 days', 'expiring', ['tls/expiring'], /certificate expires in 4 day\(s\), on \d{4}-\d\d-\d\d \(minimum 14\)/],
];
for (const [name, key, ids, reason] of tlsCases) {
  test(`TLS: ${name} fails with the reason`, { skip: missing }, async () => {
    const o = await tlsService((await certs!)[key]);
    assert.deepEqual(failedIds(o), ids, failed(o).map((f) => f.message).join('\n'));
    assert.ok(failed(o).some((f) => reason.test(f.message)), failed(o).map((f) => f.message).join('\n'));
  });
}

test('TLS: a service that still accepts TLS 1.2 fails a TLSv1.3 minimum', { skip: missing }, async () => {
  const o = await tlsService((await certs!).good, { RS_TLS_MAX: '1.2' }, { minVersion: 'TLSv1.3' });
  assert.deepEqual(failed(o).map((f) => `${f.id}: ${f.message}`), ['tls/protocol: negotiated TLSv1.2, below the minimum TLSv1.3']);
  const o2 = await tlsService((await certs!).good, {}, { minVersion: 'TLSv1.3' });
  assert.deepEqual(failed(o2).map((f) => `${f.id}: ${f.message}`), ['tls/protocol: accepts TLSv1.2, below the minimum TLSv1.3']);
});

test('TLS: Go\'s default server minimum (TLS 1.0) fails the default TLSv1.2 minimum', { skip: missing }, async () => {
  const o = await tlsService((await certs!).good, { RS_TLS_GO_DEFAULT: '1' });
  assert.deepEqual(failed(o).map((f) => `${f.id}: ${f.message}`), ['tls/protocol: accepts TLSv1.1, below the minimum TLSv1.2']);
});
