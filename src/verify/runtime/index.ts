/** The runtime checks a service config opts into, and their results as verify stage findings. */
import { runChecks, type Check } from '../../core/check.ts';
import type { RuntimeChecksConfig } from '../config.ts';
import type { Finding } from '../model.ts';
import type { RuntimeFacts } from './facts.ts';
import { logsCheck } from './logs.ts';
import { reachabilityCheck } from './reachability.ts';
import { tlsCheck } from './tls.ts';
import { traceCheck } from './trace.ts';

export function runtimeChecksOf(config: RuntimeChecksConfig): Check<RuntimeFacts>[] {
  return [
    ...(config.logs ? [logsCheck(config.logs)] : []),
    ...(config.trace ? [traceCheck(config.trace)] : []),
    ...(config.tls ? [tlsCheck(config.tls)] : []),
    ...(config.reachability ? [reachabilityCheck()] : []),
  ];
}

/** Every finding of the configured checks over the facts, with the id of what made it (its code, else the check id). */
export function evaluateRuntime(config: RuntimeChecksConfig, facts: RuntimeFacts): Finding[] {
  return runChecks(runtimeChecksOf(config), facts).flatMap((result) => result.findings.map((f) => ({ ...f, id: f.code ?? result.id })));
}
