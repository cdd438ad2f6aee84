import { createHash } from 'node:crypto';
import { formatDateTime } from '../render/values.js';
import { NS } from '../soap/namespaces.js';
import { errorParts, successParts } from '../soap/response-messages.js';
import { SoapFault } from '../soap/soap-fault.js';
import type { StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlFragment } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { parseDateTime } from './parse-item-input.js';
import { actorStore } from './resolve-folder.js';
import { resolveItem } from './resolve-item.js';

/*
 * GetReminders / PerformReminderAction (Exchange 2013; messages.xsd, not services.wsdl): the reminders
 * of calendar items and tasks whose ReminderIsSet is true ("GetReminders operation"). A meeting's
 * reminder fires ReminderMinutesBeforeStart (15 when unset) before its ReminderDueBy (its start when
 * unset); a task's at its ReminderDueBy. Snoozing sets ReminderNextTime, dismissing clears
 * ReminderIsSet; a PerformReminderAction that fails is a SOAP fault (see below). Recurring series are not expanded here: a series' reminder is its first occurrence's.
 */

const RESPONSE_NS = { 'xmlns:m': NS.messages, 'xmlns:t': NS.types };
const DEFAULT_MINUTES = 15;
const REMINDER_TYPES = ['All', 'Current', 'Old'] as const;

const kept = (item: StoredItem, uri: string): string | undefined => item.properties?.[uri]?.text.trim();

function keptDate(item: StoredItem, uri: string): Date | undefined {
  const text = kept(item, uri);
  const date = text === undefined ? undefined : new Date(text);
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}

interface Reminder {
  readonly item: StoredItem;
  readonly time: Date;
  readonly start: Date;
  readonly end: Date;
  readonly group: 'Calendar' | 'Task';
}

/** The item's pending reminder, or undefined when it has none. */
function reminderOf(item: StoredItem): Reminder | undefined {
  const isSet = kept(item, 'item:ReminderIsSet');
  if (isSet !== 'true' && isSet !== '1') return undefined;
  const snoozed = keptDate(item, 'item:ReminderNextTime');
  if (item.calendar !== undefined && item.kind === 'CalendarItem') {
    const dueBy = keptDate(item, 'item:ReminderDueBy') ?? item.calendar.start;
    const minutes = Number(kept(item, 'item:ReminderMinutesBeforeStart') ?? DEFAULT_MINUTES);
    const time =
      snoozed ?? new Date(dueBy.getTime() - (Number.isFinite(minutes) ? minutes : DEFAULT_MINUTES) * 60_000);
    return { item, time, start: item.calendar.start, end: item.calendar.end, group: 'Calendar' };
  }
  if (item.task !== undefined) {
    const dueBy = keptDate(item, 'item:ReminderDueBy');
    if (dueBy === undefined) return undefined;
    const end = item.task.dueDate ?? dueBy;
    const start = keptDate(item, 'task:StartDate') ?? end;
    return { item, time: snoozed ?? dueBy, start, end, group: 'Task' };
  }
  return undefined;
}

function reminderXml(reminder: Reminder): XmlFragment {
  const { item } = reminder;
  const uid = item.calendar?.uid ?? createHash('sha1').update(item.id).digest('hex');
  return el(
    't:Reminder',
    null,
    textEl('t:Subject', item.subject),
    textEl('t:Location', item.calendar?.location),
    textEl('t:ReminderTime', formatDateTime(reminder.time)),
    textEl('t:StartDate', formatDateTime(reminder.start)),
    textEl('t:EndDate', formatDateTime(reminder.end)),
    el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey }),
    textEl('t:ReminderGroup', reminder.group),
    textEl('t:UID', uid),
  );
}

/**
 * Which reminders a request selects ("GetReminders operation"): All, those firing in
 * [BeginTime, EndTime]; Current, also earlier ones whose event is still going on; Old (both times
 * required), those of All whose task or event is over, meetings excluded.
 */
