/** The build area's data model: toolchains, targets, and what a build produced. */

export type ToolchainSource = 'PATH' | 'GOROOT' | 'distro' | 'flag';

export interface Toolchain {
  /** Absolute path of the `go` binary. */
  path: string;
  goroot: string;
  /** e.g. "go1.23.5" */
  version: string;
  source: ToolchainSource;
}

/** One entry of `go tool dist list -json`. */
export interface TargetInfo {
  goos: string;
  goarch: string;
  cgoSupported: boolean;
  firstClass: boolean;
  broken: boolean;
}
