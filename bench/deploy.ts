/**
 * Benchmark of `gocross deploy` (issue 12): examples/hello-service (linux/amd64) shipped to the
 * systemd devices of a local fleet (scripts/fleet.sh, prefix `bd`, 10.234.x), against a plain bash
 * script doing the user's manual work with the same parallelism, measured in the same run:
 *  - the script, per host: `scp` the binary, `ssh … mv && systemctl restart`, then `curl /healthz`
 *    until it answers 200 (the fleet's key and known_hosts; a unit installed beforehand, untimed);
 *  - gocross with waves [1, "100%"] and with one wave ["100%"], both `concurrency` = device count:
 *    connect, preflight, upload, checksum on the device, unit, revert timer, switch, restart,
 *    health gate (systemd + HTTP), commit, prune.
 * Each round deploys a new release (`--release-version`), so every run is a real upgrade. Printed:
 * wall time per run and per wave, per-host time and bytes sent, and each gocross median's ratio to
 * the script's median (target: within 1.5×). Not a test: prints figures.
 *
 *   node bench/deploy.ts [--rounds 3] [--devices 5] [--min-healthy 1] [--cli src|dist] [--script-only]
 */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import type { DeployEvent, DeployReport } from '../src/deploy/model.ts';
import { run } from '../src/process/run.ts';
import { startFleet, type Fleet, type FleetHost } from '../test/support/fleet.ts';
import { REPO } from '../test/support/go.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    devices: { type: 'string', default: '5' },
    'min-healthy': { type: 'string', default: '1' },
    cli: { type: 'string', default: 'src' },
    'script-only': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds);
const DEVICES = Number(values.devices);
const MIN_HEALTHY = Number(values['min-healthy']);
const CLI = values.cli === 'dist' ? join(REPO, 'dist/cli/bin.cjs') : join(REPO, 'src/cli/bin.ts');
const SCRIPT_ONLY = values['script-only'];
const SERVICE = 'hello-service';
const SCRIPT_SERVICE = 'hello-script';
const SCRIPT_PORT = 8081;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * The baseline: what a user's script does, one host per background job, all at once (the same
 * parallelism as gocross's concurrency = device count). Prints "<host> <ms>" per host.
 * $1 binary, $2 ssh options file (one per line), then "name address port" triples; SVC (unit and
 * directory), BIN (file name) and PORT in the environment.
 */
const BASELINE = [
  'set -euo pipefail',
  'bin=$1; mapfile -t opts <"$2"; shift 2',
  'deploy_one() {',
  '  local name=$1 addr=$2 port=$3 t0 deadline',
  '  t0=$(date +%s%N)',
  '  scp -q "${opts[@]}" -P "$port" "$bin" "root@$addr:/opt/$SVC/$BIN.new"',
  '  ssh "${opts[@]}" -p "$port" "root@$addr" "mv -f /opt/$SVC/$BIN.new /opt/$SVC/$BIN && systemctl restart $SVC"',
  '  deadline=$((SECONDS + 30))',
  '  until curl -fsS -m 2 -o /dev/null "http://$addr:$PORT/healthz"; do',
  '    [ "$SECONDS" -lt "$deadline" ] || { echo "$name: not healthy after 30 s" >&2; return 1; }',
  '    sleep 0.1',
  '  done',
  '  echo "$name $(( ($(date +%s%N) - t0) / 1000000 ))"',
  '}',
  'pids=()',
  'while [ $# -gt 0 ]; do deploy_one "$1" "$2" "$3" & pids+=($!); shift 3; done',
  'for p in "${pids[@]}"; do wait "$p"; done',
].join('\n');

const UNIT = `[Unit]
Description=hello-service deployed by the baseline script
[Service]
ExecStart=/opt/${SCRIPT_SERVICE}/${SERVICE} --addr 0.0.0.0:${SCRIPT_PORT}
Environment=GODEBUG=asyncpreemptoff=1
Restart=on-failure
[Install]
WantedBy=multi-user.target
`;

interface RunFigures {
  wallMs: number;
  waves: number[];
  hosts: Array<{ host: string; ms: number; bytes: number }>;
  /** Per-host step durations (gocross only), to see where the time goes. */
  steps: Array<{ step: string; ms: number }>;
}

