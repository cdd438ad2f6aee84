import {
  AUTH_SPEC_VERSION,
  type AuthChallenge,
  type AuthChallengeParam,
  type AuthContext,
  type AuthHeaders,
  type AuthRequest,
  type AuthStrategy,
  type ConnectionInfo,
  EwsAbortError,
  EwsAuthError,
  type EwsHttpResponse,
  headerValues,
  parseWwwAuthenticate,
  raceAbort,
  throwIfAborted,
} from '@ews/core';
import { gssMessage, kerberosFailure } from './gss-failure.js';
import {
  importKerberosAddon,
  type KerberosAddon,
  type KerberosClientContext,
  type KerberosInitializeOptions,
  loadKerberosAddon,
} from './kerberos-addon.js';
import { defaultSpn, type KerberosAuthOptions, resolveKerberosOptions } from './kerberos-options.js';

const NEGOTIATE = 'negotiate';
/** Schemes a fallback (NTLM) strategy can answer when Kerberos is not possible. */
const FALLBACK_SCHEMES: ReadonlySet<string> = new Set(['ntlm', 'negotiate']);
/** Key for exchanges whose transport does not report a connection. */
const NO_CONNECTION = -1;

/** What one connection's pending exchange is doing, until its final (non-401) answer. */
type InFlight =
  | { readonly mode: 'kerberos'; readonly client: KerberosClientContext; readonly spn: string }
  | { readonly mode: 'fallback' };

/**
 * Kerberos through SPNEGO (`Negotiate`), using the optional `kerberos` addon (GSSAPI on Linux
 * and macOS, SSPI on Windows), loaded on first use.
 *
 * Connection-bound, as on IIS: the first call on a new connection gets a 401, answers it with
 * a fresh token (never reused: servers keep a replay cache), and verifies the server's final
 * token. Later calls on that connection send no token while the server keeps it authenticated;
 * a server that asks again on every request gets a fresh token up front from then on.
 */
