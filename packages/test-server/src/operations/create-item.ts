import { bookMeeting, personOf, type SendInvitations } from '../calendar/book-meeting.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { DEFAULT_FOLDER_FOR_KIND } from '../store/distinguished-folders.js';
import { readExtendedProperties } from '../store/extended-properties.js';
import type { ItemKind, StoredItem } from '../store/item-model.js';
import { addNewItem } from '../store/new-item.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { deliver } from './deliver-message.js';
import { keptProperties } from './kept-properties.js';
import { createMeetingResponse, isMeetingResponseObject } from './meeting-response-objects.js';
import { checkFolderKind, planMessage, readDisposition, savedItemFolder } from './message-disposition.js';
import { createFromMime } from './mime-content-input.js';
import { createdItemElement, createWithAttachments, newItemAttachments } from './new-item-attachments.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import {
  parseBoolean,
  parseCommon,
  parseContact,
  parseMeeting,
  parseTask,
  peopleIn,
  personFrom,
} from './parse-item-input.js';
import { createReplyOrForward, isReplyOrForwardObject } from './reply-forward-objects.js';
import { actorStore, type ResolvedFolder } from './resolve-folder.js';

const KIND_BY_ELEMENT: Readonly<Record<string, ItemKind>> = {
  Item: 'Item',
  Message: 'Message',
  CalendarItem: 'CalendarItem',
  Contact: 'Contact',
  DistributionList: 'DistributionList',
  Task: 'Task',
  PostItem: 'PostItem',
};

/** What every new item takes from its element: the common typed fields, its class and its property bag. */
function itemBasics(itemEl: XmlElement, kind: ItemKind) {
  const common = parseCommon(itemEl);
  const itemClass = childText(itemEl, 'ItemClass');
  return {
    ...common,
    ...(itemClass ? { itemClass } : {}),
    properties: keptProperties(kind, itemEl),
  };
}

const SEND_INVITATIONS: readonly SendInvitations[] = ['SendToNone', 'SendOnlyToAll', 'SendToAllAndSaveCopy'];

/** SavedItemFolderId, else the kind's default folder in the actor's own mailbox (not the one a delegate works on). */
function targetFolder(ctx: OperationContext, request: XmlElement, kind: ItemKind): ResolvedFolder {
  const saved = savedItemFolder(ctx, request);
  if (saved !== undefined) return saved;
  const store = actorStore(ctx);
  return { store, folder: store.requireDistinguished(DEFAULT_FOLDER_FOR_KIND[kind]) };
}

function createMessage(
  ctx: OperationContext,
  request: XmlElement,
  itemEl: XmlElement,
): StoredItem | undefined {
  const mode = readDisposition(request, false);
  const { sending, kept, home } = planMessage(ctx, request, { mode, kind: 'Message' });
  const common = itemBasics(itemEl, 'Message');
  const to = peopleIn(ctx.state, child(itemEl, 'ToRecipients'), 'Mailbox');
  const cc = peopleIn(ctx.state, child(itemEl, 'CcRecipients'), 'Mailbox');
  const bcc = peopleIn(ctx.state, child(itemEl, 'BccRecipients'), 'Mailbox');
  if (sending && to.length + cc.length + bcc.length === 0) {
    throw new ResponseError('ErrorInvalidRecipients', 'At least one recipient is not valid.');
  }
  const owner = kept?.store ?? home;
  const input = {
    kind: 'Message' as const,
    ...common,
    attachments: newItemAttachments(ctx, owner, itemEl),
    created: ctx.now,
    ...(sending ? { sent: ctx.now } : {}),
    message: {
      // A draft keeps the From it was given (Sender when only that is named); sent mail is the owner's.
      from: (sending ? undefined : draftAuthor(ctx, itemEl)) ?? personOf(owner.owner),
      to,
      cc,
      ...(bcc.length > 0 ? { bcc } : {}),
      isRead: sending || (parseBoolean(childText(itemEl, 'IsRead'), 'IsRead') ?? false),
      isDraft: !sending,
      internetMessageId:
        childText(itemEl, 'InternetMessageId') ||
        `<${ctx.state.ids.next()}.test-server@${ctx.state.directory.domain}>`,
      ...optionalText(itemEl, 'InReplyTo', 'inReplyTo'),
      ...optionalText(itemEl, 'References', 'references'),
    },
  };
  if (sending) deliver(ctx, input);
  // Exchange returns no item for SendOnly/SendAndSaveCopy; the copy lands in Sent Items.
  if (kept === undefined) return undefined;
  const saved = addNewItem(kept.store, { ...input, folderId: kept.folder.id });
  return mode === 'SaveOnly' ? saved : undefined;
}

