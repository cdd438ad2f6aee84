import { busyPeriods } from '../calendar/book-meeting.js';
import {
  type LegacyTimeZone,
  localToUtc,
  parseLegacyTimeZone,
  utcToLocal,
} from '../calendar/legacy-time-zone.js';
import { hasMailboxAccess } from '../directory/directory.js';
import { NS } from '../soap/namespaces.js';
import { errorMessage, successMessage } from '../soap/response-messages.js';
import { SoapFault } from '../soap/soap-fault.js';
import type { FreeBusyStatus } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, childrenNamed, childText, descend, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';

// MergedFreeBusy digits, and which status wins when several overlap one interval.
const MERGED_DIGIT: Record<FreeBusyStatus, number> = {
  Free: 0,
  Tentative: 1,
  Busy: 2,
  OOF: 3,
  NoData: 4,
  WorkingElsewhere: 5,
};
const PRECEDENCE: readonly FreeBusyStatus[] = ['Free', 'WorkingElsewhere', 'Tentative', 'Busy', 'OOF'];
const MAX_MAILBOXES = 100;
const MAX_WINDOW_DAYS = 62;

// Without delegate access a caller sees times only (Exchange's default AvailabilityOnly permission).
const DOWNGRADE: Record<string, string> = { Detailed: 'FreeBusy', DetailedMerged: 'FreeBusyMerged' };

interface Window {
  readonly start: Date;
  readonly end: Date;
}

function events(store: MailboxStore, window: Window, zone: LegacyTimeZone, detailed: boolean): XmlContent {
  const periods = busyPeriods(store, window.start, window.end).sort(
    (a, b) => a.start.getTime() - b.start.getTime(),
  );
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

function merged(store: MailboxStore, window: Window, intervalMinutes: number): string {
  const step = intervalMinutes * 60_000;
  let digits = '';
  for (let t = window.start.getTime(); t < window.end.getTime(); t += step) {
    const slot = busyPeriods(store, new Date(t), new Date(Math.min(t + step, window.end.getTime())));
    const worst = slot.reduce<FreeBusyStatus>((acc, p) => {
      const status = p.item.calendar?.freeBusy ?? 'Free';
      return PRECEDENCE.indexOf(status) > PRECEDENCE.indexOf(acc) ? status : acc;
    }, 'Free');
    digits += String(MERGED_DIGIT[worst]);
  }
  return digits;
}

function workingHours(zoneEl: XmlElement | undefined): XmlContent {
  const zone = zoneEl;
  const transition = (name: string, tzPart: XmlElement | undefined) =>
    el(
      `t:${name}`,
      null,
      textEl('t:Bias', childText(tzPart, 'Bias') ?? '0'),
      textEl('t:Time', childText(tzPart, 'Time') ?? '00:00:00'),
      textEl('t:DayOrder', childText(tzPart, 'DayOrder') ?? '1'),
      textEl('t:Month', childText(tzPart, 'Month') ?? '0'),
      textEl('t:DayOfWeek', childText(tzPart, 'DayOfWeek') ?? 'Sunday'),
    );
  return el(
    't:WorkingHours',
    null,
    el(
      't:TimeZone',
      null,
      textEl('t:Bias', childText(zone, 'Bias') ?? '0'),
      transition('StandardTime', child(zone, 'StandardTime')),
      transition('DaylightTime', child(zone, 'DaylightTime')),
    ),
    el(
      't:WorkingPeriodArray',
      null,
      el(
        't:WorkingPeriod',
        null,
        textEl('t:DayOfWeek', 'Monday Tuesday Wednesday Thursday Friday'),
        textEl('t:StartTimeInMinutes', 480),
        textEl('t:EndTimeInMinutes', 1020),
      ),
    ),
  );
}

function freeBusyResponse(ctx: OperationContext, request: XmlElement, dataEl: XmlElement): XmlContent {
  const zoneEl = child(request, 'TimeZone');
  const zone = parseLegacyTimeZone(zoneEl);
  const options = child(request, 'FreeBusyViewOptions');
  const windowEl = child(options, 'TimeWindow');
  const window = {
    start: localToUtc(zone, childText(windowEl, 'StartTime') ?? ''),
    end: localToUtc(zone, childText(windowEl, 'EndTime') ?? ''),
  };
  const interval = Number(childText(options, 'MergedFreeBusyIntervalInMinutes') ?? '30');
  try {
    if (
      Number.isNaN(window.start.getTime()) ||
      Number.isNaN(window.end.getTime()) ||
      window.end <= window.start
    ) {
      throw new ResponseError('ErrorInvalidRequest', 'The TimeWindow is invalid.');
    }
    if (window.end.getTime() - window.start.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
      throw new ResponseError(
        'ErrorInvalidRequest',
        `The TimeWindow may span at most ${MAX_WINDOW_DAYS} days.`,
      );
    }
    const address = descend(dataEl, 'Email', 'Address')?.text.trim() ?? '';
    const store = ctx.state.storeFor(address);
    if (store === undefined) {
      throw new ResponseError(
        'ErrorMailRecipientNotFound',
        `Unable to resolve e-mail address ${address} to an Active Directory object.`,
      );
    }
    const requested = (childText(options, 'RequestedView') ?? 'FreeBusy').split(/\s+/)[0] ?? 'FreeBusy';
    const view = hasMailboxAccess(ctx.actor, store.owner) ? requested : (DOWNGRADE[requested] ?? requested);
    const withMerged = view.endsWith('Merged') || view === 'MergedOnly';
    const withEvents = view !== 'MergedOnly' && view !== 'None';
    return el(
      'm:FreeBusyResponse',
      null,
      successMessage('ResponseMessage'),
      el(
        'm:FreeBusyView',
        null,
        textEl('t:FreeBusyViewType', view),
        withMerged ? textEl('t:MergedFreeBusy', merged(store, window, interval)) : undefined,
        withEvents ? events(store, window, zone, view.startsWith('Detailed')) : undefined,
        workingHours(zoneEl),
      ),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return el('m:FreeBusyResponse', null, errorMessage('ResponseMessage', error));
  }
}

/** GetUserAvailability: free/busy, merged and detailed views computed from the calendars. */
export const getUserAvailability: OperationHandler = (ctx, request) => {
  const mailboxes = childrenNamed(child(request, 'MailboxDataArray'), 'MailboxData');
  if (mailboxes.length === 0) throw new SoapFault('ErrorMailboxDataArrayEmpty', 'MailboxDataArray is empty.');
  if (mailboxes.length > MAX_MAILBOXES) {
    throw new SoapFault(
      'ErrorMailboxDataArrayTooBig',
      `At most ${MAX_MAILBOXES} mailboxes may be queried at once.`,
    );
  }
  if (child(request, 'FreeBusyViewOptions') === undefined) {
    throw new SoapFault(
      'ErrorInvalidRequest',
      'This server answers free/busy requests only (no suggestions).',
    );
  }
  return el(
    'm:GetUserAvailabilityResponse',
    { 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
    el(
      'm:FreeBusyResponseArray',
      null,
      mailboxes.map((m) => freeBusyResponse(ctx, request, m)),
    ),
  );
};
