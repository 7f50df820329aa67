/** CycloneDX 1.6 JSON for one Go binary. Pure. */
import type { SbomComponent, SbomSubject } from './components.ts';
import { resolveDocumentOptions, type DocumentOptions } from './document-options.ts';

type Property = { name: string; value: string };

function componentProperties(c: SbomComponent): Property[] {
  const props: Property[] = [];
  if (c.goSum) props.push({ name: 'gocross:go:sum', value: c.goSum });
  if (c.replacedBy) props.push({ name: 'gocross:go:replace', value: c.replacedBy });
  if (c.localReplace) props.push({ name: 'gocross:go:replace:local', value: 'true' });
  return props;
}

function library(c: SbomComponent): Record<string, unknown> {
  const props = componentProperties(c);
  return {
    'bom-ref': c.ref,
    type: 'library',
    name: c.name,
    ...(c.version ? { version: c.version } : {}),
    ...(c.sumSha256 ? { hashes: [{ alg: 'SHA-256', content: c.sumSha256 }] } : {}),
    purl: c.purl,
    ...(c.vcsUrl ? { externalReferences: [{ type: 'vcs', url: c.vcsUrl }] } : {}),
    ...(props.length > 0 ? { properties: props } : {}),
  };
}

/**
 * The binary's VCS reference: the repository of the main module (github.com / gopkg.in paths, else
 * the module path's go-get URL when the build stamped a revision), with what -buildvcs recorded.
 */
function mainVcsReference(subject: SbomSubject): Record<string, string> | null {
  const main = subject.main;
  if (!main) return null;
  const { system, revision, modified, time } = subject.vcs;
  const url = main.vcsUrl ?? (revision ? `https://${main.name}` : null);
  if (!url) return null;
  const said = [system && `vcs=${system}`, revision && `vcs.revision=${revision}`, time && `vcs.time=${time}`, modified && `vcs.modified=${modified}`].filter(Boolean);
  return { type: 'vcs', url, ...(said.length > 0 ? { comment: said.join(', ') } : {}) };
}

const BINARY_REF = 'binary';

export function cycloneDx(subject: SbomSubject, options: DocumentOptions = {}): Record<string, unknown> {
  const o = resolveDocumentOptions(options, subject.sha256);
  const main = subject.main;
  const vcs = mainVcsReference(subject);
  const properties: Property[] = [
    { name: 'gocross:file:name', value: subject.fileName },
    { name: 'gocross:file:size', value: String(subject.size) },
    { name: 'gocross:go:version', value: subject.goVersion },
    { name: 'gocross:go:package', value: subject.mainPackage },
    ...(main ? componentProperties(main) : []),
    ...subject.settings.map(([k, v]) => ({ name: `gocross:go:build:${k}`, value: v })),
  ];
  const components = [...subject.deps, subject.stdlib];
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${o.uuid}`,
    version: 1,
    metadata: {
      timestamp: o.timestamp,
      tools: { components: [{ type: 'application', name: 'gocross', version: o.toolVersion }] },
      component: {
        'bom-ref': BINARY_REF,
        type: 'application',
        name: main?.name ?? subject.fileName,
        ...(main?.version ? { version: main.version } : {}),
        ...(main ? { purl: main.purl } : {}),
        hashes: [{ alg: 'SHA-256', content: subject.sha256 }],
        ...(vcs ? { externalReferences: [vcs] } : {}),
        properties,
      },
    },
    components: components.map(library),
    dependencies: [{ ref: BINARY_REF, dependsOn: components.map((c) => c.ref) }, ...components.map((c) => ({ ref: c.ref, dependsOn: [] }))],
  };
}
