/** The running kernel's release, from /proc/sys/kernel/osrelease under the root (uname -r). */
import { readOptional, under, type HostRoot } from './root.ts';

export interface KernelFact {
  release: string;
  /** "6.1" of "6.1.0-18-amd64". */
  version: string;
}

function parseKernelRelease(text: string): KernelFact | null {
  const release = text.trim();
  const m = /^(\d+\.\d+(?:\.\d+)?)/.exec(release);
  return m ? { release, version: m[1]! } : null;
}

export async function readKernel(host: HostRoot): Promise<KernelFact | null> {
  const text = await readOptional(under(host, '/proc/sys/kernel/osrelease'));
  return text === null ? null : parseKernelRelease(text);
}
