import { afterEach, describe, expect, it } from 'vitest';
import {
  instantFrom,
  PlainDate,
  plainDateFrom,
  timeZoneDefinitionFor,
  windowsZoneFrom,
} from '../src/index.js';
import { errorCodeOf } from './helpers/error-code.js';

// Node 20 has no Temporal: these small classes have the shape of the parts we read.
class FakeInstant {
  constructor(readonly epochMilliseconds: number) {}
}
class FakeZonedDateTime extends FakeInstant {
  constructor(
    epochMilliseconds: number,
    readonly timeZoneId: string,
  ) {
    super(epochMilliseconds);
  }
}
class FakePlainDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly calendarId = 'iso8601',
  ) {}
}

const globals = globalThis as { Temporal?: unknown };
afterEach(() => {
  delete globals.Temporal;
});

describe('Temporal values as input', () => {
  it('runs here without a runtime Temporal', () => {
    expect(globals.Temporal).toBeUndefined();
  });

  it('takes an Instant or ZonedDateTime for an instant, and passes a Date through', () => {
    const ms = Date.UTC(2024, 2, 31, 1, 30);
    expect(instantFrom(new FakeInstant(ms)).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(instantFrom(new FakeZonedDateTime(ms, 'Europe/Paris')).getTime()).toBe(ms);
    const date = new Date(ms);
    expect(instantFrom(date)).toBe(date);
    expect(errorCodeOf(() => instantFrom({} as FakeInstant))).toBe('EWS_INVALID_ARGUMENT');
  });

  it('accepts instances of the runtime classes when globalThis.Temporal exists', () => {
    // Like the real Temporal.Instant, epochMilliseconds is a prototype getter, not an own property.
    class RuntimeInstant {
      get epochMilliseconds() {
        return 0;
      }
    }
    globals.Temporal = { Instant: RuntimeInstant, ZonedDateTime: FakeZonedDateTime };
    expect(instantFrom(new RuntimeInstant()).getTime()).toBe(0);
    expect(errorCodeOf(() => instantFrom({ epochMilliseconds: Number.NaN }))).toBe('EWS_INVALID_ARGUMENT');
  });

  it('takes an ISO-calendar PlainDate and refuses other calendars', () => {
    expect(plainDateFrom(new FakePlainDate(2024, 2, 29))).toEqual(PlainDate.of(2024, 2, 29));
    expect(errorCodeOf(() => plainDateFrom(new FakePlainDate(2024, 2, 29, 'hebrew')))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    expect(errorCodeOf(() => plainDateFrom(new FakePlainDate(2023, 2, 29)))).toBe('EWS_INVALID_ARGUMENT');
  });

  it('maps a ZonedDateTime to its Windows zone and builds its definition', () => {
    const zoned = new FakeZonedDateTime(0, 'America/New_York');
    expect(windowsZoneFrom(zoned)).toBe('Eastern Standard Time');
    expect(windowsZoneFrom('Asia/Tokyo')).toBe('Tokyo Standard Time');
    const definition = timeZoneDefinitionFor(zoned, { fromYear: 2024, toYear: 2025 });
    expect(definition.id).toBe('Eastern Standard Time');
    expect(errorCodeOf(() => windowsZoneFrom(new FakeZonedDateTime(0, 'Nowhere/Special')))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });
});
