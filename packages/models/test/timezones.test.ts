import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { ianaZoneForWindows, requireWindowsZone, windowsZoneForIana } from '../src/index.js';
import { errorCodeOf } from './helpers/error-code.js';

interface ZonesMap {
  iana_to_ms: Record<string, { ms_id: string }>;
  ms_to_iana: Record<string, string>;
}
interface TimezoneVectors {
  ms_id: { iana: string; expected_ms_id?: string; expected_error?: string }[];
  from_ms_id: { ms_id: string; expected_iana: string }[];
  map_source: { counts: { IANA_TO_MS_TIMEZONE_MAP: number; MS_TIMEZONE_TO_IANA_MAP: number } };
}
const map = loadVectors('windows-zones-map') as ZonesMap;
const vectors = loadVectors('timezones') as TimezoneVectors;

describe('Windows ⇄ IANA', () => {
  it('maps every IANA entry of the CLDR map (with aliases) to its Windows id', () => {
    const entries = Object.entries(map.iana_to_ms);
    expect(entries).toHaveLength(vectors.map_source.counts.IANA_TO_MS_TIMEZONE_MAP);
    const wrong = entries.filter(([iana, { ms_id }]) => windowsZoneForIana(iana) !== ms_id);
    expect(wrong).toEqual([]);
  });

  it('maps every Windows id to its primary IANA zone', () => {
    const entries = Object.entries(map.ms_to_iana);
    expect(entries).toHaveLength(vectors.map_source.counts.MS_TIMEZONE_TO_IANA_MAP);
    const wrong = entries.filter(([ms, iana]) => ianaZoneForWindows(ms) !== iana);
    expect(wrong).toEqual([]);
  });

  it.each(vectors.ms_id)('IANA $iana (exchangelib vector)', ({ iana, expected_ms_id }) => {
    if (expected_ms_id === undefined) {
      expect(windowsZoneForIana(iana)).toBeUndefined();
      expect(errorCodeOf(() => requireWindowsZone(iana))).toBe('EWS_INVALID_ARGUMENT');
    } else {
      expect(requireWindowsZone(iana)).toBe(expected_ms_id);
    }
  });

  it.each(vectors.from_ms_id)('Windows id $ms_id (exchangelib vector)', ({ ms_id, expected_iana }) => {
    expect(ianaZoneForWindows(ms_id)).toBe(expected_iana);
  });

  it('does not answer for inherited object keys or unknown ids', () => {
    expect(windowsZoneForIana('constructor')).toBeUndefined();
    expect(windowsZoneForIana('__proto__')).toBeUndefined();
    expect(ianaZoneForWindows('toString')).toBeUndefined();
    expect(ianaZoneForWindows('Mars/Olympus_Mons')).toBeUndefined();
  });
});