export function createKerberosAuth(options: KerberosAuthOptions = {}): AuthStrategy {
  const settings = resolveKerberosOptions(options, process.platform);
  const { fallback, mutualAuth } = settings;
  const loadAddon = settings.loadAddon ?? importKerberosAddon;

  let addon: Promise<KerberosAddon> | undefined;
  const inFlight = new Map<number, InFlight>();
  /** Connections the server authenticated with Kerberos (it remembers them). */
  const kerberosConnections = new Set<number>();
  /** Connections authenticated by the fallback strategy. */
  const fallbackConnections = new Set<number>();
  /** Calls handed to the fallback (keyed by the AuthRequest core keeps per call). */
  const delegatedCalls = new WeakSet<AuthRequest>();
  /** Calls that already sent a Kerberos token: a bare 401 after that is a refusal. */
  const tokenSentCalls = new WeakSet<AuthRequest>();
  /** Origins that did not keep a connection authenticated: send a token on every request. */
  const perRequestOrigins = new Set<string>();

  const keyOf = (connection: ConnectionInfo | undefined): number => connection?.id ?? NO_CONNECTION;

  const kerberos = (signal: AbortSignal): Promise<KerberosAddon> => {
    addon ??= loadKerberosAddon(loadAddon).catch((error: unknown) => {
      addon = undefined; // a later install can still succeed
      throw error;
    });
    return raceAbort(addon, signal);
  };

  const initOptions = (gss: KerberosAddon): KerberosInitializeOptions => ({
    mechOID: gss.GSS_MECH_OID_SPNEGO,
    flags: mutualAuth ? gss.GSS_C_MUTUAL_FLAG | gss.GSS_C_SEQUENCE_FLAG : gss.GSS_C_SEQUENCE_FLAG,
    ...(settings.principal === undefined ? {} : { principal: settings.principal }),
    ...(settings.credentials === undefined
      ? {}
      : {
          user: settings.credentials.user,
          password: settings.credentials.password,
          ...(settings.credentials.domain === undefined ? {} : { domain: settings.credentials.domain }),
        }),
  });

  /** A new security context and its first token: one per request, never replayed. */
  const freshToken = async (
    request: AuthRequest,
    signal: AbortSignal,
  ): Promise<{ client: KerberosClientContext; token: string; spn: string }> => {
    const gss = await kerberos(signal);
    const spn = settings.spn ?? defaultSpn(request.url);
    try {
      const client = await raceAbort(gss.initializeClient(spn, initOptions(gss)), signal);
      const token = await raceAbort(client.step(''), signal);
      return { client, token, spn };
    } catch (error) {
      if (error instanceof EwsAbortError) throw error;
      throw new GssStepError(spn, error);
    }
  };

  const delegate = async (
    challenge: AuthChallenge,
    context: AuthContext,
    reason: unknown,
  ): Promise<AuthHeaders | undefined> => {
    if (!fallback?.onChallenge) return undefined;
    const answer = await fallback.onChallenge(challenge, context);
    if (answer) {
      context.logger.info('Kerberos not possible; falling back to NTLM', {
        reason: reason === undefined ? 'the server offers no Negotiate' : gssMessage(reason),
      });
      delegatedCalls.add(challenge.request);
      inFlight.set(keyOf(context.connection), { mode: 'fallback' });
    }
    return answer;
  };

  return {
    specVersion: AUTH_SPEC_VERSION,
    scheme: 'Negotiate',
    binding: 'connection',
    sendsReusableSecret: false,

    async authorize(request, context) {
      throwIfAborted(context.signal);
      const key = context.connection?.id;
      if (key === undefined) return undefined; // a new connection: wait for the server's offer
      if (fallback && fallbackConnections.has(key)) {
        delegatedCalls.add(request);
        return fallback.authorize(request, context);
      }
      if (!perRequestOrigins.has(request.url.origin)) return undefined;
      try {
        const { client, token, spn } = await freshToken(request, context.signal);
        inFlight.set(key, { mode: 'kerberos', client, spn });
        tokenSentCalls.add(request);
        return { authorization: `Negotiate ${token}` };
      } catch (error) {
        if (error instanceof EwsAbortError) throw error;
        return undefined; // the 401 that follows reports the failure, or falls back
      }
    },

    async onChallenge(challenge, context) {
      throwIfAborted(context.signal);
      const { request, challenges } = challenge;
      const key = keyOf(context.connection);
      if (delegatedCalls.has(request)) return fallback?.onChallenge?.(challenge, context);

      const negotiate = challenges.find((param) => param.scheme.toLowerCase() === NEGOTIATE);
      if (!negotiate) {
        const fallbackFits = challenges.some((param) => FALLBACK_SCHEMES.has(param.scheme.toLowerCase()));
        return fallbackFits ? delegate(challenge, context, undefined) : undefined;
      }
      const pending = inFlight.get(key);
      if (tokenSentCalls.has(request)) {
        // SPNEGO may need another leg; a bare Negotiate means our ticket was refused.
        if (negotiate.token && pending?.mode === 'kerberos') {
          const next = await continueContext(
            pending.client,
            negotiate.token,
            pending.spn,
            challenge,
            context,
          );
          return { authorization: `Negotiate ${next}` };
        }
        inFlight.delete(key);
        return undefined;
      }
      if (key !== NO_CONNECTION && kerberosConnections.delete(key)) {
        perRequestOrigins.add(request.url.origin); // the server forgot this connection
      }
      try {
        const { client, token, spn } = await freshToken(request, context.signal);
        inFlight.set(key, { mode: 'kerberos', client, spn });
        tokenSentCalls.add(request);
        return { authorization: `Negotiate ${token}` };
      } catch (error) {
        if (error instanceof EwsAbortError) throw error;
        const answer = await delegate(challenge, context, error);
        if (answer) return answer;
        throw toAuthError(error, challenges, request.operation);
      }
    },

    async onSuccess(response, context) {
      const key = keyOf(context.connection);
      const pending = inFlight.get(key);
      inFlight.delete(key);
      if (pending?.mode === 'fallback' || (pending === undefined && fallbackConnections.has(key))) {
        if (key !== NO_CONNECTION) fallbackConnections.add(key);
        await fallback?.onSuccess?.(response, context);
        return;
      }
      if (pending?.mode !== 'kerberos') return;
      await verifyFinalToken(pending, response, context);
      if (key !== NO_CONNECTION) kerberosConnections.add(key);
    },

    onConnectionClosed(connection) {
      inFlight.delete(connection.id);
      kerberosConnections.delete(connection.id);
      fallbackConnections.delete(connection.id);
      fallback?.onConnectionClosed?.(connection);
    },

    trackedConnections() {
      const own = new Set([...inFlight.keys(), ...kerberosConnections, ...fallbackConnections]);
      own.delete(NO_CONNECTION);
      return Math.max(own.size, fallback?.trackedConnections?.() ?? 0);
    },

    async dispose() {
      inFlight.clear();
      kerberosConnections.clear();
      fallbackConnections.clear();
      perRequestOrigins.clear();
      await fallback?.dispose?.();
    },
  };

  /** Mutual authentication: the server proves it holds the service key with its final token. */
  async function verifyFinalToken(
    pending: Extract<InFlight, { mode: 'kerberos' }>,
    response: EwsHttpResponse,
    context: AuthContext,
  ): Promise<void> {
    if (!mutualAuth) return;
    const final = negotiateToken(parseWwwAuthenticate(headerValues(response, 'www-authenticate')));
    if (final === undefined) {
      // Some servers omit it; then there is nothing to verify.
      context.logger.debug('Negotiate: the server sent no final token; mutual authentication not checked', {
        spn: pending.spn,
      });
      return;
    }
    try {
      await raceAbort(pending.client.step(final), context.signal);
    } catch (error) {
      if (error instanceof EwsAbortError) throw error;
      throw mutualAuthFailure(pending.spn, gssMessage(error), error);
    }
    if (!pending.client.contextComplete) {
      throw mutualAuthFailure(pending.spn, 'the security context is still incomplete', undefined);
    }
  }

  async function continueContext(
    client: KerberosClientContext,
    token: string,
    spn: string,
    challenge: AuthChallenge,
    context: AuthContext,
  ): Promise<string> {
    try {
      return await raceAbort(client.step(token), context.signal);
    } catch (error) {
      if (error instanceof EwsAbortError) throw error;
      throw toAuthError(new GssStepError(spn, error), challenge.challenges, challenge.request.operation);
    }
  }
}

/** A GSSAPI failure together with the SPN it was for. */
class GssStepError extends Error {
  constructor(
    readonly spn: string,
    readonly gssError: unknown,
  ) {
    super(gssMessage(gssError));
    this.name = 'GssStepError';
  }
}

function toAuthError(error: unknown, challenges: readonly AuthChallengeParam[], operation: string): Error {
  if (!(error instanceof GssStepError)) return error instanceof Error ? error : new Error(String(error));
  const offered = challenges.map((param) => param.scheme);
  return kerberosFailure(error.spn, error.gssError, offered, operation);
}

function negotiateToken(challenges: readonly AuthChallengeParam[]): string | undefined {
  return challenges.find((param) => param.scheme.toLowerCase() === NEGOTIATE && param.token)?.token;
}

function mutualAuthFailure(spn: string, reason: string, cause: unknown): EwsAuthError {
  return new EwsAuthError(
    `Mutual authentication with ${spn} failed: the server's final Negotiate token did not verify (${reason}). ` +
      'The response was discarded: it may not come from the real server.',
    { cause, attemptedScheme: 'Negotiate', requestFate: 'executed' },
  );
}
