/**
 * The public deploy surface: the use cases (deploy, rollback, listReleases), reading the `deploy:`
 * config and selecting hosts, and the data model they take and return. src/index.ts re-exports it.
 */
export { deploy } from './deploy.ts';
export { rollback } from './rollback.ts';
export { listReleases } from './releases.ts';
export { deployConfigOf, normalizeDeployConfig, DeployConfigError } from './config.ts';
export { selectHosts, describeSelection } from './inventory.ts';
export { planWaves, failureBudget } from './waves.ts';
export { releaseIdOf } from './fleet/release.ts';
export { statePathOf } from './fleet/state-file.ts';
export type { DeployState, RunStatus as DeployRunStatus } from './fleet/state.ts';
export type * from './model.ts';
