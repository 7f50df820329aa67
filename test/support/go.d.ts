export declare const REPO: string;
export declare const CACHE: string;
export declare const FIXTURES: string;
/** The Go toolchain tests build with: $GOCROSS_TEST_GO, else the newest distro Go, else `go` on PATH. */
export declare const GO: string | null;
export declare function which(name: string): string | null;
/** A hermetic environment for test builds: no user GOENV, local toolchain, shared cache. */
export declare function goEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
export interface GoBuildSpec {
    goos: string;
    goarch: string;
    /** Extra env such as GOARM=5, GOAMD64=v3, CGO_ENABLED=1, CC=aarch64-linux-gnu-gcc. */
    env?: Record<string, string>;
    /** Extra `go build` flags, e.g. ['-buildmode=pie'] or ['-ldflags=-s -w']. */
    flags?: string[];
    /** Program directory (default: test/fixtures/hello). */
    dir?: string;
    /** Output file name (default derived from target). */
    name?: string;
}
/** Builds (or reuses) a Go binary for the spec and returns its path. */
export declare function goBinary(spec: GoBuildSpec): Promise<string>;
/** Why a test that needs `tool` cannot run here, or false when it can (for `{ skip }`). */
export declare function lacks(...tools: string[]): string | false;
