/**
 * The layers of src/, checked in CI (`npm run deps`, scripts/test.sh). Tests may import anything:
 * every rule below looks only at non-test modules.
 */
const TEST = '\\.test\\.ts$|/testing/|/testing\\.ts$|^test/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules are one concept or one of them is in the wrong layer.',
      from: { path: '^src/', pathNot: TEST },
      to: { circular: true },
    },
    {
      name: 'binary-readers-stand-alone',
      severity: 'error',
      comment: 'The binary readers take bytes and know nothing above them: only src/binary, src/core and src/util.',
      from: { path: '^src/binary/', pathNot: TEST },
      to: { path: '^src/', pathNot: '^src/(binary|core|util)/' },
    },
    {
      name: 'library-never-imports-cli',
      severity: 'error',
      comment: 'The library (everything outside src/cli) is usable without the CLI; rendering lives in src/render.',
      from: { path: '^src/', pathNot: `^src/cli/|${TEST}` },
      to: { path: '^src/cli/' },
    },
    {
      name: 'core-is-the-bottom',
      severity: 'error',
      comment: 'src/core (errors, checks) is imported by everything and imports nothing else in src.',
      from: { path: '^src/core/', pathNot: TEST },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'platform-is-a-table',
      severity: 'error',
      comment: 'The platform table and the target grammar are facts every capability reads: they import only core and util.',
      from: { path: '^src/platform/', pathNot: TEST },
      to: { path: '^src/', pathNot: '^src/(platform|core|util)/' },
    },
    {
      name: 'rendering-is-at-the-top',
      severity: 'error',
      comment: 'Data never knows how it is shown: only the CLI, the verify reporters and other renderers import src/render.',
      from: { path: '^src/', pathNot: `^src/(cli|report|render)/|${TEST}` },
      to: { path: '^src/render/' },
    },
    {
      name: 'host-probes-below-lock',
      severity: 'error',
      comment:
        'gocross.lock records what the host probes find, so src/lock imports src/host and not the other way; ' +
        'only doctor (src/host/doctor), which sits above both, compares the host with the lock.',
      from: { path: '^src/host/', pathNot: `^src/host/doctor/|${TEST}` },
      to: { path: '^src/lock/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|\\.tools|\\.cache)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
