import { NTLMSSP_SIGNATURE } from './constants.js';

/** Thrown (internally) when a message is malformed; the strategy turns it into an EwsAuthError. */
export class NtlmMessageError extends Error {
  override readonly name = 'NtlmMessageError';
}

/** A security buffer (length, max length, offset) pointing into the payload. */
export function writeSecurityBuffer(view: DataView, at: number, length: number, offset: number): void {
  view.setUint16(at, length, true);
  view.setUint16(at + 2, length, true);
  view.setUint32(at + 4, offset, true);
}

/** Reads a security buffer and returns the bytes it points to, bounds-checked. */
export function readSecurityBuffer(message: Uint8Array, at: number, field: string): Uint8Array {
  if (at + 8 > message.length) throw new NtlmMessageError(`NTLM message too short for the ${field} field`);
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const length = view.getUint16(at, true);
  const offset = view.getUint32(at + 4, true);
  if (length === 0) return new Uint8Array(0);
  if (offset + length > message.length) {
    throw new NtlmMessageError(`NTLM ${field} field points outside the message`);
  }
  return message.slice(offset, offset + length);
}

/** Checks the signature and message type; returns a view over the message. */
export function checkHeader(message: Uint8Array, type: number, minimumLength: number): DataView {
  if (message.length < minimumLength) {
    throw new NtlmMessageError(`NTLM message of ${message.length} bytes is too short`);
  }
  if (!NTLMSSP_SIGNATURE.every((byte, i) => message[i] === byte)) {
    throw new NtlmMessageError('Not an NTLMSSP message (bad signature)');
  }
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const actual = view.getUint32(8, true);
  if (actual !== type) throw new NtlmMessageError(`Expected NTLM message type ${type}, got ${actual}`);
  return view;
}

/** Reads the message type of a token, or undefined when it is not NTLMSSP. */
export function ntlmMessageType(message: Uint8Array): number | undefined {
  if (message.length < 12 || !NTLMSSP_SIGNATURE.every((byte, i) => message[i] === byte)) return undefined;
  return new DataView(message.buffer, message.byteOffset, message.byteLength).getUint32(8, true);
}
