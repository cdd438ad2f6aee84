import {
  type AuthStrategy,
  DeferredAuth,
  deadlineMs,
  EwsClient,
  type EwsClientOptions,
  EwsInvalidArgumentError,
  type ExchangeVersion,
  endpointUrl,
  isAuthStrategy,
  type Logger,
  optionOrAlias,
  type Policy,
  positiveInteger,
  probeAuthType,
  type RetryPolicy,
  redactUrl,
  type TlsOptions,
} from '@ews/core';
import {
  AUTH_TYPES,
  type AuthType,
  type AuthTypeOption,
  authTypeKey,
  createAuthFor,
  DETECTED_AUTH_TYPES,
  type ModuleLoader,
  type TokenCredentials,
} from './auth-types.js';
import { Credentials } from './credentials.js';
import { Version } from './version.js';

export interface ConfigurationOptions {
  /** Host name: the endpoint is `https://{server}/EWS/Exchange.asmx`. */
  readonly server?: string | undefined;
  /** The full EWS URL (wins over `server`). */
  readonly serviceEndpoint?: string | URL | undefined;
  readonly credentials?: Credentials | TokenCredentials | undefined;
  /**
   * `basic`, `digest` (built in), `ntlm` (@ews/auth-ntlm), `kerberos` (@ews/auth-kerberos),
   * `oauth2` (@ews/auth-oauth2). Omitted with Credentials: detected from the server's offer.
   * exchangelib's spelling `NTLM` is accepted (deprecated) and read as `ntlm`.
   */
  readonly authType?: AuthTypeOption | undefined;
  /** A ready strategy instead of authType/credentials (any plugin). */
  readonly auth?: AuthStrategy | undefined;
  readonly version?: Version | ExchangeVersion | undefined;
  /** When and how often a failed call is tried again (core's `faultTolerant()`…); default: fail fast. */
  readonly retry?: RetryPolicy | undefined;
  /**
   * exchangelib's spelling of `retry`, kept so ported code runs. Giving both with different
   * values is refused with EwsInvalidArgumentError.
   * @deprecated use `retry` (the name EwsClientOptions uses).
   */
  readonly retryPolicy?: RetryPolicy | undefined;
  /** Connections per server, 1…1024 (default 8): EwsClientOptions' `transport.connections`. */
  readonly connections?: number | undefined;
  /**
   * The older spelling of `connections`. Giving both with different values is refused with
   * EwsInvalidArgumentError.
   * @deprecated use `connections` (the name core's transport uses).
   */
  readonly maxConnections?: number | undefined;
  readonly tls?: TlsOptions | undefined;
  /**
   * Deadline per call in milliseconds (default 120 s, plus `retry`'s waiting budget);
   * `NO_DEADLINE` (from @ews/core) turns it off. 0, negative and NaN values are refused.
   */
  readonly timeoutMs?: number | undefined;
  /** Allow Basic over plain http (test servers only). */
  readonly allowInsecureHttp?: boolean | undefined;
  readonly logger?: Logger | undefined;
  /** Extra pipeline policies (placed just outside auth), e.g. a request recorder. */
  readonly policies?: readonly Policy[] | undefined;
  /** Loads optional packages (tests inject one; default: dynamic import). */
  readonly loadModule?: ModuleLoader | undefined;
}

/**
 * exchangelib's `Configuration`: where the server is and how to sign in. All accounts made from
 * one Configuration share its client, so its connection pool; `close()` closes it.
 */
export class Configuration implements AsyncDisposable {
  readonly serviceEndpoint: URL;
  readonly credentials: Credentials | TokenCredentials | undefined;
  readonly authType: AuthType | undefined;
  readonly version: ExchangeVersion | undefined;
  readonly #options: ConfigurationOptions;
  readonly #retry: RetryPolicy | undefined;
  readonly #connections: number | undefined;
  #client: EwsClient | undefined;

