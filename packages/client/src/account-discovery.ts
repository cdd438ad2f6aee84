import type { Autodiscover, AutodiscoverOptions, AutodiscoverResult } from '@ews/autodiscover';
import { type CallOptions, EwsInvalidArgumentError } from '@ews/core';
import type { TokenCredentials } from './auth-types.js';
import { Configuration, type ConfigurationOptions } from './configuration.js';
import type { Credentials } from './credentials.js';
import { type DiscoveryAuth, discoveryAuth } from './discovery-auth.js';
import { loadAutodiscover } from './load-autodiscover.js';

/** @ews/autodiscover's options, less `auth` and `tls` (the client makes those from the account's). */
export type DiscoveryOptions = Omit<AutodiscoverOptions, 'auth' | 'tls'>;

/** How accounts find their server with @ews/autodiscover, and how they then connect to it. */
export interface AccountDiscoveryOptions {
  /**
   * Passed to @ews/autodiscover: `dns`, `redirectPolicy`, `protocols`, `timeoutMs`, `cache`…
   * Its `auth` is made from the account's credentials and its `tls` is `configuration.tls`.
   */
  readonly discovery?: DiscoveryOptions | undefined;
  /**
   * For the Configuration made from what was found (its `serviceEndpoint` and `version` come
   * from discovery): `authType`, `auth`, `tls`, `retry`, `connections`… `auth`,
   * `authType` and `tls` are used for discovery too. Without `auth` or `authType`, Credentials
   * sign in with the scheme the Autodiscover endpoint offers, and the EWS endpoint with it too.
   */
  readonly configuration?:
    | Omit<ConfigurationOptions, 'server' | 'serviceEndpoint' | 'credentials' | 'version'>
    | undefined;
}

/** A mailbox's Configuration, made from what discovery found. */
export interface DiscoveredConfiguration {
  readonly config: Configuration;
  readonly result: AutodiscoverResult;
}

type AnyCredentials = Credentials | TokenCredentials | undefined;

/** Loads @ews/autodiscover and makes an instance signing in with these credentials (the caller closes it). */
export async function openAutodiscover(
  options: AccountDiscoveryOptions,
  credentials: AnyCredentials,
): Promise<{ readonly autodiscover: Autodiscover; readonly auth: DiscoveryAuth }> {
  const configuration = options.configuration ?? {};
  const { Autodiscover } = await loadAutodiscover(configuration.loadModule);
  const auth = await discoveryAuth(credentials, configuration);
  try {
    const autodiscover = new Autodiscover({
      ...options.discovery,
      auth: auth.strategy,
      tls: configuration.tls,
      logger: options.discovery?.logger ?? configuration.logger,
    });
    return { autodiscover, auth };
  } catch (error) {
    // Invalid discovery options: the strategy made for them is not handed to anyone.
    if (auth.owned) await auth.strategy.dispose?.();
    throw error;
  }
}

function configurationFor(
  options: AccountDiscoveryOptions,
  credentials: AnyCredentials,
  auth: DiscoveryAuth,
  result: AutodiscoverResult,
): Configuration {
  return new Configuration({
    ...options.configuration,
    // The scheme the answering Autodiscover endpoint took, when EWS is on the same origin (the two
    // virtual directories can be set up differently); otherwise the EWS endpoint is probed.
    authType:
      options.configuration?.authType ??
      (sameOrigin(result.autodiscoverUrl, result.ewsUrl)
        ? auth.detectedAuthType(result.autodiscoverUrl)
        : undefined),
    serviceEndpoint: result.ewsUrl,
    credentials,
    version: result.serverVersion?.apiVersion,
  });
}

/**
 * One discovery: loads @ews/autodiscover, finds the EWS URL and version for `email`, closes what
 * it opened, and returns a new Configuration for the result (the caller owns it).
 */
export async function discoverConfiguration(
  email: string,
  credentials: AnyCredentials,
  options: AccountDiscoveryOptions,
  callOptions: CallOptions = {},
): Promise<DiscoveredConfiguration> {
  const { autodiscover, auth } = await openAutodiscover(options, credentials);
  try {
    const result = await autodiscover.discover(email, callOptions);
    return { config: configurationFor(options, credentials, auth, result), result };
  } finally {
    await autodiscover.close();
    if (auth.owned) await auth.strategy.dispose?.();
  }
}

interface DiscoveryEntry {
  readonly opened: Promise<{ readonly autodiscover: Autodiscover; readonly auth: DiscoveryAuth }>;
  /** One Configuration (so one connection pool) per EWS URL found. */
  readonly configs: Map<string, Configuration>;
}

/** Key for accounts without credentials of their own (they use `configuration.auth`). */
const SHARED_AUTH_KEY: object = Object.freeze({});

/**
 * Shares discovery between accounts: per credentials, one Autodiscover instance (whose cache
 * remembers the endpoint that answered for each domain, so the next mailbox of the domain is
 * asked there directly) and one Configuration per EWS URL (so accounts on one server share
 * connections). Pass it as `autodiscover` to `Account.create`; `close()` closes everything.
 * Accounts share an entry when they are given the same credentials object.
 */
export class AccountDiscovery implements AsyncDisposable {
  readonly #options: AccountDiscoveryOptions;
  readonly #entries = new Map<object, DiscoveryEntry>();
  #closed = false;

  constructor(options: AccountDiscoveryOptions = {}) {
    this.#options = options;
  }

  /** Finds the server of `email` (or asks the endpoint that answered for its domain before). */
  async configure(
    email: string,
    credentials: AnyCredentials,
    callOptions: CallOptions = {},
  ): Promise<DiscoveredConfiguration> {
    if (this.#closed) throw new EwsInvalidArgumentError('This AccountDiscovery is closed');
    const key = credentials ?? SHARED_AUTH_KEY;
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      const opened = openAutodiscover(this.#options, credentials);
      entry = { opened, configs: new Map() };
      this.#entries.set(key, entry);
      // A failure (e.g. the package is missing) is not remembered: the next call tries again.
      opened.catch(() => this.#entries.delete(key));
    }
    const { autodiscover, auth } = await entry.opened;
    const result = await autodiscover.discover(email, callOptions);
    let config = entry.configs.get(result.ewsUrl);
    if (config === undefined) {
      config = configurationFor(this.#options, credentials, auth, result);
      entry.configs.set(result.ewsUrl, config);
    }
    return { config, result };
  }

  /** Closes the Autodiscover instances and every Configuration made here (so their accounts' connections). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(
      entries.map(async (entry) => {
        await Promise.all([...entry.configs.values()].map((config) => config.close()));
        const opened = await entry.opened.catch(() => undefined);
        await opened?.autodiscover.close();
        if (opened?.auth.owned) await opened.auth.strategy.dispose?.();
      }),
    );
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

function sameOrigin(a: string | URL, b: string | URL): boolean {
  return new URL(a).origin === new URL(b).origin;
}
