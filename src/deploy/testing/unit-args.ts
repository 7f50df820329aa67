/**
 * Arguments and environment values that are hard to carry through a systemd unit file: quotes,
 * backslashes, specifiers, variables, a lone semicolon, spaces, tabs, escapes, UTF-8. unit.test.ts
 * has `systemd-analyze verify` accept a unit rendered with them; the orchestrator's end-to-end test
 * on a real device starts the service with them and compares the argv and environment it sees.
 * Test-only (never shipped).
 */
export const TRICKY_ARGS: readonly string[] = [
  'plain',
  '',
  'two words',
  '  leading and trailing  ',
  'double "quoted"',
  "single 'quoted'",
  'back\\slash',
  'trailing backslash\\',
  '\\n is not a newline',
  'percent %n %% %',
  '$HOME',
  '${HOME}',
  '$$',
  ';',
  'a;b',
  '\\;',
  'tab\there',
  '\x1b[31mescape',
  '-',
  '@not-a-prefix',
  'ünïcødé ✓',
  '--flag=value with spaces',
];

export const TRICKY_ENVIRONMENT: Readonly<Record<string, string>> = {
  PLAIN: 'value',
  SPACES: 'a b  c',
  QUOTES: `it's "quoted"`,
  BACKSLASH: 'C:\\path\\',
  PERCENT: '100%',
  DOLLAR: '$HOME ${USER}',
  EMPTY: '',
  SEMICOLON: ';',
};
