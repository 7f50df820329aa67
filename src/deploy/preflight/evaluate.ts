/**
 * The preflight verdict for one device, in the check model: can it run the release, and can
 * deploy install it? Pure given the device's facts, the manifest and the BinaryInfo of each
 * artifact (read once per run: binaries.ts). The compat check runs compat's own evaluate() against
 * a Profile made of the device's real facts, so a refusal reads exactly like `gocross compat`.
 */
import { runChecks, worst, type Check, type Finding } from '../../core/check.ts';
import { evaluate } from '../../compat/evaluate.ts';
import type { Profile } from '../../compat/types.ts';
import type { BinaryInfo } from '../../binary/types.ts';
import type { Manifest, ManifestArtifact } from '../../gobuild/manifest.ts';
import { printable } from '../../util/printable.ts';
import type { DeviceFacts } from '../model.ts';
import { chooseArtifact, describeDevice, type ArtifactChoice } from './artifact.ts';
import type { ParsedFacts } from './facts.ts';

/** Room kept free beyond two copies of the artifact (the upload beside the release, plus logs). */
export const FREE_SPACE_MARGIN_BYTES = 16 * 1024 * 1024;
export const REQUIRED_TOOLS = ['sha256sum', 'systemd-run'] as const;
export const OPTIONAL_TOOLS = ['systemd-analyze'] as const;

export interface PreflightFacts {
  /** Host name, for messages. */
  host: string;
  device: DeviceFacts & Partial<Pick<ParsedFacts, 'complete' | 'kernelGoarch' | 'floatAbi' | 'pid1'>>;
  choice: ArtifactChoice;
  /** BinaryInfo of the chosen artifact, null when none was chosen or it could not be read. */
  binary: BinaryInfo | null;
}

export interface PreflightInput {
  host: string;
  facts: PreflightFacts['device'];
  manifest: Pick<Manifest, 'artifacts'>;
  target: 'auto' | string;
  /** BinaryInfo per artifact target id (see binaries.ts). */
  binaries: ReadonlyMap<string, BinaryInfo>;
}

export interface PreflightVerdict {
  ok: boolean;
  findings: Finding[];
  artifact: ManifestArtifact | null;
}

/** A compat Profile of one real device. */
export function deviceProfile(host: string, facts: DeviceFacts): Profile {
  const kernel = /^(\d+\.\d+(?:\.\d+)?)/.exec(facts.kernel)?.[1] ?? null;
  const profile: Profile = { id: host, name: `${host} (${describeDevice(facts)})`, os: 'linux', kernel, arches: facts.goarch ? [facts.goarch] : [] };
  if (facts.libc.kind !== 'none') profile.libc = facts.libc.kind;
  if (facts.libc.version) profile.libcVersion = facts.libc.version;
  if (facts.cpuLevel) profile.cpu = { [facts.cpuLevel.setting]: facts.cpuLevel.level };
  return profile;
}

const artifactCheck: Check<PreflightFacts> = {
  id: 'preflight/artifact',
  severity: 'fail',
  title: 'An artifact for this device',
  evaluate: ({ choice }) =>
    choice.ok
      ? [
          { status: 'pass', message: `chose ${choice.artifact.target}` },
          ...(choice.note ? [{ status: 'info' as const, message: choice.note }] : []),
        ]
      : [{ status: 'fail', message: choice.reason, fix: choice.fix }],
};

const compatCheck: Check<PreflightFacts> = {
  id: 'preflight/compat',
  severity: 'fail',
  title: "The artifact runs on the device's real facts",
  evaluate: ({ host, device, choice, binary }) => {
    if (!choice.ok) return [];
    if (!binary) return [{ status: 'fail', message: `cannot read ${choice.artifact.target} to check it against ${host}`, fix: 'rebuild it: gocross build' }];
    const verdict = evaluate(binary, deviceProfile(host, device));
    const findings: Finding[] = verdict.reasons.map((r) => ({ status: 'fail', message: `${choice.artifact.target} ${r.message}`, code: `compat/${r.code}`, ...(r.fix ? { fix: r.fix } : {}) }));
    if (device.libc.kind === 'none' && (binary.interpreter || binary.linkage === 'dynamic')) {
      findings.push({
        status: 'fail',
        code: 'compat/libc',
        message: `${choice.artifact.target} is dynamically linked${binary.interpreter ? ` (loader ${binary.interpreter})` : ''}; ${host} has no C library gocross could find`,
        fix: 'build it static (CGO_ENABLED=0)',
      });
    }
    findings.push(...verdict.notes.map((n) => ({ status: 'info' as const, message: n })));
    return findings.length ? findings : [{ status: 'pass', message: `${choice.artifact.target} runs on ${host}` }];
  },
};

