import { describe, expect, it } from 'vitest';
import { ianaZone, ZonedClock } from './zoned-time.js';

describe('zoned time', () => {
  it('maps Windows and IANA ids, and refuses unknown zones without caching a broken formatter', () => {
    expect(ianaZone('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(ianaZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(ianaZone('UTC')).toBeUndefined();
    expect(ianaZone('Mars/Olympus_Mons')).toBeUndefined();
    // Asking again gives the same answer (the refusal is not remembered as a zone).
    expect(ianaZone('Mars/Olympus_Mons')).toBeUndefined();
  });

  it('clocks for the same zone share their formatter and agree on both sides of a DST change', () => {
    const clocks = [new ZonedClock('Europe/Berlin'), new ZonedClock('Europe/Berlin')];
    for (const clock of clocks) {
      // 09:00 local is 08:00Z in winter and 07:00Z in summer (Europe changes on 2026-03-29).
      expect(new Date(clock.toUtc(Date.UTC(2026, 2, 27, 9))).toISOString()).toBe('2026-03-27T08:00:00.000Z');
      expect(new Date(clock.toUtc(Date.UTC(2026, 2, 30, 9))).toISOString()).toBe('2026-03-30T07:00:00.000Z');
      expect(clock.toLocal(Date.UTC(2026, 2, 30, 7))).toBe(Date.UTC(2026, 2, 30, 9));
    }
    // A shared formatter is what spares rebuilding one per recurrence expansion.
    const formats = clocks.map((c) => (c as unknown as { format: Intl.DateTimeFormat }).format);
    expect(formats[0]).toBe(formats[1]);
    expect(new ZonedClock(undefined).toLocal(1234)).toBe(1234);
  });
});
