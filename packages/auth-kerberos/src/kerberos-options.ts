import { type AuthStrategy, EwsInvalidArgumentError, EwsUnsupportedError, isAuthStrategy } from '@ews/core';
import type { KerberosAddonLoader } from './kerberos-addon.js';

/** Explicit credentials, passed to SSPI. The `kerberos` addon reads them on Windows only. */
export interface KerberosWindowsCredentials {
  readonly user: string;
  readonly password: string;
  readonly domain?: string | undefined;
}

export interface KerberosAuthOptions {
  /**
   * GSSAPI service name `service@host`. Default `HTTP@<host of the EWS URL>`, as written in the
   * URL (no DNS canonicalization): use the host name the server's SPN was registered for.
   */
  readonly spn?: string | undefined;
  /** Verify the server's final Negotiate token (mutual authentication). Default true. */
  readonly mutualAuth?: boolean | undefined;
  /**
   * Client principal (`alice@EXAMPLE.COM`) whose credentials to use, from the ticket cache
   * collection (KRB5CCNAME) or the client keytab (KRB5_CLIENT_KTNAME). Default: the cache's
   * default principal.
   */
  readonly principal?: string | undefined;
  /** Windows only (SSPI): a user other than the logged-on one. Refused on other platforms. */
  readonly credentials?: KerberosWindowsCredentials | undefined;
  /**
   * Strategy for servers that offer only NTLM, or when Kerberos cannot produce a ticket
   * (no credentials, unknown SPN, addon missing): typically `createNtlmAuth(...)` from
   * `@ews/auth-ntlm`. It is disposed with this strategy.
   */
  readonly fallbackToNtlm?: AuthStrategy | undefined;
  /** Loads the `kerberos` addon; default `() => import('kerberos')`. For bundlers and tests. */
  readonly loadAddon?: KerberosAddonLoader | undefined;
}

export interface ResolvedKerberosOptions {
  readonly spn: string | undefined;
  readonly mutualAuth: boolean;
  readonly principal: string | undefined;
  readonly credentials: KerberosWindowsCredentials | undefined;
  readonly fallback: AuthStrategy | undefined;
  readonly loadAddon: KerberosAddonLoader | undefined;
}

const SPN = /^[^@\s/]+@[^@\s]+$/;
const PRINCIPAL = /^[^\s]+$/;

/** Checks the factory's options; throws EwsInvalidArgumentError / EwsUnsupportedError. */
export function resolveKerberosOptions(
  options: KerberosAuthOptions,
  platform: NodeJS.Platform,
): ResolvedKerberosOptions {
  const { spn, mutualAuth, principal, credentials, fallbackToNtlm, loadAddon } = options;
  if (spn !== undefined && (typeof spn !== 'string' || !SPN.test(spn))) {
    throw new EwsInvalidArgumentError('spn must look like "HTTP@mail.example.com" (service@host).');
  }
  if (mutualAuth !== undefined && typeof mutualAuth !== 'boolean') {
    throw new EwsInvalidArgumentError('mutualAuth must be a boolean.');
  }
  if (principal !== undefined && (typeof principal !== 'string' || !PRINCIPAL.test(principal))) {
    throw new EwsInvalidArgumentError('principal must be a non-empty name such as "alice@EXAMPLE.COM".');
  }
  if (credentials !== undefined) {
    if (platform !== 'win32') {
      throw new EwsUnsupportedError(
        'Kerberos user/password credentials are only supported on Windows (SSPI); the kerberos addon cannot ' +
          'pass them to GSSAPI. On Linux and macOS run kinit, or set KRB5_CLIENT_KTNAME to a client keytab.',
      );
    }
    if (
      typeof credentials.user !== 'string' ||
      credentials.user === '' ||
      typeof credentials.password !== 'string'
    ) {
      throw new EwsInvalidArgumentError('credentials need a non-empty user and a password string.');
    }
  }
  if (fallbackToNtlm !== undefined && !isAuthStrategy(fallbackToNtlm)) {
    throw new EwsInvalidArgumentError('fallbackToNtlm must be an AuthStrategy, e.g. createNtlmAuth(...).');
  }
  if (loadAddon !== undefined && typeof loadAddon !== 'function') {
    throw new EwsInvalidArgumentError('loadAddon must be a function returning the kerberos module.');
  }
  return {
    spn,
    mutualAuth: mutualAuth ?? true,
    principal,
    credentials,
    fallback: fallbackToNtlm,
    loadAddon,
  };
}

/** `HTTP@host` for a URL, without IPv6 brackets. */
export function defaultSpn(url: URL): string {
  return `HTTP@${url.hostname.replace(/^\[(.*)\]$/, '$1')}`;
}
