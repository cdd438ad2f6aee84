import { protocolError } from '../errors.js';
import { base64 } from '../kinds/base64.js';
import { dateTime } from '../kinds/date-time.js';
import { type ScalarKind, scalarKind } from '../kinds/kind.js';
import { boolean, decimal, int, text } from '../kinds/scalar-kinds.js';
import type { MapiPropertyType } from '../query/property-path.js';

const INT64 = /^[+-]?\d+$/;
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/** 64-bit integers (Long, Currency in 1/10000 units) as bigint, so no digit is lost. */
export const int64 = scalarKind<bigint>({
  name: 'int64',
  accepts: (value): value is bigint =>
    typeof value === 'bigint' && value >= -(2n ** 63n) && value < 2n ** 63n,
  toText: (value) => value.toString(),
  fromText(value, where) {
    const trimmed = value.trim();
    if (!INT64.test(trimmed)) throw protocolError(`${where}: expected a 64-bit integer`);
    return BigInt(trimmed);
  },
});

/** A GUID (CLSID values). */
export const guid = scalarKind<string>({
  name: 'guid',
  accepts: (value): value is string => typeof value === 'string' && GUID.test(value),
  toText: (value) => value,
  fromText(value, where) {
    if (!GUID.test(value.trim())) throw protocolError(`${where}: expected a GUID`);
    return value.trim();
  },
});

/** The JavaScript value of each MAPI property type (types.xsd MapiPropertyTypeType). */
export interface MapiValueTypes {
  ApplicationTime: number;
  Binary: Uint8Array;
  Boolean: boolean;
  CLSID: string;
  Currency: bigint;
  Double: number;
  Error: number;
  Float: number;
  Integer: number;
  Long: bigint;
  Null: string;
  Object: string;
  Short: number;
  SystemTime: Date;
  String: string;
}
export type MapiScalarType = keyof MapiValueTypes;

/**
 * How each MAPI type's value is written. ApplicationTime is an OLE date (days since 1899-12-30)
 * as a double; Error is an SCODE; Null and Object carry whatever text the server sends.
 */
export const MAPI_SCALAR_KINDS: { readonly [T in MapiScalarType]: ScalarKind<MapiValueTypes[T]> } =
  Object.freeze({
    ApplicationTime: decimal,
    Binary: base64 as ScalarKind<Uint8Array>,
    Boolean: boolean,
    CLSID: guid,
    Currency: int64,
    Double: decimal,
    Error: int,
    Float: decimal,
    Integer: int,
    Long: int64,
    Null: text,
    Object: text,
    Short: int,
    SystemTime: dateTime,
    String: text,
  });

/** The element type of a MAPI type and whether it is an array type. */
export function mapiElementType(type: MapiPropertyType): {
  readonly scalar: MapiScalarType;
  readonly array: boolean;
} {
  const array = type.endsWith('Array');
  return { scalar: (array ? type.slice(0, -'Array'.length) : type) as MapiScalarType, array };
}
