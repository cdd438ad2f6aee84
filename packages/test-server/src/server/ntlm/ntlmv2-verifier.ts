import { createHmac, timingSafeEqual } from 'node:crypto';
import { md4 } from './md4.js';
import {
  type AuthenticateMessage,
  AV_FLAG_MIC_PRESENT,
  AV_ID,
  decodeAvPairs,
  NTLM_FLAGS,
} from './ntlm-messages.js';
import { rc4 } from './rc4.js';

/** 'required': a correct binding is needed; 'accepted': checked when sent; 'off': ignored. */
export type NtlmChannelBindingMode = 'required' | 'accepted' | 'off';

export interface NtlmVerification {
  readonly negotiate: Buffer;
  readonly challenge: Buffer;
  readonly serverChallenge: Buffer;
  readonly authenticate: AuthenticateMessage;
  readonly password: string;
  readonly channelBinding: NtlmChannelBindingMode;
  /** MD5 of this connection's bindings; undefined over plain http (nothing to bind to). */
  readonly expectedBindings: Buffer | undefined;
}

const hmacMd5 = (key: Buffer, ...data: Buffer[]): Buffer => {
  const mac = createHmac('md5', key);
  for (const part of data) mac.update(part);
  return mac.digest();
};
const same = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);
const ZERO_BINDINGS = Buffer.alloc(16);
// NTProofStr (16) + blob header: RespType, HiRespType, reserved (6), timestamp (8), client challenge (8), reserved (4).
const AV_PAIRS_AT = 16 + 28;
const MIC_AT = 72;

/** NTOWFv2 (MS-NLMP 3.3.2), from the user and domain exactly as the client sent them. */
function responseKeyNt(password: string, user: string, domain: string): Buffer {
  return hmacMd5(md4(Buffer.from(password, 'utf16le')), Buffer.from(user.toUpperCase() + domain, 'utf16le'));
}

function checkBindings(pairs: Map<number, Buffer>, v: NtlmVerification): string | undefined {
  if (v.channelBinding === 'off' || v.expectedBindings === undefined) return undefined;
  const sent = pairs.get(AV_ID.channelBindings);
  const missing = sent === undefined || same(sent, ZERO_BINDINGS);
  if (missing) return v.channelBinding === 'required' ? 'missing channel binding' : undefined;
  return same(sent, v.expectedBindings) ? undefined : 'wrong channel binding';
}

/** The MsvAvChannelBindings an AUTHENTICATE carries (undefined when absent or unreadable). */
export function sentChannelBindings(authenticate: AuthenticateMessage): Buffer | undefined {
  const { ntResponse } = authenticate;
  if (ntResponse.length <= AV_PAIRS_AT) return undefined;
  try {
    return decodeAvPairs(ntResponse.subarray(AV_PAIRS_AT)).get(AV_ID.channelBindings);
  } catch {
    return undefined;
  }
}

/** Verifies an NTLMv2 AUTHENTICATE; returns the reason it is refused, or undefined when it is good. */
export function verifyNtlmV2(v: NtlmVerification): string | undefined {
  const { ntResponse, user, domain, flags, encryptedSessionKey, raw } = v.authenticate;
  if (ntResponse.length <= AV_PAIRS_AT) return 'not an NTLMv2 response';
  const proof = ntResponse.subarray(0, 16);
  const blob = ntResponse.subarray(16);
  const key = responseKeyNt(v.password, user, domain);
  if (!same(hmacMd5(key, v.serverChallenge, blob), proof)) return 'bad NTProofStr';
  let pairs: Map<number, Buffer>;
  try {
    pairs = decodeAvPairs(ntResponse.subarray(AV_PAIRS_AT));
  } catch {
    return 'malformed AV pairs';
  }
  const avFlags = pairs.get(AV_ID.flags);
  if (avFlags !== undefined && avFlags.length >= 4 && avFlags.readUInt32LE(0) & AV_FLAG_MIC_PRESENT) {
    // NTLMv2: KeyExchangeKey = SessionBaseKey; with key exchange the client wraps its own key in RC4.
    const sessionBaseKey = hmacMd5(key, proof);
    const exportedKey =
      flags & NTLM_FLAGS.keyExchange && encryptedSessionKey.length === 16
        ? rc4(sessionBaseKey, encryptedSessionKey)
        : sessionBaseKey;
    if (raw.length < MIC_AT + 16) return 'MIC missing';
    const zeroed = Buffer.from(raw);
    zeroed.fill(0, MIC_AT, MIC_AT + 16);
    const mic = hmacMd5(exportedKey, v.negotiate, v.challenge, zeroed);
    if (!same(mic, raw.subarray(MIC_AT, MIC_AT + 16))) return 'bad MIC';
  }
  return checkBindings(pairs, v);
}
