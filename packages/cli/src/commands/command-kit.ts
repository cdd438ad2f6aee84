import { type Command, Option } from 'commander';
import { openSession, type Session } from '../config/connect.js';
import { type ConnectionFlags, resolveSettings } from '../config/settings.js';
import type { CliContext } from '../context.js';
import type { Secrets } from '../output/secrets.js';

/** What every command gets: the context, this run's secrets and redacting writers. */
export interface Run {
  readonly context: CliContext;
  readonly secrets: Secrets;
  /** stdout, redacted. */
  out(text: string): void;
  /** stderr, redacted. */
  err(text: string): void;
}

export interface JsonFlag {
  readonly json?: boolean | undefined;
}

/** The connection flags (flags > EWS_* environment > profile) and --json. */
export function withConnectionOptions(command: Command): Command {
  return command
    .option('--server <host|url>', 'Exchange host, or the full EWS URL (env EWS_SERVER)')
    .option('--user <name>', 'user name to sign in with: user@domain or DOMAIN\\user (env EWS_USERNAME)')
    .option(
      '--email <address>',
      'your mailbox address (env EWS_EMAIL; default: --user when it is an address)',
    )
    .addOption(
      new Option('--auth <type>', 'authentication (default: what the server offers)').choices([
        'basic',
        'digest',
        'ntlm',
      ]),
    )
    .option('--profile <name>', 'saved profile to read settings from (env EWS_PROFILE; default: "default")')
    .option('--ca <file>', 'PEM file of CA certificates to trust (a private CA or a self-signed server)')
    .option('--tz <zone>', "IANA time zone for reading and printing times (default: this machine's)")
    .option('--json', 'print one JSON document (its shape is documented per command)');
}

/** Signs in with the resolved settings, runs `body`, and always closes the connections. */
export async function withSession<T>(
  run: Run,
  flags: ConnectionFlags,
  body: (session: Session) => Promise<T>,
): Promise<T> {
  const settings = await resolveSettings(flags, run.context);
  const session = await openSession(settings, run.context, run.secrets);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

export function printJson(run: Run, value: unknown): void {
  run.out(`${JSON.stringify(value, null, 2)}\n`);
}
