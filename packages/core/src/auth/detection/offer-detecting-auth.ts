import { EwsAuthError, EwsInvalidArgumentError } from '../../errors/error-classes.js';
import type { ConnectionInfo, EwsHttpResponse } from '../../pipeline/http.js';
import { throwIfAborted } from '../abort.js';
import { type DetectedAuthType, detectAuthType } from '../detect-auth-type.js';
import { describeOfferedSchemes, offeredSchemes } from '../offered-schemes.js';
import {
  AUTH_SPEC_VERSION,
  type AuthChallenge,
  type AuthContext,
  type AuthHeaders,
  type AuthRequest,
  type AuthStrategy,
} from '../strategy.js';

/** The auth types a user name and password can answer, by the scheme a server offers. */
export type PasswordAuthType = 'basic' | 'digest' | 'ntlm';
const PASSWORD_AUTH_TYPES: Readonly<Partial<Record<DetectedAuthType, PasswordAuthType>>> = {
  Basic: 'basic',
  Digest: 'digest',
  NTLM: 'ntlm',
};

const PASSWORD_TYPES: readonly PasswordAuthType[] = ['basic', 'digest', 'ntlm'];

/** Sockets remembered for onSuccess; the oldest is forgotten first. */
const MAX_TRACKED_CONNECTIONS = 256;

/** Makes the strategy for one scheme (loading its plugin package first, if the caller wants). */
export type AuthStrategyFactory = () => AuthStrategy | Promise<AuthStrategy>;

export interface OfferDetectingAuthOptions {
  /**
   * One factory per scheme a user name and password can answer; called once per origin whose
   * probe offered that scheme. Core loads no plugin itself: the composer (e.g. @ews/client)
   * passes `ntlm: () => createNtlmAuth({ username, password })`.
   */
  readonly factories: Readonly<Record<PasswordAuthType, AuthStrategyFactory>>;
}

interface Chosen {
  readonly type: PasswordAuthType;
  readonly strategy: AuthStrategy;
}

/**
 * Signs in with a user name and password to servers whose URLs are not known beforehand
 * (Autodiscover endpoints). The first request to an origin carries no credentials; the scheme
 * its 401 offers (Digest, NTLM, Basic, in exchangelib's order) is used for that origin from
 * then on, made by the factory given for it. Connection-bound, so that an NTLM handshake
 * continues on the socket that carried the probe.
 */
export class OfferDetectingAuth implements AuthStrategy {
  readonly specVersion = AUTH_SPEC_VERSION;
  readonly binding = 'connection';
  /** Per origin; a reusable secret is refused over http below, once the scheme is known. */
  readonly sendsReusableSecret = false;
  readonly #factories: OfferDetectingAuthOptions['factories'];
  readonly #chosen = new Map<string, Chosen>();
  /** Strategies being made (an optional package loading), shared by concurrent calls. */
  readonly #choosing = new Map<string, Promise<Chosen>>();
  /** Calls whose last request went without credentials (the probe). */
  readonly #probes = new WeakSet<AuthRequest>();
  /** Which strategy a socket's handshake belongs to (for onSuccess, which has no URL). */
  readonly #byConnection = new Map<number, AuthStrategy>();
  #lastScheme = 'Detect';

  constructor(options: OfferDetectingAuthOptions) {
    const factories = options?.factories;
    for (const type of PASSWORD_TYPES) {
      if (typeof factories?.[type] !== 'function') {
        throw new EwsInvalidArgumentError(`OfferDetectingAuth needs factories.${type} (a function)`);
      }
    }
    this.#factories = factories;
  }

  /** The scheme last chosen (named in errors core raises after its round limit). */
  get scheme(): string {
    return this.#lastScheme;
  }

  /** The auth type chosen for the origin of `url`, once a request there was challenged. */
  authTypeFor(url: string | URL): PasswordAuthType | undefined {
    return this.#chosen.get(new URL(url).origin)?.type;
  }

  async authorize(request: AuthRequest, context: AuthContext): Promise<AuthHeaders | undefined> {
    throwIfAborted(context.signal);
    const chosen = this.#chosen.get(request.url.origin);
    if (chosen === undefined) {
      // No credentials until the server says which scheme it takes.
      this.#probes.add(request);
      return undefined;
    }
    return this.#use(chosen, request, context, await chosen.strategy.authorize(request, context));
  }

  async onChallenge(challenge: AuthChallenge, context: AuthContext): Promise<AuthHeaders | undefined> {
    const { request } = challenge;
    if (this.#probes.delete(request)) {
      const chosen = await this.#choose(challenge);
      const headers =
        (await chosen.strategy.authorize(request, context)) ??
        (await chosen.strategy.onChallenge?.(challenge, context));
      if (headers === undefined) throw refused(chosen, challenge, context);
      return this.#use(chosen, request, context, headers);
    }
    const chosen = this.#chosen.get(request.url.origin);
    if (chosen === undefined) return undefined;
    const headers = await chosen.strategy.onChallenge?.(challenge, context);
    // Named here: core's own message would name the scheme last chosen anywhere.
    if (headers === undefined) throw refused(chosen, challenge, context);
    return this.#use(chosen, request, context, headers);
  }

