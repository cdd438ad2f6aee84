import { EwsInvalidArgumentError } from '../../errors/error-classes.js';
import type { ConnectionInfo, EwsHttpResponse } from '../../pipeline/http.js';
import type { Policy } from '../../pipeline/policy.js';
import {
  AUTH_SPEC_VERSION,
  type AuthChallenge,
  type AuthContext,
  type AuthHeaders,
  type AuthRequest,
  type AuthStrategy,
} from '../strategy.js';

/**
 * An auth strategy whose real scheme is found on first use (an optional package to load, or the
 * server's WWW-Authenticate offer to probe), so that `new Account(...)` can stay synchronous as
 * in exchangelib. `resolvePolicy` must run before core's auth policy: it awaits the resolution,
 * after which `binding` and `scheme` are the real strategy's.
 */
export class DeferredAuth implements AuthStrategy {
  readonly specVersion = AUTH_SPEC_VERSION;
  readonly #resolve: (signal: AbortSignal) => Promise<AuthStrategy | undefined>;
  readonly #fallbackBinding: AuthStrategy['binding'];
  #pending: Promise<AuthStrategy | undefined> | undefined;
  #resolved: { strategy: AuthStrategy | undefined } | undefined;

  constructor(
    resolve: (signal: AbortSignal) => Promise<AuthStrategy | undefined>,
    binding: AuthStrategy['binding'],
  ) {
    this.#resolve = resolve;
    this.#fallbackBinding = binding;
  }

  get scheme(): string {
    return this.#resolved?.strategy?.scheme ?? 'Deferred';
  }
  get binding(): AuthStrategy['binding'] {
    return this.#resolved ? (this.#resolved.strategy?.binding ?? 'request') : this.#fallbackBinding;
  }
  get sendsReusableSecret(): boolean {
    return this.#resolved?.strategy?.sendsReusableSecret ?? false;
  }

  /** Resolves once; a failed resolution is retried by the next call (the package may be installed). */
  async resolve(signal: AbortSignal): Promise<AuthStrategy | undefined> {
    if (this.#resolved) return this.#resolved.strategy;
    this.#pending ??= this.#resolve(signal).then(
      (strategy) => {
        this.#resolved = { strategy };
        return strategy;
      },
      (error: unknown) => {
        this.#pending = undefined;
        throw error;
      },
    );
    return this.#pending;
  }

  /** Runs outside core's auth policy and makes sure the strategy is known before it is used. */
  readonly resolvePolicy: Policy = {
    name: 'resolve-auth-type',
    send: async (request, next) => {
      await this.resolve(request.signal);
      return next(request);
    },
  };

  authorize(
    request: AuthRequest,
    context: AuthContext,
  ): AuthHeaders | undefined | Promise<AuthHeaders | undefined> {
    return this.#strategy()?.authorize(request, context);
  }

  onChallenge(
    challenge: AuthChallenge,
    context: AuthContext,
  ): AuthHeaders | undefined | Promise<AuthHeaders | undefined> {
    return this.#strategy()?.onChallenge?.(challenge, context);
  }

  onSuccess(response: EwsHttpResponse, context: AuthContext): void | Promise<void> {
    return this.#strategy()?.onSuccess?.(response, context);
  }

  onConnectionClosed(connection: ConnectionInfo): void {
    this.#resolved?.strategy?.onConnectionClosed?.(connection);
  }

  /**
   * The resolved strategy's count. One without trackedConnections keeps no state per socket
   * (the contract asks for it beside onConnectionClosed), so it holds none: 0.
   */
  trackedConnections(): number {
    return this.#resolved?.strategy?.trackedConnections?.() ?? 0;
  }

  async dispose(): Promise<void> {
    await this.#resolved?.strategy?.dispose?.();
  }

  #strategy(): AuthStrategy | undefined {
    if (!this.#resolved) throw new EwsInvalidArgumentError('The auth type was used before it was resolved');
    return this.#resolved.strategy;
  }
}
