/** SPDX 2.3 JSON for one Go binary. Pure. Build settings become annotations (SPDX 2.3 has no properties). */
import type { SbomComponent, SbomSubject } from './components.ts';
import { resolveDocumentOptions, type DocumentOptions } from './document-options.ts';

const BINARY_SPDXID = 'SPDXRef-Package-binary';

function spdxId(prefix: string, name: string, used: Set<string>): string {
  const base = `SPDXRef-${prefix}-${name.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function purlRef(purl: string): Record<string, string> {
  return { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl };
}

const NOASSERTION = 'NOASSERTION';

export function spdx(subject: SbomSubject, options: DocumentOptions = {}): Record<string, unknown> {
  const o = resolveDocumentOptions(options, subject.sha256);
  const tool = `Tool: gocross-${o.toolVersion}`;
  const used = new Set<string>([BINARY_SPDXID]);
  const annotation = (comment: string): Record<string, string> => ({ annotationDate: o.timestamp, annotationType: 'OTHER', annotator: tool, comment });
  const main = subject.main;
  const library = (c: SbomComponent): Record<string, unknown> => {
    const notes = [c.goSum ? `gocross:go:sum=${c.goSum}` : null, c.replacedBy ? `gocross:go:replace=${c.replacedBy}` : null].filter((x): x is string => x !== null);
    return {
      SPDXID: spdxId('Package-go', `${c.name}-${c.version ?? ''}`, used),
      name: c.name,
      ...(c.version ? { versionInfo: c.version } : {}),
      downloadLocation: NOASSERTION,
      filesAnalyzed: false,
      licenseConcluded: NOASSERTION,
      licenseDeclared: NOASSERTION,
      copyrightText: NOASSERTION,
      primaryPackagePurpose: 'LIBRARY',
      externalRefs: [purlRef(c.purl)],
      ...(notes.length > 0 ? { annotations: notes.map(annotation) } : {}),
    };
  };
  const libraries = [...subject.deps, subject.stdlib].map(library);
  const binary = {
    SPDXID: BINARY_SPDXID,
    name: main?.name ?? subject.fileName,
    ...(main?.version ? { versionInfo: main.version } : {}),
    packageFileName: subject.fileName,
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    checksums: [{ algorithm: 'SHA256', checksumValue: subject.sha256 }],
    licenseConcluded: NOASSERTION,
    licenseDeclared: NOASSERTION,
    copyrightText: NOASSERTION,
    primaryPackagePurpose: 'APPLICATION',
    ...(main ? { externalRefs: [purlRef(main.purl)] } : {}),
    annotations: [
      annotation(`gocross:file:size=${subject.size}`),
      annotation(`gocross:go:version=${subject.goVersion}`),
      annotation(`gocross:go:package=${subject.mainPackage}`),
      ...subject.settings.map(([k, v]) => annotation(`gocross:go:build:${k}=${v}`)),
    ],
  };
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: subject.fileName,
    documentNamespace: `https://gocross.invalid/spdx/${encodeURIComponent(subject.fileName)}-${o.uuid}`,
    creationInfo: { created: o.timestamp, creators: [tool] },
    packages: [binary, ...libraries],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: BINARY_SPDXID },
      ...libraries.map((l) => ({ spdxElementId: BINARY_SPDXID, relationshipType: 'DEPENDS_ON', relatedSpdxElement: l.SPDXID as string })),
    ],
  };
}
