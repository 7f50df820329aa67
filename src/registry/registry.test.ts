/** Image references, auth challenges and Docker credentials: tables of inputs and what they mean. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseChallenge } from './challenge.ts';
import { credentialsFromDockerConfig, findCredentials } from './credentials.ts';
import { formatReference, parseReference } from './reference.ts';

const D = `sha256:${'a'.repeat(64)}`;
const references: Array<[text: string, expected: string, repository: string, tag?: string]> = [
  ['127.0.0.1:5000/hello:1.0', '127.0.0.1:5000/hello:1.0', 'hello', '1.0'],
  ['localhost/a/b', 'localhost/a/b', 'a/b'],
  ['ghcr.io/me/app', 'ghcr.io/me/app', 'me/app'],
  ['busybox', 'docker.io/library/busybox', 'library/busybox'],
  ['me/app:v2', 'docker.io/me/app:v2', 'me/app', 'v2'],
  [`registry.example.com:443/x/y@${D}`, `registry.example.com:443/x/y@${D}`, 'x/y'],
];
for (const [text, expected, repository, tag] of references) {
  test(`parseReference(${text})`, () => {
    const ref = parseReference(text);
    assert.equal(formatReference(ref), expected);
    assert.equal(ref.repository, repository);
    assert.equal(ref.tag, tag);
  });
}

for (const bad of ['Hello/World', 'host:5000/app:', 'app@sha256:abc', 'a//b', '']) {
  test(`parseReference(${JSON.stringify(bad)}) is a usage error`, () => {
    assert.throws(() => parseReference(bad), (e: Error & { kind?: string }) => e.kind === 'usage' && /^Cannot parse image reference/.test(e.message));
  });
}

test('parseChallenge() reads Basic and Bearer challenges as registries send them', () => {
  assert.deepEqual(parseChallenge('Basic realm="basic-realm"'), { scheme: 'basic', params: { realm: 'basic-realm' } });
  assert.deepEqual(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull,push"'), {
    scheme: 'bearer',
    params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull,push' },
  });
  assert.equal(parseChallenge(null), undefined);
});

test('credentialsFromDockerConfig() finds auths under the host, its https URL, and Docker Hub\'s legacy key', () => {
  const auth = Buffer.from('me:pa:ss').toString('base64');
  assert.deepEqual(credentialsFromDockerConfig({ auths: { '127.0.0.1:5000': { auth } } }, '127.0.0.1:5000', 'f'), { username: 'me', password: 'pa:ss', source: 'f' });
  assert.deepEqual(credentialsFromDockerConfig({ auths: { 'https://ghcr.io': { auth } } }, 'ghcr.io', 'f')?.username, 'me');
  assert.deepEqual(credentialsFromDockerConfig({ auths: { 'https://index.docker.io/v1/': { auth } } }, 'docker.io', 'f')?.username, 'me');
  assert.equal(credentialsFromDockerConfig({ auths: { 'other.io': { auth } } }, 'ghcr.io', 'f'), undefined);
  assert.equal(credentialsFromDockerConfig({ credsStore: 'desktop' }, 'ghcr.io', 'f'), undefined);
  assert.throws(() => credentialsFromDockerConfig({ auths: { 'ghcr.io': { auth: Buffer.from('nocolon').toString('base64') } } }, 'ghcr.io', 'f'), /not base64 of user:password/);
});

test('findCredentials() prefers the environment, else reads $DOCKER_CONFIG/config.json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gocross-dockercfg-'));
  try {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { 'r.example': { auth: Buffer.from('file:secret').toString('base64') } } }));
    assert.equal((await findCredentials('r.example', { DOCKER_CONFIG: dir }))?.username, 'file');
    assert.equal((await findCredentials('r.example', { DOCKER_CONFIG: dir, GOCROSS_REGISTRY_USERNAME: 'env', GOCROSS_REGISTRY_PASSWORD: 'x' }))?.username, 'env');
    assert.equal(await findCredentials('other.example', { DOCKER_CONFIG: dir }), undefined);
    writeFileSync(join(dir, 'config.json'), '{');
    await assert.rejects(findCredentials('r.example', { DOCKER_CONFIG: dir }), /is not JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('findCredentials() runs the credential helper credHelpers or credsStore names: server on stdin, "get" the only argument', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gocross-credhelper-'));
  try {
    // A real executable speaking the helper protocol: JSON out for a known server, "not found" otherwise.
    for (const [name, user] of [['fake', 'helper-user'], ['store', 'store-user']] as const) {
      writeFileSync(join(dir, `docker-credential-${name}`), `#!/bin/sh
server=$(cat)
printf '%s\\n' "$*" > "${dir}/${name}.argv"
if [ "$server" = "r.example" ] || [ "$server" = "https://index.docker.io/v1/" ]; then
  printf '{"ServerURL":"%s","Username":"${user}","Secret":"s3cret"}\\n' "$server"
else
  echo "credentials not found in native keychain"; exit 1
fi
`, { mode: 0o755 });
    }
    writeFileSync(join(dir, 'docker-credential-broken'), '#!/bin/sh\necho "boom" >&2; exit 3\n', { mode: 0o755 });
    const auth = Buffer.from('file:secret').toString('base64');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ credsStore: 'store', credHelpers: { 'r.example': 'fake', 'bad.example': 'broken' }, auths: { 'r.example': { auth } } }));
    const env = { DOCKER_CONFIG: dir, PATH: `${dir}:${process.env.PATH}` };
    assert.deepEqual(await findCredentials('r.example', env), { username: 'helper-user', password: 's3cret', source: 'docker-credential-fake' });
    assert.equal(readFileSync(join(dir, 'fake.argv'), 'utf8'), 'get\n');
    assert.equal((await findCredentials('docker.io', env))?.username, 'store-user', 'credsStore serves registries credHelpers does not name');
    assert.equal(await findCredentials('other.example', env), undefined, 'the helper has none');
    await assert.rejects(findCredentials('bad.example', env), (e: Error & { kind?: string }) => e.kind === 'environment' && /docker-credential-broken get exited with 3: boom/.test(e.message));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ credsStore: 'missing' }));
    await assert.rejects(findCredentials('r.example', env), /docker-credential-missing could not run/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
