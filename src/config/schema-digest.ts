/**
 * A digest of the config schema's content, so the precompiled validators (config/generated/, made
 * by scripts/gen-config-validator.ts) are used only for the schema they were made from; after a
 * schema change without regenerating, validate.ts falls back to compiling the schema with ajv.
 * FNV-1a over the JSON text: not a security measure, a cheap "is this the same schema".
 */
export function schemaDigest(schema: unknown): string {
  const text = JSON.stringify(schema);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length.toString(16)}-${hash.toString(16).padStart(8, '0')}`;
}
