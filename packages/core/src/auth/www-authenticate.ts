/** One challenge from a `WWW-Authenticate` header, e.g. `Digest realm="EWS", nonce="…"`. */
export interface AuthChallengeParam {
  /** Scheme as sent (compare case-insensitively). */
  readonly scheme: string;
  /** Auth-params by lower-case name, unquoted. */
  readonly params: Readonly<Record<string, string>>;
  /** token68 data (e.g. the base64 NTLM/Negotiate blob), if any. */
  readonly token?: string | undefined;
}
