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

