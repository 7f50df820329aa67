/** Errors of the stripper: a refusal (the file is readable but cannot be stripped safely). */
import { GocrossError } from '../core/errors.ts';

/** An `input` error: the file is not one gocross can strip without changing how it loads. */
export class StripRefusedError extends GocrossError {
  constructor(message: string, options?: ErrorOptions) {
    super('input', message, options);
  }
}
