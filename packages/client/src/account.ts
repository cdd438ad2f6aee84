import type { AutodiscoverResult } from '@ews/autodiscover';
import { type CallOptions, EwsInvalidArgumentError } from '@ews/core';
import { type AccessType, Account as ServicesAccount } from '@ews/services';
import {
  AccountDiscovery,
  type AccountDiscoveryOptions,
  discoverConfiguration,
} from './account-discovery.js';
import type { TokenCredentials } from './auth-types.js';
import { Configuration, type ConfigurationSummary } from './configuration.js';
import { Credentials } from './credentials.js';
import type { Identity } from './identity.js';

/** exchangelib's access types. */
export const DELEGATE: AccessType = 'delegate';
export const IMPERSONATION: AccessType = 'impersonation';

export interface AccountOptions {
  readonly primarySmtpAddress: string;
  /** Where and how to connect (without autodiscover). */
  readonly config?: Configuration | undefined;
  /** Who signs in; needed with `autodiscover` (without it, give `config`). */
  readonly credentials?: Credentials | TokenCredentials | undefined;
  /**
   * Find the server with @ews/autodiscover (an optional package): `true`, options for one
   * discovery, or an `AccountDiscovery` shared by several accounts. Needs `Account.create`,
   * since discovery is asynchronous.
   */
  readonly autodiscover?: boolean | AccountDiscoveryOptions | AccountDiscovery | undefined;
  readonly accessType?: AccessType | undefined;
  /** Whom to impersonate when it is not the primary SMTP address (UPN, SID…). */
  readonly identity?: Identity | undefined;
  /**
   * The signed-in user's address, for the operations that name no mailbox (see @ews/services'
   * AccountOptions.signedInAs). Default: the credentials' user name when it is an address.
   */
  readonly signedInAs?: string | undefined;
  /** IANA zone, e.g. `Europe/Oslo`. */
  readonly defaultTimeZone?: string | undefined;
  readonly locale?: string | undefined;
}

/**
 * exchangelib's `Account(primary_smtp_address, config=…, autodiscover=False, access_type=DELEGATE)`.
 * Accounts made from one Configuration share its connections; close them with
 * `closeConnections(config)` (or `config.close()`). With autodiscover, use
 * `await Account.create({ …, credentials, autodiscover: true })`.
 */
export class Account extends ServicesAccount {
  readonly config: Configuration;
  #autodiscoverResult: AutodiscoverResult | undefined;

  constructor(options: AccountOptions) {
    if (options.autodiscover !== undefined && options.autodiscover !== false) {
      throw new EwsInvalidArgumentError(
        'autodiscover asks the network, which a constructor cannot wait for: use await Account.create({ primarySmtpAddress, credentials, autodiscover: true })',
      );
    }
    if (options.config === undefined) {
      throw new EwsInvalidArgumentError(
        'Account needs config: new Configuration({ server | serviceEndpoint, credentials }), or Account.create({ credentials, autodiscover: true })',
      );
    }
    super({
      primarySmtpAddress: options.primarySmtpAddress,
      client: options.config.client,
      accessType: options.accessType,
      identity: options.identity?.impersonation,
      signedInAs: options.signedInAs ?? signedInAddress(options.config.credentials),
      defaultTimeZone: options.defaultTimeZone,
      locale: options.locale,
    });
    this.config = options.config;
  }

  /**
   * exchangelib's `Account(primary_smtp_address, credentials=…, autodiscover=True)`: finds the
   * mailbox's EWS URL and server version with @ews/autodiscover, then makes the account with
   * a Configuration for them. Without `autodiscover` it is `new Account(options)`.
   * Rejects with an AutodiscoverError (its message lists every step tried and why it failed).
   */
  static async create(options: AccountOptions, callOptions: CallOptions = {}): Promise<Account> {
    const { autodiscover } = options;
    if (autodiscover === undefined || autodiscover === false) return new Account(options);
    if (options.config !== undefined) {
      throw new EwsInvalidArgumentError(
        'Give credentials (and autodiscover options), not config, with autodiscover: the config is made from what is found',
      );
    }
    const found =
      autodiscover instanceof AccountDiscovery
        ? await autodiscover.configure(options.primarySmtpAddress, options.credentials, callOptions)
        : await discoverConfiguration(
            options.primarySmtpAddress,
            options.credentials,
            autodiscover === true ? {} : autodiscover,
            callOptions,
          );
    let account: Account;
    try {
      account = new Account({ ...options, autodiscover: false, config: found.config });
    } catch (error) {
      // A configuration made for this account alone is closed with it; a shared one is its owner's.
      if (!(autodiscover instanceof AccountDiscovery)) await found.config.close();
      throw error;
    }
    account.#autodiscoverResult = found.result;
    return account;
  }

  /** What autodiscover found (EWS URL, server version, settings, trace), when the account was discovered. */
  get autodiscoverResult(): AutodiscoverResult | undefined {
    return this.#autodiscoverResult;
  }

  /** What JSON.stringify shows: the mailbox and its configuration, never a password or token. */
  toJSON(): { primarySmtpAddress: string; accessType: AccessType; config: ConfigurationSummary } {
    return {
      primarySmtpAddress: this.primarySmtpAddress,
      accessType: this.accessType,
      config: this.config.toJSON(),
    };
  }

  /** What util.inspect and console.log show: the same as toJSON. */
  [Symbol.for('nodejs.util.inspect.custom')](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    return `Account ${inspect(this.toJSON(), options)}`;
  }
}

/**
 * Closes the connections of these configurations, accounts or shared discoveries. There is no
 * global pool to close (importing this package keeps no state): pass what you made.
 */
export async function closeConnections(
  ...owners: readonly (Configuration | ServicesAccount | AccountDiscovery)[]
): Promise<void> {
  await Promise.all(
    owners.map((owner) =>
      owner instanceof Configuration || owner instanceof AccountDiscovery
        ? owner.close()
        : owner instanceof Account
          ? owner.config.close()
          : owner.close(),
    ),
  );
}

/** The user name of password credentials when it is an address (a UPN or SMTP address), else undefined. */
function signedInAddress(credentials: Credentials | TokenCredentials | undefined): string | undefined {
  return credentials instanceof Credentials && credentials.username.includes('@')
    ? credentials.username
    : undefined;
}
