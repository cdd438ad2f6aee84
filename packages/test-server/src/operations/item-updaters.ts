import { ATTENDEE_LIST_UPDATERS } from '../calendar/attendee-lists.js';
import { TIME_ZONE_UPDATERS } from '../calendar/item-time-zones.js';
import { mimeContentOf } from '../render/mime-content.js';
import { isTyped, TYPED_URIS } from '../schema/typed-properties.js';
import type { FreeBusyStatus, StoredItem, TaskStatus } from '../store/item-model.js';
import { afterPercent, afterStatus } from '../store/task-progress.js';
import { child, childrenNamed, type XmlElement } from '../xml/xml-tree.js';
import { indexedUpdater, keptUpdater } from './kept-updaters.js';
import { type OperationContext, ResponseError } from './operation-context.js';
import { cutSubject, parseBoolean, parseDateTime, peopleIn, personFrom } from './parse-item-input.js';
import { parseRecurrence, parseTaskRecurrence } from './parse-recurrence.js';

/**
 * How UpdateItem changes one property: `value` is the property's element inside SetItemField's item
 * (undefined for DeleteItemField). Table-driven so adding a property is one row.
 */
export interface ItemUpdater {
  readonly uri: string;
  /** Element name inside the item, e.g. Subject. */
  readonly xml: string;
  /** May this property be set on a single occurrence (it then becomes an exception)? */
  readonly occurrence?: boolean;
  readonly apply: (item: StoredItem, value: XmlElement | undefined, ctx: OperationContext) => void;
  /** AppendToItemField, for the properties that take it (bodies, recipient and member lists). */
  readonly append?: (item: StoredItem, value: XmlElement, ctx: OperationContext) => void;
}

function messageOf(item: StoredItem) {
  if (item.message === undefined) throw new ResponseError('ErrorInvalidPropertySet', 'Not a message.');
  return item.message;
}

function people(value: XmlElement | undefined, ctx: OperationContext) {
  return childrenNamed(value, 'Mailbox').flatMap((m) => personFrom(ctx.state, m) ?? []);
}

const text = (value: XmlElement | undefined) => value?.text ?? '';

function requireDate(value: XmlElement | undefined, name: string): Date {
  const date = parseDateTime(value?.text.trim(), name);
  if (date === undefined) throw new ResponseError('ErrorInvalidPropertyDelete', `${name} cannot be deleted.`);
  return date;
}

function oneOf<T extends string>(value: XmlElement | undefined, allowed: readonly T[], name: string): T {
  const found = allowed.find((a) => a === value?.text.trim());
  if (found === undefined) throw new ResponseError('ErrorInvalidValueForProperty', `Invalid ${name}.`);
  return found;
}

function calendarOf(item: StoredItem) {
  if (item.calendar === undefined) throw new ResponseError('ErrorInvalidPropertySet', 'Not a calendar item.');
  return item.calendar;
}

const FREE_BUSY: readonly FreeBusyStatus[] = [
  'Free',
  'Tentative',
  'Busy',
  'OOF',
  'WorkingElsewhere',
  'NoData',
];
const TASK_STATUS: readonly TaskStatus[] = [
  'NotStarted',
  'InProgress',
  'Completed',
  'WaitingOnOthers',
  'Deferred',
];

