import type { MeetingInput } from '../calendar/book-meeting.js';
import { allDayBounds, parseItemTimeZones } from '../calendar/item-time-zones.js';
import { originalStarts } from '../calendar/recurrence-expansion.js';
import type { ExchangeState } from '../store/exchange-state.js';
import type { ContactData, FreeBusyStatus, Person, TaskData, TaskStatus } from '../store/item-model.js';
import { child, childrenNamed, childText, descend, type XmlElement } from '../xml/xml-tree.js';
import { ResponseError } from './operation-context.js';
import { parseRecurrence, parseTaskRecurrence } from './parse-recurrence.js';

/** Properties every item kind shares. */
export interface CommonInput {
  readonly subject: string;
  readonly body: string;
  readonly bodyType: 'HTML' | 'Text';
  readonly importance?: 'Low' | 'Normal' | 'High';
  readonly sensitivity?: 'Normal' | 'Personal' | 'Private' | 'Confidential';
  readonly categories: string[];
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a === value);
  if (found === undefined)
    throw new ResponseError('ErrorInvalidValueForProperty', `Invalid ${name}: ${value}.`);
  return found;
}

export function parseDateTime(text: string | undefined, name: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new ResponseError('ErrorInvalidValueForProperty', `Invalid ${name}: ${text}.`);
  return date;
}

/** Exchange keeps the first 255 characters of a subject (never ending inside a surrogate pair). */
export function cutSubject(subject: string): string {
  if (subject.length <= 255) return subject;
  const code = subject.charCodeAt(254);
  return subject.slice(0, code >= 0xd800 && code <= 0xdbff ? 254 : 255);
}

/** An xs:boolean element (true, false, 1, 0); ErrorInvalidValueForProperty for anything else. */
export function parseBoolean(text: string | undefined, name: string): boolean | undefined {
  if (text === undefined) return undefined;
  const value = text.trim();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ResponseError('ErrorInvalidValueForProperty', `Invalid ${name}: ${value.slice(0, 64)}.`);
}

export function parseCommon(itemEl: XmlElement): CommonInput {
  const body = child(itemEl, 'Body');
  const importance = oneOf(childText(itemEl, 'Importance'), ['Low', 'Normal', 'High'] as const, 'Importance');
  const sensitivity = oneOf(
    childText(itemEl, 'Sensitivity'),
    ['Normal', 'Personal', 'Private', 'Confidential'] as const,
    'Sensitivity',
  );
  return {
    subject: cutSubject(childText(itemEl, 'Subject') ?? ''),
    body: body?.text ?? '',
    bodyType: body?.attrs.BodyType === 'HTML' ? 'HTML' : 'Text',
    ...(importance ? { importance } : {}),
    ...(sensitivity ? { sensitivity } : {}),
    categories: childrenNamed(child(itemEl, 'Categories'), 'String').map((s) => s.text),
  };
}

/** A t:Mailbox as a person; the directory supplies the display name when the request has none. */
export function personFrom(state: ExchangeState, mailboxEl: XmlElement | undefined): Person | undefined {
  const address = childText(mailboxEl, 'EmailAddress');
  if (!address) return undefined;
  const known = state.mailbox(address);
  return {
    name: childText(mailboxEl, 'Name') || known?.name || address,
    address: known?.address ?? address,
    mailboxType: 'Mailbox',
  };
}

export function peopleIn(
  state: ExchangeState,
  listEl: XmlElement | undefined,
  entry: 'Mailbox' | 'Attendee',
): Person[] {
  return childrenNamed(listEl, entry)
    .map((e) => personFrom(state, entry === 'Attendee' ? child(e, 'Mailbox') : e))
    .filter((p): p is Person => p !== undefined);
}

const END_OF_TIME = new Date(8.64e15);

const FREE_BUSY: readonly FreeBusyStatus[] = [
  'Free',
  'Tentative',
  'Busy',
  'OOF',
  'WorkingElsewhere',
  'NoData',
];

