import { writeSecurityBuffer } from './byte-fields.js';
import { CLIENT_NEGOTIATE_FLAGS, CLIENT_VERSION, MessageType, NTLMSSP_SIGNATURE } from './constants.js';

/** Fixed part of a NEGOTIATE message with the VERSION field (no payload follows). */
const NEGOTIATE_LENGTH = 40;

/**
 * Encodes a NEGOTIATE_MESSAGE (type 1, MS-NLMP 2.2.1.1) with the VERSION field, 40 bytes:
 * strict acceptors (gss-ntlmssp) reject the 32-byte legacy form. Domain and workstation are
 * empty (their OEM_*_SUPPLIED flags are not set), so the message is the same for every user.
 */
export function encodeNegotiateMessage(flags: number = CLIENT_NEGOTIATE_FLAGS): Uint8Array {
  const message = new Uint8Array(NEGOTIATE_LENGTH);
  const view = new DataView(message.buffer);
  message.set(NTLMSSP_SIGNATURE, 0);
  view.setUint32(8, MessageType.negotiate, true);
  view.setUint32(12, flags >>> 0, true);
  writeSecurityBuffer(view, 16, 0, NEGOTIATE_LENGTH); // DomainNameFields
  writeSecurityBuffer(view, 24, 0, NEGOTIATE_LENGTH); // WorkstationFields
  message.set(CLIENT_VERSION, 32);
  return message;
}