export const ITEM_UPDATERS: readonly ItemUpdater[] = [
  {
    uri: 'item:Subject',
    xml: 'Subject',
    occurrence: true,
    apply: (item, v) => {
      item.subject = cutSubject(text(v));
    },
  },
  {
    // A full save (exchangelib, of a draft) sends back the MimeContent it read: the unchanged echo is
    // accepted; re-parsing a different MIME message into the item is not done here (README: Not yet).
    uri: 'item:MimeContent',
    xml: 'MimeContent',
    apply: (item, v) => {
      if (v === undefined || text(v).replace(/\s/g, '') !== mimeContentOf(item)) {
        throw new ResponseError(
          'ErrorInvalidPropertySet',
          'The property item:MimeContent cannot be changed on this server.',
        );
      }
    },
  },
  {
    uri: 'item:ItemClass',
    xml: 'ItemClass',
    apply: (item, v) => {
      if (v === undefined)
        throw new ResponseError('ErrorInvalidPropertyDelete', 'ItemClass cannot be deleted.');
      item.itemClass = text(v).trim();
    },
  },
  {
    uri: 'item:InReplyTo',
    xml: 'InReplyTo',
    apply: (item, v) => {
      const message = messageOf(item);
      if (v === undefined) delete message.inReplyTo;
      else message.inReplyTo = text(v);
    },
  },
  {
    uri: 'message:References',
    xml: 'References',
    apply: (item, v) => {
      const message = messageOf(item);
      if (v === undefined) delete message.references;
      else message.references = text(v);
    },
  },
  {
    uri: 'message:InternetMessageId',
    xml: 'InternetMessageId',
    apply: (item, v) => {
      if (v === undefined) {
        throw new ResponseError('ErrorInvalidPropertyDelete', 'InternetMessageId cannot be deleted.');
      }
      messageOf(item).internetMessageId = text(v).trim();
    },
  },
  {
    uri: 'item:Body',
    xml: 'Body',
    apply: (item, v) => {
      item.body = text(v);
      item.bodyType = v?.attrs.BodyType === 'HTML' ? 'HTML' : 'Text';
    },
    append: (item, v) => {
      item.body += text(v);
    },
  },
  {
    uri: 'item:Importance',
    xml: 'Importance',
    apply: (item, v) => {
      item.importance = oneOf(v, ['Low', 'Normal', 'High'] as const, 'Importance');
    },
  },
  {
    uri: 'item:Sensitivity',
    xml: 'Sensitivity',
    apply: (item, v) => {
      item.sensitivity = oneOf(v, ['Normal', 'Personal', 'Private', 'Confidential'] as const, 'Sensitivity');
    },
  },
  {
    uri: 'item:Categories',
    xml: 'Categories',
    apply: (item, v) => {
      item.categories = childrenNamed(v, 'String').map((s) => s.text);
    },
  },
  {
    uri: 'message:IsRead',
    xml: 'IsRead',
    apply: (item, v) => {
      messageOf(item).isRead = parseBoolean(v?.text ?? 'false', 'IsRead') ?? false;
    },
  },
  {
    uri: 'message:ToRecipients',
    xml: 'ToRecipients',
    apply: (item, v, ctx) => {
      messageOf(item).to = people(v, ctx);
    },
    append: (item, v, ctx) => {
      const message = messageOf(item);
      message.to = [...message.to, ...people(v, ctx)];
    },
  },
  {
    uri: 'message:CcRecipients',
    xml: 'CcRecipients',
    apply: (item, v, ctx) => {
      messageOf(item).cc = people(v, ctx);
    },
    append: (item, v, ctx) => {
      const message = messageOf(item);
      message.cc = [...message.cc, ...people(v, ctx)];
    },
  },
  {
    uri: 'message:BccRecipients',
    xml: 'BccRecipients',
    apply: (item, v, ctx) => {
      if (item.message === undefined) throw new ResponseError('ErrorInvalidPropertySet', 'Not a message.');
      const bcc = people(v, ctx);
      if (bcc.length > 0) item.message.bcc = bcc;
      else delete item.message.bcc;
    },
    append: (item, v, ctx) => {
      const message = messageOf(item);
      message.bcc = [...(message.bcc ?? []), ...people(v, ctx)];
    },
  },
  {
    uri: 'calendar:Start',
    xml: 'Start',
    occurrence: true,
    apply: (item, v) => {
      calendarOf(item).start = requireDate(v, 'Start');
    },
  },
  {
    uri: 'calendar:End',
    xml: 'End',
    occurrence: true,
    apply: (item, v) => {
      calendarOf(item).end = requireDate(v, 'End');
    },
  },
  {
    uri: 'calendar:Location',
    xml: 'Location',
    occurrence: true,
    apply: (item, v) => {
      calendarOf(item).location = v === undefined ? undefined : text(v);
    },
  },
  {
    uri: 'calendar:IsAllDayEvent',
    xml: 'IsAllDayEvent',
    apply: (item, v) => {
      calendarOf(item).isAllDay = v?.text.trim() === 'true' || v?.text.trim() === '1';
    },
  },
  {
    uri: 'calendar:LegacyFreeBusyStatus',
    xml: 'LegacyFreeBusyStatus',
    apply: (item, v) => {
      calendarOf(item).freeBusy = oneOf(v, FREE_BUSY, 'LegacyFreeBusyStatus');
    },
  },
  {
    // The iCalendar UID pairs the organizer's and attendees' copies: a full save (exchangelib) sends it
    // back unchanged, which is accepted; another value is refused.
    uri: 'calendar:UID',
    xml: 'UID',
    apply: (item, v) => {
      if (text(v).trim() !== calendarOf(item).uid) {
        throw new ResponseError('ErrorInvalidPropertySet', 'The UID of a calendar item cannot be changed.');
      }
    },
  },
  {
    // The series' shape; update-item regenerates its occurrences afterwards (calendar/series-update.ts).
    uri: 'calendar:Recurrence',
    xml: 'Recurrence',
    apply: (item, v) => {
      const data = calendarOf(item);
      if (item.kind !== 'CalendarItem') {
        throw new ResponseError('ErrorInvalidPropertySet', 'Only a calendar item can recur.');
      }
      data.recurrence = parseRecurrence(v);
    },
  },
  ...ATTENDEE_LIST_UPDATERS.map(
    (u): ItemUpdater => ({
      uri: u.uri,
      xml: u.xml,
      apply: (item, v, ctx) =>
        u.apply(calendarOf(item), v === undefined ? undefined : peopleIn(ctx.state, v, 'Attendee')),
      append: (item, v, ctx) => u.append(calendarOf(item), peopleIn(ctx.state, v, 'Attendee')),
    }),
  ),
  // A draft's From and Sender (the same mailbox here: the server keeps one) may be set, as Exchange
  // lets a delegate's draft name its author; a sent or received message's are fixed.
  ...['From', 'Sender'].map(
    (xml): ItemUpdater => ({
      uri: `message:${xml}`,
      xml,
      apply: (item, v, ctx) => {
        const message = messageOf(item);
        if (!message.isDraft) {
          throw new ResponseError(
            'ErrorInvalidPropertyUpdateSentMessage',
            `${xml} cannot be changed once the message is sent.`,
          );
        }
        message.from = v === undefined ? undefined : personFrom(ctx.state, child(v, 'Mailbox'));
      },
    }),
  ),
  ...TIME_ZONE_UPDATERS.map((u) => ({
    uri: u.uri,
    xml: u.xml,
    apply: (item: StoredItem, v: XmlElement | undefined) => u.apply(calendarOf(item), v),
  })),
  {
    // A task's own recurrence (regenerating or not); deleting it makes the task a single one.
    uri: 'task:Recurrence',
    xml: 'Recurrence',
    apply: (item, v) => {
      if (item.task === undefined) throw new ResponseError('ErrorInvalidPropertySet', 'Not a task.');
      const recurrence = v === undefined ? undefined : parseTaskRecurrence(v);
      if (recurrence === undefined) delete item.task.recurrence;
      else item.task.recurrence = recurrence;
    },
  },
  {
    uri: 'task:Status',
    xml: 'Status',
    apply: (item, v, ctx) => {
      if (item.task === undefined) throw new ResponseError('ErrorInvalidPropertySet', 'Not a task.');
      afterStatus(item, item.task, oneOf(v, TASK_STATUS, 'Status'), ctx.now);
    },
  },
  {
    uri: 'task:PercentComplete',
    xml: 'PercentComplete',
    apply: (item, v, ctx) => {
      if (item.task === undefined) throw new ResponseError('ErrorInvalidPropertySet', 'Not a task.');
      const percent = Number(v?.text ?? '0');
      if (!(percent >= 0 && percent <= 100)) {
        throw new ResponseError('ErrorInvalidValueForProperty', 'PercentComplete must be 0..100.');
      }
      afterPercent(item, item.task, percent, ctx.now);
    },
  },
];

const BY_URI = new Map(ITEM_UPDATERS.map((u) => [u.uri, u]));

/**
 * How UpdateItem changes the property a path names on this item: the hand-written updater of a typed
 * property, a kept (bag) property's updater for every other schema property, an indexed entry's for
 * IndexedFieldURI. What cannot be updated is ErrorInvalidPropertySet.
 */
export function updaterFor(path: XmlElement | undefined, item: StoredItem): ItemUpdater {
  if (path?.name === 'IndexedFieldURI') return indexedUpdater(path, item);
  const uri = path?.attrs.FieldURI ?? path?.name ?? '';
  if (path?.name !== 'FieldURI') {
    throw new ResponseError(
      'ErrorInvalidPropertySet',
      `The property ${uri} cannot be updated on this server.`,
    );
  }
  const hand = BY_URI.get(uri);
  if (hand !== undefined && (!TYPED_URIS.has(uri) || isTyped(uri, item.kind))) return hand;
  return keptUpdater(uri, item);
}