  async onSuccess(response: EwsHttpResponse, context: AuthContext): Promise<void> {
    const id = context.connection?.id;
    if (id !== undefined) await this.#byConnection.get(id)?.onSuccess?.(response, context);
  }

  onConnectionClosed(connection: ConnectionInfo): void {
    this.#byConnection.get(connection.id)?.onConnectionClosed?.(connection);
    this.#byConnection.delete(connection.id);
  }

  /** Sockets this strategy or the strategies it chose hold state for (0 once all closed). */
  trackedConnections(): number {
    let chosen = 0;
    for (const { strategy } of this.#chosen.values()) chosen += strategy.trackedConnections?.() ?? 0;
    return Math.max(this.#byConnection.size, chosen);
  }

  async dispose(): Promise<void> {
    const strategies = [...this.#chosen.values()].map((chosen) => chosen.strategy);
    this.#chosen.clear();
    this.#byConnection.clear();
    await Promise.all(strategies.map((strategy) => strategy.dispose?.()));
  }

  /** Picks the scheme from the probe's 401 and makes its strategy, once per origin. */
  #choose(challenge: AuthChallenge): Promise<Chosen> {
    const origin = challenge.request.url.origin;
    const known = this.#chosen.get(origin);
    if (known !== undefined) return Promise.resolve(known);
    let choosing = this.#choosing.get(origin);
    if (choosing === undefined) {
      choosing = this.#make(challenge).finally(() => this.#choosing.delete(origin));
      this.#choosing.set(origin, choosing);
    }
    return choosing;
  }

  async #make(challenge: AuthChallenge): Promise<Chosen> {
    const { response, request } = challenge;
    const detected = detectAuthType(response.status, response.headers);
    const type = detected === undefined ? undefined : PASSWORD_AUTH_TYPES[detected];
    if (type === undefined) {
      const offered = offeredSchemes(response.headers);
      throw new EwsAuthError(
        `The server at ${request.url.host} offers ${describeOfferedSchemes(offered)}; ` +
          'a user name and password can sign in with Basic, Digest or NTLM only. ' +
          "Set configuration.authType (e.g. 'kerberos') or configuration.auth, or use OAuth2 credentials.",
        { offeredSchemes: offered, operation: request.operation },
      );
    }
    const strategy = await this.#factories[type]();
    const chosen = { type, strategy };
    this.#chosen.set(request.url.origin, chosen);
    return chosen;
  }

  #use(
    chosen: Chosen,
    request: AuthRequest,
    context: AuthContext,
    headers: AuthHeaders | undefined,
  ): AuthHeaders | undefined {
    this.#lastScheme = chosen.strategy.scheme;
    if (chosen.strategy.sendsReusableSecret && request.url.protocol === 'http:') {
      throw new EwsInvalidArgumentError(
        `${chosen.strategy.scheme} authentication sends a reusable password; refusing to send it over plain http to ${request.url.host}. Use https.`,
        { operation: request.operation },
      );
    }
    if (context.connection !== undefined) {
      this.#byConnection.set(context.connection.id, chosen.strategy);
      // Transports that do not report closed sockets must not make this grow without end.
      if (this.#byConnection.size > MAX_TRACKED_CONNECTIONS) {
        const [oldest, strategy] = this.#byConnection.entries().next().value as [number, AuthStrategy];
        this.#byConnection.delete(oldest);
        // The strategy forgets that socket too (NTLM keeps per-socket handshake state).
        strategy.onConnectionClosed?.({ id: oldest });
      }
    }
    return headers;
  }
}

/** Signs in to each origin with the scheme its first 401 offers (see OfferDetectingAuth). */
export function createOfferDetectingAuth(options: OfferDetectingAuthOptions): OfferDetectingAuth {
  return new OfferDetectingAuth(options);
}

function refused(chosen: Chosen, challenge: AuthChallenge, context: AuthContext): EwsAuthError {
  const { request } = challenge;
  const offered = offeredSchemes(challenge.response.headers);
  // context.round counts the 401s this call answered: each came back for one request sent.
  return new EwsAuthError(
    `The server at ${request.url.host} refused ${chosen.strategy.scheme} authentication after ${context.round} ` +
      `request(s); it offers: ${describeOfferedSchemes(offered)}.`,
    { offeredSchemes: offered, attemptedScheme: chosen.strategy.scheme, operation: request.operation },
  );
}
