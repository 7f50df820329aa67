/** ajv's options for the config validators: the same whether precompiled (scripts/gen-config-validator.ts) or compiled at run time (validate.ts). */
export const CONFIG_OPTIONS = { allErrors: true, verbose: true, strict: false } as const;
export const SECTION_OPTIONS = { allErrors: false, strict: false } as const;
