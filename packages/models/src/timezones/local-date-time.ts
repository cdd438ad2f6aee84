import { protocolError } from '../errors.js';
import { scalarKind } from '../kinds/kind.js';
import { readDateTime } from '../kinds/xs-calendar.js';

const LOCAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

/** `YYYY-MM-DDThh:mm:ss` naming a wall-clock time that exists: every field in range, no 24:00, no leap second. */
function isLocalDateTime(value: string): boolean {
  if (!LOCAL.test(value)) return false;
  const reading = readDateTime(value);
  return reading !== undefined && reading.hour < 24 && reading.second === Number(value.slice(17, 19));
}

/** A zone-less xs:dateTime (`2007-01-01T00:00:00`): a wall-clock time, kept as its text. */
export const dateTimeLocal = scalarKind<string>({
  name: 'dateTimeLocal',
  accepts: (value): value is string => typeof value === 'string' && isLocalDateTime(value),
  toText: (value) => value,
  fromText(value, where) {
    const trimmed = value.trim();
    // Exchange writes these without a zone; a trailing Z is tolerated and dropped.
    const local = trimmed.replace(/(?:Z|[+-]00:00)$/, '').replace(/\.\d+$/, '');
    if (!isLocalDateTime(local)) {
      throw protocolError(`${where}: expected a local date and time with every field in range`);
    }
    return local;
  },
});