async function runScript(fleet: Fleet, hosts: FleetHost[], binary: string, work: string): Promise<RunFigures> {
  const optsFile = join(work, 'ssh-options');
  await writeFile(optsFile, `${fleet.sshOptions().join('\n')}\n`);
  const size = (await stat(binary)).size;
  const t0 = performance.now();
  const r = await run('bash', ['-c', BASELINE, 'baseline', binary, optsFile, ...hosts.flatMap((h) => [h.name, h.address, String(h.port)])], {
    reject: false,
    timeoutMs: 300_000,
    env: { ...process.env, SVC: SCRIPT_SERVICE, BIN: SERVICE, PORT: String(SCRIPT_PORT) },
  });
  const wallMs = performance.now() - t0;
  if (r.exitCode !== 0) throw new Error(`baseline script failed:\n${r.stderr}`);
  const perHost = r.stdout.trim().split('\n').map((l) => l.split(' ')).map(([host, ms]) => ({ host: host!, ms: Number(ms), bytes: size }));
  return { wallMs, waves: [wallMs], hosts: perHost, steps: [] };
}

async function runGocross(project: string, config: string, version: string): Promise<RunFigures> {
  const t0 = performance.now();
  const r = await run(process.execPath, [CLI, 'deploy', '--json', '-c', config, '--release-version', version], { cwd: project, reject: false, timeoutMs: 600_000 });
  const wallMs = performance.now() - t0;
  const events = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as DeployEvent);
  const done = events.find((e): e is Extract<DeployEvent, { type: 'done' }> => e.type === 'done');
  if (!done) throw new Error(`gocross deploy printed no report (exit ${r.exitCode}):\n${r.stderr}`);
  const report: DeployReport = done.report;
  const bad = report.hosts.filter((h) => h.outcome !== 'updated');
  if (r.exitCode !== 0 || bad.length) {
    throw new Error(`gocross deploy did not update every host (exit ${r.exitCode}): ${bad.map((h) => `${h.host} ${h.outcome}: ${h.steps.filter((s) => s.status === 'fail').map((s) => `${s.step} ${s.message}`).join('; ')}`).join(', ')}\n${r.stderr}`);
  }
  return {
    wallMs,
    waves: report.waves.map((w) => w.durationMs),
    hosts: report.hosts.map((h) => ({ host: h.host, ms: h.durationMs, bytes: h.bytesSent })),
    steps: report.hosts.flatMap((h) => h.steps.map((st) => ({ step: st.step, ms: st.durationMs }))),
  };
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'gocross-bench-deploy-'));
  let fleet: Fleet | undefined;
  try {
    // The project: a copy of the example, built for the devices' arch.
    const project = join(work, 'hello-service');
    await cp(join(REPO, 'examples/hello-service'), project, { recursive: true, filter: (src) => !src.includes('/dist') });
    const build = await run(process.execPath, [CLI, 'build', '-t', 'linux/amd64'], { cwd: project, reject: false, timeoutMs: 600_000 });
    if (build.exitCode !== 0) throw new Error(`gocross build failed:\n${build.stderr}`);
    const manifest = JSON.parse(await readFile(join(project, 'dist/manifest.json'), 'utf8')) as { artifacts: Array<{ target: string; path: string }> };
    const artifact = manifest.artifacts.find((a) => a.target === 'linux/amd64');
    if (!artifact) throw new Error('dist/manifest.json has no linux/amd64 artifact');
    const binary = join(project, 'dist', artifact.path);

    const tFleet = performance.now();
    fleet = await startFleet({ systemdDevices: DEVICES, prefix: 'bd', subnetBase: '10.234' });
    const fleetMs = performance.now() - tFleet;
    const hosts = fleet.hosts.filter((h) => h.kind === 'systemd');

    // Two configs, differing only in the waves: the example's build settings plus this deploy section.
    const base = parse(await readFile(join(project, 'gocross.config.yaml'), 'utf8')) as Record<string, unknown>;
    const configFor = async (name: string, waves: Array<number | string>): Promise<string> => {
      const deploy = {
        hosts: hosts.map((h) => ({ name: h.name, address: h.address, port: h.port, user: h.user, identityFile: h.identityFile })),
        knownHosts: fleet!.knownHosts,
        service: { name: SERVICE, target: 'auto', args: ['--addr', '0.0.0.0:8080'], environment: { GODEBUG: 'asyncpreemptoff=1' } },
        keep: 3,
        health: { minHealthySeconds: MIN_HEALTHY, deadlineSeconds: 20, port: 8080, checks: [{ path: '/healthz', status: 200, json: { status: 'pass' } }] },
        waves,
        concurrency: hosts.length,
        maxFailures: 0,
      };
      const file = join(project, `bench-${name}.yaml`);
      await writeFile(file, stringify({ ...base, deploy }));
      return file;
    };
    const twoWaves = await configFor('two-waves', [1, '100%']);
    const oneWave = await configFor('one-wave', ['100%']);

    // Untimed setup: the script's unit on every device, and one deploy of each kind as a warm-up
    // so every timed run is an upgrade from a running release.
    for (const h of hosts) {
      const r = await fleet.exec(h.name, ['sh', '-c', 'mkdir -p "/opt/$1" && cat >"/etc/systemd/system/$1.service" && systemctl daemon-reload', 'sh', SCRIPT_SERVICE], { input: UNIT });
      if (r.exitCode !== 0) throw new Error(`cannot install the baseline unit on ${h.name}: ${r.stderr}`);
    }
    await runScript(fleet, hosts, binary, work);
    if (!SCRIPT_ONLY) await runGocross(project, oneWave, 'bench-warmup');

    const results: Record<'script' | 'twoWaves' | 'oneWave', RunFigures[]> = { script: [], twoWaves: [], oneWave: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      results.script.push(await runScript(fleet, hosts, binary, work));
      if (SCRIPT_ONLY) continue;
      results.twoWaves.push(await runGocross(project, twoWaves, `bench-${round}a`));
      results.oneWave.push(await runGocross(project, oneWave, `bench-${round}b`));
    }

    const size = (await stat(binary)).size;
    console.log(`bench/deploy: examples/hello-service linux/amd64 (${(size / 1e6).toFixed(1)} MB) to ${hosts.length} systemd devices, concurrency ${hosts.length}, minHealthySeconds ${MIN_HEALTHY}, ${ROUNDS} rounds, ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(1)}; CLI ${CLI.replace(`${REPO}/`, '')}`);
    console.log(`fleet up (${fleet.hosts.length} devices): ${seconds(fleetMs)}`);
    const scriptMedian = median(results.script.map((r) => r.wallMs));
    const line = (label: string, runs: RunFigures[]): void => {
      const wall = median(runs.map((r) => r.wallMs));
      const waves = runs[0]!.waves.map((_, i) => seconds(median(runs.map((r) => r.waves[i]!))));
      const perHost = runs.flatMap((r) => r.hosts);
      const bytes = median(perHost.map((h) => h.bytes));
      console.log(
        `${label.padEnd(34)} wall ${seconds(wall).padStart(8)}  ratio ${(wall / scriptMedian).toFixed(2)}×  waves [${waves.join(', ')}]  per host median ${seconds(median(perHost.map((h) => h.ms)))} (max ${seconds(Math.max(...perHost.map((h) => h.ms)))})  bytes/host ${(bytes / 1e6).toFixed(2)} MB`,
      );
      console.log(`${''.padEnd(34)} runs: ${runs.map((r) => seconds(r.wallMs)).join(', ')}`);
      const steps = runs.flatMap((r) => r.steps);
      if (steps.length) {
        const names = [...new Set(steps.map((st) => st.step))];
        console.log(`${''.padEnd(34)} per-host step medians: ${names.map((n) => `${n} ${seconds(median(steps.filter((st) => st.step === n).map((st) => st.ms)))}`).join(', ')}`);
      }
    };
    line('script (scp + ssh restart + curl)', results.script);
    if (SCRIPT_ONLY) return;
    line('gocross waves [1, 100%]', results.twoWaves);
    line('gocross one wave [100%]', results.oneWave);
    for (const [label, runs] of [['waves [1, 100%]', results.twoWaves], ['one wave', results.oneWave]] as const) {
      const ratio = median(runs.map((r) => r.wallMs)) / scriptMedian;
      console.log(`target ${label}: within 1.5× of the script: ${ratio <= 1.5 ? 'PASS' : 'FAIL'} (${ratio.toFixed(2)}×)`);
    }
  } finally {
    await fleet?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
