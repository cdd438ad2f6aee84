import { NtlmMessageError } from './byte-fields.js';
import { AvId } from './constants.js';

/** One AV_PAIR of a target info list (MS-NLMP 2.2.2.1). */
export interface AvPair {
  readonly id: number;
  readonly value: Uint8Array;
}

/** Decodes an AV_PAIR list up to MsvAvEOL; the EOL pair itself is not returned. */
export function decodeAvPairs(targetInfo: Uint8Array): AvPair[] {
  const view = new DataView(targetInfo.buffer, targetInfo.byteOffset, targetInfo.byteLength);
  const pairs: AvPair[] = [];
  let at = 0;
  while (at + 4 <= targetInfo.length) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === AvId.eol) return pairs;
    if (at + 4 + length > targetInfo.length)
      throw new NtlmMessageError('NTLM target info pair overruns the list');
    pairs.push({ id, value: targetInfo.slice(at + 4, at + 4 + length) });
    at += 4 + length;
  }
  // Some servers omit the EOL pair; what was read is still a complete list.
  return pairs;
}

/** Encodes pairs followed by MsvAvEOL. */
export function encodeAvPairs(pairs: readonly AvPair[]): Uint8Array {
  const length = pairs.reduce((total, pair) => total + 4 + pair.value.length, 4);
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const pair of pairs) {
    view.setUint16(at, pair.id, true);
    view.setUint16(at + 2, pair.value.length, true);
    out.set(pair.value, at + 4);
    at += 4 + pair.value.length;
  }
  return out; // the last 4 bytes are already zero: MsvAvEOL, length 0
}

/** The named, decoded view of a CHALLENGE's target info. */
export interface TargetInfo {
  readonly nbComputerName?: string;
  readonly nbDomainName?: string;
  readonly dnsComputerName?: string;
  readonly dnsDomainName?: string;
  readonly dnsTreeName?: string;
  readonly targetName?: string;
  /** MsvAvFlags. */
  readonly flags?: number;
  /** MsvAvTimestamp, the 8 raw FILETIME bytes (little-endian 100 ns ticks since 1601). */
  readonly timestamp?: Uint8Array;
}

type TargetInfoKey = keyof TargetInfo;

const decodeUtf16 = (value: Uint8Array): string => Buffer.from(value).toString('utf16le');
const decodeUint32 = (value: Uint8Array): number => {
  if (value.length !== 4) throw new NtlmMessageError('NTLM MsvAvFlags must be 4 bytes');
  return new DataView(value.buffer, value.byteOffset, 4).getUint32(0, true);
};
const decodeTimestamp = (value: Uint8Array): Uint8Array => {
  if (value.length !== 8) throw new NtlmMessageError('NTLM MsvAvTimestamp must be 8 bytes');
  return value;
};

/** How each known AV id maps to a named field. Unknown ids are kept only in the raw list. */
const TARGET_INFO_FIELDS: ReadonlyMap<
  number,
  { key: TargetInfoKey; decode: (value: Uint8Array) => unknown }
> = new Map<number, { key: TargetInfoKey; decode: (value: Uint8Array) => unknown }>([
  [AvId.nbComputerName, { key: 'nbComputerName', decode: decodeUtf16 }],
  [AvId.nbDomainName, { key: 'nbDomainName', decode: decodeUtf16 }],
  [AvId.dnsComputerName, { key: 'dnsComputerName', decode: decodeUtf16 }],
  [AvId.dnsDomainName, { key: 'dnsDomainName', decode: decodeUtf16 }],
  [AvId.dnsTreeName, { key: 'dnsTreeName', decode: decodeUtf16 }],
  [AvId.targetName, { key: 'targetName', decode: decodeUtf16 }],
  [AvId.flags, { key: 'flags', decode: decodeUint32 }],
  [AvId.timestamp, { key: 'timestamp', decode: decodeTimestamp }],
]);

export function describeTargetInfo(pairs: readonly AvPair[]): TargetInfo {
  const info: Record<string, unknown> = {};
  for (const pair of pairs) {
    const field = TARGET_INFO_FIELDS.get(pair.id);
    if (field) info[field.key] = field.decode(pair.value);
  }
  return info as TargetInfo;
}
