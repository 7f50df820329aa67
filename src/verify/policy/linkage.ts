/** Linkage policy: static required, or dynamic allowed only with listed libraries. */
import type { PolicyCheck } from './check.ts';

export const linkageCheck: PolicyCheck = {
  id: 'linkage',
  severity: 'fail',
  title: 'Linkage',
  evaluate({ info, policy }) {
    const isStatic = info.linkage !== 'dynamic';
    if (policy.linkage === 'static') {
      if (isStatic) return [{ code: 'linkage/static-required', status: 'pass', message: `linked ${info.linkage}` }];
      const needs = info.needed.length ? ` (needs ${info.needed.join(', ')})` : '';
      const interp = info.interpreter ? `, interpreter ${info.interpreter}` : '';
      return [
        {
          code: 'linkage/static-required',
          status: 'fail',
          message: `linked dynamically where static is required${needs}${interp}`,
          fix: "build with CGO_ENABLED=0, or -ldflags '-extldflags=-static'",
        },
      ];
    }
    if (isStatic || policy.allowedLibraries === null) return [{ code: 'linkage/allowed', status: 'pass', message: `linked ${info.linkage}` }];
    const allowed = new Set(policy.allowedLibraries);
    const extra = info.needed.filter((lib) => !allowed.has(lib));
    return [
      extra.length
        ? {
            code: 'linkage/allowed-libraries',
            status: 'fail',
            message: `needs ${extra.join(', ')}, not in allowedLibraries (${policy.allowedLibraries.join(', ') || 'none'})`,
          }
        : { code: 'linkage/allowed-libraries', status: 'pass', message: `needs only allowed libraries (${info.needed.join(', ')})` },
    ];
  },
};
