import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { FIXTURES, goBinary, lacks } from '../../test/support/go.ts';
import { run } from '../process/run.ts';
import { inspectFile } from '../binary/inspect.ts';
import type { GoBuildInfo } from '../binary/types.ts';
import { h1Sha256, isLocalPath, moduleComponent, sbomSubject, vcsUrlOf } from './components.ts';
import { parseTime, sbomTimestamp, serialUuid, sourceDateEpoch } from './document-options.ts';
import { cycloneDx } from './cyclonedx.ts';
import { generateSbom, sha256Of, writeSbomForArtifact } from './generate.ts';
import { golangPurl, stdlibPurl } from './purl.ts';
import { spdx } from './spdx.ts';
import { verifySbom } from './verify.ts';
import { parseSbomTimestamp, parseSbomUuid, resolveDocumentOptions } from './document-options.ts';

const SCHEMAS = join(FIXTURES, 'sbom-schemas');
const work = await mkdtemp(join(tmpdir(), 'gocross-sbom-test-'));
test.after(() => rm(work, { recursive: true, force: true }));
const fixed = { timestamp: new Date('2024-05-06T07:08:09.123Z'), uuid: '3e671687-395b-41f5-a30f-a58921a69b79', toolVersion: '0.1.0' };

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;
function ajv(): Ajv {
  const a = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(a);
  // CycloneDX uses two formats ajv-formats lacks; accept any string for them (their shape is not what we test).
  a.addFormat('iri-reference', true);
  a.addFormat('idn-email', true);
  return a;
}

/** The official CycloneDX 1.6 JSON schema (with its spdx and jsf references), vendored under test/fixtures. */
function cycloneDxValidator(): ValidateFunction {
  const a = ajv();
  const load = (f: string): object => JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8')) as object;
  a.addSchema(load('spdx.schema.json'));
  a.addSchema(load('jsf-0.82.schema.json'));
  return a.compile(load('bom-1.6.schema.json'));
}

/** SPDX 2.3 JSON constraints on the fields gocross emits (see test/fixtures/sbom-schemas/README.md). */
function spdxValidator(): ValidateFunction {
  return ajv().compile(JSON.parse(readFileSync(join(SCHEMAS, 'spdx-2.3-subset.schema.json'), 'utf8')) as object);
}

function info(deps: GoBuildInfo['deps']): GoBuildInfo {
  return {
    version: 'go1.23.5',
    path: 'example.com/app/cmd/app',
    main: { path: 'example.com/app', version: 'v1.4.0', sum: null, replace: null },
    deps,
    settings: { '-ldflags': '-s -w -X "main.v=1 2"', GOOS: 'linux', GOARCH: 'arm64', 'vcs.revision': 'abc123' },
  };
}

test('golangPurl() lowercases and percent-encodes as purl-spec requires', () => {
  const cases: [string, string | null, string][] = [
    ['github.com/gorilla/context', 'v1.1.1', 'pkg:golang/github.com/gorilla/context@v1.1.1'],
    ['github.com/Azure/go-autorest', 'v14.2.0+incompatible', 'pkg:golang/github.com/azure/go-autorest@v14.2.0%2Bincompatible'],
    ['gopkg.in/yaml.v3', 'v3.0.1', 'pkg:golang/gopkg.in/yaml.v3@v3.0.1'],
    ['example.com/hello', '(devel)', 'pkg:golang/example.com/hello'],
    ['example.com/a b', null, 'pkg:golang/example.com/a%20b'],
  ];
  for (const [path, version, want] of cases) assert.equal(golangPurl(path, version), want);
  assert.equal(stdlibPurl('go1.23.5'), 'pkg:golang/stdlib@1.23.5');
  assert.equal(stdlibPurl('go1.22.0 X:boringcrypto'), 'pkg:golang/stdlib@1.22.0');
});

test('moduleComponent() resolves replacements as syft does', () => {
  const local = moduleComponent({ path: 'example.com/greet', version: 'v1.2.3', sum: null, replace: { path: './greet', version: '', sum: null, replace: null } });
  assert.equal(local.name, 'example.com/greet');
  assert.equal(local.purl, 'pkg:golang/example.com/greet@v1.2.3');
  assert.equal(local.localReplace, true);
  assert.equal(local.replacedBy, './greet');
  const fork = moduleComponent({ path: 'github.com/orig/lib', version: 'v1.0.0', sum: 'h1:aaa=', replace: { path: 'github.com/fork/lib', version: 'v1.0.1-fix', sum: 'h1:bbb=', replace: null } });
  assert.equal(fork.name, 'github.com/fork/lib');
  assert.equal(fork.purl, 'pkg:golang/github.com/fork/lib@v1.0.1-fix');
  assert.equal(fork.goSum, 'h1:bbb=');
  assert.equal(fork.localReplace, false);
  for (const [p, want] of [['./x', true], ['../x', true], ['/abs/x', true], ['C:\\src\\x', true], ['example.com/x', false]] as const) assert.equal(isLocalPath(p), want, p);
});