const initCheck: Check<PreflightFacts> = {
  id: 'preflight/init',
  severity: 'fail',
  title: 'systemd is the init system',
  evaluate: ({ host, device }) =>
    device.init === 'systemd'
      ? [{ status: 'pass', message: `systemd${device.systemdVersion ? ` ${device.systemdVersion}` : ''}` }]
      : [
          {
            status: 'fail',
            message: `${host} has no systemd (init: ${device.pid1 ? printable(device.pid1) : 'unknown'}): gocross deploy installs a systemd unit`,
            fix: 'deploy to this device by other means, or remove it from the selection (--hosts/--group/--label)',
          },
        ],
};

const spaceCheck: Check<PreflightFacts> = {
  id: 'preflight/space',
  severity: 'fail',
  title: 'Free space in the base directory',
  evaluate: ({ host, device, choice }) => {
    if (!choice.ok) return [];
    const needed = 2 * choice.artifact.size + FREE_SPACE_MARGIN_BYTES;
    if (device.freeBytes === null) return [{ status: 'warn', message: `cannot tell the free space on ${host} (df gave no answer); ${mib(needed)} needed` }];
    return device.freeBytes >= needed
      ? [{ status: 'pass', message: `${mib(device.freeBytes)} free, ${mib(needed)} needed` }]
      : [{ status: 'fail', message: `${host} has ${mib(device.freeBytes)} free in the base directory; ${mib(needed)} needed (twice the artifact plus ${mib(FREE_SPACE_MARGIN_BYTES)})`, fix: 'free space on the device, lower deploy.keep, or choose another deploy.baseDir' }];
  },
};

const toolsCheck: Check<PreflightFacts> = {
  id: 'preflight/tools',
  severity: 'fail',
  title: 'Tools deploy runs on the device',
  evaluate: ({ host, device }) => {
    const missing = REQUIRED_TOOLS.filter((t) => !device.tools.includes(t));
    const optional = OPTIONAL_TOOLS.filter((t) => !device.tools.includes(t));
    return [
      ...(missing.length ? [{ status: 'fail' as const, message: `${host} lacks ${missing.join(', ')}`, fix: 'install coreutils and systemd on the device' }] : [{ status: 'pass' as const, message: REQUIRED_TOOLS.join(', ') }]),
      ...optional.map((t) => ({ status: 'warn' as const, message: `${host} has no ${t}: the unit file is installed without validation` })),
    ];
  },
};

const userlandCheck: Check<PreflightFacts> = {
  id: 'preflight/userland',
  severity: 'warn',
  title: 'Kernel and userland',
  evaluate: ({ device }) => {
    const findings: Finding[] = [];
    if (device.complete === false) findings.push({ status: 'warn', message: 'the device facts were cut off: unknown facts are not checked' });
    if (device.kernelGoarch && device.goarch && device.kernelGoarch !== device.goarch) {
      findings.push({
        status: 'info',
        message: `the kernel is ${printable(device.unameMachine)} but the userland (/bin/sh) is ${device.goarch}${device.floatAbi ? ` (${device.floatAbi}-float)` : ''}: ${device.goarch} artifacts are chosen`,
      });
    }
    return findings;
  },
};

export const PREFLIGHT_CHECKS: readonly Check<PreflightFacts>[] = [artifactCheck, compatCheck, initCheck, spaceCheck, toolsCheck, userlandCheck];

export function preflight(input: PreflightInput): PreflightVerdict {
  const choice = chooseArtifact(input.manifest, input.facts, input.target);
  const binary = choice.ok ? (input.binaries.get(choice.artifact.target) ?? null) : null;
  const results = runChecks(PREFLIGHT_CHECKS, { host: input.host, device: input.facts, choice, binary });
  const findings = results.flatMap((r) => r.findings.map((f) => ({ ...f, code: f.code ?? r.id, subject: input.host })));
  const ok = worst(findings.map((f) => f.status)) !== 'fail';
  return { ok, findings, artifact: choice.ok ? choice.artifact : null };
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