function selected(ctx: OperationContext, store: MailboxStore, request: XmlElement): Reminder[] {
  const type = REMINDER_TYPES.find((t) => t === (childText(request, 'ReminderType') ?? 'All'));
  if (type === undefined) throw new ResponseError('ErrorInvalidRequest', 'Unknown ReminderType.');
  const begin = parseDateTime(childText(request, 'BeginTime'), 'BeginTime');
  const end = parseDateTime(childText(request, 'EndTime'), 'EndTime');
  if (type === 'Old' && (begin === undefined || end === undefined))
    throw new ResponseError('ErrorInvalidRequest', 'ReminderType Old needs BeginTime and EndTime.');
  const maxText = childText(request, 'MaxItems');
  const max = maxText === undefined ? undefined : Number(maxText);
  if (max !== undefined && !(Number.isInteger(max) && max >= 0 && max <= 200))
    throw new ResponseError('ErrorInvalidRequest', 'MaxItems must be 0..200.');
  const now = ctx.now.getTime();
  const inWindow = (r: Reminder) =>
    (begin === undefined || r.time >= begin) && (end === undefined || r.time <= end);
  const reminders = [...store.items.values()]
    .map(reminderOf)
    .filter((r): r is Reminder => r !== undefined)
    .filter((r) => {
      if (type === 'All') return inWindow(r);
      if (type === 'Current')
        return inWindow(r) || ((end === undefined || r.time <= end) && r.end.getTime() > now);
      return inWindow(r) && r.group === 'Task' && r.end.getTime() <= now;
    })
    .sort((a, b) => a.time.getTime() - b.time.getTime());
  return max === undefined ? reminders : reminders.slice(0, max);
}

/** GetReminders: the answer is itself the response message, its Reminders required (maybe empty). */
export const getReminders: OperationHandler = (ctx, request) => {
  try {
    const reminders = selected(ctx, actorStore(ctx), request);
    return el(
      'm:GetRemindersResponse',
      { ResponseClass: 'Success', ...RESPONSE_NS },
      successParts(el('m:Reminders', null, reminders.map(reminderXml))),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    // Reminders is required even in an error answer (minOccurs 1): empty.
    return el(
      'm:GetRemindersResponse',
      { ResponseClass: 'Error', ...RESPONSE_NS },
      errorParts(error, el('m:Reminders', null)),
    );
  }
};

const textElement = (name: string, text: string): XmlElement => ({ name, attrs: {}, children: [], text });

/** Checks one Dismiss or Snooze and returns how to apply it (nothing changes until every action is checked). */
function plan(ctx: OperationContext, action: XmlElement): () => StoredItem {
  const type = childText(action, 'ActionType');
  const idEl = child(action, 'ItemId');
  if (idEl === undefined) throw new ResponseError('ErrorInvalidRequest', 'ItemId is required.');
  const { store, view } = resolveItem(ctx, idEl);
  const item = view.item;
  if (reminderOf(item) === undefined)
    throw new ResponseError('ErrorItemNotFound', 'The item has no reminder to act on.');
  const properties = { ...(item.properties ?? {}) };
  if (type === 'Dismiss') {
    properties['item:ReminderIsSet'] = textElement('ReminderIsSet', 'false');
    delete properties['item:ReminderNextTime'];
  } else if (type === 'Snooze') {
    const at = parseDateTime(childText(action, 'NewReminderTime'), 'NewReminderTime');
    if (at === undefined) throw new ResponseError('ErrorInvalidRequest', 'Snooze needs NewReminderTime.');
    properties['item:ReminderNextTime'] = textElement('ReminderNextTime', formatDateTime(at));
  } else {
    throw new ResponseError('ErrorInvalidRequest', 'ActionType must be Dismiss or Snooze.');
  }
  return () => {
    item.properties = properties;
    store.touch(item, ctx.now);
    return item;
  };
}

/**
 * PerformReminderAction: every action applied, the answer (itself the response message) naming each
 * updated item with its new change key, in request order; any failure fails the whole request.
 */
export const performReminderAction: OperationHandler = (ctx, request) => {
  try {
    const actions = childrenNamed(child(request, 'ReminderItemActions'), 'ReminderItemAction');
    const updated = actions.map((action) => plan(ctx, action)).map((apply) => apply());
    return el(
      'm:PerformReminderActionResponse',
      { ResponseClass: 'Success', ...RESPONSE_NS },
      successParts(
        el(
          'm:UpdatedItemIds',
          null,
          updated.map((item) => el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey })),
        ),
      ),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    // The schema requires a non-empty UpdatedItemIds in every answer, so a request that updated
    // nothing cannot be a valid Error message: it is a SOAP fault carrying the response code.
    throw new SoapFault(error.responseCode, error.message);
  }
};
