import { renderItem } from '../render/render-item.js';
import { parseShape } from '../render/shape.js';
import { formatDateTime } from '../render/values.js';
import { NS } from '../soap/namespaces.js';
import { errorParts, messageFor, operationResponse, successParts } from '../soap/response-messages.js';
import {
  conversationIdOf,
  conversationItems,
  conversationsOf,
  conversationTopic,
  isConversationId,
} from '../store/conversations.js';
import type { StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { indexedPage } from './paging.js';
import { actorStore, folderIdElements, resolveFolder } from './resolve-folder.js';

const RESPONSE_NS = { 'xmlns:m': NS.messages, 'xmlns:t': NS.types };

/** A t:ConversationId (ItemIdType) this server handed out, or ErrorInvalidIdMalformed. */
export function requireConversationId(idEl: XmlElement | undefined): string {
  const id = idEl?.attrs.Id ?? '';
  if (!isConversationId(id)) throw new ResponseError('ErrorInvalidIdMalformed', 'Id is malformed.');
  return id;
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];
const strings = (name: string, values: readonly string[]): XmlContent =>
  values.length === 0
    ? undefined
    : el(
        name,
        null,
        values.map((v) => textEl('t:String', v)),
      );
const size = (item: StoredItem): number => 200 + Buffer.byteLength(item.subject + item.body);
const latest = (items: readonly StoredItem[]): Date =>
  new Date(Math.max(...items.map((i) => i.dateTimeReceived.getTime())));
const IMPORTANCE = ['Low', 'Normal', 'High'] as const;
const importance = (items: readonly StoredItem[]): string =>
  IMPORTANCE[Math.max(...items.map((i) => IMPORTANCE.indexOf(i.importance)))] ?? 'Normal';

function senders(items: readonly StoredItem[]): string[] {
  return unique(items.flatMap((i) => (i.message?.from ? [i.message.from.name] : [])));
}

/**
 * One t:Conversation of FindConversation (ConversationType, schema order): the folder's items and,
 * as the Global* properties, the conversation's items in every folder of the mailbox.
 */
function conversationXml(
  id: string,
  local: readonly StoredItem[],
  global: readonly StoredItem[],
): XmlContent {
  const [first] = global;
  const unread = (items: readonly StoredItem[]) => items.filter((i) => i.message?.isRead === false);
  const ids = (items: readonly StoredItem[]) =>
    items.map((i) => el('t:ItemId', { Id: i.id, ChangeKey: i.changeKey }));
  return el(
    't:Conversation',
    null,
    el('t:ConversationId', { Id: id }),
    textEl('t:ConversationTopic', conversationTopic(first?.subject ?? '')),
    strings('t:UniqueRecipients', unique(local.flatMap((i) => (i.message?.to ?? []).map((p) => p.name)))),
    strings(
      't:GlobalUniqueRecipients',
      unique(global.flatMap((i) => (i.message?.to ?? []).map((p) => p.name))),
    ),
    strings('t:UniqueUnreadSenders', senders(unread(local))),
    strings('t:GlobalUniqueUnreadSenders', senders(unread(global))),
    strings('t:UniqueSenders', senders(local)),
    strings('t:GlobalUniqueSenders', senders(global)),
    textEl('t:LastDeliveryTime', formatDateTime(latest(local))),
    textEl('t:GlobalLastDeliveryTime', formatDateTime(latest(global))),
    strings('t:Categories', unique(local.flatMap((i) => i.categories))),
    strings('t:GlobalCategories', unique(global.flatMap((i) => i.categories))),
    textEl(
      't:HasAttachments',
      local.some((i) => i.attachments.length > 0),
    ),
    textEl(
      't:GlobalHasAttachments',
      global.some((i) => i.attachments.length > 0),
    ),
    textEl('t:MessageCount', local.length),
    textEl('t:GlobalMessageCount', global.length),
    textEl('t:UnreadCount', unread(local).length),
    textEl('t:GlobalUnreadCount', unread(global).length),
    textEl(
      't:Size',
      local.reduce((sum, i) => sum + size(i), 0),
    ),
    textEl(
      't:GlobalSize',
      global.reduce((sum, i) => sum + size(i), 0),
    ),
    el(
      't:ItemClasses',
      null,
      unique(local.map((i) => i.itemClass)).map((c) => textEl('t:ItemClass', c)),
    ),
    el(
      't:GlobalItemClasses',
      null,
      unique(global.map((i) => i.itemClass)).map((c) => textEl('t:ItemClass', c)),
    ),
    textEl('t:Importance', importance(local)),
    textEl('t:GlobalImportance', importance(global)),
    el('t:ItemIds', null, ids(local)),
    el('t:GlobalItemIds', null, ids(global)),
    textEl(
      't:LastModifiedTime',
      formatDateTime(new Date(Math.max(...global.map((i) => i.lastModifiedTime.getTime())))),
    ),
  );
}

/** QueryString: every word in the subject or body of one of the conversation's items (AQS's plain terms). */
function matchesQuery(items: readonly StoredItem[], query: string | undefined): boolean {
  const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = items.map((i) => `${i.subject} ${i.body}`.toLowerCase()).join(' ');
  return words.every((w) => text.includes(w));
}

type ConversationSort = (a: readonly StoredItem[], b: readonly StoredItem[]) => number;

/** SortOrder: conversation:LastDeliveryTime (default, newest first) and conversation:ConversationTopic. */
function conversationSort(sortEl: XmlElement | undefined): ConversationSort {
  const order = childrenNamed(sortEl, 'FieldOrder')[0];
  const uri = child(order, 'FieldURI')?.attrs.FieldURI ?? 'conversation:LastDeliveryTime';
  const direction = order?.attrs.Order === 'Ascending' ? 1 : -1;
  if (uri === 'conversation:LastDeliveryTime' || uri === 'conversation:GlobalLastDeliveryTime')
    return (a, b) => direction * (latest(a).getTime() - latest(b).getTime());
  if (uri === 'conversation:ConversationTopic')
    return (a, b) =>
      direction *
      conversationTopic(a[0]?.subject ?? '').localeCompare(conversationTopic(b[0]?.subject ?? ''));
  throw new ResponseError(
    'ErrorUnsupportedPathForSortGroup',
    `Sorting conversations by ${uri} is not supported.`,
  );
}

/**
 * FindConversation: the conversations with items in one folder (Shallow), newest delivery first,
 * paged by IndexedPageItemView; the answer is itself the response message.
 */
export const findConversation: OperationHandler = (ctx, request) => {
  try {
    if (child(request, 'SeekToConditionPageItemView') !== undefined)
      throw new ResponseError('ErrorInvalidRequest', 'SeekToConditionPageItemView is not supported here.');
    const folderEl = folderIdElements(child(request, 'ParentFolderId'))[0];
    if (folderEl === undefined) throw new ResponseError('ErrorInvalidRequest', 'ParentFolderId is required.');
    const { store, folder } = resolveFolder(ctx, folderEl);
    const sort = conversationSort(child(request, 'SortOrder'));
    const query = childText(request, 'QueryString');
    const found = [...conversationsOf(store)]
      .map(([id, global]) => ({ id, global, local: global.filter((i) => i.parentFolderId === folder.id) }))
      .filter((c) => c.local.length > 0 && matchesQuery(c.global, query))
      .sort((a, b) => sort(a.local, b.local));
    const view = child(request, 'IndexedPageItemView');
    const page = indexedPage(found, view);
    return el(
      'm:FindConversationResponse',
      { ResponseClass: 'Success', ...RESPONSE_NS },
      successParts(
        el(
          'm:Conversations',
          null,
          page.items.map((c) => conversationXml(c.id, c.local, c.global)),
        ),
        view === undefined ? undefined : textEl('m:TotalConversationsInView', page.total),
        view === undefined ? undefined : textEl('m:IndexedOffset', page.nextOffset),
      ),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return el('m:FindConversationResponse', { ResponseClass: 'Error', ...RESPONSE_NS }, errorParts(error));
  }
};

const NODE_ORDERS = [
  'TreeOrderAscending',
  'TreeOrderDescending',
  'DateOrderAscending',
  'DateOrderDescending',
];

interface ConversationNode {
  readonly messageId: string;
  readonly parentId: string | undefined;
  readonly items: StoredItem[];
}

/** Items with one InternetMessageId form one node (the sent copy and a received one); a reply's parent is InReplyTo. */
function nodesOf(items: readonly StoredItem[]): ConversationNode[] {
  const byId = new Map<string, ConversationNode>();
  for (const item of items) {
    const messageId = item.message?.internetMessageId ?? item.id;
    const node = byId.get(messageId);
    if (node === undefined)
      byId.set(messageId, { messageId, parentId: item.message?.inReplyTo, items: [item] });
    else node.items.push(item);
  }
  return [...byId.values()];
}

const received = (node: ConversationNode): number =>
  Math.min(...node.items.map((i) => i.dateTimeReceived.getTime()));

/** Tree order: each node before its replies, siblings oldest first (depth first). */
function treeOrder(nodes: readonly ConversationNode[]): ConversationNode[] {
  const ids = new Set(nodes.map((n) => n.messageId));
  const byDate = [...nodes].sort((a, b) => received(a) - received(b));
  const out: ConversationNode[] = [];
  const visit = (node: ConversationNode) => {
    out.push(node);
    for (const reply of byDate.filter((n) => n.parentId === node.messageId)) visit(reply);
  };
  for (const root of byDate.filter((n) => n.parentId === undefined || !ids.has(n.parentId))) visit(root);
  return out;
}

const SYNC_PREFIX = 'ews-test-conversation-sync:';

/** SyncState: the items (id and change key) the caller has seen, as this server wrote it. */
function readSyncState(text: string | undefined): ReadonlySet<string> | undefined {
  if (text === undefined) return undefined;
  const decoded = Buffer.from(text.trim(), 'base64').toString('utf8');
  if (!decoded.startsWith(SYNC_PREFIX))
    throw new ResponseError('ErrorInvalidSyncStateData', 'Invalid synchronization state data.');
  return new Set(decoded.slice(SYNC_PREFIX.length).split(',').filter(Boolean));
}

const seenKey = (item: StoredItem): string => `${item.id}|${item.changeKey}`;

/**
 * GetConversationItems: one message per conversation, its items as ConversationNodes (one per
 * InternetMessageId) in the requested order, FoldersToIgnore left out, at most MaxItemsToReturn
 * nodes; with SyncState only the nodes with items new or changed since, and a new SyncState.
 */
export const getConversationItems: OperationHandler = (ctx, request) => {
  const shape = parseShape(child(request, 'ItemShape'));
  const conversations = childrenNamed(child(request, 'Conversations'), 'Conversation');
  const messages = conversations.map((conversation) =>
    messageFor('GetConversationItemsResponseMessage', () => {
      const id = requireConversationId(child(conversation, 'ConversationId'));
      const store = actorStore(ctx);
      const ignored = new Set(
        folderIdElements(child(request, 'FoldersToIgnore')).map((f) => resolveFolder(ctx, f).folder.id),
      );
      const maxText = childText(request, 'MaxItemsToReturn');
      const max = maxText === undefined ? undefined : Number(maxText);
      if (max !== undefined && !(Number.isInteger(max) && max > 0))
        throw new ResponseError('ErrorInvalidRequest', 'MaxItemsToReturn must be a positive number.');
      const order = childText(request, 'SortOrder') ?? 'TreeOrderAscending';
      if (!NODE_ORDERS.includes(order))
        throw new ResponseError('ErrorInvalidRequest', `Unknown SortOrder ${order}.`);
      const seen = readSyncState(childText(conversation, 'SyncState'));
      const items = conversationItems(store, id).filter((i) => !ignored.has(i.parentFolderId));
      let nodes = order.startsWith('Tree')
        ? treeOrder(nodesOf(items))
        : nodesOf(items).sort((a, b) => received(a) - received(b));
      if (order.endsWith('Descending')) nodes.reverse();
      if (seen !== undefined) nodes = nodes.filter((n) => n.items.some((i) => !seen.has(seenKey(i))));
      if (max !== undefined) nodes = nodes.slice(0, max);
      const syncState = Buffer.from(`${SYNC_PREFIX}${items.map(seenKey).join(',')}`).toString('base64');
      return el(
        'm:Conversation',
        null,
        el('t:ConversationId', { Id: id }),
        textEl('t:SyncState', syncState),
        el(
          't:ConversationNodes',
          null,
          nodes.map((node) =>
            el(
              't:ConversationNode',
              null,
              textEl('t:InternetMessageId', node.messageId),
              textEl('t:ParentInternetMessageId', node.parentId),
              el(
                't:Items',
                null,
                node.items.map((item) => renderItem({ item }, shape, 'get')),
              ),
            ),
          ),
        ),
      );
    }),
  );
  return operationResponse('GetConversationItems', messages);
};

/** The mailbox a conversation request acts in: the context folder's, else the actor's own. */
export function conversationStore(
  ctx: OperationContext,
  contextEl: XmlElement | undefined,
): {
  readonly store: MailboxStore;
  readonly folderId: string | undefined;
} {
  const idEl = folderIdElements(contextEl)[0];
  if (idEl === undefined) return { store: actorStore(ctx), folderId: undefined };
  const { store, folder } = resolveFolder(ctx, idEl);
  return { store, folderId: folder.id };
}

export { conversationIdOf };
