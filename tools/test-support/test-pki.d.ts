/** A certificate with its private key, PEM encoded. */
export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

/** `ec-p256` (prime256v1), `ec-p384` (secp384r1) or `rsa-2048`. */
export type KeyType = 'ec-p256' | 'ec-p384' | 'rsa-2048';

/** The signature digest; unset, openssl's default for the key (SHA-256). */
export type Digest = 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** `pkcs8` (`BEGIN PRIVATE KEY`, openssl's default) or `pkcs1` (`BEGIN RSA PRIVATE KEY`, RSA only). */
export type KeyFormat = 'pkcs8' | 'pkcs1';

/** One certificate the test CA signs. */
export interface CertificateRequest {
  /** The subject's CN. */
  readonly commonName: string;
  /** subjectAltName entries: an IPv4 address becomes `IP:`, any other name `DNS:` (wildcards too). */
  readonly altNames?: readonly string[];
  /** The one extended key usage, if any. */
  readonly extendedKeyUsage?: 'serverAuth' | 'clientAuth';
  /** Writes `basicConstraints=CA:FALSE` into the certificate. */
  readonly endEntity?: boolean;
}

export interface TestPkiRequest<Name extends string> {
  /** The CA's CN. The CA has basicConstraints=critical,CA:TRUE and keyUsage=critical,keyCertSign,cRLSign. */
  readonly caCommonName: string;
  /** The CA's and every certificate's key. Default `ec-p256`. */
  readonly keyType?: KeyType;
  /** Validity of the CA and of every certificate, from now. Default 2. */
  readonly days?: number;
  /** The certificates the CA signs, by name. */
  readonly certificates: Readonly<Record<Name, CertificateRequest>>;
}

export interface TestPki<Name extends string> {
  /** The CA's certificate (what clients must trust). */
  readonly ca: string;
  readonly certificates: Readonly<Record<Name, KeyPair>>;
}

/** A fresh CA and the certificates it signed, made with the openssl CLI in a temporary directory (removed). */
export declare function createTestPki<Name extends string>(request: TestPkiRequest<Name>): TestPki<Name>;

export interface SelfSignedRequest {
  /** The subject's CN. */
  readonly commonName: string;
  /** subjectAltName entries, as in CertificateRequest. */
  readonly altNames?: readonly string[];
  /** Default `ec-p256`. */
  readonly keyType?: KeyType;
  readonly digest?: Digest;
  /** Default `pkcs8`; `pkcs1` needs an RSA key. */
  readonly keyFormat?: KeyFormat;
  /** Default 2. */
  readonly days?: number;
}

/** A fresh self-signed certificate (openssl's default v3_ca extensions) and its key. */
export declare function createSelfSigned(request: SelfSignedRequest): KeyPair;

/** `pair` as PKCS#12, protected by `passphrase`. */
export declare function toPkcs12(pair: KeyPair, passphrase: string): Buffer;
