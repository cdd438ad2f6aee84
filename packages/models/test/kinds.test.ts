import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import {
  base64,
  boolean,
  date,
  dateAsDateTime,
  dateTime,
  decimal,
  duration,
  durationKind,
  enumKind,
  int,
  PlainDate,
  text,
} from '../src/index.js';
import { formatDuration, parseDuration } from '../src/kinds/duration.js';
import { errorCodeOf } from './helpers/error-code.js';

const W = { version: 'Exchange2016', mode: 'create' } as const;

interface TimezoneVectors {
  from_string: { input: string; expected_utc: string }[];
  ewsdate: { input: string; expected: string }[];
}
const tzVectors = loadVectors('timezones') as TimezoneVectors;

describe('scalar kinds', () => {
  it('text escapes markup and keeps CR through a parse', () => {
    const xml = text.writeElement('t:Subject', 'a & b <c> "d"\r\n&#13;', W, 'X').xml;
    expect(xml).toBe('<t:Subject>a &amp; b &lt;c&gt; "d"&#13;\n&amp;#13;</t:Subject>');
  });

  it('text refuses characters XML 1.0 cannot carry, without echoing the value', () => {
    const attempt = () => text.writeElement('t:Subject', 'secret\u0001', W, 'Message.Subject');
    // @ews/core's one escaper words the refusal; models puts the field's path in front.
    expect(attempt).toThrowError(/^Message\.Subject: .*U\+0001.*XML 1\.0 cannot represent/);
    expect(attempt).not.toThrowError(/secret/);
    expect(errorCodeOf(attempt)).toBe('EWS_INVALID_ARGUMENT');
  });

  it('boolean writes true/false and reads the whole xs:boolean lexical space', () => {
    expect(boolean.toText(true)).toBe('true');
    expect(boolean.toText(false)).toBe('false');
    expect(['true', '1', 'false', '0', ' true '].map((v) => boolean.fromText(v, 'X'))).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
    expect(errorCodeOf(() => boolean.fromText('yes', 'X'))).toBe('EWS_PROTOCOL');
  });

  it('int reads integers only and refuses unsafe ones', () => {
    expect(int.fromText('-42', 'X')).toBe(-42);
    expect(errorCodeOf(() => int.fromText('4.2', 'X'))).toBe('EWS_PROTOCOL');
    expect(errorCodeOf(() => int.fromText('9007199254740993', 'X'))).toBe('EWS_PROTOCOL');
    expect(int.accepts(1.5)).toBe(false);
  });

  it('decimal writes no exponent', () => {
    expect(decimal.toText(37.5)).toBe('37.5');
    expect(decimal.toText(1e-7)).toBe('0.0000001');
    expect(decimal.fromText('1E2', 'X')).toBe(100);
    expect(decimal.accepts(Number.NaN)).toBe(false);
    expect(errorCodeOf(() => decimal.fromText('NaN', 'X'))).toBe('EWS_PROTOCOL');
  });
});

describe('dateTime', () => {
  it.each(tzVectors.from_string.filter((v) => v.expected_utc.endsWith('Z')))(
    'normalizes $input to UTC (exchangelib vector)',
    ({ input, expected_utc }) => {
      expect(dateTime.toText(dateTime.fromText(input, 'X'))).toBe(expected_utc);
    },
  );

  // exchangelib refuses a naive value here (then localizes it in the account's zone); an xs:dateTime
  // without an offset is read as UTC here, as EWS sends UTC (a deliberate difference, see README).
  it.each(tzVectors.from_string.filter((v) => !v.expected_utc.endsWith('Z')))(
    'reads the naive $input as UTC (exchangelib: $expected_utc)',
    ({ input, expected_utc }) => {
      expect(expected_utc).toBe('NaiveDateTimeNotAllowed');
      expect(dateTime.toText(dateTime.fromText(input, 'X'))).toBe(`${input}Z`);
    },
  );

  it('keeps milliseconds and writes UTC with Z', () => {
    const value = dateTime.fromText('2000-01-02T03:04:05.678901+01:00', 'X');
    expect(value.toISOString()).toBe('2000-01-02T02:04:05.678Z');
    expect(dateTime.toText(value)).toBe('2000-01-02T02:04:05.678Z');
    expect(dateTime.toText(new Date(Date.UTC(2024, 2, 1, 8)))).toBe('2024-03-01T08:00:00Z');
  });

  it('reads a zoneless value as UTC and refuses garbage', () => {
    expect(dateTime.fromText('2000-01-02T03:04:05', 'X').toISOString()).toBe('2000-01-02T03:04:05.000Z');
    expect(errorCodeOf(() => dateTime.fromText('tomorrow', 'X'))).toBe('EWS_PROTOCOL');
    expect(dateTime.accepts(new Date(Number.NaN))).toBe(false);
  });
});

