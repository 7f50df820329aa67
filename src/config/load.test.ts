import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './errors.ts';
import { loadConfig, parseConfig } from './load.ts';
import { keyPath } from './validate.ts';

test('parseConfig() accepts a full config (YAML and JSON)', () => {
  const yaml = `
name: hello
main: ./cmd/hello
output: out
targets: [linux/amd64, linux/arm/7]
build:
  flags: [-v]
  ldflags: -X main.version={{.Version}}
  tags: [netgo]
  env: { GOEXPERIMENT: loopvar }
  cgo: false
  cc: { linux/arm64: aarch64-linux-gnu-gcc }
  glibc: "2.17"
  jobs: 4
  profiles:
    release: { strip: true, pie: true }
profiles: { myboard: { glibc: "2.31" } }
verify: { smoke: { args: [--version] } }
`;
  assert.equal(parseConfig(yaml, 'gocross.config.yaml').build?.cc?.['linux/arm64'], 'aarch64-linux-gnu-gcc');
  assert.deepEqual(parseConfig('{"targets": "linux/*"}', 'gocross.config.json'), { targets: 'linux/*' });
});

const bad: Array<[text: string, file: string, expected: RegExp]> = [
  ['targets: 3', 'c.yaml', /c\.yaml:1: targets: expected a target spec string or a list of target strings, got number 3/],
  ['build:\n  jobs: 0', 'c.yaml', /c\.yaml:2: build\.jobs: expected a number >= 1, got number 0/],
  ['build:\n  jobs: four', 'c.yaml', /build\.jobs: expected integer, got string "four"/],
  ['build:\n  flgs: [-v]', 'c.yaml', /c\.yaml:2: build\.flgs: expected one of flags, ldflags, .*, got "flgs"/],
  ['build:\n  cc:\n    linux: gcc', 'c.yaml', /c\.yaml:3: build\.cc\.linux: expected a target like "linux\/arm64", got "linux"/],
  ['build:\n  env:\n    GOFLAGS: 1', 'c.yaml', /build\.env\.GOFLAGS: expected string, got number 1/],
  ['build:\n  profiles:\n    release: { strip: yes please }', 'c.yaml', /build\.profiles\.release\.strip: expected boolean, got string "yes please"/],
  ['name: "my app"', 'c.yaml', /name: expected a string matching/],
  ['{"build": {"glibc": 2.17}}', 'c.json', /c\.json:1: build\.glibc: expected string, got number 2\.17/],
  ['verify: []', 'c.yaml', /verify: expected object, got an array/],
  ['a: [', 'c.yaml', /c\.yaml:1: \(top level\): not valid YAML/],
  ['{"a": ', 'c.json', /not valid JSON\/YAML/],
];
for (const [text, file, expected] of bad) {
  test(`parseConfig() explains ${JSON.stringify(text)}`, () => {
    assert.throws(() => parseConfig(text, file), (e: unknown) => e instanceof ConfigError && expected.test(e.message) && e.message.startsWith(`Cannot use config ${file}`));
  });
}

test('loadConfig() finds the config, returns {} without one, and refuses two', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gocross-config-'));
  assert.deepEqual((await loadConfig({ dir })).config, {});
  await writeFile(join(dir, 'gocross.config.yml'), 'name: app\n');
  const loaded = await loadConfig({ dir });
  assert.equal(loaded.config.name, 'app');
  assert.equal(loaded.file, join(dir, 'gocross.config.yml'));
  await writeFile(join(dir, 'gocross.config.json'), '{}');
  await assert.rejects(loadConfig({ dir }), /more than one config file/);
});

test('keyPath() writes paths readers recognise', () => {
  assert.equal(keyPath(['build', 'cc', 'linux/arm64']), 'build.cc["linux/arm64"]');
  assert.equal(keyPath(['targets', '2']), 'targets[2]');
});

test('parseConfig() refuses unknown ldflags template fields, naming the field, the valid ones and the line', () => {
  const yaml = 'build:\n  ldflags: -X main.version={{.Versoin}} -X main.commit={{.Commit}}\n  profiles:\n    release:\n      ldflags: -X main.ci={{ .CI }}\n';
  assert.throws(
    () => parseConfig(yaml, 'gocross.config.yaml'),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.kind === 'config' &&
      e.problems.length === 2 &&
      /gocross\.config\.yaml:2: build\.ldflags: unknown template field \{\{\.Versoin\}\} \(valid: \{\{\.Version\}\}, \{\{\.Commit\}\}, \{\{\.Date\}\}, \{\{\.Name\}\}\)/.test(e.message) &&
      /gocross\.config\.yaml:5: build\.profiles\.release\.ldflags: unknown template field \{\{ \.CI \}\}/.test(e.message),
  );
  assert.equal(parseConfig('build: { ldflags: "-X main.v={{.Version}} -X main.n={{ .Name }}" }', 'c.yaml').build?.ldflags, '-X main.v={{.Version}} -X main.n={{ .Name }}');
});
