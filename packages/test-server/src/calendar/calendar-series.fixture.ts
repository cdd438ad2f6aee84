import type { CalendarData } from '../store/item-model.js';

/**
 * For the unit tests of recurrence expansion: an organizer's one-hour calendar entry on
 * 2026-01-05 09:00 UTC, with no recurrence unless `overrides` gives one.
 */
export function calendarSeries(overrides: Partial<CalendarData>): CalendarData {
  return {
    start: new Date('2026-01-05T09:00:00Z'),
    end: new Date('2026-01-05T10:00:00Z'),
    isAllDay: false,
    location: undefined,
    organizer: { name: 'A', address: 'a@contoso.test' },
    requiredAttendees: [],
    optionalAttendees: [],
    resources: [],
    freeBusy: 'Busy',
    uid: 'u',
    myResponseType: 'Organizer',
    isMeeting: false,
    isCancelled: false,
    meetingRequestWasSent: false,
    recurrence: undefined,
    exceptions: [],
    deletedOccurrences: [],
    ...overrides,
  };
}
