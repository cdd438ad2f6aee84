import { invalidArgument } from '../errors.js';
import { ianaZoneForWindows, windowsZoneForIana } from './windows-zones.js';

/**
 * The host's IANA zone, as the runtime resolves it (the `TZ` variable or the system setting);
 * undefined when it resolves none (Node answers so for a `TZ` it does not know, e.g. `Mars/Base`).
 */
export function hostTimeZone(): string | undefined {
  const zone: unknown = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && zone !== '' ? zone : undefined;
}

/**
 * The Windows zone id for an IANA zone, or a Windows id given as such; `undefined` for neither.
 * Windows ids never contain `/` (`tzone://Microsoft/Utc` aside); `UTC` is both.
 */
export function windowsZoneOf(zone: string): string | undefined {
  if ((!zone.includes('/') || zone.startsWith('tzone://')) && ianaZoneForWindows(zone) !== undefined)
    return zone;
  return windowsZoneForIana(zone);
}

/**
 * The Windows zone an account works in: `defaultTimeZone` (IANA or Windows id) when given, else the
 * host's. A zone without a Windows id is EWS_INVALID_ARGUMENT, never a silent UTC.
 */
export function accountWindowsZone(defaultTimeZone: string | undefined): string {
  if (defaultTimeZone !== undefined) {
    const id = typeof defaultTimeZone === 'string' ? windowsZoneOf(defaultTimeZone) : undefined;
    if (id === undefined)
      throw invalidArgument(
        `defaultTimeZone: no Windows time zone is known for '${String(defaultTimeZone)}'`,
      );
    return id;
  }
  const host = hostTimeZone();
  const id = host === undefined ? undefined : windowsZoneOf(host);
  if (id === undefined)
    throw invalidArgument(
      `The host's time zone ${host === undefined ? '(none resolved)' : `'${host}'`} has no Windows time zone: give the Account a defaultTimeZone (or the item its startTimeZone/endTimeZone)`,
    );
  return id;
}
