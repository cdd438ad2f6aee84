import {
  type AuthStrategy,
  createBasicAuth,
  createDigestAuth,
  type DetectedAuthType,
  EwsInvalidArgumentError,
} from '@ews/core';
import type { Credentials } from './credentials.js';

/** exchangelib's auth types (NTLM, BASIC, DIGEST, GSSAPI/Kerberos, OAUTH2), spelled one way: lower case. */
export type AuthType = 'basic' | 'digest' | 'ntlm' | 'kerberos' | 'oauth2';

/**
 * What `authType` options accept: an AuthType, or exchangelib's `'NTLM'` (deprecated spelling of
 * `'ntlm'`, kept so code ported from exchangelib keeps compiling; it is read as `'ntlm'`).
 */
export type AuthTypeOption = AuthType | 'NTLM';

/** Credentials an OAuth2 strategy is made from (`OAuth2Credentials` & co. from @ews/auth-oauth2). */
export interface TokenCredentials {
  toAuthStrategy(): AuthStrategy;
}

type AnyCredentials = Credentials | TokenCredentials | undefined;

interface AuthTypeEntry {
  /** The optional package that implements it; undefined for core's own schemes. */
  readonly packageName: string | undefined;
  /** Whether the handshake is bound to one connection (known before the package is loaded). */
  readonly binding: AuthStrategy['binding'];
  readonly create: (module: Record<string, unknown>, credentials: AnyCredentials) => AuthStrategy;
}

const needPassword = (credentials: AnyCredentials, type: string): Credentials => {
  if (credentials === undefined || !('password' in credentials)) {
    throw new EwsInvalidArgumentError(`authType '${type}' needs Credentials(username, password)`);
  }
  return credentials;
};

// The password is a getter on Credentials; factories get a plain object.
const plain = (credentials: Credentials) => ({
  username: credentials.username,
  password: credentials.password,
});

const factory = (module: Record<string, unknown>, name: string, packageName: string) => {
  const value = module[name];
  if (typeof value !== 'function')
    throw new EwsInvalidArgumentError(`${packageName} does not export ${name}`);
  return value as (options: unknown) => AuthStrategy;
};

/** authType → where it lives and how to make it: a table, not a chain of ifs. */
export const AUTH_TYPES: Readonly<
  Record<'basic' | 'digest' | 'ntlm' | 'kerberos' | 'oauth2', AuthTypeEntry>
> = {
  basic: {
    packageName: undefined,
    binding: 'request',
    create: (_module, credentials) => createBasicAuth(plain(needPassword(credentials, 'basic'))),
  },
  digest: {
    packageName: undefined,
    binding: 'request',
    create: (_module, credentials) => createDigestAuth(plain(needPassword(credentials, 'digest'))),
  },
  ntlm: {
    packageName: '@ews/auth-ntlm',
    binding: 'connection',
    create: (module, credentials) => {
      const { username, password } = needPassword(credentials, 'NTLM');
      return factory(module, 'createNtlmAuth', '@ews/auth-ntlm')({ username, password });
    },
  },
  kerberos: {
    packageName: '@ews/auth-kerberos',
    binding: 'connection',
    // Kerberos uses the ticket cache; a password is only used by SSPI on Windows.
    create: (module) => factory(module, 'createKerberosAuth', '@ews/auth-kerberos')({}),
  },
  oauth2: {
    packageName: '@ews/auth-oauth2',
    binding: 'request',
    create: (module, credentials) => {
      if (credentials === undefined || !('toAuthStrategy' in credentials)) {
        throw new EwsInvalidArgumentError("authType 'oauth2' needs OAuth2 credentials from @ews/auth-oauth2");
      }
      return factory(module, 'createOAuth2Auth', '@ews/auth-oauth2')(credentials);
    },
  },
};

/** What a WWW-Authenticate probe found → our auth type. */
export const DETECTED_AUTH_TYPES: Readonly<Partial<Record<DetectedAuthType, keyof typeof AUTH_TYPES>>> = {
  Basic: 'basic',
  Digest: 'digest',
  NTLM: 'ntlm',
  Bearer: 'oauth2',
};

export function authTypeKey(type: AuthTypeOption): AuthType {
  const key = String(type).toLowerCase();
  if (!(key in AUTH_TYPES)) {
    throw new EwsInvalidArgumentError(
      `Unknown authType ${String(type)}; use one of basic, digest, NTLM, kerberos, oauth2`,
    );
  }
  return key as AuthType;
}

export type ModuleLoader = (specifier: string) => Promise<Record<string, unknown>>;

// A variable specifier keeps bundlers and tsc from resolving optional packages at build time.
export const importOptional: ModuleLoader = (specifier) =>
  import(specifier) as Promise<Record<string, unknown>>;

/** Makes the strategy, loading its optional package first; names the package when it is missing. */
export async function createAuthFor(
  type: keyof typeof AUTH_TYPES,
  credentials: AnyCredentials,
  load: ModuleLoader = importOptional,
): Promise<AuthStrategy> {
  const entry = AUTH_TYPES[type];
  if (entry.packageName === undefined) return entry.create({}, credentials);
  return entry.create(await loadOptional(entry.packageName, `authType '${type}'`, load), credentials);
}

/** Loads an optional package; when it is missing, says what `purpose` needs and how to install it. */
export async function loadOptional(
  packageName: string,
  purpose: string,
  load: ModuleLoader,
): Promise<Record<string, unknown>> {
  try {
    return await load(packageName);
  } catch (error) {
    throw new EwsInvalidArgumentError(
      `${purpose} needs the optional package ${packageName}: npm install ${packageName}`,
      { cause: error },
    );
  }
}
