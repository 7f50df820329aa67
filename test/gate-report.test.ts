/**
 * Gate reports: ignores (config and annotation, each with a reason, listed; refused without one),
 * SARIF 2.1.0 validated against the official OASIS schema (sarif-2.1.0-rtm.5, as Microsoft's
 * @microsoft/jest-sarif ships it), JUnit well-formed, GitHub workflow commands escaped, terminal
 * text escaped and positioned.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { evaluateManifests } from '../src/gate/manifests/evaluate.ts';
import { parseGateConfig } from '../src/gate/manifests/gate-config.ts';
import { parseManifestText } from '../src/gate/manifests/parse.ts';
import { RULES } from '../src/gate/manifests/rules/index.ts';
import { renderGateGithub } from '../src/render/gate/github.ts';
import { renderGateJunit } from '../src/render/gate/junit.ts';
import { renderGateSarif } from '../src/render/gate/sarif.ts';
import { renderGateTerminal } from '../src/render/gate/terminal.ts';
import { container, deployment, podSpec, yamlOf, type Obj } from './support/gate.ts';
import { parseXml } from './support/xml.ts';

const require = createRequire(import.meta.url);
const Ajv = (require('ajv-draft-04') as { default: typeof import('ajv-draft-04').default }).default;
const addFormats = (require('ajv-formats') as { default: typeof import('ajv-formats').default }).default;

const writable = deployment(podSpec({ containers: [container({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } })] }));
const annotated = (annotations: Record<string, string>): Obj => ({ ...writable, metadata: { name: 'web', namespace: 'prod', annotations } });
const report = (docs: Obj[], config = ''): ReturnType<typeof evaluateManifests> => evaluateManifests([parseManifestText(yamlOf(docs), 'deploy.yaml')], { ignores: parseGateConfig(config, 'gocross-gate.yaml', RULES).ignores });

test('an annotation ignore with a reason silences the finding, keeps it in the report, and is listed', () => {
  const r = report([annotated({ 'ignore.gate.gocross.dev/read-only-root-filesystem': 'writes its cache under /var/cache' })]);
  const f = r.findings.find((x) => x.rule === 'read-only-root-filesystem');
  assert.equal(f?.ignored?.reason, 'writes its cache under /var/cache');
  assert.equal(r.summary.warn, r.findings.filter((x) => x.status === 'warn' && !x.ignored).length);
  assert.deepEqual(r.ignores.map((i) => [i.rule, i.matched, i.source]), [['read-only-root-filesystem', 1, 'annotation ignore.gate.gocross.dev/read-only-root-filesystem on Deployment/prod/web']]);
  assert.match(renderGateTerminal(r), /Ignored \(1 finding, 1 ignore\):\n {2}read-only-root-filesystem on Deployment\/prod\/web: "writes its cache under \/var\/cache"/);
});

test('an annotation ignore without a reason, or naming an unknown rule, is refused and fails the gate', () => {
  const r = report([annotated({ 'ignore.gate.gocross.dev/read-only-root-filesystem': ' ', 'ignore.gate.gocross.dev/readonly-rootfs': 'old name' })]);
  assert.equal(r.findings.find((x) => x.rule === 'read-only-root-filesystem')?.ignored, undefined);
  assert.deepEqual(r.ignoreProblems.map((p) => p.message.replace(/ on .*?:/, ':')), [
    'Cannot apply annotation ignore.gate.gocross.dev/read-only-root-filesystem: it gives no reason (write the reason as the annotation\'s value)',
    'Cannot apply annotation ignore.gate.gocross.dev/readonly-rootfs: there is no rule readonly-rootfs (see gocross gate manifests --list-rules)',
  ]);
  assert.equal(r.ok, false);
});

test('a config ignore applies to the objects and containers it names only', () => {
  const config = 'ignore:\n  - rule: read-only-root-filesystem\n    objects: [Deployment/web]\n    containers: [app]\n    reason: legacy image writes to /tmp\n  - rule: min-replicas\n    objects: [Deployment/prod/other-*]\n    reason: not this one\n';
  const r = report([writable, { ...deployment(podSpec(), { replicas: 1 }), metadata: { name: 'api', namespace: 'prod' } }], config);
  assert.equal(r.findings.find((x) => x.rule === 'read-only-root-filesystem')?.ignored?.source, 'gocross-gate.yaml:2');
  assert.equal(r.findings.find((x) => x.rule === 'min-replicas')?.ignored, undefined);
  assert.deepEqual(r.ignores.map((i) => i.matched), [1, 0]);
  assert.match(renderGateTerminal(r), /matched nothing/);
});

const CONFIG_ERRORS: Array<[string, string, RegExp]> = [
  ['no reason', 'ignore:\n  - rule: min-replicas\n', /gocross-gate\.yaml:2: ignore\[0\] \(min-replicas\) gives no reason/],
  ['an unknown rule', 'ignore:\n  - {rule: nope, reason: x}\n', /ignore\[0\] names no known rule: nope/],
  ['an unknown key', 'ignore:\n  - {rule: min-replicas, reason: x, object: y}\n', /unknown key object/],
  ['invalid YAML', 'ignore: [\n', /not valid YAML/],
  ['a top-level typo', 'ignores: []\n', /gocross-gate\.yaml:1: unknown key ignores/],
];
for (const [name, text, message] of CONFIG_ERRORS) {
  test(`parseGateConfig() refuses ${name} as a config error with the line`, () => {
    assert.throws(() => parseGateConfig(text, 'gocross-gate.yaml', RULES), (e: Error & { kind?: string }) => e.kind === 'config' && message.test(e.message));
  });
}

function sarifValidator(): (doc: unknown) => boolean & { errors?: unknown } {
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as Record<string, unknown>;
  // The schema's language pattern has a stray ']' that only non-unicode regular expressions accept (as the schema's authors ran it).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema) as never;
}

test('SARIF output is valid against the official SARIF 2.1.0 schema, with locations and suppressions', () => {
  const validate = sarifValidator() as unknown as ((doc: unknown) => boolean) & { errors?: unknown };
  const text = `${yamlOf([annotated({ 'ignore.gate.gocross.dev/read-only-root-filesystem': 'reason' })])}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: NodePort}\n`;
  const r = evaluateManifests([parseManifestText(text, 'deploy/app #1.yaml'), parseManifestText('a: [', 'broken.yaml')]);
  const sarif = JSON.parse(renderGateSarif(r, RULES)) as { runs: Array<{ results: Array<{ ruleId: string; suppressions?: unknown[]; locations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>; invocations: Array<{ toolExecutionNotifications: unknown[] }> }> };
  assert.equal(validate(sarif), true, JSON.stringify(validate.errors, null, 2));
  const results = sarif.runs[0]!.results;
  assert.ok(results.some((x) => x.ruleId === 'read-only-root-filesystem' && x.suppressions?.length === 1));
  const svc = results.find((x) => x.ruleId === 'service-type')!;
  assert.equal(svc.locations?.[0]?.physicalLocation.artifactLocation.uri, 'deploy/app%20%231.yaml');
  assert.ok((svc.locations?.[0]?.physicalLocation.region.startLine ?? 0) > 1);
  assert.equal(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.length, 1);
});

test('the SARIF validator is not a rubber stamp: it rejects a result without a message and with an unknown level', () => {
  const validate = sarifValidator();
  const bad = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'r', level: 'bad-level' }] }] };
  assert.equal(validate(bad), false);
});

test('JUnit output is well-formed: a suite per rule, failures for fail findings, skipped for ignored ones', () => {
  const r = report([annotated({ 'ignore.gate.gocross.dev/read-only-root-filesystem': 'a <reason> & "quotes"' }), { ...deployment(podSpec({ hostNetwork: true })), metadata: { name: 'net', namespace: 'prod' } }]);
  const root = parseXml(renderGateJunit(r));
  assert.equal(root.name, 'testsuites');
  assert.equal(root.children.length, RULES.length);
  const host = root.children.find((s) => s.attributes.name === 'no-host-namespaces')!;
  assert.equal(host.attributes.failures, '1');
  const ro = root.children.find((s) => s.attributes.name === 'read-only-root-filesystem')!;
  assert.equal(ro.attributes.skipped, '1');
});

test('GitHub annotations carry file, line and column, and escape newlines, commas and colons', () => {
  const r = evaluateManifests([parseManifestText('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: NodePort}\n', 'a,b:c.yaml')]);
  const lines = renderGateGithub(r).trimEnd().split('\n');
  assert.deepEqual(lines, [`::warning file=a%2Cb%3Ac.yaml,line=4,col=8,title=gocross gate service-type::Service/default/s: type NodePort opens the port on every node of the cluster%0Afix: ${RULES.find((x) => x.id === 'service-type')!.fix}`]);
});

test('terminal output escapes control characters from manifests and names file:line:column', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: "evil\\u001b[2J"}\nspec: {type: NodePort}\n';
  const out = renderGateTerminal(evaluateManifests([parseManifestText(text, 'svc.yaml')]));
  assert.ok(!out.includes('\u001b'), 'no raw escape reaches the terminal');
  assert.match(out, /^svc\.yaml:4:8 {2}warn {2}service-type {2}Service\/default\/evil\\x1b\[2J: type NodePort/m);
});
