import { protocolError } from '../errors.js';
import { scalarKind } from './kind.js';

const INTEGER = /^[+-]?\d+$/;
// xs:double / xs:decimal lexical forms (no INF/NaN: EWS never sends them for these fields).
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Free text (xs:string and its restrictions). */
export const text = scalarKind<string>({
  name: 'text',
  accepts: (value): value is string => typeof value === 'string',
  toText: (value) => value,
  fromText: (value) => value,
});

/**
 * The Id of an id element (t:ItemIdType, FolderIdType, AttachmentIdType…): xs:string, required,
 * and never empty from Exchange. An empty Id names nothing, so it is refused (EWS_PROTOCOL when
 * read, EWS_INVALID_ARGUMENT when written) instead of becoming an id `""` a later call trips on.
 */
export const idText = scalarKind<string>({
  name: 'id',
  accepts: (value): value is string => typeof value === 'string' && value !== '',
  toText: (value) => value,
  fromText(value, where) {
    if (value === '') throw protocolError(`${where}: an id is never empty`);
    return value;
  },
});

/** xs:boolean: written as `true`/`false`; `1`/`0` are accepted when reading. */
export const boolean = scalarKind<boolean>({
  name: 'boolean',
  accepts: (value): value is boolean => typeof value === 'boolean',
  toText: (value) => (value ? 'true' : 'false'),
  fromText(value, where) {
    const trimmed = value.trim();
    if (trimmed === 'true' || trimmed === '1') return true;
    if (trimmed === 'false' || trimmed === '0') return false;
    throw protocolError(`${where}: expected an xs:boolean`);
  },
});

/** xs:int / xs:long values that fit a JS number exactly. */
export const int = scalarKind<number>({
  name: 'int',
  accepts: (value): value is number => Number.isSafeInteger(value),
  toText: (value) => String(value),
  fromText(value, where) {
    const trimmed = value.trim();
    const parsed = Number(trimmed);
    if (!INTEGER.test(trimmed) || !Number.isSafeInteger(parsed)) {
      throw protocolError(`${where}: expected an integer`);
    }
    return parsed;
  },
});

function plainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Tiny or huge numbers: spell them out, because xs:decimal has no exponent form.
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** xs:double / xs:decimal as a finite JS number (e.g. Task.PercentComplete). */
export const decimal = scalarKind<number>({
  name: 'decimal',
  accepts: (value): value is number => typeof value === 'number' && Number.isFinite(value),
  toText: plainNumber,
  fromText(value, where) {
    const trimmed = value.trim();
    if (!DECIMAL.test(trimmed)) throw protocolError(`${where}: expected a decimal number`);
    return Number(trimmed);
  },
});
