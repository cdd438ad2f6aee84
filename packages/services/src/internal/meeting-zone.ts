import type { MeetingZone } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';

/** The zone an account's new and changed meetings are written in (undefined: the builders' host default). */
export function meetingZoneOf(account: AccountContext): MeetingZone | undefined {
  const zoneOf = account.windowsTimeZone;
  return zoneOf === undefined ? undefined : () => zoneOf.call(account);
}

/**
 * The zone asked for at most once per request: the host's is resolved through a new
 * Intl.DateTimeFormat (about a millisecond), and every meeting's Start and End would ask again
 * (J3: 1,000 meetings were 2,000 resolutions). A refusal is thrown again at each ask.
 */
export function zoneAskedOnce(zone: MeetingZone): MeetingZone {
  let id: string | undefined;
  return () => {
    id ??= zone();
    return id;
  };
}
