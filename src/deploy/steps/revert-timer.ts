/**
 * The device's own safety net. Before `current` is switched, a transient systemd timer is armed:
 *
 *   systemd-run --unit=gocross-revert-<svc> --on-active=<N>s --timer-property=AccuracySec=1s \
 *     /bin/sh -c REVERT_SCRIPT sh <baseDir> <prevId or -> <svc> <newId>
 *
 * If the controller has not committed (or rolled back) within N seconds — it crashed, or the
 * network went away — the device runs REVERT_SCRIPT by itself: `current` back to the previous
 * release (new symlink + rename, as in switch.ts), a `revert` line in deploy.log, and a restart
 * of the service; after a first deploy (no previous release, `-`) it stops and disables the
 * service and removes `current` instead. User data reaches the script only as positional arguments.
 *
 * Commit and revert race at the deadline, so each first claims the decision by creating the
 * directory `<baseDir>/.deploy-decided` (mkdir is atomic): whoever fails to create it lost, and
 * the revert then does nothing, or the controller learns that the device has already reverted.
 */
import type { Remote } from '../model.ts';
import type { RemoteLayout } from './layout.ts';
import { formatLogLine, type DeployLogEntry } from './deploy-log.ts';

// $1 base directory, $2 previous release id or "-", $3 service, $4 the release being deployed.
export const REVERT_SCRIPT = [
  'set -u',
  'base=$1 prev=$2 svc=$3 new=$4',
  'mkdir "$base/.deploy-decided" 2>/dev/null || exit 0',
  'at=$(date -u +%Y-%m-%dT%H:%M:%SZ)',
  'if [ "$prev" != - ] && [ -f "$base/releases/$prev" ]; then',
  '  rm -f "$base/.current.new"',
  '  ln -s "releases/$prev" "$base/.current.new" && mv -f "$base/.current.new" "$base/current"',
  '  printf \'{"at":"%s","by":"gocross-revert-timer","action":"revert","from":"%s","to":"%s"}\\n\' "$at" "$new" "$prev" >> "$base/deploy.log"',
  '  systemctl restart "$svc.service"',
  'else',
  '  systemctl disable --now "$svc.service"',
  '  rm -f "$base/current"',
  '  printf \'{"at":"%s","by":"gocross-revert-timer","action":"revert","from":"%s","to":null}\\n\' "$at" "$new" >> "$base/deploy.log"',
  'fi',
].join('\n');

// $1 base directory, $2 revert unit name, then the systemd-run argv: forget an earlier run's timer
// and decision, then arm (one round trip).
const ARM_SCRIPT = [
  'base=$1 unit=$2',
  'shift 2',
  'systemctl stop "$unit.timer" "$unit.service" >/dev/null 2>&1',
  'systemctl reset-failed "$unit.timer" "$unit.service" >/dev/null 2>&1',
  'rm -rf "$base/.deploy-decided"',
  'exec "$@"',
].join('\n');

export interface ArmedRevert {
  /** When the device will revert by itself (controller's clock; the timer counts from arming). */
  revertsAt: Date;
}

export async function armRevert(
  remote: Remote,
  layout: RemoteLayout,
  args: { service: string; previous: string | null; next: string; afterSeconds: number },
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<ArmedRevert> {
  await remote.run(
    [
      'sh',
      '-c',
      ARM_SCRIPT,
      'sh',
      layout.baseDir,
      layout.revertUnit,
      'systemd-run',
      '--quiet',
      `--unit=${layout.revertUnit}`,
      `--on-active=${args.afterSeconds}s`,
      '--timer-property=AccuracySec=1s',
      '/bin/sh',
      '-c',
      REVERT_SCRIPT,
      'sh',
      layout.baseDir,
      args.previous ?? '-',
      args.service,
      args.next,
    ],
    options,
  );
  // The timer started while the command ran: counting from its end errs on the late side.
  return { revertsAt: new Date(Date.now() + args.afterSeconds * 1000) };
}

// $1 base directory, $2 revert unit name, $3 a deploy-log line to append once claimed, or empty.
// Prints "claimed" or "reverted".
const CLAIM_SCRIPT = [
  'if mkdir "$1/.deploy-decided" 2>/dev/null; then',
  '  systemctl stop "$2.timer" >/dev/null 2>&1',
  '  systemctl reset-failed "$2.timer" "$2.service" >/dev/null 2>&1',
  '  [ -z "$3" ] || printf "%s\\n" "$3" >> "$1/deploy.log"',
  '  echo claimed',
  'else',
  '  echo reverted',
  'fi',
].join('\n');

/**
 * Take the decision from the timer and disarm it (commit, or a rollback by the controller).
 * `false`: the timer fired first — the device has reverted (or is reverting) by itself.
 */
export async function claimDecision(
  remote: Remote,
  layout: RemoteLayout,
  logEntry: DeployLogEntry | null,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<boolean> {
  const out = await remote.run(['sh', '-c', CLAIM_SCRIPT, 'sh', layout.baseDir, layout.revertUnit, logEntry ? formatLogLine(logEntry) : ''], options);
  return out.toString('utf8').trim() === 'claimed';
}
