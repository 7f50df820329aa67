/**
 * SARIF 2.1.0 (OASIS): one run, the rules as tool.driver.rules with their help and crosswalk,
 * one result per finding with its physical location; ignored findings carry a suppression with
 * the reason (`external` from the config, `inSource` from an annotation). Input problems are
 * toolExecutionNotifications.
 */
import type { GateReport } from '../../gate/manifests/report.ts';
import type { GateRule } from '../../gate/manifests/model.ts';
import { gocrossVersion } from '../../util/version.ts';

const LEVEL = { fail: 'error', warn: 'warning', info: 'note', pass: 'none' } as const;

/** A file name as a SARIF artifact URI: relative paths stay relative (to %SRCROOT%), with / separators. */
export function artifactUri(file: string): string {
  return encodeURI(file.replace(/\\/g, '/')).replace(/#/g, '%23').replace(/\?/g, '%3F');
}

export function renderGateSarif(report: GateReport, rules: readonly GateRule[]): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const run = {
    tool: {
      driver: {
        name: 'gocross gate',
        semanticVersion: gocrossVersion(),
        rules: rules.map((r) => ({
          id: r.id,
          name: r.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
          shortDescription: { text: r.title },
          fullDescription: { text: `${r.title}. Fix: ${r.fix}` },
          help: { text: r.fix },
          defaultConfiguration: { level: LEVEL[r.severity] },
          properties: { category: r.category, tags: [r.category], crosswalk: r.crosswalk },
        })),
      },
    },
    originalUriBaseIds: { SRCROOT: { description: { text: 'The directory the gate ran in' } } },
    invocations: [
      {
        executionSuccessful: report.inputProblems.length === 0,
        toolExecutionNotifications: report.inputProblems.map((p) => ({
          level: 'error',
          message: { text: p.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(p.file), uriBaseId: 'SRCROOT' }, region: { startLine: p.line, startColumn: p.column } } }],
        })),
      },
    ],
    results: report.findings
      .filter((f) => f.status !== 'pass')
      .map((f) => ({
        ruleId: f.rule,
        ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
        level: LEVEL[f.status],
        message: { text: `${f.object ? `${f.object}: ` : ''}${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}` },
        ...(f.location
          ? { locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.location.file), uriBaseId: 'SRCROOT' }, region: { startLine: f.location.line, startColumn: f.location.column } } }] }
          : {}),
        ...(f.ignored ? { suppressions: [{ kind: f.ignored.source.startsWith('annotation') ? 'inSource' : 'external', justification: f.ignored.reason, location: { message: { text: f.ignored.source } } }] } : {}),
        partialFingerprints: { 'gocrossGate/v1': `${f.rule}|${f.object ?? ''}|${f.container ?? ''}|${f.message}` },
      })),
  };
  return `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2)}\n`;
}
