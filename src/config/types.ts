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

export interface BuildConfig {
  flags?: string[];
  ldflags?: string;
  tags?: string[];
  env?: Record<string, string>;
  cgo?: boolean;
  cc?: Record<string, string>;
  glibc?: string;
  trimpath?: boolean;
  buildvcs?: boolean;
  jobs?: number;
  profile?: string;
  profiles?: Record<string, BuildProfile>;
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
}

export interface LoadedConfig {
  config: GocrossConfig;
  /** The file it came from, or null when none exists (all defaults). */
  file: string | null;
  /** Directory relative paths in the config are resolved against. */
  dir: string;
}
