import { invalidArgument } from '../errors.js';
import { extendedField } from '../query/property-path.js';

// A meeting's identity across mailboxes ([MS-OXOCAL] 2.2.1.27 PidLidGlobalObjectId, 2.2.1.28
// PidLidCleanGlobalObjectId). Layout: the 16-byte class id, the instance date (YH YL M D: the
// original date of one exception, zero for the series or a single meeting), an 8-byte creation time,
// 8 reserved bytes, the 4-byte little-endian size of Data, then Data. Outlook-made ids carry the
// iCalendar UID in Data after the marker "vCal-Uid" 01 00 00 00, NUL-terminated; any other id's UID
// is the whole clean id in upper-case hex (what EWS returns as calendar:UID). exchangelib's `UID`
// class writes the first form; its `UID.to_global_object_id` reads the second.

/** PidLidGlobalObjectId: PSETID_Meeting, id 0x0003, Binary (the instance date set on exceptions). */
export const GLOBAL_OBJECT_ID = extendedField({
  distinguishedPropertySetId: 'Meeting',
  propertyId: 0x0003,
  propertyType: 'Binary',
});

/** PidLidCleanGlobalObjectId: PSETID_Meeting, id 0x0023, Binary (the instance date always zero). */
export const CLEAN_GLOBAL_OBJECT_ID = extendedField({
  distinguishedPropertySetId: 'Meeting',
  propertyId: 0x0023,
  propertyType: 'Binary',
});

const CLASS_ID = Uint8Array.of(
  0x04,
  0x00,
  0x00,
  0x00,
  0x82,
  0x00,
  0xe0,
  0x00,
  0x74,
  0xc5,
  0xb7,
  0x10,
  0x1a,
  0x82,
  0xe0,
  0x08,
);
const DATE_OFFSET = 16;
const SIZE_OFFSET = 36;
const HEADER_BYTES = 40;
// "vCal-Uid" then the 32-bit little-endian 1 that Outlook writes after it.
const VCAL_MARKER = Uint8Array.of(0x76, 0x43, 0x61, 0x6c, 0x2d, 0x55, 0x69, 0x64, 0x01, 0x00, 0x00, 0x00);
/** Bounds what is accepted and allocated: a UID longer than this is no iCalendar UID. */
export const MAX_UID_LENGTH = 4096;

/** The date of one exception of a series (month 1–12, day 1–31), as the instance date holds it. */
export interface InstanceDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface GlobalObjectIdOptions {
  /** An exception's original date; left out (zero) for the series itself or a single meeting. */
  readonly instanceDate?: InstanceDate | undefined;
}

/**
 * The PidLidGlobalObjectId of the meeting whose iCalendar UID is `uid`. A UID that is the hex of a
 * GlobalObjectId (what Exchange gives meetings it creates) is decoded; any other UID is wrapped in
 * Outlook's vCal-Uid form, as exchangelib's `UID(uid)` does. Refused (EWS_INVALID_ARGUMENT): an empty
 * UID, one with a NUL or a non-ASCII character (the vCal-Uid form holds ASCII), one past
 * MAX_UID_LENGTH.
 */
export function uidToGlobalObjectId(uid: string, options: GlobalObjectIdOptions = {}): Uint8Array {
  const id = fromHexGlobalObjectId(uid) ?? vCalGlobalObjectId(uid);
  id.set(
    options.instanceDate === undefined ? [0, 0, 0, 0] : instanceDateBytes(options.instanceDate),
    DATE_OFFSET,
  );
  return id;
}

/** The PidLidCleanGlobalObjectId of the meeting whose UID is `uid` (what a search by UID compares). */
export function uidToCleanGlobalObjectId(uid: string): Uint8Array {
  return uidToGlobalObjectId(uid);
}

/**
 * The iCalendar UID a GlobalObjectId (or CleanGlobalObjectId) stands for: the text after the
 * vCal-Uid marker for Outlook-made ids, otherwise the clean id in upper-case hex. Refuses bytes that
 * are not a GlobalObjectId (wrong class id, a size that does not match).
 */
export function globalObjectIdToUid(id: Uint8Array): string {
  checkGlobalObjectId(id);
  const text = vCalUid(id);
  return text ?? hex(cleanGlobalObjectId(id));
}