function draftAuthor(ctx: OperationContext, itemEl: XmlElement) {
  const named = child(itemEl, 'From') ?? child(itemEl, 'Sender');
  return named === undefined ? undefined : personFrom(ctx.state, child(named, 'Mailbox'));
}

function createOther(
  ctx: OperationContext,
  request: XmlElement,
  itemEl: XmlElement,
  kind: ItemKind,
): StoredItem {
  const { store, folder } = targetFolder(ctx, request, kind);
  checkFolderKind(kind, folder);
  if (kind === 'CalendarItem') {
    const send = (request.attrs.SendMeetingInvitations ?? 'SendToNone') as SendInvitations;
    if (!SEND_INVITATIONS.includes(send)) {
      throw new ResponseError('ErrorInvalidRequest', `Invalid SendMeetingInvitations ${send}.`);
    }
    const basics = itemBasics(itemEl, kind);
    const item = bookMeeting(
      ctx.state,
      store,
      parseMeeting(ctx.state, itemEl, ctx.now),
      send,
      folder.id,
      true,
    );
    // The organizer's copy keeps what the meeting input does not carry.
    item.bodyType = basics.bodyType;
    if (basics.importance) item.importance = basics.importance;
    if (basics.sensitivity) item.sensitivity = basics.sensitivity;
    if (basics.itemClass) item.itemClass = basics.itemClass;
    if (Object.keys(basics.properties).length > 0) item.properties = basics.properties;
    return item;
  }
  const base = { ...itemBasics(itemEl, kind), folderId: folder.id, created: ctx.now };
  if (kind === 'Contact') {
    const contact = parseContact(itemEl);
    // A contact without a subject of its own is filed under its display name.
    const subject = childText(itemEl, 'Subject') === undefined ? contact.displayName : base.subject;
    return addNewItem(store, { ...base, kind, subject, contact });
  }
  if (kind === 'Task') return addNewItem(store, { ...base, kind, task: parseTask(itemEl) });
  return addNewItem(store, { ...base, kind });
}

/** A text child as an optional typed field (absent or empty: left out). */
function optionalText<K extends string>(itemEl: XmlElement, name: string, key: K): { [P in K]?: string } {
  const value = childText(itemEl, name);
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

/** The items one CreateItem child results in (none for sent messages and most meeting responses). */
function createdItems(ctx: OperationContext, request: XmlElement, itemEl: XmlElement): StoredItem[] {
  if (isMeetingResponseObject(itemEl.name)) return createMeetingResponse(ctx, request, itemEl);
  if (isReplyOrForwardObject(itemEl.name)) return createReplyOrForward(ctx, request, itemEl);
  const kind = KIND_BY_ELEMENT[itemEl.name];
  if (kind === undefined) {
    throw new ResponseError(
      'ErrorInvalidItemForOperationCreateItem',
      `${itemEl.name} items are not supported by this server.`,
    );
  }
  // Read (and refused) before anything is created or sent.
  const extendedProperties = readExtendedProperties(itemEl);
  const created =
    kind === 'Message'
      ? createFromMime(ctx, itemEl, (messageEl) => createMessage(ctx, request, messageEl))
      : createWithAttachments(ctx, itemEl, () => createOther(ctx, request, itemEl, kind));
  if (created !== undefined && extendedProperties.length > 0) created.extendedProperties = extendedProperties;
  return created === undefined ? [] : [created];
}

/** CreateItem for messages, calendar items (with invitations and room booking), contacts, tasks, meeting responses, replies and forwards. */
export const createItem: OperationHandler = (ctx, request) => {
  const messages = (child(request, 'Items')?.children ?? []).map((itemEl) =>
    messageFor(
      'CreateItemResponseMessage',
      () => {
        const created = createdItems(ctx, request, itemEl);
        return el('m:Items', null, created.map(createdItemElement));
      },
      () => el('m:Items', null),
    ),
  );
  return operationResponse('CreateItem', messages);
};
