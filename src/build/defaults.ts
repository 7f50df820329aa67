/** What gocross builds when nothing says otherwise. */
import type { GocrossConfig } from '../config/types.ts';

/** The common release set: the first-class desktop/server ports plus 32-bit ARM v7 boards. */
const DEFAULT_TARGETS = 'linux/amd64,linux/arm64,linux/arm/7,darwin/amd64,darwin/arm64,windows/amd64';

/** The spec to use: the flag, else the config (string or list), else the defaults. */
export function targetSpecOf(flag: string | undefined, config: GocrossConfig): string {
  if (flag) return flag;
  if (Array.isArray(config.targets)) return config.targets.join(',');
  return config.targets ?? DEFAULT_TARGETS;
}
