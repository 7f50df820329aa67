/** Container image references (distribution reference grammar, the parts the gate needs). */

export interface ImageRef {
  /** Registry and path, normalised: `nginx` → `docker.io/library/nginx`. */
  repository: string;
  tag?: string;
  digest?: string;
}

const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}

export function normalizeRepository(name: string): string {
  const first = name.split('/')[0] ?? '';
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry) return name.replace(/^index\.docker\.io\//, 'docker.io/');
  return name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
}

export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: normalizeRepository(rest), ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}
