import type { ItemView } from '../render/item-view.js';
import {
  DISTINGUISHED_PROPERTY_SETS,
  type ExtendedPropertyHolder,
  parseExtendedPath,
  type StoredExtendedProperty,
} from '../store/extended-properties.js';
import type { XmlElement } from '../xml/xml-tree.js';

// PidLidGlobalObjectId / PidLidCleanGlobalObjectId ([MS-OXOCAL] 2.2.1.27–28): the meeting's identity
// across mailboxes, which Exchange keeps and derives calendar:UID from. This server keeps the UID and
// derives both properties from it, for calendar items and meeting messages alike. Layout: the class
// id, the instance date (YH YL M D; an exception's original date, zero otherwise), an 8-byte creation
// time, 8 reserved bytes, the little-endian size of Data, then Data. A UID that is the hex of such an
// id is that id (Exchange's own UIDs); any other UID is Outlook's "vCal-Uid" 01 00 00 00 <uid> NUL.

const CLASS_ID = Buffer.from('040000008200e00074c5b7101a82e008', 'hex');
const HEADER_BYTES = 40;
const SIZE_OFFSET = 36;
const DATE_OFFSET = 16;
const VCAL_MARKER = Buffer.concat([Buffer.from('vCal-Uid', 'ascii'), Buffer.from([1, 0, 0, 0])]);
const MEETING = DISTINGUISHED_PROPERTY_SETS.Meeting;
/** The keys parseExtendedPath gives PSETID_Meeting 0x0003 and 0x0023. */
export const GLOBAL_OBJECT_ID_KEY = `${MEETING}:id:3`;
export const CLEAN_GLOBAL_OBJECT_ID_KEY = `${MEETING}:id:35`;

function isGlobalObjectId(bytes: Buffer): boolean {
  return (
    bytes.length >= HEADER_BYTES &&
    bytes.subarray(0, CLASS_ID.length).equals(CLASS_ID) &&
    bytes.readUInt32LE(SIZE_OFFSET) === bytes.length - HEADER_BYTES
  );
}

/** The clean id (instance date zero) of the meeting whose UID is `uid`. */
export function cleanGlobalObjectIdOf(uid: string): Buffer {
  if (/^(?:[0-9A-Fa-f]{2})+$/.test(uid)) {
    const decoded = Buffer.from(uid, 'hex');
    if (isGlobalObjectId(decoded)) {
      decoded.fill(0, DATE_OFFSET, DATE_OFFSET + 4);
      return decoded;
    }
  }
  const data = Buffer.concat([VCAL_MARKER, Buffer.from(uid, 'utf8'), Buffer.from([0])]);
  const header = Buffer.alloc(HEADER_BYTES);
  CLASS_ID.copy(header, 0);
  header.writeUInt32LE(data.length, SIZE_OFFSET);
  return Buffer.concat([header, data]);
}

/** A new well-formed UID, as Exchange makes them: the hex of a clean id with a creation time and a GUID. */
export function newGlobalObjectIdUid(serial: number, now: Date): string {
  const id = Buffer.alloc(HEADER_BYTES + 16);
  CLASS_ID.copy(id, 0);
  // FILETIME: 100-ns ticks since 1601-01-01.
  id.writeBigUInt64LE((BigInt(now.getTime()) + 11_644_473_600_000n) * 10_000n, 20);
  id.writeUInt32LE(16, SIZE_OFFSET);
  id.writeUInt32LE(serial >>> 0, HEADER_BYTES);
  id.writeUInt32LE(Math.floor(serial / 2 ** 32) >>> 0, HEADER_BYTES + 4);
  return id.toString('hex').toUpperCase();
}

/** Whether an ExtendedFieldURI names one of the two GlobalObjectIds (whatever its PropertyType). */
export function isDerivedFromUid(pathEl: XmlElement): boolean {
  const key = parseExtendedPath(pathEl).key;
  return key === GLOBAL_OBJECT_ID_KEY || key === CLEAN_GLOBAL_OBJECT_ID_KEY;
}

function binary(key: string, bytes: Buffer): StoredExtendedProperty {
  return { key, type: 'Binary', value: bytes.toString('base64') };
}

/**
 * The extended properties of an item as a response or a restriction sees them: what was stored, with
 * the two GlobalObjectIds derived from the UID of a calendar item or meeting message (an occurrence's
 * GlobalObjectId carries its original date, as an exception's does). Derived values win over stored
 * ones: Exchange computes them from the meeting, they are not the client's to set.
 */
export function viewExtendedProperties(view: ItemView): ExtendedPropertyHolder {
  const uid = view.item.calendar?.uid;
  if (uid === undefined || uid === '') return view.item;
  const clean = cleanGlobalObjectIdOf(uid);
  const global = Buffer.from(clean);
  const original = view.occurrence?.originalStart;
  if (original !== undefined) {
    global.writeUInt16BE(original.getUTCFullYear(), DATE_OFFSET);
    global.writeUInt8(original.getUTCMonth() + 1, DATE_OFFSET + 2);
    global.writeUInt8(original.getUTCDate(), DATE_OFFSET + 3);
  }
  const stored = (view.item.extendedProperties ?? []).filter(
    (p) => p.key !== GLOBAL_OBJECT_ID_KEY && p.key !== CLEAN_GLOBAL_OBJECT_ID_KEY,
  );
  return {
    extendedProperties: [
      ...stored,
      binary(GLOBAL_OBJECT_ID_KEY, global),
      binary(CLEAN_GLOBAL_OBJECT_ID_KEY, clean),
    ],
  };
}
