/**
 * The precompiled config validators (src/config/generated/, scripts/gen-config-validator.ts) are
 * the schema's: up to date, and reporting exactly what ajv compiling the schema at run time reports.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { generatedValidators } from './generate-validators.ts';
import * as precompiledConfig from './generated/config-validator.ts';
import * as precompiledVerify from './generated/verify-section-validator.ts';
import { CONFIG_OPTIONS, SECTION_OPTIONS } from './validator-options.ts';

const require = createRequire(import.meta.url);
const schemaPath = join(import.meta.dirname, '../../schema/gocross.config.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
type Validate = ((value: unknown) => boolean) & { errors?: unknown[] | null };

test('the committed precompiled validators are up to date with schema/gocross.config.schema.json', () => {
  for (const [name, text] of Object.entries(generatedValidators(schema))) {
    const committed = readFileSync(join(import.meta.dirname, 'generated', name), 'utf8');
    assert.ok(committed === text, `src/config/generated/${name} is stale: run node scripts/gen-config-validator.ts`);
  }
});

const CONFIGS: unknown[] = [
  {},
  { name: 'app', targets: 'linux/*,!linux/386', build: { flags: ['-trimpath'] } },
  { name: 'bad name!', targets: 7, nope: true },
  { targets: [], output: '' },
  { verify: { smoke: { args: 'x', exitCode: 'zero' }, service: { checks: [{ path: 'healthz', status: 700 }] } } },
  { verify: { policy: { linkage: 'dynamic', forbid: ['nope'] }, parallel: 0 } },
  { image: { user: { name: 'Bad', uid: 0 }, files: [{ src: '', dest: 'rel' }], sbom: 'cdx' } },
  { profiles: { 'bad key!': { os: 'plan9' } } },
  [],
  'text',
];

test('precompiled validators report what ajv compiling the schema reports, error for error', () => {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const whole = new Ajv(CONFIG_OPTIONS).compile(schema) as Validate;
  const verify = new Ajv(SECTION_OPTIONS).addSchema(schema).getSchema(`${String(schema.$id)}#/properties/verify`) as Validate;
  const fast = precompiledConfig.validate as Validate;
  const fastVerify = precompiledVerify.validate as Validate;
  for (const config of CONFIGS) {
    assert.equal(fast(config), whole(config), JSON.stringify(config));
    assert.deepEqual(fast.errors ?? null, whole.errors ?? null, JSON.stringify(config));
    const section = (config as { verify?: unknown })?.verify ?? config;
    assert.equal(fastVerify(section), verify(section), JSON.stringify(section));
    assert.deepEqual(fastVerify.errors ?? null, verify.errors ?? null, JSON.stringify(section));
  }
  assert.equal(fast({ name: 'bad name!' }), false, 'the table has invalid configs');
});
