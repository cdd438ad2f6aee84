import { busyPeriods } from '../calendar/book-meeting.js';
import {
  type LegacyTimeZone,
  localToUtc,
  parseLegacyTimeZone,
  utcToLocal,
} from '../calendar/legacy-time-zone.js';
import { WEEKDAYS } from '../calendar/recurrence-patterns.js';
import { type DirectoryMailbox, hasMailboxAccess, type MailboxWorkingHours } from '../directory/directory.js';
import { NS } from '../soap/namespaces.js';
import { errorMessage, successMessage } from '../soap/response-messages.js';
import { SoapFault } from '../soap/soap-fault.js';
import type { FreeBusyStatus, StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, childrenNamed, childText, descend, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';

// MergedFreeBusy digits (Microsoft's MergedFreeBusy reference: 0 free … 4 no data; 5 working
// elsewhere since Exchange 2013), and which status wins when several overlap one interval.
const MERGED_DIGIT: Record<FreeBusyStatus, number> = {
  Free: 0,
  Tentative: 1,
  Busy: 2,
  OOF: 3,
  NoData: 4,
  WorkingElsewhere: 5,
};
const PRECEDENCE: readonly FreeBusyStatus[] = ['Free', 'WorkingElsewhere', 'Tentative', 'Busy', 'OOF'];
/** Exchange's limit per request; more is ErrorMailboxDataArrayTooBig (a fault, nothing answered). */
const MAX_MAILBOXES = 100;
const MAX_WINDOW_DAYS = 62;
/** The longest DetailedSuggestionsWindow Exchange accepts. */
const MAX_SUGGESTION_DAYS = 42;
const MINUTE = 60_000;
const DAY = 86_400_000;

// Without delegate access a caller sees times only (Exchange's default AvailabilityOnly permission).
const DOWNGRADE: Record<string, string> = { Detailed: 'FreeBusy', DetailedMerged: 'FreeBusyMerged' };

// Exchange's default working hours for a mailbox that has set none: Monday to Friday, 8 to 5.
const DEFAULT_DAYS = [1, 2, 3, 4, 5];
const DEFAULT_START = 8 * 60;
const DEFAULT_END = 17 * 60;

interface Window {
  readonly start: Date;
  readonly end: Date;
}

type Period = { start: Date; end: Date; item: StoredItem };

/** One requested mailbox: its address, attendee type and, when the directory knows it, its store. */
interface Attendee {
  readonly address: string;
  readonly attendeeType: string;
  readonly store: MailboxStore | undefined;
}

function sortedPeriods(store: MailboxStore, window: Window): Period[] {
  return busyPeriods(store, window.start, window.end).sort((a, b) => a.start.getTime() - b.start.getTime());
}

function events(periods: readonly Period[], zone: LegacyTimeZone, detailed: boolean): XmlContent {
  return el(
    't:CalendarEventArray',
    null,
    periods.map((p) =>
      el(
        't:CalendarEvent',
        null,
        textEl('t:StartTime', utcToLocal(zone, p.start)),
        textEl('t:EndTime', utcToLocal(zone, p.end)),
        textEl('t:BusyType', p.item.calendar?.freeBusy),
        detailed
          ? el(
              't:CalendarEventDetails',
              null,
              textEl('t:ID', p.item.id),
              textEl('t:Subject', p.item.subject),
              textEl('t:Location', p.item.calendar?.location),
              textEl('t:IsMeeting', p.item.calendar?.isMeeting ?? false),
              textEl('t:IsRecurring', p.item.calendar?.recurrence !== undefined),
              textEl('t:IsException', false),
              textEl('t:IsReminderSet', false),
              textEl('t:IsPrivate', p.item.sensitivity === 'Private'),
            )
          : undefined,
      ),
    ),
  );
}

/** The worst status among the periods overlapping [from, to). */
function worstStatus(periods: readonly Period[], from: number, to: number): FreeBusyStatus {
  let worst: FreeBusyStatus = 'Free';
  for (const p of periods) {
    if (p.start.getTime() >= to) break;
    if (p.end.getTime() <= from) continue;
    const status = p.item.calendar?.freeBusy ?? 'Free';
    if (PRECEDENCE.indexOf(status) > PRECEDENCE.indexOf(worst)) worst = status;
  }
  return worst;
}

/** One digit per started interval of the window (the last one may be shorter). */
function merged(periods: readonly Period[], window: Window, intervalMinutes: number): string {
  const step = intervalMinutes * MINUTE;
  let digits = '';
  for (let t = window.start.getTime(); t < window.end.getTime(); t += step) {
    digits += String(MERGED_DIGIT[worstStatus(periods, t, Math.min(t + step, window.end.getTime()))]);
  }
  return digits;
}

function zoneXml(zone: LegacyTimeZone): XmlContent {
  const transition = (name: string, t: LegacyTimeZone['standard']) =>
    el(
      `t:${name}`,
      null,
      textEl('t:Bias', t?.bias ?? 0),
      textEl(
        't:Time',
        `${String(Math.floor((t?.minutes ?? 0) / 60)).padStart(2, '0')}:${String((t?.minutes ?? 0) % 60).padStart(2, '0')}:00`,
      ),
      textEl('t:DayOrder', t?.dayOrder ?? 1),
      textEl('t:Month', t?.month ?? 0),
      textEl('t:DayOfWeek', WEEKDAYS[t?.weekday ?? 0]),
    );
  return el(
    't:TimeZone',
    null,
    textEl('t:Bias', zone.bias),
    transition('StandardTime', zone.standard),
    transition('DaylightTime', zone.daylight),
  );
}

/** The mailbox's working hours, or Exchange's default ones in the asker's zone. */
function hoursOf(owner: DirectoryMailbox | undefined, requestZone: LegacyTimeZone): MailboxWorkingHours {
  return (
    owner?.workingHours ?? {
      days: DEFAULT_DAYS,
      startMinutes: DEFAULT_START,
      endMinutes: DEFAULT_END,
      zone: requestZone,
    }
  );
}

function workingHoursXml(hours: MailboxWorkingHours): XmlContent {
  return el(
    't:WorkingHours',
    null,
    zoneXml(hours.zone),
    el(
      't:WorkingPeriodArray',
      null,
      el(
        't:WorkingPeriod',
        null,
        textEl('t:DayOfWeek', hours.days.map((d) => WEEKDAYS[d]).join(' ')),
        textEl('t:StartTimeInMinutes', hours.startMinutes),
        textEl('t:EndTimeInMinutes', hours.endMinutes),
      ),
    ),
  );
}

/** Whether [start, end) lies within one working period of `hours` (in the mailbox's zone). */
function withinWorkingHours(hours: MailboxWorkingHours, start: Date, end: Date): boolean {
  const localStart = new Date(`${utcToLocal(hours.zone, start)}Z`);
  const localEnd = new Date(`${utcToLocal(hours.zone, end)}Z`);
  const dayStart = Date.UTC(localStart.getUTCFullYear(), localStart.getUTCMonth(), localStart.getUTCDate());
  if (!hours.days.includes(localStart.getUTCDay())) return false;
  const from = (localStart.getTime() - dayStart) / MINUTE;
  const to = (localEnd.getTime() - dayStart) / MINUTE;
  return from >= hours.startMinutes && to <= hours.endMinutes;
}

function readWindow(zone: LegacyTimeZone, windowEl: XmlElement | undefined, maxDays: number): Window {
  const window = {
    start: localToUtc(zone, childText(windowEl, 'StartTime') ?? ''),
    end: localToUtc(zone, childText(windowEl, 'EndTime') ?? ''),
  };
  if (
    Number.isNaN(window.start.getTime()) ||
    Number.isNaN(window.end.getTime()) ||
    window.end <= window.start
  ) {
    throw new ResponseError('ErrorInvalidTimeInterval', 'The time window is invalid.');
  }
  if (window.end.getTime() - window.start.getTime() > maxDays * DAY) {
    throw new ResponseError('ErrorInvalidTimeInterval', `The time window may span at most ${maxDays} days.`);
  }
  return window;
}

function notFound(address: string): ResponseError {
  return new ResponseError(
    'ErrorMailRecipientNotFound',
    `Unable to resolve e-mail address ${address} to an Active Directory object.`,
  );
}

function freeBusyResponse(
  ctx: OperationContext,
  zone: LegacyTimeZone,
  options: XmlElement,
  attendee: Attendee,
): XmlContent {
  try {
    const window = readWindow(zone, child(options, 'TimeWindow'), MAX_WINDOW_DAYS);
    const interval = Number(childText(options, 'MergedFreeBusyIntervalInMinutes') ?? '30');
    if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
      throw new ResponseError('ErrorInvalidRequest', 'MergedFreeBusyIntervalInMinutes must be 5 to 1440.');
    }
    const { store } = attendee;
    if (store === undefined) throw notFound(attendee.address);
    const requested = (childText(options, 'RequestedView') ?? 'FreeBusy').split(/\s+/)[0] ?? 'FreeBusy';
    const view = hasMailboxAccess(ctx.actor, store.owner) ? requested : (DOWNGRADE[requested] ?? requested);
    const withMerged = view.endsWith('Merged') || view === 'MergedOnly';
    const withEvents = view !== 'MergedOnly' && view !== 'None';
    const periods = sortedPeriods(store, window);
    return el(
      'm:FreeBusyResponse',
      null,
      successMessage('ResponseMessage'),
      el(
        'm:FreeBusyView',
        null,
        textEl('t:FreeBusyViewType', view),
        withMerged ? textEl('t:MergedFreeBusy', merged(periods, window, interval)) : undefined,
        withEvents ? events(periods, zone, view.startsWith('Detailed')) : undefined,
        workingHoursXml(hoursOf(store.owner, zone)),
      ),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return el('m:FreeBusyResponse', null, errorMessage('ResponseMessage', error));
  }
}

// --- Meeting-time suggestions (SuggestionsViewOptions) -----------------------------------------

type Quality = 'Excellent' | 'Good' | 'Fair' | 'Poor';
const QUALITIES: readonly Quality[] = ['Excellent', 'Good', 'Fair', 'Poor'];
const CONFLICTING: ReadonlySet<FreeBusyStatus> = new Set(['Tentative', 'Busy', 'OOF']);
/** Suggested meetings start on the half hour. */
const SUGGESTION_STEP_MINUTES = 30;

function integerOption(
  options: XmlElement,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = childText(options, name);
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ResponseError('ErrorInvalidRequest', `${name} must be ${min} to ${max}.`);
  }
  return value;
}

