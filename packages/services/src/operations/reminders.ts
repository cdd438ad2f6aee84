import {
  child,
  children,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  integerInRange,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { dateTime } from '@ews/models';
import { itemIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import { utcDateTime } from '../internal/xml.js';
import type { ItemRef } from '../refs.js';
import { itemRefOf, nameOf } from './item-id-results.js';

/*
 * GetReminders and PerformReminderAction (Exchange 2013): declared in messages.xsd, not bound in
 * services.wsdl (unlisted-operations.ts names their answers). Both answers are themselves
 * the response message.
 */

/** GetReminders' ReminderType: All in the window; Current also earlier ones still going on; Old past tasks. */
export type ReminderType = 'All' | 'Current' | 'Old';
const REMINDER_TYPES: readonly ReminderType[] = ['All', 'Current', 'Old'];

/** GetReminders' MaxItems: the schema allows 0…200. */
export const MAX_REMINDERS = 200;

export interface GetRemindersParams {
  readonly type?: ReminderType | undefined;
  readonly beginTime?: Date | undefined;
  readonly endTime?: Date | undefined;
  /** 0…200 (the schema's bounds). */
  readonly maxItems?: number | undefined;
}

/** One reminder (t:ReminderType). */
export interface Reminder {
  readonly subject: string;
  readonly location?: string | undefined;
  readonly reminderTime: Date;
  readonly startDate: Date;
  readonly endDate: Date;
  readonly itemId: ItemRef;
  readonly recurringMasterItemId?: ItemRef | undefined;
  readonly reminderGroup?: 'Calendar' | 'Task' | undefined;
  readonly uid: string;
}

function checkedDate(name: string, value: Date | undefined): XmlFragment | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new EwsInvalidArgumentError(`GetReminders: ${name} must be a valid Date`);
  return el(`m:${name}`, {}, utcDateTime(value));
}

export function buildGetReminders(params: GetRemindersParams = {}): XmlFragment {
  const type = params.type ?? 'All';
  if (!REMINDER_TYPES.includes(type))
    throw new EwsInvalidArgumentError(`GetReminders: type must be one of ${REMINDER_TYPES.join(', ')}`);
  // Exchange needs both ends of the window to tell which reminders are old.
  if (type === 'Old' && (params.beginTime === undefined || params.endTime === undefined))
    throw new EwsInvalidArgumentError("GetReminders: type 'Old' needs beginTime and endTime");
  if (params.beginTime !== undefined && params.endTime !== undefined && params.beginTime > params.endTime)
    throw new EwsInvalidArgumentError('GetReminders: beginTime is after endTime');
  const max =
    params.maxItems === undefined
      ? undefined
      : el('m:MaxItems', {}, integerInRange('maxItems', params.maxItems, 0, MAX_REMINDERS));
  return el('m:GetReminders', {}, [
    checkedDate('BeginTime', params.beginTime),
    checkedDate('EndTime', params.endTime),
    max,
    el('m:ReminderType', {}, type),
  ]);
}

const fail = (operation: string, text: string): EwsProtocolError =>
  new EwsProtocolError(`${operation}: ${text}`, { operation });

function requiredDate(node: XmlNode, name: string): Date {
  const value = childValue(node, name, dateTime, 'Reminder');
  if (value === undefined) throw fail('GetReminders', `a Reminder without its ${name}`);
  return value;
}

function readReminder(node: XmlNode): Reminder {
  const subject = child(node, 'Subject')?.text;
  const uid = child(node, 'UID')?.text;
  const itemId = itemRefOf(child(node, 'ItemId'));
  if (subject === undefined || uid === undefined || itemId === undefined)
    throw fail('GetReminders', 'a Reminder without its Subject, ItemId or UID');
  const group = child(node, 'ReminderGroup')?.text.trim();
  if (group !== undefined && group !== 'Calendar' && group !== 'Task')
    throw fail('GetReminders', 'ReminderGroup is neither Calendar nor Task');
  const master = child(node, 'RecurringMasterItemId');
  const recurringMasterItemId = master === undefined ? undefined : itemRefOf(master);
  if (master !== undefined && recurringMasterItemId === undefined)
    throw fail('GetReminders', 'a RecurringMasterItemId without its Id');
  return {
    subject,
    location: child(node, 'Location')?.text,
    reminderTime: requiredDate(node, 'ReminderTime'),
    startDate: requiredDate(node, 'StartDate'),
    endDate: requiredDate(node, 'EndDate'),
    itemId,
    recurringMasterItemId,
    reminderGroup: group,
    uid,
  };
}

/**
 * The reminders of one GetReminders answer, in the server's order: Reminders is required (the
 * schema's minOccurs 1), each entry a t:Reminder with what the schema requires, never more than
 * `maxItems` asked for (200 at most): anything else is EWS_PROTOCOL.
 */
export function readGetReminders(
  response: EwsResponse,
  maxItems: number = MAX_REMINDERS,
): readonly Reminder[] {
  integerInRange('maxItems', maxItems, 0, MAX_REMINDERS);
  const message = onlyMessage(response);
  const list = child(message.node, 'Reminders');
  if (list === undefined) throw fail('GetReminders', 'a Success without its Reminders');
  const entries = children(list);
  if (entries.length > maxItems)
    throw fail('GetReminders', `${entries.length} reminders answered, at most ${maxItems} asked for`);
  for (const entry of entries)
    if (entry.name !== 'Reminder') throw fail('GetReminders', `Reminders holds a <${nameOf(entry)}>`);
  return entries.map(readReminder);
}

/** One reminder action: dismiss it, or snooze it until `until`. */
export type ReminderAction =
  | { readonly action: 'Dismiss'; readonly item: ItemRef }
  | { readonly action: 'Snooze'; readonly item: ItemRef; readonly until: Date };

export function buildPerformReminderAction(actions: readonly ReminderAction[]): XmlFragment {
  if (actions.length === 0)
    throw new EwsInvalidArgumentError('PerformReminderAction needs at least one action');
  const body = actions.map((entry) => {
    if (entry.action !== 'Dismiss' && entry.action !== 'Snooze')
      throw new EwsInvalidArgumentError("PerformReminderAction: action must be 'Dismiss' or 'Snooze'");
    let until: XmlFragment | undefined;
    if (entry.action === 'Snooze') {
      if (!(entry.until instanceof Date) || Number.isNaN(entry.until.getTime()))
        throw new EwsInvalidArgumentError('PerformReminderAction: snooze needs a valid Date (until)');
      until = el('t:NewReminderTime', {}, utcDateTime(entry.until));
    }
    return el('t:ReminderItemAction', {}, [
      el('t:ActionType', {}, entry.action),
      itemIdXml(entry.item, 'PerformReminderAction'),
      until,
    ]);
  });
  return el('m:PerformReminderAction', {}, el('m:ReminderItemActions', {}, body));
}

/**
 * The items the server updated, in request order: one UpdatedItemIds entry per action sent, each
 * the id of the item its action named (with its new change key); another count or another id is
 * EWS_PROTOCOL, never a change key paired with the wrong item.
 */
export function readPerformReminderAction(
  response: EwsResponse,
  sent: readonly ItemRef[],
): readonly ItemRef[] {
  const message = onlyMessage(response);
  const list = child(message.node, 'UpdatedItemIds');
  if (list === undefined) throw fail('PerformReminderAction', 'a Success without its UpdatedItemIds');
  const entries = children(list);
  if (entries.length !== sent.length)
    throw fail(
      'PerformReminderAction',
      `${sent.length} actions sent, ${entries.length} updated ids answered`,
    );
  return entries.map((entry, index) => {
    const ref = entry.name === 'ItemId' ? itemRefOf(entry) : undefined;
    if (ref === undefined)
      throw fail('PerformReminderAction', `UpdatedItemIds entry ${index + 1} is not an ItemId with its Id`);
    if (ref.id !== sent[index]?.id)
      throw fail('PerformReminderAction', `UpdatedItemIds entry ${index + 1} names another item`);
    return ref;
  });
}
