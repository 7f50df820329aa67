/**
 * Test support: build real Go binaries with the installed toolchain, once per spec.
 * Binaries are cached under .cache/test-bin/<hash of spec + sources + go version>, shared by every
 * test file (each runs in its own process) and safe when two processes build the same spec:
 * each builds into a private temp dir and renames into place.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, mkdtemp } from 'node:fs/promises';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from "../../src/process/run.js";
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE = join(REPO, '.cache');
export const FIXTURES = join(REPO, 'test/fixtures');
function findOnPath(name) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
        if (dir && existsSync(join(dir, name)))
            return join(dir, name);
    }
    return null;
}
/** The Go toolchain tests build with: $GOCROSS_TEST_GO, else the newest distro Go, else `go` on PATH. */
export const GO = (() => {
    if (process.env.GOCROSS_TEST_GO)
        return process.env.GOCROSS_TEST_GO;
    for (const v of ['1.23', '1.22', '1.21']) {
        const p = `/usr/lib/go-${v}/bin/go`;
        if (existsSync(p))
            return p;
    }
    return findOnPath('go');
})();
export function which(name) {
    return findOnPath(name);
}
/** A hermetic environment for test builds: no user GOENV, local toolchain, shared cache. */
export function goEnv(extra = {}) {
    return {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GOENV: 'off',
        GOTOOLCHAIN: 'local',
        GOFLAGS: '-mod=mod',
        GOPROXY: 'off',
        GOCACHE: join(CACHE, 'go-build'),
        GOPATH: join(CACHE, 'gopath'),
        GOMODCACHE: join(CACHE, 'gopath/pkg/mod'),
        CGO_ENABLED: '0',
        ...extra,
    };
}
let goVersionCache;
async function goVersion() {
    if (!GO)
        throw new Error('Go is not installed: run scripts/setup.sh');
    goVersionCache ??= (await run(GO, ['version'])).stdout.trim();
    return goVersionCache;
}
async function hashDir(dir, h) {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory())
            await hashDir(p, h);
        else if (/\.(go|mod|sum|c|h|s)$/.test(e.name)) {
            h.update(p);
            h.update(await readFile(p));
        }
    }
}
/** Builds (or reuses) a Go binary for the spec and returns its path. */
export async function goBinary(spec) {
    if (!GO)
        throw new Error('Go is not installed: run scripts/setup.sh');
    const dir = spec.dir ?? join(FIXTURES, 'hello');
    const h = createHash('sha256');
    h.update(await goVersion());
    h.update(JSON.stringify({ ...spec, dir: undefined }));
    await hashDir(dir, h);
    const key = h.digest('hex').slice(0, 16);
    const name = spec.name ?? `hello-${spec.goos}-${spec.goarch}${spec.goos === 'windows' ? '.exe' : ''}`;
    const finalDir = join(CACHE, 'test-bin', key);
    const out = join(finalDir, name);
    if (existsSync(out))
        return out;
    await mkdir(join(CACHE, 'test-bin'), { recursive: true });
    const tmp = await mkdtemp(join(CACHE, 'test-bin', `.tmp-${key}-`));
    try {
        await run(GO, ['build', '-trimpath', ...(spec.flags ?? []), '-o', join(tmp, name), '.'], {
            cwd: dir,
            env: goEnv({ GOOS: spec.goos, GOARCH: spec.goarch, ...spec.env }),
            timeoutMs: 10 * 60_000,
        });
        try {
            await rename(tmp, finalDir);
        }
        catch (error) {
            // Another process won the race: use its copy.
            if (!existsSync(out))
                throw error;
            await rm(tmp, { recursive: true, force: true });
        }
    }
    catch (error) {
        await rm(tmp, { recursive: true, force: true });
        throw error;
    }
    return out;
}
/** Why a test that needs `tool` cannot run here, or false when it can (for `{ skip }`). */
export function lacks(...tools) {
    for (const t of tools) {
        if (t === 'go' ? !GO : !findOnPath(t))
            return `${t} is not installed (run scripts/setup.sh)`;
    }
    return false;
}
//# sourceMappingURL=go.js.map