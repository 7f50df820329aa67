/**
 * The command registry. Each command lives in its own file and is imported only when it runs
 * (or when its --help is asked for), so `gocross inspect` never loads the build machinery.
 */
import type { Command } from 'commander';

export interface CommandModule {
  /** Adds the command (arguments, options, help and action) to the program. */
  register(program: Command): void;
}

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandModule>;
}

export const commands: CommandEntry[] = [
  { name: 'inspect', summary: 'Read ELF, PE and Mach-O executables and their Go build info', load: () => import('./inspect.ts') },
];
