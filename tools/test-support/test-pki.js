// A test PKI made with the openssl CLI: what the packages' TLS tests trust and serve. Each call
// works in its own temporary directory and removes it; only PEM (or PKCS#12) text comes back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OPENSSL_TIMEOUT_MS = 30_000;
const DEFAULT_DAYS = 2;

const NEW_KEY = {
  'ec-p256': ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
  'ec-p384': ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  'rsa-2048': ['-newkey', 'rsa:2048'],
};

function openssl(dir, args) {
  return execFileSync('openssl', args, {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: OPENSSL_TIMEOUT_MS,
  });
}

function inTempDir(prefix, make) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return make(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function newKey(keyType) {
  const args = NEW_KEY[keyType];
  if (!args) throw new Error(`unknown key type ${String(keyType)}`);
  return [...args, '-nodes'];
}

function subjectAltName(names) {
  return names.map((name) => (/^\d{1,3}(\.\d{1,3}){3}$/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
}

function extensions(request) {
  const lines = [];
  if (request.altNames?.length) lines.push(`subjectAltName=${subjectAltName(request.altNames)}`);
  if (request.extendedKeyUsage) lines.push(`extendedKeyUsage=${request.extendedKeyUsage}`);
  if (request.endEntity) lines.push('basicConstraints=CA:FALSE');
  return lines.map((line) => `${line}\n`).join('');
}

export function createTestPki(request) {
  const keyType = request.keyType ?? 'ec-p256';
  const days = String(request.days ?? DEFAULT_DAYS);
  return inTempDir('ews-test-pki-', (dir) => {
    openssl(dir, [
      'req',
      '-x509',
      ...newKey(keyType),
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      days,
      '-subj',
      `/CN=${request.caCommonName}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    const read = (file) => readFileSync(join(dir, file), 'utf8');
    const certificates = {};
    for (const [index, [name, certificate]] of Object.entries(request.certificates).entries()) {
      const base = `leaf-${index}`;
      openssl(dir, [
        'req',
        '-new',
        ...newKey(keyType),
        '-keyout',
        `${base}.key`,
        '-out',
        `${base}.csr`,
        '-subj',
        `/CN=${certificate.commonName}`,
      ]);
      writeFileSync(join(dir, `${base}.ext`), extensions(certificate));
      openssl(dir, [
        'x509',
        '-req',
        '-in',
        `${base}.csr`,
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${base}.crt`,
        '-days',
        days,
        '-extfile',
        `${base}.ext`,
      ]);
      certificates[name] = { cert: read(`${base}.crt`), key: read(`${base}.key`) };
    }
    return { ca: read('ca.crt'), certificates };
  });
}

export function createSelfSigned(request) {
  const keyType = request.keyType ?? 'ec-p256';
  const keyFormat = request.keyFormat ?? 'pkcs8';
  if (keyFormat === 'pkcs1' && keyType !== 'rsa-2048') throw new Error('a pkcs1 key must be RSA');
  return inTempDir('ews-test-cert-', (dir) => {
    // PKCS#1 is what `genrsa -traditional` writes; `req -newkey` writes PKCS#8.
    if (keyFormat === 'pkcs1') openssl(dir, ['genrsa', '-traditional', '-out', 'key.pem', '2048']);
    const key = keyFormat === 'pkcs1' ? ['-key', 'key.pem'] : [...newKey(keyType), '-keyout', 'key.pem'];
    openssl(dir, [
      'req',
      '-x509',
      ...key,
      ...(request.digest ? [`-${request.digest}`] : []),
      '-days',
      String(request.days ?? DEFAULT_DAYS),
      '-subj',
      `/CN=${request.commonName}`,
      ...(request.altNames?.length ? ['-addext', `subjectAltName=${subjectAltName(request.altNames)}`] : []),
      '-out',
      'cert.pem',
    ]);
    return {
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    };
  });
}

export function toPkcs12(pair, passphrase) {
  return inTempDir('ews-test-p12-', (dir) => {
    writeFileSync(join(dir, 'cert.pem'), pair.cert);
    writeFileSync(join(dir, 'key.pem'), pair.key, { mode: 0o600 });
    openssl(dir, [
      'pkcs12',
      '-export',
      '-inkey',
      'key.pem',
      '-in',
      'cert.pem',
      '-out',
      'bundle.p12',
      '-passout',
      `pass:${passphrase}`,
    ]);
    return readFileSync(join(dir, 'bundle.p12'));
  });
}
