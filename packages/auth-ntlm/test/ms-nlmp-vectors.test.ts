import { describe, expect, it } from 'vitest';
import { channelBindingsHash } from '../src/channel-binding.js';
import { computeNtlmV2Responses, ntHash, ntowfV2 } from '../src/crypto/ntlmv2.js';
import { utf16le } from '../src/crypto/primitives.js';
import { rc4 } from '../src/crypto/rc4.js';
import {
  decodeAuthenticateMessage,
  encodeAuthenticateMessage,
} from '../src/messages/authenticate-message.js';
import { decodeChallengeMessage } from '../src/messages/challenge-message.js';
import { channelBinding, common, ntlmV2, ntowfV1 } from './fixtures/ms-nlmp-vectors.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('MS-NLMP 4.2 test vectors', () => {
  const responseKeyNt = ntowfV2(ntHash(common.password), common.user, common.domain);
  const responses = computeNtlmV2Responses({
    responseKeyNt,
    serverChallenge: common.serverChallenge,
    clientChallenge: common.clientChallenge,
    timestamp: common.time,
    targetInfo: ntlmV2.targetInfo,
  });

  it('4.2.2.1.2 NTOWFv1 (MD4 of the UTF-16LE password)', () => {
    expect(hex(ntHash(common.password))).toBe(hex(ntowfV1));
  });

  it('4.2.4.1.1 NTOWFv2', () => {
    expect(hex(responseKeyNt)).toBe(hex(ntlmV2.ntowfV2));
  });

  it('4.2.4.1.2 session base key', () => {
    expect(hex(responses.sessionBaseKey)).toBe(hex(ntlmV2.sessionBaseKey));
  });

  it('4.2.4.2.1 LMv2 response', () => {
    expect(hex(responses.lmChallengeResponse)).toBe(hex(ntlmV2.lmV2Response));
  });

  it('4.2.4.2.2 NTLMv2 response (NTProofStr)', () => {
    expect(hex(responses.ntProofStr)).toBe(hex(ntlmV2.ntProofStr));
    expect(hex(responses.ntChallengeResponse.subarray(0, 16))).toBe(hex(ntlmV2.ntProofStr));
  });

  it('4.2.4.2.3 encrypted session key (RC4 of the random session key under the key exchange key)', () => {
    expect(hex(rc4(responses.sessionBaseKey, common.randomSessionKey))).toBe(hex(ntlmV2.encryptedSessionKey));
  });

  it('4.2.4.3 CHALLENGE message decodes to the 4.2.1 values', () => {
    const challenge = decodeChallengeMessage(ntlmV2.challengeMessage);
    expect(challenge.flags >>> 0).toBe(ntlmV2.challengeFlags);
    expect(hex(challenge.serverChallenge)).toBe(hex(common.serverChallenge));
    expect(challenge.targetName).toBe(common.serverName);
    expect(hex(challenge.targetInfoBytes)).toBe(hex(ntlmV2.targetInfo));
    expect(challenge.targetInfo).toEqual({ nbDomainName: common.domain, nbComputerName: common.serverName });
    expect(challenge.version && hex(challenge.version)).toBe('060070170000000f');
  });

  it('4.2.4.3 AUTHENTICATE message: byte-exact encoding from the computed responses', () => {
    const encoded = encodeAuthenticateMessage({
      flags: ntlmV2.authenticateFlags,
      lmChallengeResponse: responses.lmChallengeResponse,
      ntChallengeResponse: responses.ntChallengeResponse,
      domain: utf16le(common.domain),
      user: utf16le(common.user),
      workstation: utf16le(common.workstation),
      encryptedRandomSessionKey: rc4(responses.sessionBaseKey, common.randomSessionKey),
      version: ntlmV2.authenticateVersion,
      includeMic: false,
    });
    expect(encoded.micOffset).toBeUndefined();
    expect(hex(encoded.message)).toBe(hex(ntlmV2.authenticateMessage));
  });

  it('4.2.4.3 AUTHENTICATE message decodes to its fields', () => {
    const message = decodeAuthenticateMessage(ntlmV2.authenticateMessage);
    expect(message).toMatchObject({
      flags: ntlmV2.authenticateFlags,
      domain: common.domain,
      user: common.user,
      workstation: common.workstation,
      mic: undefined,
    });
    expect(message.version && hex(message.version)).toBe(hex(ntlmV2.authenticateVersion));
    expect(hex(message.encryptedRandomSessionKey)).toBe(hex(ntlmV2.encryptedSessionKey));
    expect(hex(message.lmChallengeResponse)).toBe(hex(ntlmV2.lmV2Response));
  });

  it('channel binding hash of the Microsoft EPA example', () => {
    expect(hex(channelBindingsHash(channelBinding.applicationData))).toBe(hex(channelBinding.hash));
    expect(hex(channelBindingsHash(undefined))).toBe('00'.repeat(16));
  });
});
