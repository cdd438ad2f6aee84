import { bookMeeting, personOf, type SendInvitations } from '../calendar/book-meeting.js';
import { ITEM_ELEMENT } from '../render/item-view.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { DEFAULT_FOLDER_FOR_KIND } from '../store/distinguished-folders.js';
import type {
  FolderKind,
  ItemKind,
  MessageData,
  Person,
  StoredAttachment,
  StoredFolder,
  StoredItem,
} from '../store/item-model.js';
import { addNewItem } from '../store/new-item.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { createMeetingResponse, isMeetingResponseObject } from './meeting-response-objects.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { parseCommon, parseContact, parseMeeting, parseTask, peopleIn } from './parse-item-input.js';
import { createReplyOrForward, isReplyOrForwardObject } from './reply-forward-objects.js';
import { folderIdElements, requireAccess, resolveFolder, storeForAddress } from './resolve-folder.js';

const KIND_BY_ELEMENT: Readonly<Record<string, ItemKind>> = {
  Message: 'Message',
  CalendarItem: 'CalendarItem',
  Contact: 'Contact',
  Task: 'Task',
};

// Which folder kinds each item kind may be created in, and the error Exchange gives otherwise.
const FOLDER_RULES: Readonly<Record<ItemKind, { kinds: readonly FolderKind[]; error: string }>> = {
  Message: { kinds: ['Folder'], error: 'ErrorCannotCreatePostItemInNonMailFolder' },
  CalendarItem: { kinds: ['CalendarFolder'], error: 'ErrorCannotCreateCalendarItemInNonCalendarFolder' },
  Contact: { kinds: ['ContactsFolder'], error: 'ErrorCannotCreateContactInNonContactFolder' },
  Task: { kinds: ['TasksFolder'], error: 'ErrorCannotCreateTaskInNonTaskFolder' },
  MeetingRequest: { kinds: ['Folder'], error: 'ErrorCannotCreatePostItemInNonMailFolder' },
  MeetingResponse: { kinds: ['Folder'], error: 'ErrorCannotCreatePostItemInNonMailFolder' },
  MeetingCancellation: { kinds: ['Folder'], error: 'ErrorCannotCreatePostItemInNonMailFolder' },
};

const SEND_INVITATIONS: readonly SendInvitations[] = ['SendToNone', 'SendOnlyToAll', 'SendToAllAndSaveCopy'];
const DISPOSITIONS = ['SaveOnly', 'SendOnly', 'SendAndSaveCopy'] as const;

function targetFolder(ctx: OperationContext, request: XmlElement, kind: ItemKind, sending: boolean) {
  const saved = folderIdElements(child(request, 'SavedItemFolderId'))[0];
  if (saved !== undefined) {
    try {
      return resolveFolder(ctx, saved);
    } catch (error) {
      if (error instanceof ResponseError && error.responseCode === 'ErrorFolderNotFound') {
        throw new ResponseError(
          'ErrorSavedItemFolderNotFound',
          'The folder to save the item to could not be found.',
        );
      }
      throw error;
    }
  }
  const store = storeForAddress(ctx, undefined);
  requireAccess(ctx, store);
  const name = kind === 'Message' && sending ? 'sentitems' : DEFAULT_FOLDER_FOR_KIND[kind];
  return { store, folder: store.requireDistinguished(name) };
}

function checkFolder(kind: ItemKind, folder: StoredFolder): void {
  const rule = FOLDER_RULES[kind];
  if (!rule.kinds.includes(folder.kind))
    throw new ResponseError(rule.error, `This item cannot be created in ${folder.displayName}.`);
}

/** Delivers a sent message to every internal recipient's inbox (Bcc recipients too, unseen in the copies). */
export function deliver(
  ctx: OperationContext,
  sent: {
    subject: string;
    body: string;
    bodyType: 'HTML' | 'Text';
    message: MessageData;
    attachments?: readonly StoredAttachment[];
    bcc?: readonly Person[];
  },
): void {
  const message = sent.message;
  for (const person of [...message.to, ...message.cc, ...(sent.bcc ?? [])]) {
    const store = ctx.state.storeFor(person.address);
    if (store === undefined) continue;
    const delivered = addNewItem(store, {
      kind: 'Message',
      folderId: store.requireDistinguished('inbox').id,
      subject: sent.subject,
      body: sent.body,
      bodyType: sent.bodyType,
      created: ctx.now,
      received: ctx.now,
      sent: ctx.now,
      message: { ...message, isRead: false, isDraft: false },
    });
    delivered.attachments = store.copyAttachments(sent.attachments ?? []);
  }
}

