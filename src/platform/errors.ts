/** The platform layer's one error: a target the user wrote that the grammar or the toolchain refuses. */
import { GocrossError } from '../core/errors.ts';

/** A target spec the user wrote is not valid for this toolchain (a usage error). */
export class TargetSyntaxError extends GocrossError {
  /** The offending item of the spec, e.g. "linux/arm/8". */
  readonly item: string;
  constructor(item: string, message: string) {
    super('usage', message);
    this.item = item;
  }
}
