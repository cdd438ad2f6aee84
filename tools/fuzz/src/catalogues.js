// The hostile inputs, by class. Each list is what a reader must refuse; nothing here is valid.

/** Characters XML 1.0 forbids, raw in the text (C0 controls, non-characters, lone surrogates). */
export const FORBIDDEN_RAW_CHARACTERS = Object.freeze([
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u000E',
  '\u001B',
  '\u001F',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
]);

/** References to characters XML 1.0 forbids, malformed references and undeclared entities. */
export const FORBIDDEN_REFERENCES = Object.freeze([
  '&#0;',
  '&#1;',
  '&#x8;',
  '&#xB;',
  '&#x1F;',
  '&#xD800;',
  '&#xDFFF;',
  '&#xFFFE;',
  '&#xFFFF;',
  '&#x110000;',
  '&#1114112;',
  '&#99999999999999999999;',
  '&#x;',
  '&#;',
  '&#-1;',
  '&#12a;',
  '&nbsp;',
  '&fuzz;',
  '& ',
  '&amp',
]);

/** Byte sequences that are not UTF-8 (overlong, stray continuation, surrogates, beyond U+10FFFF…). */
export const INVALID_UTF8_SEQUENCES = Object.freeze([
  Object.freeze([0xc0, 0x80]),
  Object.freeze([0xc1, 0xbf]),
  Object.freeze([0x80]),
  Object.freeze([0xbf]),
  Object.freeze([0xe2, 0x82]),
  Object.freeze([0xed, 0xa0, 0x80]),
  Object.freeze([0xed, 0xbf, 0xbf]),
  Object.freeze([0xf4, 0x90, 0x80, 0x80]),
  Object.freeze([0xf0, 0x9f, 0x98]),
  Object.freeze([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Object.freeze([0xfe]),
  Object.freeze([0xff]),
]);

/** Namespace URIs an element can be moved to (EWS's own where they do not belong, too). */
export const SWAPPED_NAMESPACES = Object.freeze([
  'urn:x-fuzz:other',
  'http://schemas.microsoft.com/exchange/services/2006/messages',
  'http://schemas.microsoft.com/exchange/services/2006/types',
  'http://schemas.microsoft.com/exchange/services/2006/errors',
  'http://www.w3.org/2003/05/soap-envelope',
  'http://schemas.xmlsoap.org/soap/envelope/',
  'http://schemas.microsoft.com/exchange/2010/Autodiscover',
  'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
]);

/** The namespace of every element and attribute the mutations make up. */
export const FOREIGN_NAMESPACE = 'urn:x-fuzz:foreign';

const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Whether `text` looks like an xs:dateTime or xs:date a reader would read as a date. */
export function isDateText(text) {
  return DATE_TIME.test(text);
}

/** Whether `text` is an xs:dateTime with a time and a zone (an instant). */
export function isInstantText(text) {
  const match = DATE_TIME.exec(text);
  return match !== null && match[4] !== undefined && match[8] !== undefined;
}

/**
 * Impossible variants of a date(-time) text: each keeps the rest of the value and breaks one part
 * (Feb 30, Apr 31, Feb 29 of a common year, month 0 or 13, day 0 or 32, hour 25, 24:30, minute
 * 60, second 60, year 0000, an offset beyond ±14:00). `Date.UTC` would roll each into another date.
 */
export function impossibleDates(text) {
  const match = DATE_TIME.exec(text);
  if (!match) return [];
  const [, year, month, day, hour, minute, second, fraction = '', zone = ''] = match;
  const hasTime = hour !== undefined;
  const write = (parts) => {
    const p = { year, month, day, hour: hour ?? '10', minute: minute ?? '00', second: second ?? '00', zone };
    Object.assign(p, parts);
    const date = `${p.year}-${p.month}-${p.day}`;
    if (!hasTime && parts.hour === undefined && parts.minute === undefined && parts.second === undefined)
      return `${date}${p.zone}`;
    return `${date}T${p.hour}:${p.minute}:${p.second}${fraction}${p.zone}`;
  };
  return [
    write({ month: '02', day: '30' }),
    write({ month: '04', day: '31' }),
    write({ year: '2023', month: '02', day: '29' }),
    write({ month: '13' }),
    write({ month: '00' }),
    write({ day: '00' }),
    write({ day: '32' }),
    write({ hour: '25' }),
    write({ hour: '24', minute: '30' }),
    write({ minute: '60' }),
    write({ second: '60' }),
    write({ year: '0000' }),
    write({ zone: '+15:00' }),
    write({ zone: '+14:60' }),
  ].filter((variant) => variant !== text);
}

/** Valid but unusual instants (years before 1000 or at 9999, offsets, 7 fraction digits): as sent, as UTC ISO. */
export const ODD_VALID_INSTANTS = Object.freeze([
  Object.freeze({ sent: '0099-03-01T10:00:00Z', iso: '0099-03-01T10:00:00.000Z' }),
  Object.freeze({ sent: '0001-01-01T00:00:00Z', iso: '0001-01-01T00:00:00.000Z' }),
  Object.freeze({ sent: '0999-12-31T23:59:59Z', iso: '0999-12-31T23:59:59.000Z' }),
  Object.freeze({ sent: '9999-12-31T23:59:59Z', iso: '9999-12-31T23:59:59.000Z' }),
  Object.freeze({ sent: '2024-02-29T23:30:00-01:00', iso: '2024-03-01T00:30:00.000Z' }),
  Object.freeze({ sent: '2026-03-29T01:30:00+14:00', iso: '2026-03-28T11:30:00.000Z' }),
  Object.freeze({ sent: '2026-07-01T12:00:00.1234567Z', iso: '2026-07-01T12:00:00.123Z' }),
  Object.freeze({ sent: '1970-01-01T00:00:00Z', iso: '1970-01-01T00:00:00.000Z' }),
]);
