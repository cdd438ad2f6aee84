import { afterEach, describe, expect, it } from 'vitest';
import { accountWindowsZone, windowsZoneOf } from '../src/index.js';
import { hostTimeZone } from '../src/timezones/host-zone.js';

const saved = process.env.TZ;
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

describe('the zone an account works in', () => {
  it('is defaultTimeZone, IANA or Windows, as its Windows id', () => {
    expect(accountWindowsZone('Europe/Oslo')).toBe('W. Europe Standard Time');
    expect(accountWindowsZone('Australia/Lord_Howe')).toBe('Lord Howe Standard Time');
    expect(accountWindowsZone('India Standard Time')).toBe('India Standard Time');
    expect(accountWindowsZone('UTC')).toBe('UTC');
  });

  it("is the host's zone without one", () => {
    process.env.TZ = 'Asia/Kolkata';
    expect(['Asia/Kolkata', 'Asia/Calcutta']).toContain(hostTimeZone()); // ICU may name the old alias
    expect(accountWindowsZone(undefined)).toBe('India Standard Time');
  });

  it('is EWS_INVALID_ARGUMENT, never UTC, for a zone with no Windows id', () => {
    expect(() => accountWindowsZone('Mars/Olympus_Mons')).toThrow(
      expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }),
    );
    expect(windowsZoneOf('Not A Standard Time')).toBeUndefined();
  });

  it('is EWS_INVALID_ARGUMENT when the host resolves no zone (Node does so for a TZ it does not know)', () => {
    process.env.TZ = 'Mars/Olympus_Mons';
    const resolved = hostTimeZone();
    expect(resolved === undefined || windowsZoneOf(resolved) === undefined).toBe(true);
    expect(() => accountWindowsZone(undefined)).toThrow(
      expect.objectContaining({
        code: 'EWS_INVALID_ARGUMENT',
        message: expect.stringMatching(/defaultTimeZone/),
      }),
    );
  });
});
