import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TestServerError } from './test-server-error.js';

/** Who a Bearer token belongs to: the SMTP address of a mailbox in the server's directory. */
export interface BearerIdentity {
  readonly mailbox: string;
}

/** Decides whether a token is good; `undefined` refuses it with 401 `error="invalid_token"`. */
export type BearerTokenVerifier = (
  token: string,
  options: { readonly signal: AbortSignal },
) => Promise<BearerIdentity | undefined>;

export interface TestServerBearer {
  /**
   * Your own verifier (e.g. one that checks tokens from your identity provider's test tenant).
   * Default: accepts only tokens this server issued with `server.issueBearerToken()` — a test-only
   * HMAC scheme with a random key per server, not a security mechanism.
   */
  readonly verify?: BearerTokenVerifier;
  /** `authorization_uri` in the challenge. Default: Microsoft Entra's common authorize endpoint. */
  readonly authorizationUri?: string;
}

export interface IssueBearerTokenOptions {
  /** Lifetime from the server's `now` (default 3600). Zero or negative makes an already expired token. */
  readonly expiresInSeconds?: number;
}

const DEFAULT_AUTHORIZATION_URI = 'https://login.microsoftonline.com/common/oauth2/authorize';
// The parameters Exchange Online puts in its Bearer challenge (EWS's resource id and token types).
const EXCHANGE_ONLINE_PARAMS =
  'client_id="00000002-0000-0ff1-ce00-000000000000", ' +
  'trusted_issuers="00000001-0000-0000-c000-000000000000@*", ' +
  'token_types="app_asserted_user_v1 service_asserted_app_v1"';

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** The refusal the default verifier found, for `error_description`. */
export type BearerRefusal = 'expired' | 'invalid';

/**
 * Issues and checks the server's own test tokens: JWTs signed with HS256 under a key made at start,
 * carrying the mailbox (`smtp`) and an expiry (`exp`) judged by the server's clock.
 */
export class BearerTokenIssuer {
  readonly #key = randomBytes(32);

  constructor(private readonly now: () => Date) {}

  issue(mailbox: string, options: IssueBearerTokenOptions = {}): string {
    const lifetime = options.expiresInSeconds ?? 3600;
    if (!Number.isFinite(lifetime)) {
      throw new TestServerError('TEST_SERVER_OPTIONS', 'expiresInSeconds must be a finite number');
    }
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        aud: 'https://outlook.office365.com',
        iss: 'ews-test-server',
        smtp: mailbox,
        iat: issuedAt,
        exp: issuedAt + Math.trunc(lifetime),
      }),
    );
    return `${header}.${payload}.${this.#sign(`${header}.${payload}`)}`;
  }

  /** The token's mailbox, or why it is refused. */
  check(token: string): BearerIdentity | BearerRefusal {
    const [header, payload, signature, extra] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined || extra !== undefined) {
      return 'invalid';
    }
    const expected = Buffer.from(this.#sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    let claims: { smtp?: unknown; exp?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return 'invalid';
    }
    if (typeof claims.smtp !== 'string' || typeof claims.exp !== 'number') return 'invalid';
    if (claims.exp * 1000 <= this.now().getTime()) return 'expired';
    return { mailbox: claims.smtp };
  }

  #sign(data: string): string {
    return createHmac('sha256', this.#key).update(data).digest('base64url');
  }
}

/** The `WWW-Authenticate: Bearer …` value; with a refusal, RFC 6750's `error="invalid_token"`. */
export function bearerChallenge(authorizationUri: string | undefined, refusal?: BearerRefusal): string {
  const uri = (authorizationUri ?? DEFAULT_AUTHORIZATION_URI).replace(/["\\]/g, '');
  const base = `Bearer ${EXCHANGE_ONLINE_PARAMS}, authorization_uri="${uri}"`;
  if (refusal === undefined) return base;
  const description = refusal === 'expired' ? 'The access token expired' : 'The access token is invalid';
  return `${base}, error="invalid_token", error_description="${description}"`;
}
