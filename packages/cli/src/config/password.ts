import type { CliContext } from '../context.js';
import { CliError } from '../output/cli-error.js';

/** The environment variable that holds the password (the only place besides the prompt). */
export const PASSWORD_ENV = 'EWS_PASSWORD';

/** `EWS_PASSWORD`, or undefined when it is unset or empty. */
export function passwordFromEnv(context: Pick<CliContext, 'env'>): string | undefined {
  return context.env[PASSWORD_ENV] || undefined;
}

/**
 * The password: `EWS_PASSWORD`, else asked on the terminal without echo. There is no
 * `--password` flag (a command line is visible to every user of the machine in `ps`), and a
 * profile never holds one. Not a terminal and no `EWS_PASSWORD`: refused, never an empty password.
 */
export async function obtainPassword(user: string, context: CliContext): Promise<string> {
  const fromEnv = passwordFromEnv(context);
  if (fromEnv) return fromEnv;
  if (!context.stdinIsTTY) {
    throw new CliError(
      'NO_PASSWORD',
      'no password: set EWS_PASSWORD, or run ews in a terminal to be asked for it (stdin is not a terminal)',
    );
  }
  const typed = await context.promptPassword(`Password for ${user}:`, context.signal);
  if (!typed) throw new CliError('NO_PASSWORD', 'no password given');
  return typed;
}
