/** PEM text or DER/PEM bytes. */
export type TlsMaterial = string | Uint8Array;

/** TLS settings for the connections a client opens (passed to `tls.connect`). */
export interface TlsOptions {
  /** Extra trusted CA certificates (replaces Node's default list, as in `tls.connect`). */
  readonly ca?: TlsMaterial | readonly TlsMaterial[] | undefined;
  /** Client certificate chain (PEM) for certificate-based authentication. */
  readonly cert?: TlsMaterial | undefined;
  /** Private key (PEM) for `cert`. */
  readonly key?: TlsMaterial | undefined;
  /** PKCS#12 bundle holding the client certificate and key. */
  readonly pfx?: TlsMaterial | undefined;
  /** Passphrase of `key` or `pfx`. Never logged. */
  readonly passphrase?: string | undefined;
  /** Server name for SNI and certificate checks when it differs from the URL host. */
  readonly servername?: string | undefined;
  /**
   * Turns server certificate verification off. Only for test servers: a warning is
   * logged every time a client is created with it.
   */
  readonly insecureSkipVerify?: boolean | undefined;
  /**
   * Resume TLS sessions on new sockets to a server already connected to (default true): saves
   * the certificate exchange. Each session keeps the certificate it was established with, so
   * channel binding (NTLM, Negotiate) binds to that certificate on a resumed session too.
   * `false` makes every socket do a full handshake.
   */
  readonly resumeSessions?: boolean | undefined;
}
