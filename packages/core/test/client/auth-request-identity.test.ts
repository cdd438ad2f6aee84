import { describe, expect, it } from 'vitest';
import { AUTH_SPEC_VERSION, type AuthRequest, type AuthStrategy } from '../../src/auth/strategy.js';
import { EwsClient } from '../../src/client/ews-client.js';
import { getFolderInboxResponse } from '../helpers/exchange-responses.js';
import { fakeEwsPerTest, GET_INBOX } from '../helpers/fake-ews-per-test.js';

// The per-call identity rule of the auth contract: core hands authorize and every onChallenge of
// one attempt the SAME AuthRequest object, and each attempt a new one, so strategies key their
// per-call state by it (a WeakMap/WeakSet: NTLM's handshake phase, Digest's nonce count, Bearer's
// one retry). A copy per round would silently reset that state.

const startFakeEws = fakeEwsPerTest();

describe('AuthRequest identity', () => {
  it('one object for authorize and every challenge round of a call, a new one per call', async () => {
    // Two 401 rounds, then the answer; and again for the second call.
    const server = await startFakeEws((request) =>
      request.headers.authorization === 'Toy 2'
        ? { body: getFolderInboxResponse() }
        : { status: 401, headers: { 'www-authenticate': 'Toy' }, body: '' },
    );
    const seen: { step: string; request: AuthRequest }[] = [];
    const strategy: AuthStrategy = {
      specVersion: AUTH_SPEC_VERSION,
      scheme: 'Toy',
      binding: 'request',
      authorize: (request) => {
        seen.push({ step: 'authorize', request });
        return undefined;
      },
      onChallenge: (challenge, context) => {
        seen.push({ step: `challenge ${context.round}`, request: challenge.request });
        return { authorization: `Toy ${context.round}` };
      },
    };
    const ews = new EwsClient({ url: server.url, auth: strategy, negotiateVersion: false });
    try {
      await ews.send({ operation: 'GetFolder', body: GET_INBOX });
      await ews.send({ operation: 'GetFolder', body: GET_INBOX });
    } finally {
      await ews.close();
    }
    expect(seen.map((entry) => entry.step)).toEqual([
      'authorize',
      'challenge 1',
      'challenge 2',
      'authorize',
      'challenge 1',
      'challenge 2',
    ]);
    const [first, , , second] = seen;
    for (const entry of seen.slice(0, 3)) expect(entry.request).toBe(first?.request);
    for (const entry of seen.slice(3)) expect(entry.request).toBe(second?.request);
    expect(second?.request).not.toBe(first?.request);
  });
});
