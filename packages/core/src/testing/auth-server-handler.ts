/** What a loopback auth server sees of a request when it checks credentials. */
export interface AuthServerRequest {
  readonly method: string;
  /** The request-target as sent (path + query). */
  readonly url: string;
  readonly authorization: string | undefined;
  /** Every request header, lower-case names (repeated ones joined with `, `), for signing schemes. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** The request body as sent (UTF-8), for schemes that sign it. */
  readonly body?: string | undefined;
}

/** The outcome of checking one request's credentials. */
export type AuthServerVerdict =
  | { readonly ok: true; readonly user: string }
  /** `stale`: the credentials were right but the nonce expired (Digest `stale=true`). */
  | { readonly ok: false; readonly stale?: boolean | undefined };

/**
 * The server side of one auth scheme, for loopback tests of a strategy. Built-ins:
 * `createBasicServerHandler`, `createDigestServerHandler`, `createBearerServerHandler`;
 * plugin authors implement this for their own scheme.
 */
export interface AuthServerHandler {
  /** Scheme name as offered in `WWW-Authenticate`. */
  readonly scheme: string;
  /** `WWW-Authenticate` values for a 401. */
  challenges(options: { readonly stale: boolean }): readonly string[];
  verify(request: AuthServerRequest): AuthServerVerdict;
}

/** Splits `Scheme rest` off an Authorization header; the scheme compares case-insensitively. */
export function splitCredentials(
  authorization: string | undefined,
): { scheme: string; rest: string } | undefined {
  const match =
    authorization === undefined
      ? null
      : /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)(?:[ \t]+(.*))?$/s.exec(authorization);
  if (!match) return undefined;
  return { scheme: (match[1] ?? '').toLowerCase(), rest: match[2] ?? '' };
}
