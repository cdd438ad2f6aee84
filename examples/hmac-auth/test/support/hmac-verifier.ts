import { timingSafeEqual } from 'node:crypto';
import { HMAC_SCHEME, sign } from '../../src/string-to-sign.js';

/** What the server side decides about one request. */
export type HmacVerdict =
  | { readonly ok: true; readonly keyId: string }
  | { readonly ok: false; readonly reason: 'missing' | 'unknown-key' | 'bad-signature' | 'stale-date' };

export interface HmacVerifierOptions {
  /** Shared keys by keyId. */
  readonly keys: Readonly<Record<string, string>>;
  /** Largest accepted difference between the request's Date and the server's clock. Default 5 min. */
  readonly maxSkewMs?: number;
  readonly now?: () => Date;
}

/** The verifier's two sides: the challenge a 401 carries and the verdict on a signed request. */
export type HmacVerifier = ReturnType<typeof createHmacVerifier>;

const AUTHORIZATION = /^EWS-HMAC keyId="([^"]+)", signature="([A-Za-z0-9+/=]+)"$/;

/** The server side of EWS-HMAC, written from the scheme's definition (not from the client). */
export function createHmacVerifier(options: HmacVerifierOptions) {
  const maxSkewMs = options.maxSkewMs ?? 5 * 60_000;
  const now = options.now ?? (() => new Date());
  return {
    /** `WWW-Authenticate` for a 401 after `reason`. */
    challenge(reason?: string): string {
      return reason === 'stale-date'
        ? `${HMAC_SCHEME} realm="ews", error="stale-date"`
        : `${HMAC_SCHEME} realm="ews"`;
    },
    verify(request: {
      method: string;
      target: string;
      authorization: string | undefined;
      date: string | undefined;
      body: string;
    }): HmacVerdict {
      const match = AUTHORIZATION.exec(request.authorization ?? '');
      if (!match || request.date === undefined) return { ok: false, reason: 'missing' };
      const [, keyId = '', signature = ''] = match;
      const key = options.keys[keyId];
      if (key === undefined) return { ok: false, reason: 'unknown-key' };
      const expected = sign(new Uint8Array(Buffer.from(key, 'utf8')), {
        method: request.method,
        target: request.target,
        date: request.date,
        body: request.body,
      });
      const given = Buffer.from(signature, 'base64');
      const wanted = Buffer.from(expected, 'base64');
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
        return { ok: false, reason: 'bad-signature' };
      const sent = Date.parse(request.date);
      if (Number.isNaN(sent) || Math.abs(now().getTime() - sent) > maxSkewMs)
        return { ok: false, reason: 'stale-date' };
      return { ok: true, keyId };
    },
  };
}
