import { describe, expect, it } from 'vitest';
import {
  decodeAuthenticateMessage,
  encodeAuthenticateMessage,
  withMic,
} from '../src/messages/authenticate-message.js';
import { decodeAvPairs, encodeAvPairs } from '../src/messages/av-pairs.js';
import { NtlmMessageError, ntlmMessageType } from '../src/messages/byte-fields.js';
import { decodeChallengeMessage } from '../src/messages/challenge-message.js';
import { encodeNegotiateMessage } from '../src/messages/negotiate-message.js';
import { ntlmV2 } from './fixtures/ms-nlmp-vectors.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('NEGOTIATE message', () => {
  const message = encodeNegotiateMessage();

  it('is 40 bytes with the VERSION field, as Windows sends it (strict acceptors reject 32)', () => {
    expect(message).toHaveLength(40);
    expect(hex(message.subarray(0, 12))).toBe('4e544c4d5353500001000000');
    // Empty domain and workstation buffers pointing at the end of the message.
    expect(hex(message.subarray(16, 32))).toBe('0000000028000000' + '0000000028000000');
    expect(message[39]).toBe(0x0f); // NTLM revision 15
  });

  it('asks for UNICODE, OEM, REQUEST_TARGET, NTLM, ALWAYS_SIGN, ESS, 128, 56, KEY_EXCH, VERSION; no SIGN/SEAL', () => {
    const flags = new DataView(message.buffer).getUint32(12, true);
    expect(flags >>> 0).toBe(0xe2088207);
    expect(flags & 0x30).toBe(0);
    expect(ntlmMessageType(message)).toBe(1);
  });
});

describe('CHALLENGE message', () => {
  it('decodes a legacy 32-byte challenge without target info', () => {
    const legacy = ntlmV2.challengeMessage.slice(0, 32);
    legacy.fill(0, 12, 20); // no target name
    const challenge = decodeChallengeMessage(legacy);
    expect(challenge.targetInfoPairs).toEqual([]);
    expect(challenge.version).toBeUndefined();
  });

  it.each([
    ['a bad signature', (m: Uint8Array) => m.fill(0x41, 0, 1)],
    ['the wrong message type', (m: Uint8Array) => m.fill(3, 8, 9)],
    ['a target info pointing outside the message', (m: Uint8Array) => m.fill(0xff, 44, 46)],
  ])('rejects %s with NtlmMessageError', (_, corrupt) => {
    const message = ntlmV2.challengeMessage.slice();
    corrupt(message);
    expect(() => decodeChallengeMessage(message)).toThrow(NtlmMessageError);
  });

  it('rejects a truncated message', () => {
    expect(() => decodeChallengeMessage(ntlmV2.challengeMessage.slice(0, 20))).toThrow(NtlmMessageError);
  });
});

describe('AV pairs', () => {
  it('round-trips and stops at MsvAvEOL', () => {
    const pairs = [
      { id: 2, value: new Uint8Array([1, 2]) },
      { id: 7, value: new Uint8Array(8).fill(9) },
    ];
    const encoded = encodeAvPairs(pairs);
    expect(hex(encoded.subarray(-4))).toBe('00000000');
    expect(decodeAvPairs(new Uint8Array(Buffer.concat([encoded, Buffer.from('0100020041', 'hex')])))).toEqual(
      pairs,
    );
  });

  it('rejects a pair that overruns the list', () => {
    expect(() => decodeAvPairs(new Uint8Array([2, 0, 9, 0, 1]))).toThrow(NtlmMessageError);
  });
});

describe('AUTHENTICATE message', () => {
  it('places the MIC after the VERSION field and decodes it back', () => {
    const encoded = encodeAuthenticateMessage({
      flags: 0xe2888215,
      lmChallengeResponse: new Uint8Array(24),
      ntChallengeResponse: new Uint8Array(48).fill(1),
      domain: Buffer.from('EWS', 'utf16le'),
      user: Buffer.from('alice', 'utf16le'),
      workstation: Buffer.from('WS', 'utf16le'),
      encryptedRandomSessionKey: new Uint8Array(16).fill(2),
      version: new Uint8Array([10, 0, 0, 0, 0, 0, 0, 15]),
      includeMic: true,
    });
    expect(encoded.micOffset).toBe(72);
    const message = decodeAuthenticateMessage(withMic(encoded, new Uint8Array(16).fill(0xab)));
    expect(message).toMatchObject({ domain: 'EWS', user: 'alice', workstation: 'WS', flags: 0xe2888215 });
    expect(message.mic && hex(message.mic)).toBe('ab'.repeat(16));
    expect(hex(message.ntChallengeResponse)).toBe('01'.repeat(48));
  });

  it('refuses a MIC without a VERSION field', () => {
    expect(() =>
      encodeAuthenticateMessage({
        flags: 0,
        lmChallengeResponse: new Uint8Array(0),
        ntChallengeResponse: new Uint8Array(0),
        domain: new Uint8Array(0),
        user: new Uint8Array(0),
        workstation: new Uint8Array(0),
        encryptedRandomSessionKey: new Uint8Array(0),
        includeMic: true,
      }),
    ).toThrow(RangeError);
  });
});
