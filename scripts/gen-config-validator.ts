/**
 * Precompiles the config schema's validators with ajv standalone, so `gocross verify` and every
 * command that reads gocross.config.* does not load ajv and compile the schema at run time (~200
 * ms of a warm verify's own CPU, bench/verify.ts). Writes src/config/generated/*.ts; a test
 * (src/config/generated.test.ts) fails when they are stale, and validate.ts ignores stale ones.
 *
 *   node scripts/gen-config-validator.ts          # after any change to schema/gocross.config.schema.json
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generatedValidators } from '../src/config/generate-validators.ts';

const ROOT = resolve(import.meta.dirname, '..');
const schema = JSON.parse(await readFile(join(ROOT, 'schema/gocross.config.schema.json'), 'utf8')) as Record<string, unknown>;
for (const [name, text] of Object.entries(generatedValidators(schema))) {
  await writeFile(join(ROOT, 'src/config/generated', name), text);
  process.stderr.write(`wrote src/config/generated/${name} (${text.length} bytes)\n`);
}
