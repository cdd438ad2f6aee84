import { EwsInvalidArgumentError, EwsUnsupportedError } from '@ews/core';
import { type AccessType, Account as ServicesAccount } from '@ews/services';
import { Configuration } from './configuration.js';
import type { Credentials } from './credentials.js';
import type { Identity } from './identity.js';

/** exchangelib's access types. */
export const DELEGATE: AccessType = 'delegate';
export const IMPERSONATION: AccessType = 'impersonation';

export interface AccountOptions {
  readonly primarySmtpAddress: string;
  /** Where and how to connect. */
  readonly config?: Configuration | undefined;
  /** Shortcut without a config: not enough on its own (needs config or autodiscover). */
  readonly credentials?: Credentials | undefined;
  /** Only `false` for now: find the endpoint with @ews/autodiscover's `discover()` and pass a config. */
  readonly autodiscover?: boolean | undefined;
  readonly accessType?: AccessType | undefined;
  /** Whom to impersonate when it is not the primary SMTP address (UPN, SID…). */
  readonly identity?: Identity | undefined;
  /** IANA zone, e.g. `Europe/Oslo`. */
  readonly defaultTimeZone?: string | undefined;
  readonly locale?: string | undefined;
}

/**
 * exchangelib's `Account(primary_smtp_address, config=…, autodiscover=False, access_type=DELEGATE)`.
 * Accounts made from one Configuration share its connections; close them with
 * `closeConnections(config)` (or `config.close()`).
 */
export class Account extends ServicesAccount {
  readonly config: Configuration;

  constructor(options: AccountOptions) {
    if (options.autodiscover === true) {
      throw new EwsUnsupportedError(
        'autodiscover: true is not wired into Account yet; use discover() from @ews/autodiscover and pass Configuration({ serviceEndpoint })',
      );
    }
    if (options.config === undefined) {
      throw new EwsInvalidArgumentError(
        'Account needs config: new Configuration({ server | serviceEndpoint, credentials })',
      );
    }
    super({
      primarySmtpAddress: options.primarySmtpAddress,
      client: options.config.client,
      accessType: options.accessType,
      identity: options.identity?.impersonation,
      defaultTimeZone: options.defaultTimeZone,
      locale: options.locale,
    });
    this.config = options.config;
  }
}

/**
 * Closes the connections of these configurations or accounts. There is no global pool to close
 * (importing this package keeps no state): pass what you made.
 */
export async function closeConnections(
  ...owners: readonly (Configuration | ServicesAccount)[]
): Promise<void> {
  await Promise.all(
    owners.map((owner) =>
      owner instanceof Configuration
        ? owner.close()
        : owner instanceof Account
          ? owner.config.close()
          : owner.close(),
    ),
  );
}
