/** os-release(5): which distro and version the host runs, and the family that decides its package manager. */
import { readOptional, under, type HostRoot } from './root.ts';

export interface OsRelease {
  id: string;
  idLike: string[];
  versionId: string;
  name: string;
  prettyName: string;
  versionCodename: string | null;
  /** The file it came from (host path). */
  source: string;
}

export type OsFamily = 'rhel' | 'fedora' | 'debian' | 'ubuntu' | 'alpine' | 'amazon' | 'suse' | 'other';

/** Parses KEY=value lines; values may be "double", 'single' quoted or bare, with \-escapes. */
export function parseOsRelease(text: string, source = '/etc/os-release'): OsRelease {
  const vars: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!.trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    }
    vars[m[1]!] = value;
  }
  const id = (vars.ID ?? 'linux').toLowerCase();
  return {
    id,
    idLike: (vars.ID_LIKE ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    versionId: vars.VERSION_ID ?? '',
    name: vars.NAME ?? 'Linux',
    prettyName: vars.PRETTY_NAME ?? vars.NAME ?? 'Linux',
    versionCodename: vars.VERSION_CODENAME ?? null,
    source,
  };
}

/** /etc/os-release, else /usr/lib/os-release (the fallback os-release(5) names). */
export async function readOsRelease(host: HostRoot): Promise<OsRelease | null> {
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    const text = await readOptional(under(host, path));
    if (text !== null) return parseOsRelease(text, path);
  }
  return null;
}

export function osFamily(os: OsRelease): OsFamily {
  const ids = [os.id, ...os.idLike];
  if (os.id === 'amzn') return 'amazon';
  if (os.id === 'ubuntu') return 'ubuntu';
  if (os.id === 'debian' || os.id === 'raspbian') return 'debian';
  if (os.id === 'fedora') return 'fedora';
  if (os.id === 'alpine') return 'alpine';
  if (ids.some((i) => i === 'rhel' || i === 'centos')) return 'rhel';
  if (ids.some((i) => i.includes('suse'))) return 'suse';
  if (ids.includes('ubuntu')) return 'ubuntu';
  if (ids.includes('debian')) return 'debian';
  if (ids.includes('fedora')) return 'rhel';
  return 'other';
}

/** The major version ("9" of "9.3", "22.04" stays whole for Ubuntu). */
function majorVersion(os: OsRelease): string {
  if (os.id === 'ubuntu') return os.versionId;
  return os.versionId.split('.')[0] ?? '';
}

/** The built-in compat profile that describes this host, when there is one (rocky9, debian12, alpine3.19…). */
export function compatProfileId(os: OsRelease): string | null {
  const major = majorVersion(os);
  switch (osFamily(os)) {
    case 'rhel':
      if (major === '7') return 'centos7';
      if (['8', '9', '10'].includes(major)) return `rocky${major}`;
      return null;
    case 'debian':
      if (os.id === 'raspbian') return major === '12' ? 'raspios12' : null;
      return ['10', '11', '12', '13'].includes(major) ? `debian${major}` : null;
    case 'ubuntu':
      return ['18.04', '20.04', '22.04', '24.04'].includes(os.versionId) ? `ubuntu${os.versionId}` : null;
    case 'amazon':
      return os.versionId === '2' ? 'amzn2' : os.versionId.startsWith('2023') ? 'amzn2023' : null;
    case 'alpine':
      return os.versionId.startsWith('3.19') ? 'alpine3.19' : null;
    default:
      return null;
  }
}
