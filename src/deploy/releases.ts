/**
 * `gocross releases`: per selected host, the releases on the device, which one is current, and
 * when and by whom each was last switched to (the device's deploy log). A host that cannot be
 * reached is an entry with its error (the SSH layer's message, already escaped), never a thrown error.
 */
import { pool } from '../util/pool.ts';
import { selectHosts } from './inventory.ts';
import type { DeployHost, ReleasesReport, ReleasesRunOptions } from './model.ts';
import { connect } from './ssh/index.ts';
import { remoteLayout } from './steps/layout.ts';
import { readReleaseState, releaseInfos } from './steps/release-state.ts';
import { EXEC_TIMEOUT_MS } from './steps/go-live.ts';

export async function listReleases(options: ReleasesRunOptions): Promise<ReleasesReport> {
  const { config } = options;
  const hosts = selectHosts(config, options.selection);
  const layout = remoteLayout(config.baseDir, config.service.name);
  const one = async (host: DeployHost): Promise<ReleasesReport['hosts'][number]> => {
    const remote = await connect(host, { knownHostsFile: config.knownHosts, acceptNewHostKeys: options.acceptNewHostKeys, timeoutMs: config.connectTimeoutSeconds * 1000, ...(options.signal ? { signal: options.signal } : {}) });
    try {
      const state = await readReleaseState(remote, layout, { timeoutMs: EXEC_TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) });
      return { host: host.name, address: host.address, error: null, releases: releaseInfos(state) };
    } finally {
      await remote.close().catch(() => undefined);
    }
  };
  const settled = await pool(hosts, one, { limit: config.concurrency, ...(options.signal ? { signal: options.signal } : {}) });
  return {
    schemaVersion: 1,
    service: config.service.name,
    hosts: settled.map((s, i) => {
      const host = hosts[i] as DeployHost;
      if (s.status === 'fulfilled') return s.value;
      const error = s.status === 'cancelled' ? 'interrupted' : s.reason instanceof Error ? s.reason.message : String(s.reason);
      return { host: host.name, address: host.address, error, releases: [] };
    }),
  };
}
