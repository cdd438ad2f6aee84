import { Command } from 'commander';
import { registerDoctor } from './doctor/command.js';

/**
 * The `ews` program: every command registers itself here. Returns the process exit code, so
 * tests can run the program in-process and the binary stays one line.
 */
export function createProgram(): Command {
  const program = new Command('ews')
    .description(
      'Exchange Web Services from the command line: diagnose connections, read calendars, book rooms',
    )
    .showHelpAfterError()
    .exitOverride();
  registerDoctor(program);
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error && typeof error === 'object' && 'exitCode' in error && typeof error.exitCode === 'number') {
      return error.exitCode;
    }
    throw error;
  }
}
