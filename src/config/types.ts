/** The gocross config as the schema (schema/gocross.config.schema.json) describes it. */

export interface BuildProfile {
  strip?: boolean;
  pie?: boolean;
  flags?: string[];
  ldflags?: string;
  tags?: string[];
  env?: Record<string, string>;
  cgo?: boolean;
}

/**
 * auto: static-pie through the external linker when a C compiler for the target is there, else
 * static without PIE (with a warning); static-pie: that or the target fails; dynamic: plain
 * -buildmode=pie, dynamically linked against the glibc loader; off: static without PIE.
 */
export type PiePolicy = 'auto' | 'static-pie' | 'dynamic' | 'off';

export interface BuildConfig {
  flags?: string[];
  ldflags?: string;
  tags?: string[];
  env?: Record<string, string>;
  cgo?: boolean;
  cc?: Record<string, string>;
  glibc?: string;
  /** What a profile's `pie` does where PIE would make a static (CGO_ENABLED=0) linux build dynamic; default 'auto'. */
  pie?: PiePolicy;
  trimpath?: boolean;
  buildvcs?: boolean;
  jobs?: number;
  profile?: string;
  profiles?: Record<string, BuildProfile>;
}

/** `image:`: what `gocross image` and `build --image` make (flags override). */
export interface ImageConfig {
  base?: string;
  caCertificates?: boolean | string;
  tzdata?: boolean;
  user?: 'nonroot' | 'root' | { name: string; uid: number; gid: number };
  files?: Array<{ src: string; dest: string; mode?: string }>;
  env?: string[];
  tag?: string;
  push?: string;
  layout?: string;
  source?: string;
  sbom?: boolean | 'cyclonedx' | 'spdx';
}

export interface GocrossConfig {
  name?: string;
  main?: string;
  output?: string;
  go?: string;
  targets?: string | string[];
  build?: BuildConfig;
  /** Compat deploy profiles: refined by the compat feature. */
  profiles?: Record<string, unknown>;
  /** Verify policy: refined by the verify feature. */
  verify?: Record<string, unknown>;
  image?: ImageConfig;
  /** `gocross deploy`: refined (normalised, checked) by src/deploy/config.ts. */
  deploy?: Record<string, unknown>;
}

export interface LoadedConfig {
  config: GocrossConfig;
  /** The file it came from, or null when none exists (all defaults). */
  file: string | null;
  /** Directory relative paths in the config are resolved against (the config file's own). */
  dir: string;
  /**
   * The project the command works on: the directory it was asked to work in (`-C`, else the current
   * one). `-c FILE` elsewhere changes where settings come from, never which project is built.
   */
  projectDir: string;
}
