/**
 * Loopback ports for emulated services: each target gets a distinct free port, and after the
 * service is stopped we check that nothing is left listening on it.
 */
import { createServer } from 'node:net';

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** Hands out free loopback ports, never the same one twice in a run. */
export class PortAllocator {
  readonly #taken = new Set<number>();
  async next(): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = await listenOnce(0);
      if (!this.#taken.has(port)) {
        this.#taken.add(port);
        return port;
      }
    }
    throw new Error('Cannot allocate a loopback port: the kernel kept returning ports already in use by this run');
  }
}

/** True when something still listens on 127.0.0.1:port (binding it fails with EADDRINUSE). */
export async function isPortBound(port: number): Promise<boolean> {
  try {
    await listenOnce(port);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return true;
    throw error;
  }
}
