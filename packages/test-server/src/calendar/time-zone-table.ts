import { WINDOWS_TIME_ZONES } from './generated/windows-time-zones.js';
import type { WindowsTimeZone } from './windows-time-zone.js';

export type { WindowsTimeZone } from './windows-time-zone.js';

/** Every Windows zone, in the order GetServerTimeZones lists them (west to east, then by name). */
export const SERVER_TIME_ZONES: readonly WindowsTimeZone[] = WINDOWS_TIME_ZONES;

const BY_ID = new Map(WINDOWS_TIME_ZONES.map((zone) => [zone.id, zone]));
// Exchange writes items saved in UTC with this id; it names the same zone as "UTC".
BY_ID.set('tzone://Microsoft/Utc', BY_ID.get('UTC')!);

/** The zone with this Windows id (ids are case-sensitive, as Exchange's are), or undefined. */
export function serverTimeZone(id: string | undefined): WindowsTimeZone | undefined {
  return id === undefined ? undefined : BY_ID.get(id);
}
