import { EwsInvalidArgumentError } from '@ews/core';
import { loadVectors } from '@ews-tools/vectors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLEAN_GLOBAL_OBJECT_ID,
  cleanGlobalObjectId,
  GLOBAL_OBJECT_ID,
  globalObjectIdInstanceDate,
  globalObjectIdToUid,
  uidToCleanGlobalObjectId,
  uidToGlobalObjectId,
} from '../src/index.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

interface UidVector {
  readonly uid?: string;
  readonly expected_hex?: string;
  readonly to_global_object_id_input?: string;
}
const vectors = (loadVectors('misc') as { uid_to_global_object_id: UidVector[] }).uid_to_global_object_id;

describe("exchangelib's UID vectors (the judge)", () => {
  it('has both vectors', () => {
    expect(vectors.filter((v) => v.uid !== undefined)).toHaveLength(1);
    expect(vectors.filter((v) => v.to_global_object_id_input !== undefined)).toHaveLength(1);
  });

  for (const vector of vectors) {
    if (vector.uid !== undefined && vector.expected_hex !== undefined) {
      it(`UID(${vector.uid}) is Outlook's vCal-Uid GlobalObjectId`, () => {
        expect(hex(uidToGlobalObjectId(vector.uid ?? ''))).toBe(vector.expected_hex);
        expect(hex(uidToCleanGlobalObjectId(vector.uid ?? ''))).toBe(vector.expected_hex);
        expect(globalObjectIdToUid(fromHex(vector.expected_hex ?? ''))).toBe(vector.uid);
      });
    }
    if (vector.to_global_object_id_input !== undefined) {
      const input = vector.to_global_object_id_input;
      it('a UID Exchange made (hex of the id) decodes to the id itself', () => {
        expect(hex(uidToGlobalObjectId(input))).toBe(input.toLowerCase());
        expect(globalObjectIdToUid(fromHex(input))).toBe(input.toUpperCase());
      });
    }
  }
});

describe('the two extended properties', () => {
  it('are PSETID_Meeting 0x0003 and 0x0023, Binary', () => {
    expect(GLOBAL_OBJECT_ID).toMatchObject({
      distinguishedPropertySetId: 'Meeting',
      propertyId: 3,
      propertyType: 'Binary',
    });
    expect(CLEAN_GLOBAL_OBJECT_ID).toMatchObject({
      distinguishedPropertySetId: 'Meeting',
      propertyId: 0x23,
      propertyType: 'Binary',
    });
  });
});

// ASCII without NUL, not shaped like a hex GlobalObjectId (those decode instead of being wrapped).
const asciiUid = fc
  .string({
    unit: fc.integer({ min: 1, max: 0x7f }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 300,
  })
  .filter((uid) => !/^040000008200e00074c5b7101a82e008/i.test(uid));
const instanceDate = fc.record({
  year: fc.integer({ min: 1, max: 0xffff }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
});
/** A GlobalObjectId Exchange could have made: any date, creation time, reserved bytes and data. */
const exchangeId = fc
  .tuple(
    fc.uint8Array({ minLength: 4, maxLength: 4 }),
    fc.uint8Array({ minLength: 16, maxLength: 16 }),
    fc.uint8Array({ minLength: 0, maxLength: 64 }).filter((data) => data[0] !== 0x76),
  )
  .map(([date, times, data]) => {
    const id = new Uint8Array(40 + data.length);
    id.set(fromHex('040000008200e00074c5b7101a82e008'), 0);
    id.set(date, 16);
    id.set(times, 20);
    new DataView(id.buffer).setUint32(36, data.length, true);
    id.set(data, 40);
    return id;
  });

describe('round trips (properties)', () => {
  it('UID → GlobalObjectId → UID gives the UID back', () => {
    fc.assert(
      fc.property(asciiUid, fc.option(instanceDate, { nil: undefined }), (uid, date) => {
        expect(globalObjectIdToUid(uidToGlobalObjectId(uid, { instanceDate: date }))).toBe(uid);
      }),
    );
  });

  it('the instance date is kept in the GlobalObjectId and cleared in the clean one', () => {
    fc.assert(
      fc.property(asciiUid, instanceDate, (uid, date) => {
        const id = uidToGlobalObjectId(uid, { instanceDate: date });
        expect(globalObjectIdInstanceDate(id)).toEqual(date);
        expect(cleanGlobalObjectId(id)).toEqual(uidToCleanGlobalObjectId(uid));
        expect(globalObjectIdInstanceDate(uidToCleanGlobalObjectId(uid))).toBeUndefined();
      }),
    );
  });

  it('an Exchange-made id → UID (upper-case hex of the clean id) → the clean id', () => {
    fc.assert(
      fc.property(exchangeId, (id) => {
        const uid = globalObjectIdToUid(id);
        expect(uid).toMatch(/^040000008200E00074C5B7101A82E00800000000[0-9A-F]*$/);
        expect(uidToGlobalObjectId(uid)).toEqual(cleanGlobalObjectId(id));
        expect(uidToGlobalObjectId(uid.toLowerCase())).toEqual(cleanGlobalObjectId(id));
      }),
    );
  });
});

describe('refusals (EWS_INVALID_ARGUMENT, never a guess)', () => {
  it.each([
    ['an empty UID', ''],
    ['a NUL', 'a\u0000b'],
    ['a non-ASCII character', 'réunion'],
    ['a UID past the bound', 'x'.repeat(4097)],
  ])('refuses %s', (_name, uid) => {
    expect(() => uidToGlobalObjectId(uid)).toThrow(EwsInvalidArgumentError);
  });

  it.each([
    ['too short', new Uint8Array(39)],
    [
      'a wrong class id',
      (() => {
        const id = uidToGlobalObjectId('x');
        id[0] = 5;
        return id;
      })(),
    ],
    [
      'a size that does not count the data',
      (() => {
        const id = uidToGlobalObjectId('x');
        return id.subarray(0, id.length - 1);
      })(),
    ],
  ])('refuses bytes that are not a GlobalObjectId: %s', (_name, bytes) => {
    expect(() => globalObjectIdToUid(bytes)).toThrow(EwsInvalidArgumentError);
    expect(() => cleanGlobalObjectId(bytes)).toThrow(EwsInvalidArgumentError);
  });

  it('refuses an impossible instance date', () => {
    for (const date of [
      { year: 0, month: 1, day: 1 },
      { year: 2026, month: 13, day: 1 },
      { year: 2026, month: 1, day: 0 },
    ]) {
      expect(() => uidToGlobalObjectId('x', { instanceDate: date })).toThrow(EwsInvalidArgumentError);
    }
  });

  it('a hex string that is not a whole GlobalObjectId is an ordinary UID', () => {
    const uid = '040000008200E00074C5B7101A82E008';
    expect(globalObjectIdToUid(uidToGlobalObjectId(uid))).toBe(uid);
  });
});
