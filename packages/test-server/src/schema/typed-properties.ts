import type { ItemKind } from '../store/item-model.js';

/**
 * FieldURIs the typed model owns (they have behaviour: times, attendees, read state, recipients, ...).
 * For a kind whose hand-written field applies, CreateItem reads them into the typed model and UpdateItem
 * changes them through item-updaters.ts; every other property is kept as sent in the item's bag.
 */
export const TYPED_URIS: ReadonlySet<string> = new Set([
  'item:ItemClass',
  'item:Subject',
  'item:Sensitivity',
  'item:Body',
  'item:Attachments',
  'item:MimeContent',
  'item:Categories',
  'item:Importance',
  'item:InReplyTo',
  'message:Sender',
  'message:ToRecipients',
  'message:CcRecipients',
  'message:BccRecipients',
  'message:From',
  'message:InternetMessageId',
  'message:IsRead',
  'message:References',
  'calendar:UID',
  'calendar:Start',
  'calendar:End',
  'calendar:IsAllDayEvent',
  'calendar:LegacyFreeBusyStatus',
  'calendar:Location',
  'calendar:RequiredAttendees',
  'calendar:OptionalAttendees',
  'calendar:Resources',
  'calendar:Recurrence',
  'calendar:MeetingTimeZone',
  'calendar:StartTimeZone',
  'calendar:EndTimeZone',
  'task:Recurrence',
  'task:Status',
  'task:PercentComplete',
]);

/** Does the typed model own this property on items of this kind? */
export function isTyped(uri: string, kind: ItemKind): boolean {
  if (!TYPED_URIS.has(uri)) return false;
  // InReplyTo lives in the message data; the other item-wide ones (Subject, Body, ...) on every item.
  if (uri === 'item:InReplyTo') return TYPED_KINDS.message?.includes(kind) ?? false;
  return uri.startsWith('item:') || kindOfHandField(uri, kind);
}

// Message fields are typed on message kinds, calendar fields on calendar kinds, task fields on tasks.
const TYPED_KINDS: Readonly<Record<string, readonly ItemKind[]>> = {
  message: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
  calendar: ['CalendarItem', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
  task: ['Task'],
};

function kindOfHandField(uri: string, kind: ItemKind): boolean {
  return TYPED_KINDS[uri.slice(0, uri.indexOf(':'))]?.includes(kind) ?? false;
}