/**
 * A time's quality by the share of attendees (the directory knows) with a conflict there, per
 * Microsoft's SuggestionQuality and GoodThreshold references: none is Excellent, at most
 * GoodThreshold percent is Good, under half is Fair, half or more is Poor.
 */
function quality(conflicts: number, attendees: number, goodThreshold: number): Quality {
  if (attendees === 0) return 'Poor';
  if (conflicts === 0) return 'Excellent';
  const percent = (100 * conflicts) / attendees;
  if (percent <= goodThreshold) return 'Good';
  return percent < 50 ? 'Fair' : 'Poor';
}

interface Candidate {
  readonly start: Date;
  readonly isWorkTime: boolean;
  readonly quality: Quality;
  readonly statuses: readonly (FreeBusyStatus | undefined)[];
}

function suggestionsResponse(
  zone: LegacyTimeZone,
  options: XmlElement,
  attendees: readonly Attendee[],
): XmlContent {
  try {
    const goodThreshold = integerOption(options, 'GoodThreshold', 25, 1, 49);
    const maxByDay = integerOption(options, 'MaximumResultsByDay', 10, 0, 48);
    const maxNonWork = integerOption(options, 'MaximumNonWorkHourResultsByDay', 0, 0, 48);
    const duration = integerOption(options, 'MeetingDurationInMinutes', 60, 30, 1440) * MINUTE;
    const minimum = QUALITIES.indexOf((childText(options, 'MinimumSuggestionQuality') ?? 'Fair') as Quality);
    const window = readWindow(zone, child(options, 'DetailedSuggestionsWindow'), MAX_SUGGESTION_DAYS);
    const periods = attendees.map((a) => (a.store ? sortedPeriods(a.store, window) : undefined));
    const hours = attendees.map((a) => (a.store ? hoursOf(a.store.owner, zone) : undefined));
    const weighed = attendees.filter((a) => a.store !== undefined).length;
    const days: XmlContent[] = [];
    // Local days (in the request's zone) from the window's first day to its last.
    const firstLocal = new Date(`${utcToLocal(zone, window.start).slice(0, 10)}T00:00:00Z`).getTime();
    for (let day = firstLocal; localToUtc(zone, isoLocal(day)) < window.end; day += DAY) {
      const dayStartUtc = localToUtc(zone, isoLocal(day));
      const nextDayUtc = localToUtc(zone, isoLocal(day + DAY));
      const candidates: Candidate[] = [];
      for (let local = day; local + duration <= day + DAY; local += SUGGESTION_STEP_MINUTES * MINUTE) {
        const start = localToUtc(zone, isoLocal(local));
        const end = new Date(start.getTime() + duration);
        if (start < window.start || end > window.end || end > nextDayUtc) continue;
        const statuses = periods.map((p) => (p ? worstStatus(p, start.getTime(), end.getTime()) : undefined));
        const conflicts = statuses.filter((s) => s !== undefined && CONFLICTING.has(s)).length;
        const isWorkTime = attendees.every(
          (a, i) => a.attendeeType === 'Optional' || !hours[i] || withinWorkingHours(hours[i], start, end),
        );
        candidates.push({ start, isWorkTime, quality: quality(conflicts, weighed, goodThreshold), statuses });
      }
      const pick = (work: boolean, max: number) =>
        candidates
          .filter((c) => c.isWorkTime === work && QUALITIES.indexOf(c.quality) <= minimum)
          .sort(
            (a, b) =>
              QUALITIES.indexOf(a.quality) - QUALITIES.indexOf(b.quality) ||
              a.start.getTime() - b.start.getTime(),
          )
          .slice(0, max);
      const chosen = [...pick(true, maxByDay), ...pick(false, maxNonWork)].sort(
        (a, b) => a.start.getTime() - b.start.getTime(),
      );
      const workQualities = candidates.filter((c) => c.isWorkTime).map((c) => QUALITIES.indexOf(c.quality));
      const dayQuality = QUALITIES[workQualities.length ? Math.min(...workQualities) : 3] ?? 'Poor';
      days.push(
        el(
          't:SuggestionDayResult',
          null,
          textEl('t:Date', utcToLocal(zone, dayStartUtc)),
          textEl('t:DayQuality', dayQuality),
          el(
            't:SuggestionArray',
            null,
            chosen.map((c) =>
              el(
                't:Suggestion',
                null,
                textEl('t:MeetingTime', utcToLocal(zone, c.start)),
                textEl('t:IsWorkTime', c.isWorkTime),
                textEl('t:SuggestionQuality', c.quality),
                el(
                  't:AttendeeConflictDataArray',
                  null,
                  c.statuses.map((status) =>
                    status === undefined
                      ? el('t:UnknownAttendeeConflictData', null)
                      : el('t:IndividualAttendeeConflictData', null, textEl('t:BusyType', status)),
                  ),
                ),
              ),
            ),
          ),
        ),
      );
    }
    return el(
      'm:SuggestionsResponse',
      null,
      successMessage('ResponseMessage'),
      el('m:SuggestionDayResultArray', null, days),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return el('m:SuggestionsResponse', null, errorMessage('ResponseMessage', error));
  }
}

/** A local wall-clock ms (as if UTC) as the zone-less text localToUtc reads. */
function isoLocal(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/**
 * GetUserAvailability: free/busy (merged and detailed views computed from the calendars, each
 * mailbox's working hours) and meeting-time suggestions. At most 100 mailboxes per request; an
 * unknown mailbox is its own FreeBusyResponse error, the others are answered.
 */
export const getUserAvailability: OperationHandler = (ctx, request) => {
  const mailboxes = childrenNamed(child(request, 'MailboxDataArray'), 'MailboxData');
  if (mailboxes.length === 0) throw new SoapFault('ErrorMailboxDataArrayEmpty', 'MailboxDataArray is empty.');
  if (mailboxes.length > MAX_MAILBOXES) {
    throw new SoapFault(
      'ErrorMailboxDataArrayTooBig',
      `At most ${MAX_MAILBOXES} mailboxes may be queried at once.`,
    );
  }
  const freeBusyOptions = child(request, 'FreeBusyViewOptions');
  const suggestionOptions = child(request, 'SuggestionsViewOptions');
  if (freeBusyOptions === undefined && suggestionOptions === undefined) {
    throw new SoapFault(
      'ErrorInvalidRequest',
      'Either FreeBusyViewOptions or SuggestionsViewOptions is required.',
    );
  }
  const zone = parseLegacyTimeZone(child(request, 'TimeZone'));
  const attendees = mailboxes.map((m): Attendee => {
    const address = descend(m, 'Email', 'Address')?.text.trim() ?? '';
    return {
      address,
      attendeeType: childText(m, 'AttendeeType') ?? 'Required',
      store: ctx.state.storeFor(address),
    };
  });
  return el(
    'm:GetUserAvailabilityResponse',
    { 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
    freeBusyOptions
      ? el(
          'm:FreeBusyResponseArray',
          null,
          attendees.map((a) => freeBusyResponse(ctx, zone, freeBusyOptions, a)),
        )
      : undefined,
    suggestionOptions ? suggestionsResponse(zone, suggestionOptions, attendees) : undefined,
  );
};
