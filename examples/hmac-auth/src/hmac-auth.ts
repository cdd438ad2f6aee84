import {
  AUTH_SPEC_VERSION,
  type AuthChallenge,
  type AuthContext,
  type AuthHeaders,
  type AuthRequest,
  type AuthStrategy,
  EwsInvalidArgumentError,
  EwsUnsupportedError,
  headerValues,
  throwIfAborted,
} from '@ews/core';
import { HMAC_SCHEME, sign } from './string-to-sign.js';

export interface HmacAuthOptions {
  /** Names the key to the server (not secret; sent in every request). */
  readonly keyId: string;
  /** The shared secret, at least 32 bytes (a string is taken as UTF-8). */
  readonly key: string | Uint8Array;
  /** Clock for the `Date` header; tests pass a fake one. Default: the system clock. */
  readonly now?: (() => Date) | undefined;
}

const MIN_KEY_BYTES = 32;
// keyId goes into a quoted header parameter: keep it to token characters.
const KEY_ID = /^[A-Za-z0-9._~-]{1,128}$/;

/**
 * EWS-HMAC: every request carries `Date` and
 * `Authorization: EWS-HMAC keyId="…", signature="base64(HMAC-SHA256(key, method\npath\ndate\nsha256(body)))"`.
 * Request-bound and pre-emptive. A 401 whose challenge says `error="stale-date"` (the server's
 * clock differs from ours) is answered once per call, signed again with the server's `Date`.
 */
export function createHmacAuth(options: HmacAuthOptions): AuthStrategy {
  // Validate in the factory and throw EwsInvalidArgumentError (the guide's first rule).
  if (typeof options !== 'object' || options === null)
    throw new EwsInvalidArgumentError('createHmacAuth() needs an options object');
  const { keyId } = options;
  if (typeof keyId !== 'string' || !KEY_ID.test(keyId))
    throw new EwsInvalidArgumentError('keyId must be 1 to 128 letters, digits or ._~-');
  const raw = options.key;
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array))
    throw new EwsInvalidArgumentError('key must be a string or a Uint8Array');
  // Keep the secret in the closure: inspect() and JSON.stringify of the strategy never show it.
  const key = typeof raw === 'string' ? new Uint8Array(Buffer.from(raw, 'utf8')) : Uint8Array.from(raw);
  if (key.length < MIN_KEY_BYTES)
    throw new EwsInvalidArgumentError(`key must be at least ${MIN_KEY_BYTES} bytes`);
  const now = options.now ?? (() => new Date());
  if (typeof now !== 'function') throw new EwsInvalidArgumentError('now must be a function');

  // Per-call state keyed by the AuthRequest object (the guide's identity rule): which calls
  // have already been signed again after a stale-date refusal.
  const resigned = new WeakSet<AuthRequest>();

  const signedHeaders = (request: AuthRequest, date: Date): AuthHeaders => {
    // A streamed body is not in hand, so it cannot be hashed: refuse rather than sign something else.
    if (request.body === undefined && request.method === 'POST') {
      throw new EwsUnsupportedError(
        `${HMAC_SCHEME} signs the request body; ${request.operation} streams its body, which cannot be signed`,
      );
    }
    const dateText = date.toUTCString();
    const signature = sign(key, {
      method: request.method,
      target: `${request.url.pathname}${request.url.search}`,
      date: dateText,
      body: request.body ?? '',
    });
    return {
      date: dateText,
      authorization: `${HMAC_SCHEME} keyId="${keyId}", signature="${signature}"`,
    };
  };

  return {
    specVersion: AUTH_SPEC_VERSION,
    scheme: HMAC_SCHEME,
    binding: 'request',
    // The key never leaves this process; a signature is bound to one request and one date.
    sendsReusableSecret: false,
    authorize(request: AuthRequest, context: AuthContext): AuthHeaders {
      throwIfAborted(context.signal);
      resigned.delete(request);
      return signedHeaders(request, now());
    },
    onChallenge(challenge: AuthChallenge, context: AuthContext): AuthHeaders | undefined {
      throwIfAborted(context.signal);
      const ours = challenge.challenges.find((c) => c.scheme.toLowerCase() === HMAC_SCHEME.toLowerCase());
      // Never retry on our own beyond this one case: a wrong key stays refused (core then throws).
      if (ours?.params.error !== 'stale-date' || resigned.has(challenge.request)) return undefined;
      const serverDate = new Date(headerValues(challenge.response, 'date')[0] ?? '');
      if (Number.isNaN(serverDate.getTime())) return undefined;
      resigned.add(challenge.request);
      context.logger.debug(
        'EWS-HMAC: the server refused our Date as stale; signing once more with its clock',
      );
      return signedHeaders(challenge.request, serverDate);
    },
  };
}
