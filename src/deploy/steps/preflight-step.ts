/**
 * The preflight step of the per-host pipeline: the device's facts (preflight's FACTS_SCRIPT, one
 * round trip), the artifact and the verdict (preflight's checks), the unit to install, and what
 * the device already holds (state.ts). Changes nothing on the device.
 */
import type { Finding } from '../../core/check.ts';
import type { BinaryInfo } from '../../binary/types.ts';
import type { Manifest } from '../../gobuild/manifest.ts';
import type { HostContext, ReleaseArtifact, Remote } from '../model.ts';
import { FACTS_SCRIPT } from '../preflight/facts-script.ts';
import { parseFacts, type ParsedFacts } from '../preflight/facts.ts';
import { readArtifactInfos } from '../preflight/binaries.ts';
import { preflight } from '../preflight/evaluate.ts';
import { describeDevice } from '../preflight/artifact.ts';
import { releaseArtifactOf } from '../fleet/release.ts';
import { renderUnit } from '../unit.ts';
import { readDeviceState, type DeviceState } from './device-state.ts';
import type { RemoteLayout } from './layout.ts';

export interface HostPlan {
  facts: ParsedFacts | null;
  /** null when refused (for want of one, or for another reason). */
  artifact: ReleaseArtifact | null;
  /** Target id of the artifact preflight chose, also when the host is refused for another reason (the plan shows it). */
  chosen: string | null;
  state: DeviceState;
  unitText: string;
  /** Why the host is refused (the preflight findings that failed), or null. */
  refusal: string | null;
  fix: string | null;
  findings: Finding[];
  summary: string;
}

/** The artifacts' BinaryInfo, read once per manifest and shared by every host of the run. */
const binariesOf = new WeakMap<Manifest, Promise<Map<string, BinaryInfo>>>();

function binaries(ctx: HostContext): Promise<Map<string, BinaryInfo>> {
  let infos = binariesOf.get(ctx.manifest);
  if (!infos) {
    infos = readArtifactInfos(ctx.manifest, ctx.distDir);
    binariesOf.set(ctx.manifest, infos);
  }
  return infos;
}

export async function runPreflight(remote: Remote, ctx: HostContext, layout: RemoteLayout, options: { timeoutMs: number; signal?: AbortSignal }): Promise<HostPlan> {
  const { config } = ctx;
  const host = remote.host.name;
  const facts = parseFacts((await remote.run(['sh', '-c', FACTS_SCRIPT, 'sh', layout.baseDir], options)).toString('utf8'));
  const verdict = preflight({ host, facts, manifest: ctx.manifest, target: config.service.target, binaries: await binaries(ctx) });
  const unitText = renderUnit(config);
  const noState: DeviceState = { current: null, existingSha256: null };
  if (!verdict.ok || !verdict.artifact) {
    const failed = verdict.findings.filter((f) => f.status === 'fail');
    return {
      facts,
      artifact: null,
      chosen: verdict.artifact?.target ?? null,
      state: noState,
      unitText,
      refusal: `refused: ${failed.map((f) => f.message).join('; ') || 'no artifact for this device'}`,
      fix: failed.find((f) => f.fix)?.fix ?? null,
      findings: verdict.findings,
      summary: 'refused',
    };
  }
  const artifact = releaseArtifactOf(verdict.artifact, ctx.distDir, ctx.version);
  const state = await readDeviceState(remote, layout, artifact.id, options);
  return {
    facts,
    artifact,
    chosen: artifact.target,
    state,
    unitText,
    refusal: null,
    fix: null,
    findings: verdict.findings,
    summary: `${describeDevice(facts)}: ${artifact.target} as ${artifact.id}; current ${state.current ?? '(none)'}`,
  };
}
