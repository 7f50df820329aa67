/**
 * `gocross/platform`: the architecture table and the target grammar, for tools that need the same
 * facts gocross uses (GOARCH ↔ ELF machine, uname -m, Debian/RPM/OCI names, QEMU binfmt magic, cross
 * compilers). A subpath of its own so the main entry stays the use cases.
 */
export { ARCHES } from './arches.ts';
export { QEMU_ONLY_ARCHES } from './qemu-only.ts';
export { archOf, archByQemuName, archByElf, archByMachineName, archByNodeArch, hostGoarch, QEMU_TARGETS, qemuTargetOf, resolveQemuTarget, ociPlatformOf, type QemuTarget } from './lookup.ts';
export { parseTarget, targetId, type Target, type Variant, type TargetInfo, type ParseTargetOptions } from './target.ts';
export { parseTargets, splitSpec, targetSlug } from './target-syntax.ts';
export { checkVariant, validVariantValues, VARIANTS, type VariantName, type VariantSpec } from './variants.ts';
export { findCrossCompiler, compilerNamesFor, type FoundCompiler } from './cross-compiler.ts';
export { TargetSyntaxError } from './errors.ts';
export type { Arch, Endian, OciPlatform } from './types.ts';