describe('PlainDate and date kinds', () => {
  it.each(tzVectors.ewsdate)('reads xs:date $input (exchangelib vector)', ({ input, expected }) => {
    expect(date.fromText(input, 'X').toString()).toBe(expected);
  });

  it('is immutable, validated and comparable', () => {
    const d = PlainDate.of(2024, 2, 29);
    expect(Object.isFrozen(d)).toBe(true);
    expect(d.toString()).toBe('2024-02-29');
    expect(errorCodeOf(() => PlainDate.of(2023, 2, 29))).toBe('EWS_INVALID_ARGUMENT');
    expect(PlainDate.parse('2024-03-01').compare(d)).toBeGreaterThan(0);
    expect(PlainDate.parse('2024-02-29').equals(d)).toBe(true);
    expect(JSON.stringify({ d })).toBe('{"d":"2024-02-29"}');
  });

  it('dates stored as dateTime read as the nearest UTC midnight, whatever zone wrote them', () => {
    const read = (v: string) => dateAsDateTime.fromText(v, 'X').toString();
    expect(read('1980-02-02T23:00:00Z')).toBe('1980-02-03'); // CET midnight
    expect(read('1980-02-03T08:00:00Z')).toBe('1980-02-03'); // PST midnight
    expect(read('1980-02-03T11:59:00Z')).toBe('1980-02-03'); // exchangelib's 11:59
    expect(read('1980-02-03T00:00:00+01:00')).toBe('1980-02-03');
    expect(dateAsDateTime.toText(PlainDate.of(1980, 2, 3))).toBe('1980-02-03T00:00:00Z');
    expect(date.toText(PlainDate.of(1980, 2, 3))).toBe('1980-02-03');
  });
});

describe('duration', () => {
  it('round-trips xs:duration values', () => {
    for (const text of ['PT45M', 'P1DT2H30M', '-P1Y2M', 'PT0.5S', 'P3D']) {
      expect(formatDuration(parseDuration(text)!)).toBe(text);
    }
    expect(parseDuration('PT45M')).toMatchObject({ minutes: 45, hours: 0, negative: false });
    expect(formatDuration(duration({}))).toBe('PT0S');
  });

  it('refuses malformed durations', () => {
    for (const bad of ['P', 'PT', '1H', 'P1H', '-P']) expect(parseDuration(bad)).toBeUndefined();
    expect(errorCodeOf(() => durationKind.fromText('PT', 'X'))).toBe('EWS_PROTOCOL');
    expect(errorCodeOf(() => duration({ hours: -1 }))).toBe('EWS_INVALID_ARGUMENT');
  });
});

describe('base64', () => {
  it('writes only the viewed bytes of a larger buffer and reads back a Uint8Array', () => {
    const whole = Uint8Array.from([0, 1, 2, 3, 250, 251, 252, 9]);
    const view = whole.subarray(4, 7);
    expect(base64.toText(view)).toBe(Buffer.from([250, 251, 252]).toString('base64'));
    const read = base64.fromText('+vv8', 'X');
    expect(read).toBeInstanceOf(Uint8Array);
    expect([...read]).toEqual([250, 251, 252]);
    expect(errorCodeOf(() => base64.fromText('not base64!', 'X'))).toBe('EWS_PROTOCOL');
  });
});

describe('enumKind', () => {
  const colour = enumKind('Colour', ['Red', 'Green']);
  it('accepts its choices only', () => {
    expect(colour.accepts('Red')).toBe(true);
    expect(colour.accepts('red')).toBe(false);
    expect(colour.fromText(' Green ', 'X')).toBe('Green');
    expect(errorCodeOf(() => colour.fromText('Blue', 'X'))).toBe('EWS_PROTOCOL');
    expect(Object.isFrozen(colour.choices)).toBe(true);
  });

  it('quotes at most 64 characters of a refused value: errors carry no unbounded server text', () => {
    const huge = 'B'.repeat(1_000_000);
    expect(() => colour.fromText(huge, 'X')).toThrow(`X: '${'B'.repeat(64)}…' is not a Colour value`);
  });
});
