/** `gocross sbom --verify IMAGE` as text: one line per platform, what is wrong and the fix under it. */
import type { ImageVerifyResult, PlatformBinding } from '../sbom/verify-image.ts';
import { printable } from '../util/printable.ts';
import { paint } from './style.ts';

const VIA = { 'referrers-api': 'referrers API', 'tag-schema': 'referrers tag', 'layout-index': 'layout index.json' } as const;

function line(p: PlatformBinding, pushRef: string, color: boolean): string {
  const head = `${printable(p.platform)} ${p.manifest}`;
  if (p.status === 'ok') {
    return `${paint(color, 'green', 'ok')}: ${head}: SBOM ${p.sboms.map((s) => s.digest).join(', ')} (found by ${VIA[p.via]}) names ${printable(p.binary.path)} sha256 ${p.binary.sha256}\n`;
  }
  if (p.status === 'missing') {
    return (
      `${paint(color, 'red', 'MISSING')}: ${head}: no SBOM refers to this manifest (looked up by ${VIA[p.via]})\n` +
      `  fix: attach one with 'gocross image --push ${printable(pushRef)} --sbom' (or --layout DIR --sbom)\n`
    );
  }
  const wrong = p.sboms.filter((s) => s.sha256 !== p.binary.sha256);
  const lines = wrong.map((s) => {
    const other = p.describes ? ` — the ${printable(p.describes.platform)} binary, manifest ${p.describes.manifest}` : '';
    return `  SBOM ${s.digest} names binary sha256 ${s.sha256 === null ? '(none)' : printable(s.sha256)}${other}\n`;
  });
  return (
    `${paint(color, 'red', 'MISMATCH')}: ${head}: its ${printable(p.binary.path)} has sha256 ${p.binary.sha256}, but the SBOM attached to this manifest describes another binary\n` +
    lines.join('') +
    `  fix: attach each platform's own SBOM to its own manifest digest: 'gocross image --push ${printable(pushRef)} --sbom' does\n`
  );
}

/** `pushRef` is what the fix tells the user to push to (the image without its digest). */
export function renderImageVerify(result: ImageVerifyResult, pushRef: string, color: boolean): string {
  return result.platforms.map((p) => line(p, pushRef, color)).join('');
}
