import type { Check } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';

const GiB = 1024 ** 3;

/** Cross builds fill the cache quickly (one set of packages per target and variant). */
export const goCacheCheck: Check<HostFacts> = {
  id: 'gocache',
  severity: 'fail',
  title: 'GOCACHE free space',
  evaluate(facts) {
    const c = facts.goCache;
    if (!c) return [{ status: 'warn', message: 'cannot locate GOCACHE (no GOCACHE, XDG_CACHE_HOME or HOME)', fix: 'export GOCACHE=/path/with/space' }];
    if (c.freeBytes === null) return [{ status: 'warn', message: `cannot measure free space for ${c.path}` }];
    const free = `${(c.freeBytes / GiB).toFixed(1)} GiB free at ${c.path} (from ${c.from})`;
    if (c.freeBytes < GiB) return [{ status: 'fail', message: free, fix: 'go clean -cache, or point GOCACHE at a larger disk' }];
    if (c.freeBytes < 5 * GiB) return [{ status: 'warn', message: `${free}: a cross build matrix can use several GiB`, fix: 'go clean -cache, or point GOCACHE at a larger disk' }];
    return [{ status: 'pass', message: free }];
  },
};
