/**
 * The one grammar for image references: `[host[:port]/]repo/path[:tag][@sha256:…]`, as Docker's
 * distribution/reference parses them (docker.io and library/ for bare names).
 */
import { GocrossError } from '../core/errors.ts';

export interface ImageReference {
  /** Host and port as written ("127.0.0.1:5000", "ghcr.io"); docker.io for bare names. */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

export function parseReference(text: string): ImageReference {
  const fail = (why: string): never => {
    throw new GocrossError('usage', `Cannot parse image reference ${JSON.stringify(text)}: ${why}`, { fix: 'write it as HOST[:PORT]/REPOSITORY[:TAG], e.g. 127.0.0.1:5000/hello:1.0' });
  };
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) fail('the digest is not sha256:<64 hex digits>');
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) fail(`the tag ${JSON.stringify(tag)} is not a valid tag`);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) fail('repository path components are lower-case letters, digits and separators');
  const ref: ImageReference = { registry, repository: parts.join('/') };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The host an HTTP client talks to (Docker Hub's API is not at docker.io). */
export function apiHost(registry: string): string {
  return registry === 'docker.io' ? 'registry-1.docker.io' : registry;
}
