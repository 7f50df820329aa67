/** Linkage policy: static required, or dynamic allowed only with listed libraries. */
import type { PolicyCheck } from './check.ts';

export const linkageCheck: PolicyCheck = {
  id: 'linkage',
  title: 'Linkage',
  evaluate(info, policy) {
    const isStatic = info.linkage !== 'dynamic';
    if (policy.linkage === 'static') {
      if (isStatic) return [{ id: 'linkage/static-required', ok: true, message: `linked ${info.linkage}` }];
      const needs = info.needed.length ? ` (needs ${info.needed.join(', ')})` : '';
      const interp = info.interpreter ? `, interpreter ${info.interpreter}` : '';
      return [
        {
          id: 'linkage/static-required',
          ok: false,
          message: `linked dynamically where static is required${needs}${interp} (build with CGO_ENABLED=0, or -ldflags '-extldflags=-static')`,
        },
      ];
    }
    if (isStatic || policy.allowedLibraries === null) return [{ id: 'linkage/allowed', ok: true, message: `linked ${info.linkage}` }];
    const allowed = new Set(policy.allowedLibraries);
    const extra = info.needed.filter((lib) => !allowed.has(lib));
    return [
      extra.length
        ? {
            id: 'linkage/allowed-libraries',
            ok: false,
            message: `needs ${extra.join(', ')}, not in allowedLibraries (${policy.allowedLibraries.join(', ') || 'none'})`,
          }
        : { id: 'linkage/allowed-libraries', ok: true, message: `needs only allowed libraries (${info.needed.join(', ')})` },
    ];
  },
};
