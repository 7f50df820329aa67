/** The build area's data model: toolchains, targets, and what a build produced. */
import type { VariantName } from './variants.ts';

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

export interface Variant {
  name: VariantName;
  value: string;
}

export interface Target {
  goos: string;
  goarch: string;
  variant?: Variant;
  /** "linux/arm/7", "linux/amd64", "linux/arm64/v8.2,lse" */
  id: string;
}