/** The id with its instance date cleared: PidLidCleanGlobalObjectId from PidLidGlobalObjectId. */
export function cleanGlobalObjectId(id: Uint8Array): Uint8Array {
  checkGlobalObjectId(id);
  const clean = Uint8Array.from(id);
  clean.fill(0, DATE_OFFSET, DATE_OFFSET + 4);
  return clean;
}

/** The exception date an id carries, undefined for the series or a single meeting (all zero). */
export function globalObjectIdInstanceDate(id: Uint8Array): InstanceDate | undefined {
  checkGlobalObjectId(id);
  const year = ((id[DATE_OFFSET] ?? 0) << 8) | (id[DATE_OFFSET + 1] ?? 0);
  const month = id[DATE_OFFSET + 2] ?? 0;
  const day = id[DATE_OFFSET + 3] ?? 0;
  return year === 0 && month === 0 && day === 0 ? undefined : { year, month, day };
}

function checkGlobalObjectId(id: Uint8Array): void {
  if (!(id instanceof Uint8Array)) throw invalidArgument('A GlobalObjectId is a Uint8Array');
  if (!isGlobalObjectId(id)) {
    throw invalidArgument(
      'Not a GlobalObjectId: it starts with the class id 040000008200E00074C5B7101A82E008 and its size field counts the bytes after the 40-byte header',
    );
  }
}

function isGlobalObjectId(id: Uint8Array): boolean {
  if (id.length < HEADER_BYTES) return false;
  for (let i = 0; i < CLASS_ID.length; i++) if (id[i] !== CLASS_ID[i]) return false;
  const view = new DataView(id.buffer, id.byteOffset, id.byteLength);
  return view.getUint32(SIZE_OFFSET, true) === id.length - HEADER_BYTES;
}

function vCalUid(id: Uint8Array): string | undefined {
  const start = HEADER_BYTES + VCAL_MARKER.length;
  // The marker, at least one character, the NUL terminator last and nowhere else.
  if (id.length < start + 2 || id[id.length - 1] !== 0) return undefined;
  for (let i = 0; i < VCAL_MARKER.length; i++) if (id[HEADER_BYTES + i] !== VCAL_MARKER[i]) return undefined;
  let text = '';
  for (let i = start; i < id.length - 1; i++) {
    const byte = id[i] ?? 0;
    if (byte === 0 || byte > 0x7f) return undefined;
    text += String.fromCharCode(byte);
  }
  return text;
}

function vCalGlobalObjectId(uid: string): Uint8Array {
  if (typeof uid !== 'string' || uid === '') throw invalidArgument('A meeting UID is a non-empty string');
  if (uid.length > MAX_UID_LENGTH)
    throw invalidArgument(`A meeting UID is at most ${MAX_UID_LENGTH} characters`);
  const dataLength = VCAL_MARKER.length + uid.length + 1;
  const id = new Uint8Array(HEADER_BYTES + dataLength);
  id.set(CLASS_ID, 0);
  new DataView(id.buffer).setUint32(SIZE_OFFSET, dataLength, true);
  id.set(VCAL_MARKER, HEADER_BYTES);
  for (let i = 0; i < uid.length; i++) {
    const code = uid.charCodeAt(i);
    if (code === 0 || code > 0x7f) {
      throw invalidArgument(
        'A meeting UID in a GlobalObjectId is ASCII without NUL (the vCal-Uid form); this one is not',
      );
    }
    id[HEADER_BYTES + VCAL_MARKER.length + i] = code;
  }
  return id;
}

const HEX = /^(?:[0-9A-Fa-f]{2})+$/;

/** The GlobalObjectId a hex UID spells, or undefined when the UID is not one. */
function fromHexGlobalObjectId(uid: string): Uint8Array | undefined {
  if (typeof uid !== 'string' || uid.length < HEADER_BYTES * 2 || uid.length > MAX_UID_LENGTH)
    return undefined;
  if (!HEX.test(uid)) return undefined;
  const id = new Uint8Array(uid.length / 2);
  for (let i = 0; i < id.length; i++) id[i] = Number.parseInt(uid.slice(i * 2, i * 2 + 2), 16);
  return isGlobalObjectId(id) ? id : undefined;
}

function instanceDateBytes(date: InstanceDate): number[] {
  const { year, month, day } = date ?? {};
  const ok =
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 0xffff &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31;
  if (!ok) throw invalidArgument('instanceDate: a year (1–65535), month (1–12) and day (1–31)');
  return [year >> 8, year & 0xff, month, day];
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).toUpperCase().padStart(2, '0');
  return out;
}