function createMessage(
  ctx: OperationContext,
  request: XmlElement,
  itemEl: XmlElement,
): StoredItem | undefined {
  const disposition = request.attrs.MessageDisposition ?? 'SaveOnly';
  if (!DISPOSITIONS.some((d) => d === disposition)) {
    throw new ResponseError('ErrorInvalidRequest', `Invalid MessageDisposition ${disposition}.`);
  }
  const sending = disposition !== 'SaveOnly';
  const { store, folder } = targetFolder(ctx, request, 'Message', sending);
  checkFolder('Message', folder);
  const common = parseCommon(itemEl);
  const to = peopleIn(ctx.state, child(itemEl, 'ToRecipients'), 'Mailbox');
  const cc = peopleIn(ctx.state, child(itemEl, 'CcRecipients'), 'Mailbox');
  if (sending && to.length + cc.length === 0) {
    throw new ResponseError('ErrorInvalidRecipients', 'At least one recipient is not valid.');
  }
  const input = {
    kind: 'Message' as const,
    subject: common.subject,
    body: common.body,
    bodyType: common.bodyType,
    categories: common.categories,
    ...(common.importance ? { importance: common.importance } : {}),
    ...(common.sensitivity ? { sensitivity: common.sensitivity } : {}),
    created: ctx.now,
    ...(sending ? { sent: ctx.now } : {}),
    message: {
      from: personOf(store.owner),
      to,
      cc,
      isRead: sending || childText(itemEl, 'IsRead') === 'true',
      isDraft: !sending,
      internetMessageId: `<${ctx.state.ids.next()}.test-server@${ctx.state.directory.domain}>`,
    },
  };
  if (sending) deliver(ctx, input);
  // Exchange returns no item for SendOnly/SendAndSaveCopy; the copy lands in Sent Items.
  if (disposition === 'SendOnly') return undefined;
  const saved = addNewItem(store, { ...input, folderId: folder.id });
  return disposition === 'SaveOnly' ? saved : undefined;
}

function createOther(
  ctx: OperationContext,
  request: XmlElement,
  itemEl: XmlElement,
  kind: ItemKind,
): StoredItem {
  const { store, folder } = targetFolder(ctx, request, kind, false);
  checkFolder(kind, folder);
  if (kind === 'CalendarItem') {
    const send = (request.attrs.SendMeetingInvitations ?? 'SendToNone') as SendInvitations;
    if (!SEND_INVITATIONS.includes(send)) {
      throw new ResponseError('ErrorInvalidRequest', `Invalid SendMeetingInvitations ${send}.`);
    }
    return bookMeeting(ctx.state, store, parseMeeting(ctx.state, itemEl, ctx.now), send, folder.id, true);
  }
  const common = parseCommon(itemEl);
  const base = { folderId: folder.id, subject: common.subject, body: common.body, created: ctx.now };
  if (kind === 'Contact') {
    const contact = parseContact(itemEl);
    return addNewItem(store, { ...base, kind, subject: contact.displayName, contact });
  }
  return addNewItem(store, { ...base, kind: 'Task', task: parseTask(itemEl) });
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
  const created =
    kind === 'Message' ? createMessage(ctx, request, itemEl) : createOther(ctx, request, itemEl, kind);
  return created === undefined ? [] : [created];
}

/** CreateItem for messages, calendar items (with invitations and room booking), contacts, tasks, meeting responses, replies and forwards. */
export const createItem: OperationHandler = (ctx, request) => {
  const messages = (child(request, 'Items')?.children ?? []).map((itemEl) =>
    messageFor(
      'CreateItemResponseMessage',
      () => {
        const created = createdItems(ctx, request, itemEl);
        return el(
          'm:Items',
          null,
          created.map((item) =>
            el(ITEM_ELEMENT[item.kind], null, el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey })),
          ),
        );
      },
      () => el('m:Items', null),
    ),
  );
  return operationResponse('CreateItem', messages);
};
