import { checkHeader, readSecurityBuffer, writeSecurityBuffer } from './byte-fields.js';
import { MessageType, NTLMSSP_SIGNATURE } from './constants.js';

/** The fields of an AUTHENTICATE_MESSAGE (type 3, MS-NLMP 2.2.1.3), strings already UTF-16LE. */
export interface AuthenticateFields {
  readonly flags: number;
  readonly lmChallengeResponse: Uint8Array;
  readonly ntChallengeResponse: Uint8Array;
  readonly domain: Uint8Array;
  readonly user: Uint8Array;
  readonly workstation: Uint8Array;
  readonly encryptedRandomSessionKey: Uint8Array;
  /** The 8-byte VERSION structure; omitted only for legacy peers. */
  readonly version?: Uint8Array | undefined;
  /** Reserve the 16-byte MIC field (requires `version`); filled in later with `withMic`. */
  readonly includeMic: boolean;
}

const FIXED_HEADER_LENGTH = 64;
const VERSION_LENGTH = 8;
export const MIC_LENGTH = 16;

export interface EncodedAuthenticate {
  readonly message: Uint8Array;
  /** Where the MIC goes, or undefined when the message has no MIC field. */
  readonly micOffset: number | undefined;
}

/**
 * Encodes the message with a zeroed MIC field. The payload order (domain, user, workstation,
 * LM, NT, session key) is the one Windows uses and MS-NLMP 4.2.4.3 shows.
 */
export function encodeAuthenticateMessage(fields: AuthenticateFields): EncodedAuthenticate {
  if (fields.includeMic && !fields.version) throw new RangeError('the MIC field follows the VERSION field');
  const headerLength =
    FIXED_HEADER_LENGTH + (fields.version ? VERSION_LENGTH : 0) + (fields.includeMic ? MIC_LENGTH : 0);
  // [security buffer position in the header, payload], in payload order.
  const payload: readonly (readonly [number, Uint8Array])[] = [
    [28, fields.domain],
    [36, fields.user],
    [44, fields.workstation],
    [12, fields.lmChallengeResponse],
    [20, fields.ntChallengeResponse],
    [52, fields.encryptedRandomSessionKey],
  ];
  const total = payload.reduce((sum, [, bytes]) => sum + bytes.length, headerLength);
  const message = new Uint8Array(total);
  const view = new DataView(message.buffer);
  message.set(NTLMSSP_SIGNATURE, 0);
  view.setUint32(8, MessageType.authenticate, true);
  view.setUint32(60, fields.flags >>> 0, true);
  if (fields.version) message.set(fields.version, FIXED_HEADER_LENGTH);
  let offset = headerLength;
  for (const [position, bytes] of payload) {
    writeSecurityBuffer(view, position, bytes.length, offset);
    message.set(bytes, offset);
    offset += bytes.length;
  }
  return {
    message,
    micOffset: fields.includeMic ? FIXED_HEADER_LENGTH + VERSION_LENGTH : undefined,
  };
}

/** Returns a copy of the message with the MIC written in. */
export function withMic(encoded: EncodedAuthenticate, mic: Uint8Array): Uint8Array {
  if (encoded.micOffset === undefined) throw new RangeError('this AUTHENTICATE message has no MIC field');
  const message = encoded.message.slice();
  message.set(mic, encoded.micOffset);
  return message;
}

/** A decoded AUTHENTICATE message (for servers and tests). */
export interface AuthenticateMessage {
  readonly flags: number;
  readonly lmChallengeResponse: Uint8Array;
  readonly ntChallengeResponse: Uint8Array;
  readonly domain: string;
  readonly user: string;
  readonly workstation: string;
  readonly encryptedRandomSessionKey: Uint8Array;
  readonly version: Uint8Array | undefined;
  /** The MIC, when the payload starts late enough to leave room for one. */
  readonly mic: Uint8Array | undefined;
}

export function decodeAuthenticateMessage(message: Uint8Array): AuthenticateMessage {
  const view = checkHeader(message, MessageType.authenticate, FIXED_HEADER_LENGTH);
  const buffers = [12, 20, 28, 36, 44, 52];
  // The payload starts after the last header field, which tells whether VERSION and MIC are there.
  const payloadStart = Math.min(
    message.length,
    ...buffers.filter((at) => view.getUint16(at, true) > 0).map((at) => view.getUint32(at + 4, true)),
  );
  const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf16le');
  const micEnd = FIXED_HEADER_LENGTH + VERSION_LENGTH + MIC_LENGTH;
  return {
    flags: view.getUint32(60, true),
    lmChallengeResponse: readSecurityBuffer(message, 12, 'LmChallengeResponse'),
    ntChallengeResponse: readSecurityBuffer(message, 20, 'NtChallengeResponse'),
    domain: text(readSecurityBuffer(message, 28, 'DomainName')),
    user: text(readSecurityBuffer(message, 36, 'UserName')),
    workstation: text(readSecurityBuffer(message, 44, 'Workstation')),
    encryptedRandomSessionKey: readSecurityBuffer(message, 52, 'EncryptedRandomSessionKey'),
    version:
      payloadStart >= FIXED_HEADER_LENGTH + VERSION_LENGTH
        ? message.slice(FIXED_HEADER_LENGTH, FIXED_HEADER_LENGTH + VERSION_LENGTH)
        : undefined,
    mic: payloadStart >= micEnd ? message.slice(micEnd - MIC_LENGTH, micEnd) : undefined,
  };
}
