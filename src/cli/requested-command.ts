/**
 * Which command a command line asks for, before commander parses it: the first word that is not an
 * option, or the word after `help`. main.ts loads only that command; the shipped CLI's launcher
 * (scripts/bundle-cli.ts) loads only that command's bundle. Undefined for `--version`, `--help`
 * and the like; an unknown word is returned as it is (commander then says it is unknown).
 */
export function requestedCommand(argv: readonly string[]): string | undefined {
  const first = argv.find((a) => !a.startsWith('-'));
  return first === 'help' ? argv[argv.indexOf('help') + 1] : first;
}