export function parseMeeting(state: ExchangeState, itemEl: XmlElement, now: Date): MeetingInput {
  const common = parseCommon(itemEl);
  const sentStart =
    parseDateTime(childText(itemEl, 'Start'), 'Start') ??
    new Date(Math.ceil(now.getTime() / 1_800_000) * 1_800_000);
  const sentEnd = parseDateTime(childText(itemEl, 'End'), 'End') ?? new Date(sentStart.getTime() + 1_800_000);
  const isAllDay = childText(itemEl, 'IsAllDayEvent');
  const zones = parseItemTimeZones(itemEl);
  const { start, end } = allDayBounds({
    start: sentStart,
    end: sentEnd,
    isAllDay: isAllDay === 'true' || isAllDay === '1',
    ...zones,
  });
  if (end < start) {
    throw new ResponseError(
      'ErrorCalendarEndDateIsEarlierThanStartDate',
      'EndDate is earlier than StartDate.',
    );
  }
  const freeBusy = oneOf(childText(itemEl, 'LegacyFreeBusyStatus'), FREE_BUSY, 'LegacyFreeBusyStatus');
  const location = childText(itemEl, 'Location');
  const recurrence = parseRecurrence(child(itemEl, 'Recurrence'));
  // A series' master starts at its first occurrence (StartDate and the pattern decide which day).
  const first = recurrence && originalStarts({ start, recurrence, ...zones }, END_OF_TIME, 1)[0];
  if (recurrence && first === undefined) {
    throw new ResponseError('ErrorRecurrenceHasNoOccurrence', 'The recurrence has no occurrences.');
  }
  const shift = first === undefined ? 0 : first.getTime() - start.getTime();
  // calendar:UID is writable on create (exchangelib sets it); left out, the meeting gets a new one.
  const uid = childText(itemEl, 'UID');
  return {
    ...(uid === undefined || uid === '' ? {} : { uid }),
    subject: common.subject,
    body: common.body,
    start: new Date(start.getTime() + shift),
    end: new Date(end.getTime() + shift),
    isAllDay: isAllDay === 'true' || isAllDay === '1',
    ...(freeBusy ? { freeBusy } : {}),
    ...(location ? { location } : {}),
    required: peopleIn(state, child(itemEl, 'RequiredAttendees'), 'Attendee'),
    optional: peopleIn(state, child(itemEl, 'OptionalAttendees'), 'Attendee'),
    resources: peopleIn(state, child(itemEl, 'Resources'), 'Attendee'),
    ...(recurrence ? { recurrence } : {}),
    ...zones,
    categories: common.categories,
  };
}

const TASK_STATUS: readonly TaskStatus[] = [
  'NotStarted',
  'InProgress',
  'Completed',
  'WaitingOnOthers',
  'Deferred',
];

export function parseTaskStatus(itemEl: XmlElement): TaskStatus {
  return oneOf(childText(itemEl, 'Status'), TASK_STATUS, 'Status') ?? 'NotStarted';
}

export function firstEmailEntry(itemEl: XmlElement): string | undefined {
  return descend(itemEl, 'EmailAddresses', 'Entry')?.text.trim();
}

export function parseContact(itemEl: XmlElement): ContactData {
  const givenName = childText(itemEl, 'GivenName') ?? '';
  const surname = childText(itemEl, 'Surname') ?? '';
  const phone = descend(itemEl, 'PhoneNumbers', 'Entry')?.text.trim();
  return {
    givenName,
    surname,
    displayName: childText(itemEl, 'DisplayName') ?? `${givenName} ${surname}`.trim(),
    companyName: childText(itemEl, 'CompanyName'),
    jobTitle: childText(itemEl, 'JobTitle'),
    emailAddress: firstEmailEntry(itemEl),
    phone: phone === '' ? undefined : phone,
  };
}

export function parseTask(itemEl: XmlElement): TaskData {
  const recurrence = parseTaskRecurrence(child(itemEl, 'Recurrence'));
  return {
    status: parseTaskStatus(itemEl),
    dueDate: parseDateTime(childText(itemEl, 'DueDate'), 'DueDate'),
    percentComplete: Number(childText(itemEl, 'PercentComplete') ?? '0'),
    ...(recurrence === undefined ? {} : { recurrence }),
  };
}
