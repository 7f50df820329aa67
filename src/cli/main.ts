/** Builds the commander program, loading only the command that runs. */
import { Command, CommanderError } from 'commander';
import { gocrossVersion } from '../util/version.ts';
import { commands } from './commands/index.ts';
import { ExitError, UsageError } from './errors.ts';
import { requestedCommand } from './requested-command.ts';


export async function main(argv: string[]): Promise<void> {
  const program = new Command('gocross')
    .description('From Go source to a verified, shippable artifact for every platform it must run on.')
    .version(gocrossVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  const requested = requestedCommand(argv);
  const wanted = commands.find((c) => c.name === requested);
  if (wanted) {
    (await wanted.load()).register(program);
  } else {
    for (const c of commands) program.command(c.name).description(c.summary);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return;
      throw new ExitError(error.exitCode === 0 ? 0 : 2);
    }
    throw error;
  }
}

export { ExitError, UsageError };