test('cycloneDx() and spdx() validate against the schemas, with deps, stdlib, digest and build settings', () => {
  const subject = sbomSubject('app', 'ab'.repeat(32), 1234, info([
    { path: 'github.com/Azure/go-autorest', version: 'v14.2.0+incompatible', sum: 'h1:V5VMDjClKFlibfpYJCc/8w==', replace: null },
    { path: 'example.com/greet', version: 'v1.2.3', sum: null, replace: { path: './greet', version: '', sum: null, replace: null } },
  ]));
  const cdx = cycloneDx(subject, fixed);
  const validateCdx = cycloneDxValidator();
  assert.ok(validateCdx(cdx), JSON.stringify(validateCdx.errors, null, 1));
  const doc = cdx as { metadata: { timestamp: string; component: { properties: { name: string; value: string }[] } }; components: { purl: string }[]; serialNumber: string };
  assert.equal(doc.serialNumber, `urn:uuid:${fixed.uuid}`);
  assert.equal(doc.metadata.timestamp, '2024-05-06T07:08:09Z');
  assert.deepEqual(doc.components.map((c) => c.purl), ['pkg:golang/github.com/azure/go-autorest@v14.2.0%2Bincompatible', 'pkg:golang/example.com/greet@v1.2.3', 'pkg:golang/stdlib@1.23.5']);
  assert.ok(doc.metadata.component.properties.some((p) => p.name === 'gocross:go:build:-ldflags' && p.value === '-s -w -X "main.v=1 2"'));
  assert.equal(sha256Of(cdx), 'ab'.repeat(32));

  const sp = spdx(subject, fixed);
  const validateSpdx = spdxValidator();
  assert.ok(validateSpdx(sp), JSON.stringify(validateSpdx.errors, null, 1));
  assert.equal(sha256Of(sp), 'ab'.repeat(32));
  // The validators can fail: a broken document is rejected.
  assert.equal(validateCdx({ ...cdx, specVersion: 1.6 }), false);
  assert.equal(validateSpdx({ ...sp, packages: [{ SPDXID: 'bad id', name: 'x', downloadLocation: 'NOASSERTION' }] }), false);
});

