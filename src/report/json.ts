/** JSON reporter: the report model as-is (schemaVersion VERIFY_SCHEMA_VERSION); logs are referenced by path, not inlined. */
import type { VerifyReport } from '../verify/model.ts';

export function renderJson(report: VerifyReport): string {
  const lean = {
    ...report,
    targets: report.targets.map((t) => ({ ...t, stages: t.stages.map(({ log: _log, ...s }) => s) })),
  };
  return `${JSON.stringify(lean, null, 2)}\n`;
}
