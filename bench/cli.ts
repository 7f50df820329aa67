/**
 * The CLI the benchmarks time: the shipped one (dist/cli/bin.cjs, built by `npm run build`), so
 * Node's TypeScript type stripping of src/ is not counted as gocross's own time. Falls back to
 * src/cli/bin.ts with a note when dist/ has not been built.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../test/support/go.ts';

const DIST = join(REPO, 'dist/cli/bin.cjs');
export const CLI = existsSync(DIST) ? DIST : join(REPO, 'src/cli/bin.ts');
if (CLI !== DIST) process.stderr.write('note: dist/ is not built (npm run build); timing src/cli/bin.ts under type stripping\n');