  constructor(options: ConfigurationOptions) {
    this.serviceEndpoint = endpointOf(options);
    this.credentials = options.credentials;
    this.authType = options.authType === undefined ? undefined : authTypeKey(options.authType);
    if (options.auth !== undefined && !isAuthStrategy(options.auth)) {
      throw new EwsInvalidArgumentError('auth must be an AuthStrategy (e.g. createNtlmAuth(...))');
    }
    this.version = options.version instanceof Version ? options.version.apiVersion : options.version;
    // Checked now: the client is made on first use, too late for a clear error.
    const connections = optionOrAlias(
      'connections',
      options.connections,
      'maxConnections',
      options.maxConnections,
    );
    if (connections !== undefined) {
      positiveInteger(options.connections === undefined ? 'maxConnections' : 'connections', connections, {
        max: MAX_CONNECTIONS,
      });
    }
    if (options.timeoutMs !== undefined) deadlineMs('timeoutMs', options.timeoutMs);
    this.#retry = optionOrAlias('retry', options.retry, 'retryPolicy', options.retryPolicy);
    this.#connections = connections;
    this.#options = options;
  }

  /** The shared client, made on first use. */
  get client(): EwsClient {
    this.#client ??= new EwsClient(this.clientOptions());
    return this.#client;
  }

  /** The EwsClient options this configuration stands for (each call makes a new auth strategy). */
  clientOptions(): EwsClientOptions {
    const options = this.#options;
    const auth = this.#auth();
    // The resolver must run before core's auth policy reads the strategy's binding.
    const policies = [
      ...(options.policies ?? []),
      ...(auth instanceof DeferredAuth ? [auth.resolvePolicy] : []),
    ];
    return {
      url: this.serviceEndpoint,
      auth,
      version: this.version,
      retry: this.#retry,
      tls: options.tls,
      timeoutMs: options.timeoutMs,
      allowInsecureHttp: options.allowInsecureHttp,
      logger: options.logger,
      transport: this.#connections === undefined ? undefined : { connections: this.#connections },
      policies,
    };
  }

  /** Closes the shared client's connections. */
  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** What JSON.stringify shows: where and how, never a password, token or secret. */
  toJSON(): ConfigurationSummary {
    return {
      serviceEndpoint: redactUrl(this.serviceEndpoint),
      authType: this.authType,
      version: this.version,
      credentials: describeCredentials(this.credentials),
    };
  }

  /** What util.inspect and console.log show: the same as toJSON. */
  [Symbol.for('nodejs.util.inspect.custom')](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    return `Configuration ${inspect(this.toJSON(), options)}`;
  }

  #auth(): AuthStrategy | undefined {
    const { auth, authType, credentials, loadModule, tls } = this.#options;
    if (auth !== undefined) return auth;
    if (authType !== undefined) {
      const key = authTypeKey(authType);
      return new DeferredAuth(() => createAuthFor(key, credentials, loadModule), AUTH_TYPES[key].binding);
    }
    if (credentials === undefined) return undefined;
    if (!(credentials instanceof Credentials)) {
      return new DeferredAuth(() => createAuthFor('oauth2', credentials, loadModule), 'request');
    }
    const url = this.serviceEndpoint;
    return new DeferredAuth(async (signal) => {
      const detected = await probeAuthType(url, tls, signal);
      const key = DETECTED_AUTH_TYPES[detected];
      return key === undefined ? undefined : createAuthFor(key, credentials, loadModule);
    }, 'request');
  }
}

// The transport's own limit (core's undici transport refuses more).
const MAX_CONNECTIONS = 1_024;

/** A Configuration as JSON.stringify and util.inspect show it. */
export interface ConfigurationSummary {
  readonly serviceEndpoint: string;
  readonly authType: AuthType | undefined;
  readonly version: ExchangeVersion | undefined;
  /** `Credentials(user)`, the kind of token credentials, or undefined: never a secret. */
  readonly credentials: string | undefined;
}

function describeCredentials(credentials: Credentials | TokenCredentials | undefined): string | undefined {
  if (credentials === undefined) return undefined;
  if (credentials instanceof Credentials) return credentials.toString();
  return `${credentials.constructor?.name ?? 'TokenCredentials'}(…)`;
}

/** The endpoint; a user name or password in it is refused (use credentials), as core's EwsClient does. */
function endpointOf(options: ConfigurationOptions): URL {
  if (options.serviceEndpoint !== undefined) return endpointUrl('serviceEndpoint', options.serviceEndpoint);
  if (!options.server) throw new EwsInvalidArgumentError('Configuration needs server or serviceEndpoint');
  if (typeof options.server !== 'string' || /[/@?#\\]/.test(options.server)) {
    throw new EwsInvalidArgumentError(
      'server must be a host name (and port), e.g. mail.example.com; give a whole URL as serviceEndpoint',
    );
  }
  return endpointUrl('server', `https://${options.server}/EWS/Exchange.asmx`);
}
