import { meetingCalendar, personOf } from '../calendar/book-meeting.js';
import type { ItemKind, StoredAttachment, StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { buildItem } from '../store/new-item.js';
import { child, childText, descend, type XmlElement } from '../xml/xml-tree.js';
import { type OperationContext, ResponseError } from './operation-context.js';
import {
  parseCommon,
  parseContact,
  parseMeeting,
  parseTask,
  peopleIn,
  personFrom,
} from './parse-item-input.js';

// The item elements an ItemAttachment may carry that this server keeps (t:Item is kept as a message).
const EMBEDDABLE: Readonly<Record<string, ItemKind>> = {
  Item: 'Message',
  Message: 'Message',
  CalendarItem: 'CalendarItem',
  Contact: 'Contact',
  Task: 'Task',
};

export function isEmbeddableItem(name: string): boolean {
  return name in EMBEDDABLE;
}

/**
 * The item inside a CreateAttachment's t:ItemAttachment, built like CreateItem builds one but kept in no
 * folder (invitations are not sent for an attached meeting). Its own attachments go through `attach`.
 */
export function parseEmbeddedItem(
  ctx: OperationContext,
  store: MailboxStore,
  itemEl: XmlElement,
  attach: (attachmentEl: XmlElement) => StoredAttachment,
): StoredItem {
  const kind = EMBEDDABLE[itemEl.name];
  if (kind === undefined) {
    throw new ResponseError('ErrorInvalidRequest', `${itemEl.name} cannot be attached on this server.`);
  }
  const common = parseCommon(itemEl);
  const base = {
    kind,
    folderId: '',
    ...common,
    created: ctx.now,
  };
  let item: StoredItem;
  if (kind === 'Message') {
    const isRead = childText(itemEl, 'IsRead');
    item = buildItem(store, {
      ...base,
      sent: ctx.now,
      message: {
        from: personFrom(ctx.state, descend(itemEl, 'From', 'Mailbox')) ?? personOf(store.owner),
        to: peopleIn(ctx.state, child(itemEl, 'ToRecipients'), 'Mailbox'),
        cc: peopleIn(ctx.state, child(itemEl, 'CcRecipients'), 'Mailbox'),
        isRead: isRead === undefined || isRead === 'true' || isRead === '1',
        isDraft: false,
        internetMessageId: `<${ctx.state.ids.next()}.test-server@${ctx.state.directory.domain}>`,
      },
    });
  } else if (kind === 'CalendarItem') {
    const meeting = parseMeeting(ctx.state, itemEl, ctx.now);
    // Built as bookMeeting builds the organizer's copy; attendees have not been asked (Unknown).
    const calendar = meetingCalendar(ctx.state, meeting, personOf(store.owner), 'Unknown');
    item = buildItem(store, { ...base, calendar });
  } else if (kind === 'Contact') {
    const contact = parseContact(itemEl);
    item = buildItem(store, { ...base, subject: contact.displayName, contact });
  } else {
    item = buildItem(store, { ...base, task: parseTask(itemEl) });
  }
  item.attachments = (child(itemEl, 'Attachments')?.children ?? []).map(attach);
  return item;
}
