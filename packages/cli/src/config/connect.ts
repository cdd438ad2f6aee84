import { Account, Configuration, type ConfigurationOptions, Credentials, DELEGATE } from '@ews/client';
import type { CliContext } from '../context.js';
import { CliError } from '../output/cli-error.js';
import type { Secrets } from '../output/secrets.js';
import { readCa } from './ca-file.js';
import { obtainPassword } from './password.js';
import type { Settings } from './settings.js';

/** A signed-in session: accounts share one Configuration (one connection pool); close it at the end. */
export interface Session {
  readonly settings: Settings;
  readonly config: Configuration;
  /** The caller's own mailbox. */
  readonly me: Account;
  /** Another mailbox through delegate access (its calendar, its items). */
  mailbox(address: string): Account;
  close(): Promise<void>;
}

/**
 * Opens a session: reads the CA file, gets the password (registered with `secrets` first, so no
 * later message can show it) and makes the Configuration. Certificate checks are always on:
 * a private CA is trusted with `--ca FILE`, never by turning verification off.
 */
export async function openSession(
  settings: Settings,
  context: CliContext,
  secrets: Secrets,
): Promise<Session> {
  const ca = settings.ca === undefined ? undefined : await readCa(settings.ca);
  const password = await obtainPassword(settings.user, context);
  secrets.add(password);
  const options: ConfigurationOptions = {
    ...(settings.server.includes('://') ? { serviceEndpoint: settings.server } : { server: settings.server }),
    credentials: new Credentials(settings.user, password),
    authType: settings.auth === 'ntlm' ? 'NTLM' : settings.auth,
    ...(ca === undefined ? {} : { tls: { ca } }),
  };
  let config: Configuration;
  try {
    config = new Configuration(options);
  } catch (error) {
    throw new CliError('INVALID_SETTING', (error as Error).message);
  }
  const accounts = new Map<string, Account>();
  const mailbox = (address: string): Account => {
    const key = address.toLowerCase();
    let account = accounts.get(key);
    if (!account) {
      account = new Account({
        primarySmtpAddress: address,
        config,
        accessType: DELEGATE,
        signedInAs: settings.email,
        defaultTimeZone: settings.tz,
      });
      accounts.set(key, account);
    }
    return account;
  };
  return { settings, config, me: mailbox(settings.email), mailbox, close: () => config.close() };
}
