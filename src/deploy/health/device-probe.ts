/**
 * HTTP checks run on the device itself, for a port the controller cannot reach (bound to
 * loopback, firewalled): `curl -sS -i` where the device has curl, else BusyBox `wget -S -O -`.
 * The parsers are pure; neither trusts the device's text beyond splitting it.
 */
import type { Remote } from '../model.ts';
import type { HttpResponse } from '../../verify/http-check.ts';

export const ACCEPT = 'application/health+json, application/json;q=0.9, */*;q=0.5';

/** `curl -i` output: status line, headers, blank line, body (the last header block wins, after a 100 Continue). */
export function parseCurlResponse(text: string): HttpResponse | null {
  let rest = text;
  let parsed: HttpResponse | null = null;
  for (;;) {
    const m = /^HTTP\/[\d.]+ (\d{3})[^\n]*\n/.exec(rest);
    if (!m) break;
    const end = rest.search(/\r?\n\r?\n/);
    const head = end < 0 ? rest : rest.slice(0, end);
    const body = end < 0 ? '' : rest.slice(end).replace(/^\r?\n\r?\n/, '');
    const contentType = /^content-type:\s*(.*?)\s*$/im.exec(head)?.[1] ?? null;
    parsed = { status: Number(m[1]), contentType, body };
    rest = body;
    if (parsed.status >= 200) break;
  }
  return parsed;
}

/** BusyBox `wget -S -O -`: the server's headers on stderr, indented; the body on stdout (none for an error status). */
export function parseWgetResponse(stderr: string, stdout: string): HttpResponse | null {
  let status: number | null = null;
  let contentType: string | null = null;
  for (const line of stderr.split('\n')) {
    const s = /^\s*HTTP\/[\d.]+ (\d{3})/.exec(line) ?? /server returned error: HTTP\/[\d.]+ (\d{3})/.exec(line);
    if (s) status = Number(s[1]);
    const ct = /^\s+content-type:\s*(.*?)\s*$/i.exec(line);
    if (ct) contentType = ct[1] ?? null;
  }
  return status === null ? null : { status, contentType, body: stdout };
}

export async function probeOnDevice(
  remote: Remote,
  tool: 'curl' | 'wget',
  url: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<HttpResponse | null> {
  if (tool === 'curl') {
    const r = await remote.exec(['curl', '-sS', '-i', '-m', '5', '-H', `Accept: ${ACCEPT}`, url], options);
    return r.code === 0 ? parseCurlResponse(r.stdout.toString('utf8')) : null;
  }
  const r = await remote.exec(['wget', '-S', '-O', '-', '-T', '5', '--header', `Accept: ${ACCEPT}`, url], options);
  return parseWgetResponse(r.stderr.toString('utf8'), r.stdout.toString('utf8'));
}
