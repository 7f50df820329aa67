/**
 * Loopback numbers for the SSH layer (never shipped; run as root):
 *   node src/deploy/ssh/testing/measure.ts
 * connect + one exec round trip (median of 20), and upload throughput of a 20 MiB file by SFTP and
 * by the exec fallback (median of 3), against OpenSSH and dropbear on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../connect.ts';
import { startSshd, type TestSshdOptions } from './sshd.ts';

const NO_AGENT = { agentSocket: undefined, home: '/nonexistent-home' };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const scratch = mkdtempSync(join(tmpdir(), 'gocross-measure-'));
const file = join(scratch, 'payload.bin');
const SIZE = 20 * 1024 * 1024;
writeFileSync(file, randomBytes(SIZE));

async function measure(label: string, options: TestSshdOptions): Promise<void> {
  const s = await startSshd(options);
  try {
    const connectOptions = { knownHostsFile: join(s.dir, 'known_hosts'), acceptNewHostKeys: true, timeoutMs: 10_000 };
    const roundTrips: number[] = [];
    for (let i = 0; i < 21; i++) {
      const started = performance.now();
      const remote = await connect(s.deployHost(), connectOptions, NO_AGENT);
      await remote.run(['true']);
      const took = performance.now() - started;
      await remote.close();
      if (i > 0) roundTrips.push(took); // the first adds the host key
    }
    const remote = await connect(s.deployHost(), connectOptions, NO_AGENT);
    const rates: number[] = [];
    let via = '';
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      via = (await remote.upload(file, join(s.dir, `upload-${i}.tmp`), { mode: 0o755 })).via;
      rates.push(SIZE / 1024 / 1024 / ((performance.now() - started) / 1000));
    }
    await remote.close();
    console.log(`${label}: connect+exec median ${median(roundTrips).toFixed(1)} ms (n=20); 20 MiB upload via ${via}: median ${median(rates).toFixed(1)} MiB/s (n=3)`);
  } finally {
    await s.stop();
  }
}

try {
  await measure('openssh, sftp', { sftp: 'internal' });
  await measure('openssh, no sftp', { sftp: 'none' });
  await measure('dropbear, no sftp', { server: 'dropbear', sftp: 'broken' });
  await measure('dropbear, sftp', { server: 'dropbear', sftp: 'internal' });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
