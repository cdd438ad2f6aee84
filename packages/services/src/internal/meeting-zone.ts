import type { MeetingZone } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';

/** The zone an account's new and changed meetings are written in (undefined: the builders' host default). */
export function meetingZoneOf(account: AccountContext): MeetingZone | undefined {
  const zoneOf = account.windowsTimeZone;
  return zoneOf === undefined ? undefined : () => zoneOf.call(account);
}
