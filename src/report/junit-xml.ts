/**
 * The one JUnit XML writer. Reports (verify, deploy, gate manifests, gate analysis) say which
 * suites and cases they have; this file writes the elements, escapes every value and derives the
 * tests/failures/errors/skipped counts of each suite and of the document from the cases.
 */
import { xmlEscape as x } from './xml.ts';

export interface JunitCase {
  name: string;
  classname: string;
  /** Omitted: no `time` attribute. */
  timeMs?: number;
  failure?: { message: string; type: string; text: string };
  /** `text` omitted: a self-closing `<error message="…"/>`. */
  error?: { message: string; type?: string; text?: string };
  /** The skip reason. */
  skipped?: string;
  /** `<system-out>`, after the failure/error/skipped element. */
  out?: string;
}

export interface JunitSuite {
  name: string;
  cases: readonly JunitCase[];
  timeMs?: number;
  /** RFC 3339; written without fractional seconds. */
  timestamp?: string;
  properties?: Readonly<Record<string, string>>;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

function countsOf(cases: readonly JunitCase[]): Counts {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    errors: cases.filter((c) => c.error).length,
    skipped: cases.filter((c) => c.skipped !== undefined).length,
  };
}

function countAttributes(c: Counts, timeMs: number | undefined): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"${timeMs === undefined ? '' : ` time="${seconds(timeMs)}"`}`;
}

function testcase(c: JunitCase): string {
  const open = `    <testcase name="${x(c.name)}" classname="${x(c.classname)}"${c.timeMs === undefined ? '' : ` time="${seconds(c.timeMs)}"`}`;
  const children: string[] = [];
  if (c.failure) children.push(`<failure message="${x(c.failure.message)}" type="${x(c.failure.type)}">${x(c.failure.text)}</failure>`);
  if (c.error) {
    const type = c.error.type === undefined ? '' : ` type="${x(c.error.type)}"`;
    children.push(`<error message="${x(c.error.message)}"${type}${c.error.text === undefined ? '/>' : `>${x(c.error.text)}</error>`}`);
  }
  if (c.skipped !== undefined) children.push(`<skipped message="${x(c.skipped)}"/>`);
  if (c.out !== undefined) children.push(`<system-out>${x(c.out)}</system-out>`);
  if (children.length === 0) return `${open}/>`;
  return `${open}>${children.map((child) => `\n      ${child}`).join('')}\n    </testcase>`;
}

function testsuite(s: JunitSuite): string {
  const timestamp = s.timestamp === undefined ? '' : ` timestamp="${x(s.timestamp.replace(/\.\d+Z$/, ''))}"`;
  const properties = s.properties
    ? [`    <properties>${Object.entries(s.properties).map(([k, v]) => `<property name="${x(k)}" value="${x(v)}"/>`).join('')}</properties>`]
    : [];
  return [`  <testsuite name="${x(s.name)}" ${countAttributes(countsOf(s.cases), s.timeMs)}${timestamp}>`, ...properties, ...s.cases.map(testcase), '  </testsuite>'].join('\n');
}

/** A whole JUnit document: `<testsuites>` with the counts of all its cases. */
export function junitXml(name: string, suites: readonly JunitSuite[], timeMs?: number): string {
  const all = countsOf(suites.flatMap((s) => s.cases));
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${x(name)}" ${countAttributes(all, timeMs)}>`, ...suites.map(testsuite), '</testsuites>', ''].join('\n');
}
