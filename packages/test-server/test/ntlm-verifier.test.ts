import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectedChannelBindings } from '../src/server/ntlm/channel-binding.js';
import { md4 } from '../src/server/ntlm/md4.js';
import { decodeAvPairs, parseAuthenticate } from '../src/server/ntlm/ntlm-messages.js';
import { verifyNtlmV2 } from '../src/server/ntlm/ntlmv2-verifier.js';
import { rc4 } from '../src/server/ntlm/rc4.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const utf16 = (text: string) => Buffer.from(text, 'utf16le');
const hmacMd5 = (key: Buffer, ...parts: Buffer[]) => {
  const mac = createHmac('md5', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

// MS-NLMP 4.2.1 / 4.2.4: user "User", domain "Domain", password "Password".
const SERVER_CHALLENGE = hex('0123456789abcdef');
const SPEC_TARGET_INFO = hex(
  '02000c0044006f006d00610069006e00 01000c005300650072007600650072000000 0000'.replace(/ /g, ''),
);
const SPEC_NTOWFV2 = hex('0c868a403bfd7a93a3001ef22ef02e3f');

function blob(targetInfo: Buffer): Buffer {
  // RespType 1, HiRespType 1, reserved, time 0, client challenge aa*8, reserved, AV pairs, reserved.
  return Buffer.concat([
    hex('0101000000000000'),
    Buffer.alloc(8),
    Buffer.alloc(8, 0xaa),
    Buffer.alloc(4),
    targetInfo,
    Buffer.alloc(4),
  ]);
}

/** An AUTHENTICATE message (type 3) with a VERSION and a MIC slot, Unicode strings. */
function authenticateMessage(ntResponse: Buffer, flags: number, mic = Buffer.alloc(16)): Buffer {
  const payload = [
    Buffer.alloc(24),
    ntResponse,
    utf16('Domain'),
    utf16('User'),
    utf16('COMPUTER'),
    Buffer.alloc(0),
  ];
  const header = Buffer.alloc(88);
  header.write('NTLMSSP\0', 0, 'latin1');
  header.writeUInt32LE(3, 8);
  let offset = 88;
  payload.forEach((part, i) => {
    header.writeUInt16LE(part.length, 12 + i * 8);
    header.writeUInt16LE(part.length, 14 + i * 8);
    header.writeUInt32LE(offset, 16 + i * 8);
    offset += part.length;
  });
  header.writeUInt32LE(flags >>> 0, 60);
  mic.copy(header, 72);
  return Buffer.concat([header, ...payload]);
}

const base = {
  negotiate: hex('4e544c4d5353500001000000978208e2'),
  challenge: hex('4e544c4d53535000020000000c000c003800000033828ae2'),
  serverChallenge: SERVER_CHALLENGE,
  password: 'Password',
  channelBinding: 'off' as const,
  expectedBindings: undefined,
};

describe('server-side NTLM primitives', () => {
  it('MD4 matches the RFC 1320 test suite', () => {
    const suite: [string, string][] = [
      ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
      ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
      ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
      ['message digest', 'd9130a8164549fe818874806e1c7014b'],
      ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
      ['1234567890'.repeat(8), 'e33b4ddc9c38f2199c3e7b164fcc0536'],
    ];
    for (const [input, digest] of suite) expect(md4(Buffer.from(input)).toString('hex')).toBe(digest);
    // MS-NLMP 4.2.2.1.2: NTOWFv1("Password").
    expect(md4(utf16('Password')).toString('hex')).toBe('a4f49c406510bdcab6824ee7c30fd852');
  });

  it('RC4 unwraps the MS-NLMP 4.2.4 EncryptedRandomSessionKey to the RandomSessionKey', () => {
    const sessionBaseKey = hex('8de40ccadbc14a82f15cb0ad0de95ca3');
    expect(rc4(sessionBaseKey, hex('c5dad2544fc9799094ce1ce90bc9d03e'))).toEqual(Buffer.alloc(16, 0x55));
  });

  it('accepts the MS-NLMP 4.2.4 NTLMv2 response and refuses it for another password or challenge', () => {
    const ntResponse = Buffer.concat([hex('68cd0ab851e51c96aabc927bebef6a1c'), blob(SPEC_TARGET_INFO)]);
    const authenticate = parseAuthenticate(authenticateMessage(ntResponse, 0xe2888215));
    expect([authenticate.user, authenticate.domain, authenticate.workstation]).toEqual([
      'User',
      'Domain',
      'COMPUTER',
    ]);
    expect(verifyNtlmV2({ ...base, authenticate })).toBeUndefined();
    expect(verifyNtlmV2({ ...base, authenticate, password: 'password' })).toBe('bad NTProofStr');
    expect(verifyNtlmV2({ ...base, authenticate, serverChallenge: Buffer.alloc(8) })).toBe('bad NTProofStr');
  });

  describe('MIC and channel binding', () => {
    const certificateBindings = hex('00112233445566778899aabbccddeeff');
    // MsvAvFlags = MIC present, MsvAvChannelBindings, then the spec's pairs.
    const pairs = (bindings: Buffer) =>
      Buffer.concat([hex('0600040002000000'), hex('0a001000'), bindings, SPEC_TARGET_INFO]);
    function signed(bindings: Buffer, tamper = false) {
      const temp = blob(pairs(bindings));
      const proof = hmacMd5(SPEC_NTOWFV2, SERVER_CHALLENGE, temp);
      const sessionBaseKey = hmacMd5(SPEC_NTOWFV2, proof);
      // Without key exchange the exported session key is the session base key.
      const unsigned = authenticateMessage(Buffer.concat([proof, temp]), 0xa2888215);
      const mic = hmacMd5(sessionBaseKey, base.negotiate, base.challenge, unsigned);
      if (tamper) mic[0] = (mic[0] ?? 0) ^ 1;
      return parseAuthenticate(authenticateMessage(Buffer.concat([proof, temp]), 0xa2888215, mic));
    }

    it('checks the MIC over NEGOTIATE, CHALLENGE and AUTHENTICATE', () => {
      expect(verifyNtlmV2({ ...base, authenticate: signed(certificateBindings) })).toBeUndefined();
      expect(verifyNtlmV2({ ...base, authenticate: signed(certificateBindings, true) })).toBe('bad MIC');
    });

    it.each([
      ['required', certificateBindings, undefined],
      ['required', Buffer.alloc(16), 'missing channel binding'],
      ['required', hex('ffeeddccbbaa99887766554433221100'), 'wrong channel binding'],
      ['accepted', Buffer.alloc(16), undefined],
      ['accepted', hex('ffeeddccbbaa99887766554433221100'), 'wrong channel binding'],
      ['off', hex('ffeeddccbbaa99887766554433221100'), undefined],
    ] as const)("channelBinding '%s' with binding %s -> %s", (mode, sent, verdict) => {
      const authenticate = signed(sent);
      const result = verifyNtlmV2({
        ...base,
        authenticate,
        channelBinding: mode,
        expectedBindings: certificateBindings,
      });
      expect(result).toBe(verdict);
    });
  });

  it('derives the binding from the certificate: MD5 of the gss_channel_bindings_struct', () => {
    // A minimal DER "certificate" SEQ { SEQ {}, SEQ { OID ecdsa-with-SHA384 } }: hashed with SHA-384.
    const der = hex('300e 3000 300a 06082a8648ce3d040303'.replace(/ /g, ''));
    const appData = Buffer.concat([
      Buffer.from('tls-server-end-point:'),
      createHash('sha384').update(der).digest(),
    ]);
    const struct = Buffer.concat([Buffer.alloc(16), Buffer.from([appData.length, 0, 0, 0]), appData]);
    expect(expectedChannelBindings(der)).toEqual(createHash('md5').update(struct).digest());
  });

  it('refuses AV pairs without an end marker', () => {
    expect(() => decodeAvPairs(hex('02000c0044006f00'))).toThrow(RangeError);
  });
});
