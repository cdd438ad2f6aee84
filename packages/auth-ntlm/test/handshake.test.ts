import { describe, expect, it } from 'vitest';
import { ntHash } from '../src/crypto/ntlmv2.js';
import { rc4 } from '../src/crypto/rc4.js';
import { decodeAuthenticateMessage } from '../src/messages/authenticate-message.js';
import { decodeAvPairs } from '../src/messages/av-pairs.js';
import { encodeNegotiateMessage } from '../src/messages/negotiate-message.js';
import { createAuthenticateMessage, fileTimeNow } from '../src/ntlm-handshake.js';
import { channelBinding, chromiumClientPairs, common, ntlmV2 } from './fixtures/ms-nlmp-vectors.js';
import { buildChallenge, verifyAuthenticate } from './support/ntlm-verifier.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function specAuthenticate(now: Uint8Array): Uint8Array {
  return createAuthenticateMessage({
    user: common.user,
    domain: common.domain,
    ntHash: ntHash(common.password),
    workstation: common.workstation,
    negotiateMessage: encodeNegotiateMessage(),
    challengeMessage: ntlmV2.challengeMessage,
    channelBindingData: channelBinding.applicationData,
    targetSpn: chromiumClientPairs.targetSpn,
    clientChallenge: common.clientChallenge,
    randomSessionKey: common.randomSessionKey,
    now,
  });
}

describe('createAuthenticateMessage on the MS-NLMP 4.2.4 challenge', () => {
  it('adds MsvAvFlags(MIC), MsvAvChannelBindings and MsvAvTargetName exactly as Chromium vectors expect', () => {
    const message = decodeAuthenticateMessage(specAuthenticate(common.time));
    const nt = message.ntChallengeResponse;
    expect(hex(nt.subarray(0, 16))).toBe(hex(chromiumClientPairs.ntProofStr));
    expect(hex(nt.subarray(16 + 28, nt.length - 4))).toBe(hex(chromiumClientPairs.targetInfo));
    expect(hex(nt.subarray(16 + 16, 16 + 24))).toBe(hex(common.clientChallenge));
  });

  it('uses the client clock when the server sent no MsvAvTimestamp', () => {
    const message = decodeAuthenticateMessage(specAuthenticate(chromiumClientPairs.clientTimestamp));
    const nt = message.ntChallengeResponse;
    expect(hex(nt.subarray(0, 16))).toBe(hex(chromiumClientPairs.ntProofStrWithClientTimestamp));
    expect(hex(nt.subarray(16 + 8, 16 + 16))).toBe(hex(chromiumClientPairs.clientTimestamp));
    // No server timestamp: the LMv2 response is sent (HMAC over the challenges + client challenge).
    expect(message.lmChallengeResponse).toHaveLength(24);
    expect(hex(message.lmChallengeResponse)).toBe(hex(ntlmV2.lmV2Response));
  });

  it('sends a VERSION field, a MIC, the workstation and an encrypted session key (KEY_EXCH)', () => {
    const message = decodeAuthenticateMessage(specAuthenticate(chromiumClientPairs.clientTimestamp));
    expect(message.version).toBeDefined();
    expect(message.mic).toHaveLength(16);
    expect(message.mic && hex(message.mic)).not.toBe('00'.repeat(16));
    expect(message.workstation).toBe(common.workstation);
    // RC4(session base key, random session key), with the base key from the Chromium vector.
    const expectedKey = rc4(chromiumClientPairs.sessionBaseKeyWithClientTimestamp, common.randomSessionKey);
    expect(hex(message.encryptedRandomSessionKey)).toBe(hex(expectedKey));
    // Negotiated flags: the server's, minus OEM, minus what this client never asks for (SIGN/SEAL).
    expect(message.flags & 0x1).toBe(0x1);
    expect(message.flags & 0x2).toBe(0);
    expect(message.flags & 0x30).toBe(0);
    expect(message.flags & 0x40000000).toBe(0x40000000);
  });
});

describe('createAuthenticateMessage against the test acceptor', () => {
  const account = { user: 'alice', domain: 'EWS', password: 'Alice-Passw0rd' };
  const negotiate = Buffer.from(encodeNegotiateMessage());

  const answer = (challenge: Buffer, password = account.password, certificateData?: Uint8Array) =>
    Buffer.from(
      createAuthenticateMessage({
        user: account.user,
        domain: account.domain,
        ntHash: ntHash(password),
        workstation: 'WS1',
        negotiateMessage: negotiate,
        challengeMessage: challenge,
        channelBindingData: certificateData,
        clientChallenge: new Uint8Array(8).fill(7),
        randomSessionKey: new Uint8Array(16).fill(9),
        now: fileTimeNow(0),
      }),
    );

  it('is accepted (NTProofStr, MIC over the 3 messages, server timestamp echoed)', () => {
    const state = buildChallenge(negotiate);
    const result = verifyAuthenticate(answer(state.challenge), state, account);
    expect(result).toEqual({ ok: true, user: 'alice', domain: 'EWS', workstation: 'WS1' });
  });

  it('echoes the server timestamp and sends Z(24) as the LM response', () => {
    const state = buildChallenge(negotiate);
    const message = decodeAuthenticateMessage(answer(state.challenge));
    expect(hex(message.ntChallengeResponse.subarray(24, 32))).toBe(hex(state.timestamp));
    expect(hex(message.lmChallengeResponse)).toBe('00'.repeat(24));
  });

  it('keeps the server pairs in order and adds the client ones before EOL', () => {
    const state = buildChallenge(negotiate);
    const message = decodeAuthenticateMessage(answer(state.challenge));
    const ids = decodeAvPairs(message.ntChallengeResponse.subarray(16 + 28)).map((pair) => pair.id);
    expect(ids).toEqual([2, 1, 4, 3, 7, 6, 10]);
  });

  it('is refused with a wrong password (bad NTProofStr)', () => {
    const state = buildChallenge(negotiate);
    expect(verifyAuthenticate(answer(state.challenge, 'wrong'), state, account)).toEqual({
      ok: false,
      reason: 'bad NTProofStr',
    });
  });

  it('is refused when the MIC covers a different NEGOTIATE than the server saw', () => {
    const state = buildChallenge(negotiate);
    const tampered = { ...state, negotiate: Buffer.concat([negotiate.subarray(0, 39), Buffer.from([1])]) };
    expect(verifyAuthenticate(answer(state.challenge), tampered, account)).toEqual({
      ok: false,
      reason: 'bad MIC',
    });
  });
});
