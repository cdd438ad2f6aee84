import { EwsError } from '@ews/client';
import { Command, CommanderError } from 'commander';
import { bookCommand } from './commands/book.js';
import { calendarCommand } from './commands/calendar.js';
import type { Run } from './commands/command-kit.js';
import { exportCommand } from './commands/export/export-command.js';
import { profileCommand } from './commands/profile.js';
import { roomsCommand } from './commands/rooms.js';
import { whoamiCommand } from './commands/whoami.js';
import { passwordFromEnv } from './config/password.js';
import type { CliContext } from './context.js';
import { registerDoctor } from './doctor/command.js';
import { CliError, EXIT, ExitCode } from './output/cli-error.js';
import { Secrets } from './output/secrets.js';
import { processContext } from './process-context.js';

/**
 * The `ews` program: every command registers itself here. Returns the process exit code, so
 * tests can run the program in-process and the binary stays one line.
 */
export function createProgram(
  context: CliContext = processContext(new AbortController().signal),
  secrets: Secrets = new Secrets(),
): Command {
  const run: Run = {
    context,
    secrets,
    out: (text) => void secrets.wrap(context.stdout).write(text),
    err: (text) => void secrets.wrap(context.stderr).write(text),
  };
  const program = new Command('ews')
    .description(
      'Exchange Web Services from the command line: diagnose connections, read calendars, book rooms',
    )
    .showHelpAfterError()
    .configureOutput({ writeOut: run.out, writeErr: run.err })
    .exitOverride();
  // Everyday commands (issue 17: commands).
  whoamiCommand(program, run);
  calendarCommand(program, run);
  roomsCommand(program, run);
  bookCommand(program, run);
  exportCommand(program, run);
  profileCommand(program, run);
  // The connection doctor (issue 17: doctor), writing through the same masked output.
  registerDoctor(program, { context, out: run.out });
  return program;
}

/**
 * Runs `ews argv` and returns the exit code. Every failure becomes one line on stderr (and, with
 * --json, `{"error": {code, message}}` on stdout), with the run's secrets masked; no stack trace.
 * Ctrl-C (the context's signal) is exit code 130.
 */
export async function runCli(argv: readonly string[], context?: CliContext): Promise<number> {
  const ctx = context ?? processContext(new AbortController().signal);
  const secrets = new Secrets();
  // Known before any option is read: a message about any value (even one typed in the wrong
  // place) is masked from the first line on. A prompted password is added when it is typed.
  const fromEnv = passwordFromEnv(ctx);
  if (fromEnv) secrets.add(fromEnv);
  const program = createProgram(ctx, secrets);
  const json = argv.includes('--json');
  const stderr = secrets.wrap(ctx.stderr);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // commander printed it
    if (error instanceof ExitCode) return error.exitCode;
    if (ctx.signal.aborted || isCancel(error)) {
      stderr.write('ews: cancelled\n');
      return EXIT.cancelled;
    }
    const { code, message, exitCode } = describe(error);
    stderr.write(`ews: ${message}\n`);
    if (json) secrets.wrap(ctx.stdout).write(`${JSON.stringify({ error: { code, message } }, null, 2)}\n`);
    if (ctx.env.EWS_DEBUG && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
    return exitCode;
  }
}

function isCancel(error: unknown): boolean {
  if (EwsError.isInstance(error) && error.code === 'EWS_ABORTED') return true;
  // @inquirer's prompt rejects with these when Ctrl-C is pressed at the password prompt.
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

function describe(error: unknown): { code: string; message: string; exitCode: number } {
  if (error instanceof CliError)
    return { code: error.code, message: error.message, exitCode: error.exitCode };
  if (EwsError.isInstance(error)) {
    const responseCode = (error as { responseCode?: unknown }).responseCode;
    const code = typeof responseCode === 'string' ? responseCode : error.code;
    return { code, message: error.message.slice(0, 1000), exitCode: EXIT.failed };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'FAILED', message: message.slice(0, 1000), exitCode: EXIT.failed };
}
