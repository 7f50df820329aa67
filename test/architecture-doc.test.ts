/**
 * docs/ARCHITECTURE.md is the map of the code: every path it names in backticks must exist, so the
 * map cannot silently drift from the tree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './support/go.ts';

test('every path docs/ARCHITECTURE.md names exists (under src/ or the repository root)', () => {
  const text = readFileSync(join(REPO, 'docs/ARCHITECTURE.md'), 'utf8');
  const paths = [...new Set([...text.matchAll(/`([a-z0-9_.-]+\/[a-z0-9_./-]*|[a-z0-9_-]+\.(?:ts|json|cjs|md))`/g)].map((m) => m[1]!))];
  assert.ok(paths.length > 20, `only ${paths.length} paths found: the pattern no longer matches the page`);
  // Names the page uses that are not files of the tree: a target, build outputs, the package subpath.
  const notTree = new Set(['linux/arm/7', 'dist/manifest.json', 'manifest.json', 'gocross/platform']);
  const missing = paths.filter((p) => !notTree.has(p) && !existsSync(join(REPO, 'src', p)) && !existsSync(join(REPO, p)));
  assert.deepEqual(missing, []);
});
