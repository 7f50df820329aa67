/** SHA-256 of artifacts, and the SHA256SUMS file in `sha256sum -c` format. */
export { sha256File } from '../util/sha256.ts';

/** Lines `<hex>  <path>` (binary-agnostic text mode), sorted by path so the file is stable. */
export function formatSha256Sums(entries: ReadonlyArray<{ path: string; sha256: string }>): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.path}\n`)
    .join('');
}

export function parseSha256Sums(text: string): Array<{ path: string; sha256: string }> {
  return text
    .split('\n')
    .map((l) => /^([0-9a-f]{64}) [ *](.+)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ sha256: m[1] ?? '', path: m[2] ?? '' }));
}
