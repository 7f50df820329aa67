import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ManifestArtifact } from './manifest.ts';
import { planPublish } from './publish.ts';

const entry = (target: string, path: string, runId: string, extras: string[] = []): ManifestArtifact =>
  ({ target, path, runId, sha256: runId, extraFiles: extras.map((p) => ({ path: p, sha256: runId, size: 1, kind: 'sbom-cyclonedx' })) }) as unknown as ManifestArtifact;

const amd64 = entry('linux/amd64', 'app_linux_amd64/app', 'old', ['app_linux_amd64/app.cdx.json']);
const arm64 = entry('linux/arm64', 'app_linux_arm64/app', 'old');

const CASES: Array<{ name: string; current: ManifestArtifact[]; clean: boolean; final: string[]; remove: string[] }> = [
  { name: 'a target not rebuilt stays', current: [entry('linux/arm64', 'app_linux_arm64/app', 'new')], clean: false, final: ['linux/arm64@new', 'linux/amd64@old'], remove: [] },
  { name: '--clean drops it and its extra files', current: [entry('linux/arm64', 'app_linux_arm64/app', 'new')], clean: true, final: ['linux/arm64@new'], remove: ['app_linux_amd64/app', 'app_linux_amd64/app.cdx.json'] },
  { name: 'a rebuilt target without its SBOM loses the old SBOM', current: [entry('linux/amd64', 'app_linux_amd64/app', 'new')], clean: false, final: ['linux/amd64@new', 'linux/arm64@old'], remove: ['app_linux_amd64/app.cdx.json'] },
  { name: 'a renamed artifact replaces the old entry of its target', current: [entry('linux/amd64', 'tool_linux_amd64/tool', 'new')], clean: false, final: ['linux/amd64@new', 'linux/arm64@old'], remove: ['app_linux_amd64/app', 'app_linux_amd64/app.cdx.json'] },
];

for (const c of CASES) {
  test(`planPublish(): ${c.name}`, () => {
    const plan = planPublish({ previous: [amd64, arm64], current: c.current, clean: c.clean });
    assert.deepEqual(plan.final.map((a) => `${a.target}@${a.runId}`), c.final);
    assert.deepEqual(plan.remove, c.remove);
  });
}
