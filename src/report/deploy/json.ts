/** The deploy report file (`--report-dir DIR` → DIR/deploy.json): the DeployReport as-is, schemaVersion 1, strings exact. */
import type { DeployReport } from '../../deploy/model.ts';

export function renderDeployJson(report: DeployReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
