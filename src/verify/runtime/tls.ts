/**
 * Runtime check `tls`: the certificate the service serves chains to the trusted CA, is valid for
 * the probed name, has a validity window of at most N days, does not expire within M days, and
 * the service refuses protocols below the minimum.
 */
import type { Check, Finding } from '../../core/check.ts';
import type { TlsCheckConfig, TlsVersion } from '../config.ts';
import type { RuntimeFacts } from './facts.ts';

export const TLS_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const DAY_MS = 86_400_000;

/** The protocol just below `version`, or null for the lowest. */
export function versionBelow(version: TlsVersion): TlsVersion | null {
  return TLS_VERSIONS[TLS_VERSIONS.indexOf(version) - 1] ?? null;
}

const day = (iso: string): string => iso.slice(0, 10);

export function tlsCheck(config: TlsCheckConfig): Check<RuntimeFacts> {
  return {
    id: 'runtime/tls',
    severity: 'fail',
    title: `TLS certificate valid for ${config.serverName}, protocol ≥ ${config.minVersion}`,
    evaluate(facts) {
      const tls = facts.tls;
      if (!tls) return [{ status: 'fail', code: 'tls/handshake', message: 'no TLS probe was made' }];
      const h = tls.handshake;
      if (!h) return [{ status: 'fail', code: 'tls/handshake', message: `TLS handshake with ${tls.serverName} failed: ${tls.error ?? 'unknown error'}` }];
      const findings: Finding[] = [];
      const cert = `certificate ${h.subject}${h.subjectAltName ? ` (${h.subjectAltName})` : ''}`;
      findings.push(
        h.authorized
          ? { status: 'pass', code: 'tls/chain', message: `${cert} chains to a trusted CA (issuer ${h.issuer})` }
          : { status: 'fail', code: 'tls/chain', message: `${cert} chain is not valid: ${h.authorizationError ?? 'not trusted'}`, fix: 'serve the full chain of a certificate issued by the trusted CA' },
      );
      findings.push(
        h.nameError === null
          ? { status: 'pass', code: 'tls/name', message: `${cert} is valid for ${tls.serverName}` }
          : { status: 'fail', code: 'tls/name', message: `${cert} is not valid for ${tls.serverName}: ${h.nameError}`, fix: `issue the certificate with subjectAltName DNS:${tls.serverName}` },
      );
      const from = Date.parse(h.validFrom);
      const to = Date.parse(h.validTo);
      const windowDays = Math.round((to - from) / DAY_MS);
      if (config.maxValidityDays !== null) {
        findings.push(
          windowDays <= config.maxValidityDays
            ? { status: 'pass', code: 'tls/validity', message: `validity window ${windowDays} days (at most ${config.maxValidityDays})` }
            : {
                status: 'fail',
                code: 'tls/validity',
                message: `certificate is valid for ${windowDays} days (${day(h.validFrom)} to ${day(h.validTo)}), longer than the ${config.maxValidityDays}-day maximum`,
                fix: `issue certificates for at most ${config.maxValidityDays} days`,
              },
        );
      }
      const remainingDays = Math.floor((to - facts.now) / DAY_MS);
      if (to <= facts.now) {
        findings.push({ status: 'fail', code: 'tls/expired', message: `certificate expired on ${day(h.validTo)}`, fix: 'renew the certificate' });
      } else if (from > facts.now) {
        findings.push({ status: 'fail', code: 'tls/not-yet-valid', message: `certificate is not valid before ${day(h.validFrom)}` });
      } else if (remainingDays < config.minRemainingDays) {
        findings.push({ status: 'fail', code: 'tls/expiring', message: `certificate expires in ${remainingDays} day(s), on ${day(h.validTo)} (minimum ${config.minRemainingDays})`, fix: 'renew the certificate' });
      } else {
        findings.push({ status: 'pass', code: 'tls/expiring', message: `certificate expires in ${remainingDays} days (${day(h.validTo)})` });
      }
      const negotiated = TLS_VERSIONS.indexOf(h.protocol as TlsVersion);
      if (negotiated < TLS_VERSIONS.indexOf(config.minVersion)) {
        findings.push({ status: 'fail', code: 'tls/protocol', message: `negotiated ${h.protocol ?? 'an unknown protocol'}, below the minimum ${config.minVersion}` });
      } else if (tls.belowMinimum?.accepted) {
        findings.push({
          status: 'fail',
          code: 'tls/protocol',
          message: `accepts ${tls.belowMinimum.protocol ?? tls.belowMinimum.version}, below the minimum ${config.minVersion}`,
          fix: `set the server's minimum TLS version to ${config.minVersion}`,
        });
      } else {
        findings.push({ status: 'pass', code: 'tls/protocol', message: `negotiated ${h.protocol}${tls.belowMinimum ? `; ${tls.belowMinimum.version} refused` : ''}` });
      }
      return findings;
    },
  };
}
