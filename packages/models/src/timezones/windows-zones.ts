import { invalidArgument } from '../errors.js';
import { IANA_TO_WINDOWS, WINDOWS_TO_IANA } from '../generated/windows-zones.js';

const has = (table: Readonly<Record<string, string>>, key: string) => Object.hasOwn(table, key);

/** The Windows zone id Exchange uses for an IANA zone (aliases included), e.g. `Romance Standard Time`. */
export function windowsZoneForIana(iana: string): string | undefined {
  return has(IANA_TO_WINDOWS, iana) ? IANA_TO_WINDOWS[iana] : undefined;
}

/**
 * The IANA zone for a Windows zone id (its CLDR primary zone). Exchange also sends
 * `tzone://Microsoft/Utc`; and an id containing `/` that is not a Windows id is taken as IANA.
 */
export function ianaZoneForWindows(windowsId: string): string | undefined {
  if (has(WINDOWS_TO_IANA, windowsId)) return WINDOWS_TO_IANA[windowsId];
  if (windowsId === 'tzone://Microsoft/Utc') return 'UTC';
  if (windowsId.includes('/') && has(IANA_TO_WINDOWS, windowsId)) return windowsId;
  return undefined;
}

/** Like windowsZoneForIana, but throws EWS_INVALID_ARGUMENT for an unknown zone. */
export function requireWindowsZone(iana: string): string {
  const id = windowsZoneForIana(iana);
  if (id === undefined) throw invalidArgument(`No Windows time zone is known for '${iana}'`);
  return id;
}
