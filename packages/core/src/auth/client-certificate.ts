import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import type { TlsMaterial, TlsOptions } from '../transport/tls-options.js';
import { throwIfAborted } from './abort.js';
import type { AuthContext, AuthRequest, AuthStrategy } from './strategy.js';
import { AUTH_SPEC_VERSION } from './strategy.js';
import { requireCredentialString, requireOptionsObject } from './validate-credentials.js';

/** A PEM certificate chain and its private key. */
export interface PemClientCertificateOptions {
  readonly cert: TlsMaterial;
  readonly key: TlsMaterial;
  readonly passphrase?: string | undefined;
}

/** A PKCS#12 (.pfx/.p12) bundle. */
export interface PfxClientCertificateOptions {
  readonly pfx: TlsMaterial;
  readonly passphrase?: string | undefined;
}

export type ClientCertificateAuthOptions = PemClientCertificateOptions | PfxClientCertificateOptions;

/**
 * TLS client-certificate authentication (Exchange CBA). It works at the TLS layer: it adds
 * no header and only contributes `tls` to the client's connections. The key material sits in
 * a #private field behind a getter, so inspecting or serializing the strategy never shows it.
 */
class ClientCertificateAuth implements AuthStrategy {
  readonly specVersion = AUTH_SPEC_VERSION;
  readonly scheme = 'ClientCertificate';
  readonly binding = 'request';
  readonly #tls: TlsOptions;

  constructor(tls: TlsOptions) {
    this.#tls = tls;
  }

  get tls(): TlsOptions {
    return this.#tls;
  }

  authorize(_request: AuthRequest, context: AuthContext): undefined {
    throwIfAborted(context.signal);
    return undefined;
  }

  /** A 401 is not about the certificate (a refused certificate fails the TLS handshake). */
  onChallenge(): undefined {
    return undefined;
  }

  toJSON(): Record<string, string> {
    return { specVersion: this.specVersion, scheme: this.scheme };
  }
}

function requireMaterial(value: unknown, field: string): TlsMaterial {
  const ok =
    (typeof value === 'string' && value.trim() !== '') || (value instanceof Uint8Array && value.length > 0);
  if (!ok) throw new EwsInvalidArgumentError(`${field} must be non-empty PEM text or bytes`);
  return value as TlsMaterial;
}

/** Creates a client-certificate strategy. Throws EwsInvalidArgumentError for missing or mixed material. */
export function createClientCertificateAuth(options: ClientCertificateAuthOptions): AuthStrategy {
  const fields = requireOptionsObject(options, 'createClientCertificateAuth');
  const hasPem = fields.cert !== undefined || fields.key !== undefined;
  if (hasPem && fields.pfx !== undefined) {
    throw new EwsInvalidArgumentError(
      'createClientCertificateAuth() takes either cert + key or pfx, not both',
    );
  }
  const passphrase =
    fields.passphrase === undefined
      ? undefined
      : requireCredentialString(fields.passphrase, 'passphrase', { allowEmpty: true });
  const withPassphrase = passphrase === undefined ? {} : { passphrase };
  if (fields.pfx !== undefined) {
    return new ClientCertificateAuth({ pfx: requireMaterial(fields.pfx, 'pfx'), ...withPassphrase });
  }
  if (!hasPem) throw new EwsInvalidArgumentError('createClientCertificateAuth() needs cert + key, or pfx');
  return new ClientCertificateAuth({
    cert: requireMaterial(fields.cert, 'cert'),
    key: requireMaterial(fields.key, 'key'),
    ...withPassphrase,
  });
}
