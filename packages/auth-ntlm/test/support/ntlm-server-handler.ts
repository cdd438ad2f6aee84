/**
 * NTLM as an `AuthServerHandler` for `@ews/core/testing` (runAuthConformance). The handler API
 * has no notion of sockets, so this models ONE connection: the reference driver keeps a single
 * keep-alive socket per origin and sends sequentially, which is exactly that.
 */
import type { AuthServerHandler, AuthServerRequest, AuthServerVerdict } from '@ews/core/testing';
import {
  buildChallenge,
  type ChallengeState,
  type VerifierAccount,
  verifyAuthenticate,
} from './ntlm-verifier.js';

export function createNtlmServerHandler(account: VerifierAccount): AuthServerHandler {
  let pending: ChallengeState | undefined;
  let user: string | undefined;
  return {
    scheme: 'NTLM',
    challenges: () => (pending ? [`NTLM ${pending.challenge.toString('base64')}`] : ['NTLM']),
    verify(request: AuthServerRequest): AuthServerVerdict {
      const [scheme, token] = (request.authorization ?? '').split(' ');
      if (!token || scheme?.toLowerCase() !== 'ntlm') return user ? { ok: true, user } : { ok: false };
      const message = Buffer.from(token, 'base64');
      const type = message.length >= 12 ? message.readUInt32LE(8) : 0;
      user = undefined;
      if (type === 1) {
        pending = buildChallenge(message);
        return { ok: false };
      }
      const state = pending;
      pending = undefined;
      if (type !== 3 || !state) return { ok: false };
      const result = verifyAuthenticate(message, state, account);
      if (!result.ok) return { ok: false };
      user = `${result.domain}\\${result.user}`;
      return { ok: true, user };
    },
  };
}
