import { protocolError } from '../errors.js';
import { scalarKind } from '../kinds/kind.js';

const LOCAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

/** A zone-less xs:dateTime (`2007-01-01T00:00:00`): a wall-clock time, kept as its text. */
export const dateTimeLocal = scalarKind<string>({
  name: 'dateTimeLocal',
  accepts: (value): value is string => typeof value === 'string' && LOCAL.test(value),
  toText: (value) => value,
  fromText(value, where) {
    const trimmed = value.trim();
    // Exchange writes these without a zone; a trailing Z is tolerated and dropped.
    const local = trimmed.replace(/(?:Z|[+-]00:00)$/, '').replace(/\.\d+$/, '');
    if (!LOCAL.test(local)) throw protocolError(`${where}: expected a local date and time`);
    return local;
  },
});
