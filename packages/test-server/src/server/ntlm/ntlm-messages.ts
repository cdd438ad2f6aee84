/** NTLMSSP message layouts (MS-NLMP 2.2.1) as the server reads and writes them. */

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

/** NegotiateFlags bits the server looks at or sets (MS-NLMP 2.2.2.5). */
export const NTLM_FLAGS = {
  unicode: 0x00000001,
  requestTarget: 0x00000004,
  sign: 0x00000010,
  seal: 0x00000020,
  ntlm: 0x00000200,
  alwaysSign: 0x00008000,
  targetTypeDomain: 0x00010000,
  extendedSessionSecurity: 0x00080000,
  targetInfo: 0x00800000,
  version: 0x02000000,
  key128: 0x20000000,
  keyExchange: 0x40000000,
  key56: 0x80000000,
} as const;

/** AV_PAIR ids (MS-NLMP 2.2.2.1). */
export const AV_ID = {
  eol: 0,
  nbComputerName: 1,
  nbDomainName: 2,
  dnsComputerName: 3,
  dnsDomainName: 4,
  dnsTreeName: 5,
  flags: 6,
  timestamp: 7,
  targetName: 9,
  channelBindings: 10,
} as const;

/** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
export const AV_FLAG_MIC_PRESENT = 0x00000002;

export interface AuthenticateMessage {
  readonly ntResponse: Buffer;
  readonly domain: string;
  readonly user: string;
  readonly workstation: string;
  readonly encryptedSessionKey: Buffer;
  readonly flags: number;
  /** The whole message, for the MIC. */
  readonly raw: Buffer;
}

/** Returns the message type (1, 2 or 3) of an NTLMSSP token, or undefined if it is not one. */
export function ntlmMessageType(token: Buffer): number | undefined {
  if (token.length < 12 || !token.subarray(0, 8).equals(SIGNATURE)) return undefined;
  return token.readUInt32LE(8);
}

function field(message: Buffer, at: number): Buffer {
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  if (offset + length > message.length) throw new RangeError('NTLM field out of bounds');
  return message.subarray(offset, offset + length);
}

/** Parses an AUTHENTICATE message (type 3); throws RangeError on a malformed one. */
export function parseAuthenticate(raw: Buffer): AuthenticateMessage {
  if (ntlmMessageType(raw) !== 3 || raw.length < 64) throw new RangeError('not an AUTHENTICATE message');
  const flags = raw.readUInt32LE(60);
  const text = (bytes: Buffer) => bytes.toString(flags & NTLM_FLAGS.unicode ? 'utf16le' : 'latin1');
  return {
    ntResponse: field(raw, 20),
    domain: text(field(raw, 28)),
    user: text(field(raw, 36)),
    workstation: text(field(raw, 44)),
    encryptedSessionKey: field(raw, 52),
    flags,
    raw,
  };
}

export function encodeAvPairs(pairs: readonly (readonly [number, Buffer])[]): Buffer {
  const parts: Buffer[] = [];
  for (const [id, value] of [...pairs, [AV_ID.eol, Buffer.alloc(0)] as const]) {
    const header = Buffer.alloc(4);
    header.writeUInt16LE(id, 0);
    header.writeUInt16LE(value.length, 2);
    parts.push(header, value);
  }
  return Buffer.concat(parts);
}

/** Decodes AV pairs up to MsvAvEOL; throws RangeError when truncated. */
export function decodeAvPairs(bytes: Buffer): Map<number, Buffer> {
  const pairs = new Map<number, Buffer>();
  let at = 0;
  while (at + 4 <= bytes.length) {
    const id = bytes.readUInt16LE(at);
    const length = bytes.readUInt16LE(at + 2);
    if (id === AV_ID.eol) return pairs;
    if (at + 4 + length > bytes.length) break;
    pairs.set(id, bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  throw new RangeError('AV pairs without MsvAvEOL');
}

/** What the server offers back, given the client's NEGOTIATE flags. */
const ECHOED_FLAGS =
  NTLM_FLAGS.unicode |
  NTLM_FLAGS.sign |
  NTLM_FLAGS.seal |
  NTLM_FLAGS.alwaysSign |
  NTLM_FLAGS.extendedSessionSecurity |
  NTLM_FLAGS.key128 |
  NTLM_FLAGS.keyExchange |
  NTLM_FLAGS.key56;
const ALWAYS_SET =
  NTLM_FLAGS.unicode |
  NTLM_FLAGS.requestTarget |
  NTLM_FLAGS.ntlm |
  NTLM_FLAGS.targetTypeDomain |
  NTLM_FLAGS.targetInfo |
  NTLM_FLAGS.version;

/** Windows Server 2016 (10.0.14393), NTLM revision 15: the VERSION field Exchange 2016 hosts send. */
const SERVER_VERSION = Buffer.from([10, 0, 0x39, 0x38, 0, 0, 0, 15]);

export interface ChallengeInput {
  readonly negotiateFlags: number;
  readonly serverChallenge: Buffer;
  readonly targetName: string;
  readonly targetInfo: Buffer;
}

/** Builds a CHALLENGE message (type 2) with a Unicode target name and target info. */
export function buildChallenge(input: ChallengeInput): Buffer {
  const targetName = Buffer.from(input.targetName, 'utf16le');
  const header = Buffer.alloc(56);
  SIGNATURE.copy(header, 0);
  header.writeUInt32LE(2, 8);
  header.writeUInt16LE(targetName.length, 12);
  header.writeUInt16LE(targetName.length, 14);
  header.writeUInt32LE(56, 16);
  header.writeUInt32LE(((input.negotiateFlags & ECHOED_FLAGS) | ALWAYS_SET) >>> 0, 20);
  input.serverChallenge.copy(header, 24);
  header.writeUInt16LE(input.targetInfo.length, 40);
  header.writeUInt16LE(input.targetInfo.length, 42);
  header.writeUInt32LE(56 + targetName.length, 44);
  SERVER_VERSION.copy(header, 48);
  return Buffer.concat([header, targetName, input.targetInfo]);
}
