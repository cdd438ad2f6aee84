/**
 * The server side of NTLMv2, written for tests from MS-NLMP 3.2.5.1.2 / 3.3.2: builds a CHALLENGE
 * and verifies an AUTHENTICATE against a known password (NTProofStr, MIC, MsvAvTimestamp,
 * MsvAvChannelBindings). It parses the messages itself rather than with the client's decoders.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { md4 } from '../../src/crypto/md4.js';
import { rc4 } from '../../src/crypto/rc4.js';

const utf16 = (text: string): Buffer => Buffer.from(text, 'utf16le');
const hmac = (key: Uint8Array, ...parts: Uint8Array[]): Buffer => {
  const h = createHmac('md5', key);
  for (const part of parts) h.update(part);
  return h.digest();
};

export interface VerifierAccount {
  readonly user: string;
  readonly domain: string;
  readonly password: string;
}

export interface ChallengeState {
  readonly negotiate: Buffer;
  readonly challenge: Buffer;
  readonly serverChallenge: Buffer;
  readonly timestamp: Buffer;
}

function avPair(id: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value]);
}

/** A CHALLENGE like Windows sends: NetBIOS/DNS names, timestamp, KEY_EXCH and VERSION. */
export function buildChallenge(
  negotiate: Buffer,
  names = { domain: 'EWS', computer: 'EWSLAB' },
): ChallengeState {
  if (negotiate.readUInt32LE(8) !== 1) throw new Error('expected a NEGOTIATE message');
  const serverChallenge = randomBytes(8);
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64LE((BigInt(Date.now()) + 11_644_473_600_000n) * 10_000n);
  const targetName = utf16(names.domain);
  const targetInfo = Buffer.concat([
    avPair(2, utf16(names.domain)),
    avPair(1, utf16(names.computer)),
    avPair(4, utf16(`${names.domain.toLowerCase()}.test`)),
    avPair(3, utf16(`${names.computer.toLowerCase()}.${names.domain.toLowerCase()}.test`)),
    avPair(7, timestamp),
    Buffer.alloc(4),
  ]);
  // UNICODE, REQUEST_TARGET, NTLM, ALWAYS_SIGN, TARGET_TYPE_DOMAIN, ESS, TARGET_INFO, VERSION, 128, KEY_EXCH, 56
  const flags = 0xe2898205;
  const header = Buffer.alloc(56);
  header.write('NTLMSSP\0', 0, 'latin1');
  header.writeUInt32LE(2, 8);
  header.writeUInt16LE(targetName.length, 12);
  header.writeUInt16LE(targetName.length, 14);
  header.writeUInt32LE(56, 16);
  header.writeUInt32LE(flags, 20);
  serverChallenge.copy(header, 24);
  header.writeUInt16LE(targetInfo.length, 40);
  header.writeUInt16LE(targetInfo.length, 42);
  header.writeUInt32LE(56 + targetName.length, 44);
  Buffer.from([10, 0, 0x7c, 0x4f, 0, 0, 0, 15]).copy(header, 48);
  return {
    negotiate,
    challenge: Buffer.concat([header, targetName, targetInfo]),
    serverChallenge,
    timestamp,
  };
}

export interface VerifyOptions {
  /** Expected MsvAvChannelBindings (16 bytes); undefined: not checked. */
  readonly expectedChannelBindings?: Buffer | undefined;
}

export type VerifyResult =
  | { readonly ok: true; readonly user: string; readonly domain: string; readonly workstation: string }
  | { readonly ok: false; readonly reason: string };

function field(message: Buffer, at: number): Buffer {
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  if (offset + length > message.length) throw new Error('security buffer out of range');
  return message.subarray(offset, offset + length);
}

function parsePairs(bytes: Buffer): Map<number, Buffer> {
  const pairs = new Map<number, Buffer>();
  for (let at = 0; at + 4 <= bytes.length; ) {
    const id = bytes.readUInt16LE(at);
    const length = bytes.readUInt16LE(at + 2);
    if (id === 0) break;
    pairs.set(id, bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return pairs;
}

/** Verifies an AUTHENTICATE message as an acceptor would, for the one known account. */
export function verifyAuthenticate(
  authenticate: Buffer,
  state: ChallengeState,
  account: VerifierAccount,
  options: VerifyOptions = {},
): VerifyResult {
  if (authenticate.readUInt32LE(8) !== 3) return { ok: false, reason: 'not an AUTHENTICATE message' };
  const nt = field(authenticate, 20);
  const domain = field(authenticate, 28).toString('utf16le');
  const user = field(authenticate, 36).toString('utf16le');
  const workstation = field(authenticate, 44).toString('utf16le');
  const encryptedKey = field(authenticate, 52);
  const flags = authenticate.readUInt32LE(60);
  if (user.toUpperCase() !== account.user.toUpperCase() || domain !== account.domain) {
    return { ok: false, reason: `unknown account ${domain}\\${user}` };
  }
  const responseKey = hmac(md4(utf16(account.password)), utf16(account.user.toUpperCase() + account.domain));
  const proof = nt.subarray(0, 16);
  const blob = nt.subarray(16);
  if (!hmac(responseKey, state.serverChallenge, blob).equals(proof))
    return { ok: false, reason: 'bad NTProofStr' };
  const pairs = parsePairs(blob.subarray(28));
  if (!blob.subarray(8, 16).equals(state.timestamp))
    return { ok: false, reason: 'timestamp is not the server one' };
  const avFlags = pairs.get(6)?.readUInt32LE(0) ?? 0;
  if ((avFlags & 2) === 0) return { ok: false, reason: 'MIC not announced' };
  const sessionBaseKey = hmac(responseKey, proof);
  const exported = flags & 0x40000000 ? Buffer.from(rc4(sessionBaseKey, encryptedKey)) : sessionBaseKey;
  const mic = Buffer.from(authenticate.subarray(72, 88));
  const zeroed = Buffer.from(authenticate);
  zeroed.fill(0, 72, 88);
  if (!hmac(exported, state.negotiate, state.challenge, zeroed).equals(mic))
    return { ok: false, reason: 'bad MIC' };
  if (options.expectedChannelBindings) {
    const binding = pairs.get(10);
    if (!binding?.equals(options.expectedChannelBindings)) {
      return { ok: false, reason: 'channel binding mismatch' };
    }
  }
  return { ok: true, user, domain, workstation };
}

/** MD5(gss_channel_bindings_struct) for `tls-server-end-point:` + hash(certificate), computed from RFC 5929. */
export function expectedChannelBindings(
  certificateDer: Buffer,
  hash: 'sha256' | 'sha384' | 'sha512',
): Buffer {
  const data = Buffer.concat([
    Buffer.from('tls-server-end-point:'),
    createHash(hash).update(certificateDer).digest(),
  ]);
  const struct = Buffer.alloc(20);
  struct.writeUInt32LE(data.length, 16);
  return createHash('md5')
    .update(Buffer.concat([struct, data]))
    .digest();
}
