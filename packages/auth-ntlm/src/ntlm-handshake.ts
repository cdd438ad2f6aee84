import { channelBindingsHash } from './channel-binding.js';
import { computeNtlmV2Responses, ntowfV2 } from './crypto/ntlmv2.js';
import { concatBytes, hmacMd5, utf16le } from './crypto/primitives.js';
import { rc4 } from './crypto/rc4.js';
import {
  type EncodedAuthenticate,
  encodeAuthenticateMessage,
  withMic,
} from './messages/authenticate-message.js';
import { type AvPair, encodeAvPairs } from './messages/av-pairs.js';
import { decodeChallengeMessage } from './messages/challenge-message.js';
import {
  AUTHENTICATE_ECHOED_FLAGS,
  AvFlag,
  AvId,
  CLIENT_VERSION,
  NegotiateFlag,
} from './messages/constants.js';

/** Everything the client needs to answer one CHALLENGE. */
export interface AuthenticateInput {
  readonly user: string;
  readonly domain: string;
  /** MD4 of the UTF-16LE password. */
  readonly ntHash: Uint8Array;
  readonly workstation: string;
  /** The exact NEGOTIATE bytes sent on this connection (covered by the MIC). */
  readonly negotiateMessage: Uint8Array;
  /** The exact CHALLENGE bytes received. */
  readonly challengeMessage: Uint8Array;
  /** RFC 5929 application data (`tls-server-end-point:` + hash), or undefined without TLS. */
  readonly channelBindingData: Uint8Array | undefined;
  /** The service principal name for MsvAvTargetName, e.g. `HTTP/mail.contoso.com`. */
  readonly targetSpn?: string | undefined;
  /** 8 random bytes. */
  readonly clientChallenge: Uint8Array;
  /** 16 random bytes, used when the server negotiates KEY_EXCH. */
  readonly randomSessionKey: Uint8Array;
  /** The client's clock as a FILETIME, used only when the server sent no MsvAvTimestamp. */
  readonly now: Uint8Array;
}

/** Client additions to the target info: MIC flag, channel binding hash, target name. */
function clientTargetInfo(serverPairs: readonly AvPair[], input: AuthenticateInput): Uint8Array {
  const pairs: AvPair[] = [];
  let flagsSeen = false;
  for (const pair of serverPairs) {
    if (pair.id === AvId.channelBindings || pair.id === AvId.targetName) continue;
    if (pair.id === AvId.flags && pair.value.length === 4) {
      const value = pair.value.slice();
      const view = new DataView(value.buffer);
      view.setUint32(0, view.getUint32(0, true) | AvFlag.micPresent, true);
      pairs.push({ id: AvId.flags, value });
      flagsSeen = true;
      continue;
    }
    pairs.push(pair);
  }
  if (!flagsSeen) {
    const value = new Uint8Array(4);
    new DataView(value.buffer).setUint32(0, AvFlag.micPresent, true);
    pairs.push({ id: AvId.flags, value });
  }
  pairs.push({ id: AvId.channelBindings, value: channelBindingsHash(input.channelBindingData) });
  if (input.targetSpn) pairs.push({ id: AvId.targetName, value: utf16le(input.targetSpn) });
  return encodeAvPairs(pairs);
}

/**
 * Builds the AUTHENTICATE message for a CHALLENGE (MS-NLMP 3.1.5.1.2): NTLMv2 responses over the
 * server's target info plus the client's pairs, key exchange when negotiated, and the MIC over
 * all three messages keyed with the exported session key.
 */
export function createAuthenticateMessage(input: AuthenticateInput): Uint8Array {
  const challenge = decodeChallengeMessage(input.challengeMessage);
  const serverTimestamp = challenge.targetInfo.timestamp;
  const responseKeyNt = ntowfV2(input.ntHash, input.user, input.domain);
  const responses = computeNtlmV2Responses({
    responseKeyNt,
    serverChallenge: challenge.serverChallenge,
    clientChallenge: input.clientChallenge,
    timestamp: serverTimestamp ?? input.now,
    targetInfo: clientTargetInfo(challenge.targetInfoPairs, input),
  });
  const keyExchange = (challenge.flags & NegotiateFlag.keyExchange) !== 0;
  // NTLMv2: KeyExchangeKey is the session base key (MS-NLMP 3.4.5.1).
  const keyExchangeKey = responses.sessionBaseKey;
  const exportedSessionKey = keyExchange ? input.randomSessionKey : keyExchangeKey;
  const flags =
    ((challenge.flags & AUTHENTICATE_ECHOED_FLAGS) | NegotiateFlag.unicode | NegotiateFlag.requestTarget) >>>
    0;
  const encoded: EncodedAuthenticate = encodeAuthenticateMessage({
    flags,
    // With a server timestamp the LM response must be Z(24) (MS-NLMP 3.1.5.1.2).
    lmChallengeResponse: serverTimestamp ? new Uint8Array(24) : responses.lmChallengeResponse,
    ntChallengeResponse: responses.ntChallengeResponse,
    domain: utf16le(input.domain),
    user: utf16le(input.user),
    workstation: utf16le(input.workstation),
    encryptedRandomSessionKey: keyExchange ? rc4(keyExchangeKey, input.randomSessionKey) : new Uint8Array(0),
    version: CLIENT_VERSION,
    includeMic: true,
  });
  const mic = hmacMd5(
    exportedSessionKey,
    concatBytes(input.negotiateMessage, input.challengeMessage, encoded.message),
  );
  return withMic(encoded, mic);
}

/** The current time as a little-endian FILETIME (100 ns ticks since 1601-01-01). */
export function fileTimeNow(nowMs: number = Date.now()): Uint8Array {
  const out = new Uint8Array(8);
  const ticks = (BigInt(nowMs) + 11_644_473_600_000n) * 10_000n;
  new DataView(out.buffer).setBigUint64(0, ticks, true);
  return out;
}
