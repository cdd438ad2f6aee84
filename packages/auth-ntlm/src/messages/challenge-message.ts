import { type AvPair, decodeAvPairs, describeTargetInfo, type TargetInfo } from './av-pairs.js';
import { checkHeader, readSecurityBuffer } from './byte-fields.js';
import { MessageType, NegotiateFlag } from './constants.js';

/** A decoded CHALLENGE_MESSAGE (type 2, MS-NLMP 2.2.1.2). */
export interface ChallengeMessage {
  readonly flags: number;
  readonly serverChallenge: Uint8Array;
  /** TargetName, decoded per the UNICODE flag. */
  readonly targetName: string;
  /** The raw TargetInfo bytes as sent. */
  readonly targetInfoBytes: Uint8Array;
  /** TargetInfo pairs in server order, without MsvAvEOL. */
  readonly targetInfoPairs: readonly AvPair[];
  readonly targetInfo: TargetInfo;
  /** VERSION, when the server sent one. */
  readonly version?: Uint8Array | undefined;
}

const MINIMUM_LENGTH = 32;

export function decodeChallengeMessage(message: Uint8Array): ChallengeMessage {
  const view = checkHeader(message, MessageType.challenge, MINIMUM_LENGTH);
  const flags = view.getUint32(20, true);
  const serverChallenge = message.slice(24, 32);
  const targetNameBytes = readSecurityBuffer(message, 12, 'TargetName');
  const unicode = (flags & NegotiateFlag.unicode) !== 0;
  const targetName = Buffer.from(targetNameBytes).toString(unicode ? 'utf16le' : 'latin1');
  // Short (legacy) challenges end after the challenge or the reserved field.
  const hasTargetInfo = message.length >= 48 && (flags & NegotiateFlag.targetInfo) !== 0;
  const targetInfoBytes = hasTargetInfo ? readSecurityBuffer(message, 40, 'TargetInfo') : new Uint8Array(0);
  const targetInfoPairs = decodeAvPairs(targetInfoBytes);
  const version =
    message.length >= 56 && (flags & NegotiateFlag.version) !== 0 ? message.slice(48, 56) : undefined;
  return {
    flags,
    serverChallenge,
    targetName,
    targetInfoBytes,
    targetInfoPairs,
    targetInfo: describeTargetInfo(targetInfoPairs),
    version,
  };
}
