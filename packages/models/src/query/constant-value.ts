import { invalidArgument } from '../errors.js';
import { formatDateTime } from '../kinds/date-time.js';
import { isScalarKind } from '../kinds/kind.js';
import { PlainDate } from '../kinds/plain-date.js';
import { MAPI_SCALAR_KINDS, mapiElementType } from '../properties/mapi-types.js';
import type { FieldDef } from '../schema/field-def.js';
import type { ResolvedPath } from './property-path.js';

/** A value a restriction can compare a property with. */
export type ConstantValue = string | number | boolean | Date | PlainDate;

/** How each JavaScript type is written into `<t:Constant Value="…"/>`. */
const FORMATS: ReadonlyArray<{
  readonly accepts: (value: unknown) => boolean;
  readonly format: (value: never) => string;
}> = [
  { accepts: (v) => typeof v === 'string', format: (v: string) => v },
  // exchangelib sends booleans as 1/0 in restrictions (xs:boolean allows both forms).
  { accepts: (v) => typeof v === 'boolean', format: (v: boolean) => (v ? '1' : '0') },
  { accepts: (v) => typeof v === 'number' && Number.isFinite(v), format: (v: number) => String(v) },
  {
    accepts: (v) => v instanceof Date && !Number.isNaN(v.getTime()),
    format: (v: Date) => formatDateTime(v),
  },
  // EWS keeps these dates as xs:dateTime; the same text the codec writes for them.
  { accepts: (v) => v instanceof PlainDate, format: (v: PlainDate) => `${v.toString()}T00:00:00Z` },
];

function formatByType(value: unknown, where: string): string {
  for (const entry of FORMATS) {
    if (entry.accepts(value)) return (entry.format as (v: unknown) => string)(value);
  }
  throw invalidArgument(`${where}: a restriction value must be a string, number, boolean, Date or PlainDate`);
}

// Kinds whose restriction constant is plain text although their value is an object: a body is
// searched by its text (`item:Body` contains 'agenda').
const TEXT_SEARCHED_KINDS: ReadonlySet<string> = new Set(['body']);

/**
 * The constant text for a model field. Scalar fields are checked by their kind (so an enum
 * refuses a value outside its choices); list fields by their element (`categories` ∋ 'x').
 */
export function fieldConstant(def: FieldDef, value: unknown, where: string): string {
  if (value === undefined || value === null) throw invalidArgument(`${where}: the value is missing`);
  if (TEXT_SEARCHED_KINDS.has(def.kind.name)) {
    if (typeof value !== 'string') throw invalidArgument(`${where} expects a string`);
    return value;
  }
  const accepted = def.flags.list ? def.kind.accepts([value]) : def.kind.accepts(value);
  if (!accepted) throw invalidArgument(`${where} expects a ${def.kind.name} value`);
  if (typeof value === 'boolean' || def.flags.list || !isScalarKind(def.kind))
    return formatByType(value, where);
  return def.kind.toText(value);
}

/**
 * The constant text for an indexed property (no kind to check against) or an extended one
 * (checked by its MAPI type; an *Array type compares one element, so a Long is a bigint).
 */
export function pathConstant(path: ResolvedPath, value: unknown, where: string): string {
  if (value === undefined || value === null) throw invalidArgument(`${where}: the value is missing`);
  if (path.type !== 'extended') return formatByType(value, where);
  const { scalar } = mapiElementType(path.propertyType);
  const kind = MAPI_SCALAR_KINDS[scalar] as { accepts(v: unknown): boolean; toText(v: unknown): string };
  if (!kind.accepts(value)) throw invalidArgument(`${where} expects a ${scalar} value`);
  // Booleans and dates as every other restriction writes them (1/0, UTC).
  return typeof value === 'boolean' || value instanceof Date
    ? formatByType(value, where)
    : kind.toText(value);
}
