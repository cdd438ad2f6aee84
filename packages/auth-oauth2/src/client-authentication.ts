import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { NodeAuthOptions } from '@azure/msal-node';
import { EwsInvalidArgumentError } from '@ews/core';
import { requireString } from './validate.js';

/** An app registration's certificate: MSAL signs a client assertion JWT with the key. */
export interface ClientCertificate {
  /** The certificate (PEM); its SHA-256 thumbprint identifies the key to Entra ID. */
  readonly certificate: string;
  /** The private key (PEM, PKCS#8 or PKCS#1, unencrypted unless `passphrase` is set). */
  readonly privateKey: string;
  readonly passphrase?: string | undefined;
  /** Send the certificate chain (x5c) for subject-name/issuer authentication. Default false. */
  readonly sendX5c?: boolean | undefined;
}

/** How a confidential client proves who it is: one of these. */
export interface ConfidentialClientOptions {
  readonly clientSecret?: string | undefined;
  readonly clientCertificate?: ClientCertificate | undefined;
  /** A signed JWT (e.g. a workload identity federation token), or a function returning one. */
  readonly clientAssertion?: string | (() => Promise<string>) | undefined;
}

export interface ClientAuthentication {
  readonly msal: Omit<NodeAuthOptions, 'clientId' | 'authority'>;
  /** Strings that must never appear in errors or logs. */
  readonly secrets: readonly string[];
}

/** Maps the chosen client authentication to MSAL options; undefined for a public client. */
export function clientAuthentication(options: ConfidentialClientOptions): ClientAuthentication | undefined {
  const chosen = [options.clientSecret, options.clientCertificate, options.clientAssertion].filter(
    (value) => value !== undefined,
  );
  if (chosen.length > 1) {
    throw new EwsInvalidArgumentError('Give one of clientSecret, clientCertificate or clientAssertion');
  }
  if (options.clientSecret !== undefined) {
    const secret = requireString(options.clientSecret, 'clientSecret');
    return { msal: { clientSecret: secret }, secrets: [secret] };
  }
  if (options.clientCertificate !== undefined) return certificateAuthentication(options.clientCertificate);
  const assertion = options.clientAssertion;
  if (typeof assertion === 'string') {
    return { msal: { clientAssertion: requireString(assertion, 'clientAssertion') }, secrets: [assertion] };
  }
  if (typeof assertion === 'function') return { msal: { clientAssertion: () => assertion() }, secrets: [] };
  return undefined;
}

function certificateAuthentication(input: ClientCertificate): ClientAuthentication {
  const pem = requireString(input.certificate, 'clientCertificate.certificate');
  let thumbprintSha256: string;
  let privateKey: string;
  try {
    thumbprintSha256 = new X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase();
    // MSAL wants PKCS#8; keys exported by openssl or Azure are often PKCS#1.
    privateKey = createPrivateKey({
      key: requireString(input.privateKey, 'clientCertificate.privateKey'),
      ...(input.passphrase === undefined ? {} : { passphrase: input.passphrase }),
    })
      .export({ format: 'pem', type: 'pkcs8' })
      .toString();
  } catch (error) {
    if (error instanceof EwsInvalidArgumentError) throw error;
    throw new EwsInvalidArgumentError('clientCertificate is not a readable PEM certificate and private key');
  }
  return {
    msal: {
      clientCertificate: { thumbprintSha256, privateKey, ...(input.sendX5c ? { x5c: pem } : {}) },
    },
    secrets: [privateKey, input.privateKey, ...(input.passphrase ? [input.passphrase] : [])],
  };
}