test('generateSbom() reads a real binary: main module, local replacement, stdlib, digest; output is reproducible', { skip: lacks('go', 'sha256sum') }, async () => {
  const file = await goBinary({ goos: 'linux', goarch: 'arm64' });
  const digest = (await run('sha256sum', [file])).stdout.split(' ')[0];
  const cdx = await generateSbom(file, fixed);
  assert.ok(cycloneDxValidator()(cdx));
  assert.equal(sha256Of(cdx), digest);
  const text = JSON.stringify(cdx);
  assert.match(text, /"purl":"pkg:golang\/example.com\/greet@v1.2.3"/);
  assert.match(text, /"purl":"pkg:golang\/stdlib@\d+\.\d+/);
  assert.match(text, /"name":"gocross:go:build:GOARCH","value":"arm64"/);
  assert.equal(JSON.stringify(await generateSbom(file, fixed)), text, 'same inputs, same bytes');
  const sp = await generateSbom(file, { ...fixed, format: 'spdx' });
  assert.ok(spdxValidator()(sp));
  assert.equal(sha256Of(sp), digest);
});

test('writeSbomForArtifact() writes FILE.cdx.json beside the artifact; --verify passes, then fails after a change', { skip: lacks('go') }, async () => {
  const artifact = join(work, 'hello');
  await writeFile(artifact, await readFile(await goBinary({ goos: 'linux', goarch: 'amd64' })));
  const written = await writeSbomForArtifact(artifact, fixed);
  assert.equal(written.path, `${artifact}.cdx.json`);
  assert.ok(existsSync(written.path));
  assert.equal((await verifySbom(written.path, artifact)).ok, true);
  const spdxPath = (await writeSbomForArtifact(artifact, { ...fixed, format: 'spdx' })).path;
  assert.equal(spdxPath, `${artifact}.spdx.json`);

  const pass = await run(process.execPath, ['src/cli/bin.ts', 'sbom', '--verify', spdxPath, artifact], { reject: false });
  assert.equal(pass.exitCode, 0, pass.stderr);
  await writeFile(artifact, Buffer.concat([await readFile(artifact), Buffer.from([0])]));
  const fail = await run(process.execPath, ['src/cli/bin.ts', 'sbom', '--verify', written.path, artifact], { reject: false });
  assert.equal(fail.exitCode, 1);
  assert.match(fail.stdout, /MISMATCH/);
});

test('gocross sbom CLI: stdout for one file, exit 1 for a non-Go file, exit 2 for a bad format', { skip: lacks('go') }, async () => {
  const file = await goBinary({ goos: 'linux', goarch: 'amd64' });
  const ok = await run(process.execPath, ['src/cli/bin.ts', 'sbom', file, '--format', 'spdx', '--timestamp', '2024-01-01T00:00:00Z', '--uuid', fixed.uuid]);
  assert.equal((JSON.parse(ok.stdout) as { spdxVersion: string }).spdxVersion, 'SPDX-2.3');
  const notGo = join(work, 'not-go');
  await writeFile(notGo, 'text\n');
  const bad = await run(process.execPath, ['src/cli/bin.ts', 'sbom', notGo, '-o', `${notGo}.json`], { reject: false });
  assert.equal(bad.exitCode, 1);
  assert.match(bad.stderr, /Cannot make an SBOM for .*not-go/);
  assert.equal(existsSync(`${notGo}.json`), false);
  const usage = await run(process.execPath, ['src/cli/bin.ts', 'sbom', file, '--format', 'swid'], { reject: false });
  assert.equal(usage.exitCode, 2);
});

test('parseSbomUuid() and parseSbomTimestamp() accept RFC 4122 UUIDs and RFC 3339 times only', () => {
  assert.equal(parseSbomUuid('3E671687-395B-41F5-A30F-A58921A69B79'), '3e671687-395b-41f5-a30f-a58921a69b79');
  assert.equal(parseSbomUuid('0193b3c5-7e7c-8abc-9def-0123456789ab'), '0193b3c5-7e7c-8abc-9def-0123456789ab');
  for (const bad of ['', 'not-a-uuid', '3e671687395b41f5a30fa58921a69b79', '3e671687-395b-01f5-a30f-a58921a69b79', '3e671687-395b-41f5-c30f-a58921a69b79', 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79']) {
    assert.equal(parseSbomUuid(bad), null, bad);
  }
  assert.equal(parseSbomTimestamp('2024-01-02T03:04:05Z')?.toISOString(), '2024-01-02T03:04:05.000Z');
  assert.equal(parseSbomTimestamp('2024-01-02T03:04:05.5+01:00')?.toISOString(), '2024-01-02T02:04:05.500Z');
  assert.equal(parseSbomTimestamp('2024-01-02')?.toISOString(), '2024-01-02T00:00:00.000Z');
  // Node's Date would take all of these (5 → 2001, Feb 30 → Mar 1, no zone → this machine's zone).
  for (const bad of ['5', 'yesterday', '2024-02-30', '2024-13-01', '2024-01-02T03:04:05', '2024-01-02T24:00:00Z', '02/01/2024']) {
    assert.equal(parseSbomTimestamp(bad), null, bad);
  }
  assert.throws(() => resolveDocumentOptions({ uuid: 'nope' }, 'ab'.repeat(32)), /not an RFC 4122 UUID/);
});

test('serialUuid() is the RFC 9562 UUID v5 of "sha256:<digest>" in the gocross namespace (same digest, same UUID)', () => {
  // Python: uuid.uuid5(uuid.UUID('c8a5b0e4-5f1e-4d2a-9c1b-6f0d3e7a2b91'), 'sha256:' + 'ab' * 32)
  assert.equal(serialUuid('ab'.repeat(32)), '58d06cd6-b44b-5b7e-8c63-6c6be4800967');
  assert.equal(serialUuid('AB'.repeat(32)), serialUuid('ab'.repeat(32)));
  assert.notEqual(serialUuid('ac'.repeat(32)), serialUuid('ab'.repeat(32)));
  assert.match(serialUuid('00'.repeat(32)), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('sbomTimestamp() takes the first known time, and the clock only when none is known', () => {
  const now = (): Date => new Date('2030-01-01T00:00:00Z');
  const cases: Array<[Array<Date | null>, string]> = [
    [[parseTime('2024-03-04T05:06:07Z'), sourceDateEpoch('1700000000')], '2024-03-04T05:06:07.000Z'],
    [[parseTime('unknown'), sourceDateEpoch('1700000000')], '2023-11-14T22:13:20.000Z'],
    [[parseTime(''), sourceDateEpoch('17e8'), parseTime('2024-13-45T00:00:00Z')], '2030-01-01T00:00:00.000Z'],
    [[], '2030-01-01T00:00:00.000Z'],
  ];
  for (const [candidates, want] of cases) assert.equal(sbomTimestamp(candidates, now).toISOString(), want);
});

test('h1Sha256() decodes a go.sum h1 hash to hex as cyclonedx-gomod does; vcsUrlOf() maps github.com and gopkg.in', () => {
  // h1 = base64(SHA-256(...)): the SHA-256 of "x" stands in for a module's dirhash.
  assert.equal(h1Sha256('h1:LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='), '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881');
  for (const bad of [null, '', 'h1:V5VMDjClKFlibfpYJCc/8w==', 'h2:LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE=']) assert.equal(h1Sha256(bad), null, String(bad));
  const cases: Array<[string, string | null]> = [
    ['github.com/spf13/cobra', 'https://github.com/spf13/cobra'],
    ['github.com/google/go-github/v62', 'https://github.com/google/go-github'],
    ['github.com/aws/aws-sdk-go-v2/service/s3', 'https://github.com/aws/aws-sdk-go-v2'],
    ['gopkg.in/yaml.v3', 'https://github.com/go-yaml/yaml'],
    ['gopkg.in/alecthomas/kingpin.v2', 'https://github.com/alecthomas/kingpin'],
    ['golang.org/x/sys', null],
    ['example.com/hello', null],
  ];
  for (const [path, want] of cases) assert.equal(vcsUrlOf(path), want, path);
});

test('cycloneDx() follows cyclonedx-gomod: module hashes from go.sum, vcs references, goos/goarch on the binary purl; still schema-valid', () => {
  const subject = sbomSubject('app', 'cd'.repeat(32), 10, {
    ...info([{ path: 'github.com/spf13/cobra', version: 'v1.8.0', sum: 'h1:LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE=', replace: null }]),
    main: { path: 'github.com/acme/app', version: 'v1.4.0', sum: null, replace: null },
    settings: { GOOS: 'linux', GOARCH: 'arm64', vcs: 'git', 'vcs.revision': 'abc123', 'vcs.modified': 'false' },
  });
  const cdx = cycloneDx(subject, { timestamp: fixed.timestamp }) as {
    serialNumber: string;
    metadata: { component: { purl: string; externalReferences: Array<{ type: string; url: string; comment?: string }> } };
    components: Array<{ name: string; hashes?: Array<{ alg: string; content: string }>; externalReferences?: Array<{ type: string; url: string }> }>;
  };
  const validate = cycloneDxValidator();
  assert.ok(validate(cdx), JSON.stringify(validate.errors, null, 1));
  assert.equal(cdx.serialNumber, `urn:uuid:${serialUuid('cd'.repeat(32))}`);
  assert.equal(cdx.metadata.component.purl, 'pkg:golang/github.com/acme/app@v1.4.0?goarch=arm64&goos=linux');
  assert.deepEqual(cdx.metadata.component.externalReferences, [{ type: 'vcs', url: 'https://github.com/acme/app', comment: 'vcs=git, vcs.revision=abc123, vcs.modified=false' }]);
  const cobra = cdx.components.find((c) => c.name === 'github.com/spf13/cobra')!;
  assert.deepEqual(cobra.hashes, [{ alg: 'SHA-256', content: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881' }]);
  assert.deepEqual(cobra.externalReferences, [{ type: 'vcs', url: 'https://github.com/spf13/cobra' }]);
  const std = cdx.components.find((c) => c.name === 'stdlib')!;
  assert.equal(std.hashes, undefined);
  const sp = spdx(subject, { timestamp: fixed.timestamp }) as { documentNamespace: string };
  assert.ok(sp.documentNamespace.endsWith(serialUuid('cd'.repeat(32))));
});

test('generateSbom() without --timestamp/--uuid: dated by SOURCE_DATE_EPOCH, numbered by the digest, same bytes every run', { skip: lacks('go') }, async () => {
  const file = await goBinary({ goos: 'linux', goarch: 'amd64' });
  const env = { SOURCE_DATE_EPOCH: '1700000000' };
  const a = (await generateSbom(file, { env })) as { serialNumber: string; metadata: { timestamp: string } };
  const b = await generateSbom(file, { env });
  assert.equal(JSON.stringify(b), JSON.stringify(a));
  // The binary's own vcs.time comes first (Go stamps it when the fixture is built inside a git checkout).
  const vcsTime = (await inspectFile(file)).go?.settings['vcs.time'];
  assert.equal(a.metadata.timestamp, vcsTime ? new Date(vcsTime).toISOString().replace(/\.\d{3}Z$/, 'Z') : '2023-11-14T22:13:20Z');
  assert.equal(a.serialNumber, `urn:uuid:${serialUuid(sha256Of(a)!)}`);
  // The build's commit time comes first.
  const dated = (await generateSbom(file, { env, commitTime: '2024-02-03T04:05:06+01:00' })) as { metadata: { timestamp: string } };
  assert.equal(dated.metadata.timestamp, '2024-02-03T03:05:06Z');
});
