import { md4 } from './md4.js';
import { concatBytes, hmacMd5, utf16le } from './primitives.js';

/** NTOWFv1: MD4 of the UTF-16LE password (the "NT hash"). */
export function ntHash(password: string): Uint8Array {
  return md4(utf16le(password));
}

/** NTOWFv2 (MS-NLMP 3.3.2): only the user name is upper-cased; the domain is used as given. */
export function ntowfV2(ntHashOfPassword: Uint8Array, user: string, domain: string): Uint8Array {
  return hmacMd5(ntHashOfPassword, utf16le(user.toUpperCase() + domain));
}

/** The NTLMv2_CLIENT_CHALLENGE ("temp" in MS-NLMP 3.3.2), without the 4 trailing zero bytes. */
export function clientChallengeBlob(
  timestamp: Uint8Array,
  clientChallenge: Uint8Array,
  targetInfo: Uint8Array,
): Uint8Array {
  const header = new Uint8Array(28);
  header[0] = 0x01; // RespType
  header[1] = 0x01; // HiRespType
  header.set(timestamp, 8);
  header.set(clientChallenge, 16);
  return concatBytes(header, targetInfo, new Uint8Array(4));
}

export interface NtlmV2Responses {
  readonly ntChallengeResponse: Uint8Array;
  readonly lmChallengeResponse: Uint8Array;
  readonly ntProofStr: Uint8Array;
  readonly sessionBaseKey: Uint8Array;
}

/** NTLMv2 responses and session base key (MS-NLMP 3.3.2). */
export function computeNtlmV2Responses(input: {
  readonly responseKeyNt: Uint8Array;
  readonly serverChallenge: Uint8Array;
  readonly clientChallenge: Uint8Array;
  readonly timestamp: Uint8Array;
  readonly targetInfo: Uint8Array;
}): NtlmV2Responses {
  const temp = clientChallengeBlob(input.timestamp, input.clientChallenge, input.targetInfo);
  const ntProofStr = hmacMd5(input.responseKeyNt, input.serverChallenge, temp);
  const lmProof = hmacMd5(input.responseKeyNt, input.serverChallenge, input.clientChallenge);
  return {
    ntChallengeResponse: concatBytes(ntProofStr, temp),
    lmChallengeResponse: concatBytes(lmProof, input.clientChallenge),
    ntProofStr,
    sessionBaseKey: hmacMd5(input.responseKeyNt, ntProofStr),
  };
}
