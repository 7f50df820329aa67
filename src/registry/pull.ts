/** A base image read from a registry: the manifest (or index) the reference names, blobs on demand. */
import { GocrossError } from '../core/errors.ts';
import { baseFromStore, type BaseSource } from '../image/base-source.ts';
import { sha256Digest } from '../image/blob.ts';
import { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST } from '../image/media-types.ts';
import { RegistryClient } from './client.ts';
import { findCredentials } from './credentials.ts';
import { formatReference, parseReference } from './reference.ts';

const ACCEPT = [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST].join(', ');

export async function registryBase(text: string, options: { insecure?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<BaseSource> {
  const ref = parseReference(text);
  const credentials = await findCredentials(ref.registry, options.env);
  const client = new RegistryClient({ registry: ref.registry, repository: ref.repository, ...(credentials ? { credentials } : {}), ...(options.insecure ? { insecure: true } : {}) });
  const name = formatReference(ref);
  const top = await client.expect({ method: 'GET', path: `manifests/${ref.digest ?? ref.tag ?? 'latest'}`, headers: { Accept: ACCEPT } }, [200], `read base image ${name}`);
  const digest = sha256Digest([top.body]);
  if (ref.digest && ref.digest !== digest) throw new GocrossError('input', `Cannot use base image ${name}: the registry sent a manifest with digest ${digest}`);
  const first = { digest, bytes: top.body };
  return baseFromStore(name, { digest, mediaType: (top.headers.get('content-type') ?? '').split(';')[0]!.trim() }, {
    origin: { registry: ref.registry, repository: ref.repository },
    async manifest(d) {
      if (d === first.digest) return { mediaType: '', bytes: first.bytes };
      const r = await client.expect({ method: 'GET', path: `manifests/${d}`, headers: { Accept: ACCEPT } }, [200], `read manifest ${d} of base image ${name}`);
      return { mediaType: r.headers.get('content-type') ?? '', bytes: r.body };
    },
    async blob(descriptor) {
      const r = await client.expect({ method: 'GET', path: `blobs/${descriptor.digest}` }, [200], `read blob ${descriptor.digest} of base image ${name}`);
      if (sha256Digest([r.body]) !== descriptor.digest) throw new GocrossError('input', `Cannot use base image ${name}: blob ${descriptor.digest} arrived with other content`);
      return [r.body];
    },
  });
}
