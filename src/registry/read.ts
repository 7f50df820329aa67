/**
 * A pushed image read back from a registry: the document a reference names, manifests and blobs
 * by digest (each checked), and the referrers of a manifest — the referrers API
 * (`GET /v2/<name>/referrers/<digest>`) when the registry has it, else the referrers tag schema
 * (`sha256-<hex>`), which distribution 2.8 (Debian's docker-registry) is limited to.
 */
import { GocrossError } from '../core/errors.ts';
import { sha256Digest, type Descriptor } from '../image/blob.ts';
import { checkedBytes, parseJson, type ImageReader } from '../image/image-reader.ts';
import { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST } from '../image/media-types.ts';
import { referrersTag } from '../image/sbom-artifact.ts';
import { RegistryClient } from './client.ts';
import { findCredentials } from './credentials.ts';
import { formatReference, parseReference } from './reference.ts';

const ACCEPT = [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST].join(', ');

function descriptors(doc: Record<string, unknown>): Descriptor[] {
  return Array.isArray(doc.manifests) ? (doc.manifests as Descriptor[]).filter((d) => d && typeof d.digest === 'string') : [];
}

export async function registryReader(text: string, options: { insecure?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<ImageReader> {
  const ref = parseReference(text);
  const credentials = await findCredentials(ref.registry, options.env);
  const client = new RegistryClient({ registry: ref.registry, repository: ref.repository, ...(credentials ? { credentials } : {}), ...(options.insecure ? { insecure: true } : {}) });
  const name = formatReference(ref);
  const top = await client.request({ method: 'GET', path: `manifests/${ref.digest ?? ref.tag ?? 'latest'}`, headers: { Accept: ACCEPT } });
  if (top.status === 404) throw new GocrossError('input', `Cannot read ${name}: the registry has no such image`, { fix: `check the reference; push it with 'gocross image --push ${formatReference({ ...ref, digest: undefined })} --sbom'` });
  if (top.status !== 200) throw new GocrossError('failure', `Cannot read ${name}: HTTP ${top.status}`);
  const digest = sha256Digest([top.body]);
  if (ref.digest && ref.digest !== digest) throw new GocrossError('input', `Cannot read ${name}: the registry sent a manifest with digest ${digest}`);
  const first = { digest, bytes: top.body as Uint8Array };
  return {
    name,
    kind: 'registry',
    top: { digest, mediaType: (top.headers.get('content-type') ?? '').split(';')[0]!.trim() },
    async manifest(d) {
      if (d === first.digest) return first.bytes;
      const r = await client.expect({ method: 'GET', path: `manifests/${d}`, headers: { Accept: ACCEPT } }, [200], `read manifest ${d}`);
      return checkedBytes(name, d, r.body);
    },
    async blob(d) {
      const r = await client.expect({ method: 'GET', path: `blobs/${d}` }, [200], `read blob ${d}`);
      return checkedBytes(name, d, r.body);
    },
    async referrers(subject) {
      const api = await client.request({ method: 'GET', path: `referrers/${subject}`, headers: { Accept: OCI_INDEX } });
      if (api.status === 200) return { manifests: descriptors(parseJson(name, `referrers of ${subject}`, api.body)), via: 'referrers-api' };
      const tag = referrersTag(subject);
      const r = await client.request({ method: 'GET', path: `manifests/${tag}`, headers: { Accept: OCI_INDEX } });
      if (r.status === 404) return { manifests: [], via: 'tag-schema' };
      if (r.status !== 200) throw new GocrossError('failure', `Cannot read the referrers of ${subject} in ${name} (tag ${tag}): HTTP ${r.status}`);
      return { manifests: descriptors(parseJson(name, `referrers index ${tag}`, r.body)), via: 'tag-schema' };
    },
  };
}
