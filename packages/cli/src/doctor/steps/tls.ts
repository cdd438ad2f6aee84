import { isIP } from 'node:net';
import { checkServerIdentity, connect, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { fail, hostOf, pass, portOf, type StepOutcome, type StepRun, warn } from '../step-outcome.js';

const SOON_MS = 14 * 86_400_000;
const OLD_PROTOCOLS = new Set(['TLSv1', 'TLSv1.1', 'SSLv3']);

/** What is wrong with a certificate, and what to do about it. */
interface Problem {
  readonly detail: string;
  readonly advice: string;
}

/**
 * Connects with verification off, so the certificate can be looked at whatever it is, then judges
 * it as Node's own check would (the same CAs doctor's EWS calls trust): issuer, expiry, host name,
 * protocol. Self-signed and private-CA certificates are named as such.
 */
export const tlsStep: StepRun = async (context, signal) => {
  const url = context.ewsUrl!;
  if (url.protocol !== 'https:') {
    return warn(
      'plain http: no TLS, so the password and the mail travel unencrypted',
      'Use the https:// URL of the server (Exchange serves EWS over https on 443).',
    );
  }
  const host = hostOf(url);
  const socket = await open(host, portOf(url), context.ca, signal);
  try {
    return judge(socket, host);
  } finally {
    socket.destroy();
  }
};

function open(host: string, port: number, ca: readonly string[] | undefined, signal: AbortSignal) {
  return new Promise<TLSSocket>((resolve, reject) => {
    const socket = connect({
      host,
      port,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ...(ca === undefined ? {} : { ca: [...ca] }),
      rejectUnauthorized: false,
    });
    const onAbort = () => socket.destroy(signal.reason instanceof Error ? signal.reason : undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(socket);
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(signal.aborted ? signal.reason : error);
    });
  });
}

function judge(socket: TLSSocket, host: string): StepOutcome {
  const leaf = socket.getPeerCertificate(true);
  const chain = chainOf(leaf);
  const protocol = socket.getProtocol() ?? 'unknown protocol';
  const lines = [
    ...chain.map(
      (cert, i) =>
        `${i === 0 ? 'certificate' : 'its CA'}: ${name(cert.subject)}, issued by ${name(cert.issuer)}, valid until ${cert.valid_to}`,
    ),
    `names: ${leaf.subjectaltname ?? '(no subjectAltName)'}`,
    `protocol: ${protocol}, SHA-256 fingerprint ${leaf.fingerprint256}`,
  ];
  const problems: Problem[] = [];
  // Node reports a name mismatch as an authorization error too; checkServerIdentity below names it.
  const reported = socket.authorized ? undefined : String(socket.authorizationError ?? 'not trusted');
  const trustError = reported === 'ERR_TLS_CERT_ALTNAME_INVALID' ? undefined : reported;
  if (trustError !== undefined) problems.push(trustProblem(trustError, chain, host, socket.remotePort));
  const identity = checkServerIdentity(host, leaf);
  if (identity !== undefined) {
    problems.push({
      detail: `hostname mismatch: the certificate is for ${leaf.subjectaltname ?? name(leaf.subject)}, not ${host}`,
      advice: `Connect with a name the certificate lists, or have it reissued with ${host} in its Subject Alternative Names.`,
    });
  }
  const first = problems[0];
  if (first !== undefined) {
    return fail(problems.map((p) => p.detail).join('; '), first.advice, {
      lines,
      stops: 'the server certificate is not trusted (see tls)',
    });
  }
  const summary = `trusted: ${name(leaf.subject)} issued by ${name(leaf.issuer)}, ${protocol}, valid until ${leaf.valid_to}`;
  const left = Date.parse(leaf.valid_to) - Date.now();
  if (left < SOON_MS) {
    return warn(
      `${summary}; expires in ${Math.max(0, Math.floor(left / 86_400_000))} days`,
      'Renew the certificate before it expires.',
      { lines },
    );
  }
  if (OLD_PROTOCOLS.has(protocol)) {
    return warn(
      `${summary}; ${protocol} is outdated`,
      'Enable TLS 1.2 or later on the server (IIS: the SCHANNEL registry settings).',
      { lines },
    );
  }
  return pass(summary, lines);
}

/** Node's verification codes, read as what an admin calls them. */
function trustProblem(
  code: string,
  chain: readonly DetailedPeerCertificate[],
  host: string,
  port: number | undefined,
): Problem {
  const leaf = chain[0]!;
  const root = chain[chain.length - 1]!;
  const fetch = `openssl s_client -connect ${host}:${port ?? 443} -showcerts`;
  const trustHow = (what: string) =>
    `Trust ${what}: pass --ca FILE.pem or set NODE_EXTRA_CA_CERTS=FILE.pem (get it from your admin, or with: ${fetch}).`;
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return {
        detail: `self-signed certificate (${name(leaf.subject)}), trusted by nobody by default`,
        advice: trustHow('this certificate'),
      };
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return {
        detail: `issued by a private CA (${name(root === leaf ? leaf.issuer : root.subject)}) that is not trusted here`,
        advice: trustHow("your company's root CA certificate"),
      };
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return {
        detail: `issued by ${name(leaf.issuer)}, which is unknown here: a private CA, or the server does not send its intermediate certificate`,
        advice: `${trustHow('the issuing CA')} If the CA is public, install the intermediate certificate on the server.`,
      };
    case 'CERT_HAS_EXPIRED':
      return {
        detail: `certificate expired on ${leaf.valid_to}`,
        advice: 'Renew the server certificate (Exchange admin center → Servers → Certificates).',
      };
    case 'CERT_NOT_YET_VALID':
      return {
        detail: `certificate not valid before ${leaf.valid_from}`,
        advice: "Check this machine's clock, or the certificate's start date.",
      };
    default:
      return { detail: `certificate not trusted (${code})`, advice: trustHow('the certificate or its CA') };
  }
}

function chainOf(leaf: DetailedPeerCertificate): DetailedPeerCertificate[] {
  const chain = [leaf];
  let cert = leaf;
  while (cert.issuerCertificate && cert.issuerCertificate !== cert && chain.length < 10) {
    if (cert.issuerCertificate.fingerprint256 === cert.fingerprint256) break;
    cert = cert.issuerCertificate;
    chain.push(cert);
  }
  return chain;
}

function name(
  subject: { readonly CN?: string | string[]; readonly O?: string | string[] } | undefined,
): string {
  const cn = subject?.CN;
  const o = subject?.O;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return first(cn) ? `CN=${first(cn)}` : first(o) ? `O=${first(o)}` : '(no name)';
}
