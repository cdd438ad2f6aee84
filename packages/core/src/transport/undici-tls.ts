import type { ConnectionOptions } from 'node:tls';
import type { TlsMaterial, TlsOptions } from './tls-options.js';

/** Maps our TLS options onto `tls.connect` options (undici passes them through). */
export function toNodeTlsOptions(tls: TlsOptions | undefined): ConnectionOptions {
  if (!tls) return {};
  const options: ConnectionOptions = {};
  if (tls.ca !== undefined) options.ca = (Array.isArray(tls.ca) ? tls.ca : [tls.ca]).map(material);
  if (tls.cert !== undefined) options.cert = material(tls.cert);
  if (tls.key !== undefined) options.key = material(tls.key);
  if (tls.pfx !== undefined) options.pfx = material(tls.pfx);
  if (tls.passphrase !== undefined) options.passphrase = tls.passphrase;
  if (tls.servername !== undefined) options.servername = tls.servername;
  if (tls.insecureSkipVerify === true) options.rejectUnauthorized = false;
  return options;
}

function material(value: TlsMaterial): string | Buffer {
  return typeof value === 'string' ? value : Buffer.from(value);
}
