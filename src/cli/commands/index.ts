/**
 * The command registry. Each command lives in its own file and is imported only when it runs
 * (or when its --help is asked for), so `gocross inspect` never loads the build machinery.
 */
import type { Command } from 'commander';

export interface CommandModule {
  /** Adds the command (arguments, options, help and action) to the program. */
  register(program: Command): void;
}

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandModule>;
}

export const commands: CommandEntry[] = [
  { name: 'inspect', summary: 'Read ELF, PE and Mach-O executables and their Go build info', load: () => import('./inspect.ts') },
  { name: 'targets', summary: 'List the targets the Go toolchain can build and which this host can run', load: () => import('./targets.ts') },
  { name: 'env', summary: 'Show each Go variable that affects a build and the layer it comes from', load: () => import('./env.ts') },
  { name: 'build', summary: 'Build a Go program for every target in parallel, reproducibly, with a manifest and checksums', load: () => import('./build.ts') },
  { name: 'run', summary: 'Run a binary of any arch: natively, under QEMU (with a sysroot), or Wine; explains the choice', load: () => import('./run.ts') },
  { name: 'binfmt', summary: 'Inspect and manage QEMU binfmt_misc registrations (status, install, uninstall)', load: () => import('./binfmt.ts') },
  { name: 'compat', summary: 'Will these binaries run on CentOS 7, Rocky 9, Debian 12, Alpine…? Every reason, symbols named', load: () => import('./compat.ts') },
  { name: 'doctor', summary: 'Is this host ready to cross-build, emulate and verify? One check per line, each failure with its fix', load: () => import('./doctor.ts') },
  { name: 'setup', summary: 'Print (or --apply) the package-manager commands that make this host ready for the targets', load: () => import('./setup.ts') },
  { name: 'lock', summary: 'Write gocross.lock with the Go, C cross compiler, QEMU and binutils versions; --check compares', load: () => import('./lock.ts') },
  { name: 'verify', summary: 'Build, inspect, check policy and compat, smoke-run and service-test every target, with reports', load: () => import('./verify.ts') },
  { name: 'size', summary: 'Show where the bytes of a Go ELF binary go: by section, category and Go package', load: () => import('./size.ts') },
  { name: 'strip', summary: 'Strip DWARF and symbol tables from ELF executables (no binutils needed)', load: () => import('./strip.ts') },
  { name: 'image', summary: 'Make reproducible multi-platform OCI images from the built binaries: OCI layout, docker tarball, or push', load: () => import('./image.ts') },
  { name: 'gate', summary: 'Release gates: Kubernetes manifests (baseline, digests gocross built), live drift, canary analysis over Prometheus', load: () => import('./gate.ts') },
  { name: 'deploy', summary: 'Ship the build to devices over SSH: preflight, atomic switch, health gate, automatic rollback, waves with a failure budget', load: () => import('./deploy.ts') },
  { name: 'rollback', summary: 'Switch devices back to an earlier release kept on them, health-gated', load: () => import('./rollback.ts') },
  { name: 'releases', summary: 'List the releases on each device: which is current, when and by whom it was switched to', load: () => import('./releases.ts') },
  { name: 'sbom', summary: 'Write CycloneDX or SPDX SBOMs from the Go build info in binaries; verify a file against one', load: () => import('./sbom.ts') },
];
