import { invalidArgument } from '../errors.js';
import { windowsZoneTables } from '../generated/windows-zones.js';

const has = (table: Readonly<Record<string, string>>, key: string) => Object.hasOwn(table, key);

/** The Windows zone id Exchange uses for an IANA zone (aliases included), e.g. `Romance Standard Time`. */
export function windowsZoneForIana(iana: string): string | undefined {
  const { ianaToWindows } = windowsZoneTables();
  return has(ianaToWindows, iana) ? ianaToWindows[iana] : undefined;
}

/**
 * The IANA zone for a Windows zone id (its CLDR primary zone). Exchange also sends
 * `tzone://Microsoft/Utc`; and an id containing `/` that is not a Windows id is taken as IANA.
 */
export function ianaZoneForWindows(windowsId: string): string | undefined {
  const { ianaToWindows, windowsToIana } = windowsZoneTables();
  if (has(windowsToIana, windowsId)) return windowsToIana[windowsId];
  if (windowsId === 'tzone://Microsoft/Utc') return 'UTC';
  if (windowsId.includes('/') && has(ianaToWindows, windowsId)) return windowsId;
  return undefined;
}

/** Like windowsZoneForIana, but throws EWS_INVALID_ARGUMENT for an unknown zone. */
export function requireWindowsZone(iana: string): string {
  const id = windowsZoneForIana(iana);
  if (id === undefined) throw invalidArgument(`No Windows time zone is known for '${iana}'`);
  return id;
}
