// Items made of model-generated values for the fuzz scenarios to act on, created live on the
// test server (their answers are what the cases mutate).

import {
  type CalendarItem,
  CalendarItemModel,
  type Contact,
  ContactModel,
  type Message,
  MessageModel,
  type Task,
  TaskModel,
} from '@ews/models';
import type { Account, ItemRef } from '../../../src/index.js';
import { modelValues, sampleValues } from './model-values.js';

/**
 * The fields of each model that @ews/test-server stores and writes back as sent (the others it
 * drops or derives: reminders, culture, contact extras, task work…), so a created item's
 * answers carry exactly the generated values. `roundTrip.test` checks that they do.
 */
export const ROUND_TRIP_FIELDS = {
  message: ['subject', 'sensitivity', 'body', 'categories', 'importance', 'isRead'],
  calendar: ['subject', 'categories', 'start', 'location', 'legacyFreeBusyStatus'],
  contact: ['displayName', 'givenName', 'surname', 'companyName', 'jobTitle'],
  task: ['subject', 'status'],
} as const;

const SEED = 20_260_302;

/**
 * Values without a carriage return: @ews/test-server's request parser keeps `&#13;` literally
 * (fast-xml-parser with htmlEntities off decodes only the five named entities), so a `\r` the
 * client sends correctly would come back as the text `&#13;`.
 */
function withoutCarriageReturns<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\r/g, '') as T;
  if (Array.isArray(value)) return value.map(withoutCarriageReturns) as T;
  if (value instanceof Date) return value;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutCarriageReturns(v)])) as T;
  return value;
}

export function generatedMessages(count: number, offset = 0): Message[] {
  return sampleValues(modelValues(MessageModel, ROUND_TRIP_FIELDS.message), count + offset, SEED)
    .slice(offset)
    .map(withoutCarriageReturns);
}

export function generatedCalendarItems(count: number, offset = 0): CalendarItem[] {
  return sampleValues(modelValues(CalendarItemModel, ROUND_TRIP_FIELDS.calendar), count + offset, SEED + 1)
    .slice(offset)
    .map(withoutCarriageReturns)
    .map((item) => {
      // A meeting of 15 minutes to 3 days, so end follows start.
      const start = item.start ?? new Date('2026-03-02T09:00:00Z');
      const minutes = 15 + ((start.getTime() / 60_000) % 4305);
      return { ...item, end: new Date(start.getTime() + minutes * 60_000) };
    });
}

export function generatedContacts(count: number): Contact[] {
  return sampleValues(modelValues(ContactModel, ROUND_TRIP_FIELDS.contact), count, SEED + 2).map(
    withoutCarriageReturns,
  );
}

export function generatedTasks(count: number): Task[] {
  return sampleValues(modelValues(TaskModel, ROUND_TRIP_FIELDS.task), count, SEED + 3).map(
    withoutCarriageReturns,
  );
}

/** Saves messages in the account's Drafts folder; their refs, in order. */
export async function saveMessages(account: Account, messages: readonly Message[]): Promise<ItemRef[]> {
  const refs: ItemRef[] = [];
  for (const message of messages) refs.push(await account.items.save(MessageModel, message));
  return refs;
}

/** Saves messages straight into the inbox (so queries over it find them). */
export async function saveToInbox(account: Account, messages: readonly Message[]): Promise<ItemRef[]> {
  const results = await account.bulkCreate(MessageModel, messages, {
    folder: { distinguishedId: 'inbox', mailbox: account.primarySmtpAddress },
    messageDisposition: 'SaveOnly',
  });
  return results.map((result) => {
    if (!result.ok || result.value === undefined) throw new Error('setup: a message was not created');
    return result.value;
  });
}
