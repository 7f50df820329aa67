/** Errors of the stripper: a refusal (the file is readable but cannot be stripped safely). */

export class StripRefusedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StripRefusedError';
  }
}
