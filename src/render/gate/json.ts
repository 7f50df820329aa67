/** `--json`: the report as it is (schemaVersion first), exact strings, no escaping. */
import type { GateReport } from '../../gate/manifests/report.ts';

export function renderGateJson(report: GateReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
