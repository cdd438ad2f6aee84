import {
  child,
  children,
  EwsProtocolError,
  type EwsResponse,
  el,
  nonNegativeInteger,
  positiveInteger,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean, dateTime, int } from '@ews/models';
import { targetFolderIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import type { ItemRef, MailboxFolderRef } from '../refs.js';
import { itemRefOf, nameOf } from './item-id-results.js';

const OPERATION = 'FindConversation';

/** The most conversations one FindConversation page may ask for (and the default). */
export const MAX_CONVERSATIONS_PER_PAGE = 1000;
/** How many strings, classes or ids one conversation property may list before the answer is refused. */
export const MAX_CONVERSATION_LIST = 10_000;

export type ConversationImportance = 'Low' | 'Normal' | 'High';

/**
 * One conversation of a folder (t:ConversationType). The plain properties count the conversation's
 * items in the folder searched; the `global*` ones its items in every folder of the mailbox.
 */
export interface Conversation {
  readonly conversationId: ItemRef;
  readonly topic?: string | undefined;
  readonly uniqueRecipients: readonly string[];
  readonly globalUniqueRecipients: readonly string[];
  readonly uniqueUnreadSenders: readonly string[];
  readonly globalUniqueUnreadSenders: readonly string[];
  readonly uniqueSenders: readonly string[];
  readonly globalUniqueSenders: readonly string[];
  readonly lastDeliveryTime?: Date | undefined;
  readonly globalLastDeliveryTime?: Date | undefined;
  readonly categories: readonly string[];
  readonly globalCategories: readonly string[];
  readonly flagStatus?: 'NotFlagged' | 'Flagged' | 'Complete' | undefined;
  readonly hasAttachments?: boolean | undefined;
  readonly globalHasAttachments?: boolean | undefined;
  readonly messageCount?: number | undefined;
  readonly globalMessageCount?: number | undefined;
  readonly unreadCount?: number | undefined;
  readonly globalUnreadCount?: number | undefined;
  readonly size?: number | undefined;
  readonly globalSize?: number | undefined;
  readonly itemClasses: readonly string[];
  readonly globalItemClasses: readonly string[];
  readonly importance?: ConversationImportance | undefined;
  readonly globalImportance?: ConversationImportance | undefined;
  readonly itemIds: readonly ItemRef[];
  readonly globalItemIds: readonly ItemRef[];
  readonly lastModifiedTime?: Date | undefined;
}

export interface FindConversationParams {
  /** The folder whose conversations are listed, naming its mailbox. */
  readonly folder: MailboxFolderRef;
  /** Page size, 1…1000 (default 100). */
  readonly maxEntries?: number | undefined;
  /** Where the page starts (default 0). */
  readonly offset?: number | undefined;
  /** AQS text (Exchange 2013 and later): only conversations it matches. */
  readonly query?: string | undefined;
}

/** FindConversation over one folder, newest delivery first (Exchange's order), one indexed page. */
export function buildFindConversation(params: FindConversationParams): XmlFragment {
  const maxEntries = positiveInteger('maxEntries', params.maxEntries ?? 100, {
    max: MAX_CONVERSATIONS_PER_PAGE,
  });
  const offset = nonNegativeInteger('offset', params.offset ?? 0, { max: XS_INT_MAX });
  return el('m:FindConversation', {}, [
    el('m:IndexedPageItemView', { MaxEntriesReturned: maxEntries, Offset: offset, BasePoint: 'Beginning' }),
    el('m:ParentFolderId', {}, targetFolderIdXml(params.folder, OPERATION)),
    params.query === undefined ? undefined : el('m:QueryString', {}, params.query),
  ]);
}

export interface ConversationPage {
  readonly conversations: readonly Conversation[];
  /** TotalConversationsInView: how many conversations the whole view holds. */
  readonly total: number | undefined;
  /** IndexedOffset: where the next page starts. */
  readonly nextOffset: number | undefined;
}

const fail = (text: string): EwsProtocolError =>
  new EwsProtocolError(`${OPERATION}: ${text}`, { operation: OPERATION });

/**
 * The entries of a list element, each named `entry` (another name is a broken answer; undefined:
 * any name, as t:Items holds every item kind), at most MAX_CONVERSATION_LIST of them.
 */
export function listEntries(
  list: XmlNode | undefined,
  entry: string | undefined,
  where: string,
): readonly XmlNode[] {
  if (list === undefined) return [];
  const entries = children(list);
  if (entries.length > MAX_CONVERSATION_LIST) throw fail(`${where} lists ${entries.length} entries`);
  if (entry !== undefined)
    for (const node of entries) if (node.name !== entry) throw fail(`${where} holds a <${nameOf(node)}>`);
  return entries;
}

const strings = (node: XmlNode, name: string, entry = 'String'): readonly string[] =>
  listEntries(child(node, name), entry, name).map((s) => s.text);

function ids(node: XmlNode, name: string): readonly ItemRef[] {
  return listEntries(child(node, name), 'ItemId', name).map((idNode) => {
    const ref = itemRefOf(idNode);
    if (ref === undefined) throw fail(`${name} holds an ItemId without its Id`);
    return ref;
  });
}

function count(node: XmlNode, name: string): number | undefined {
  const value = childValue(node, name, int, 'Conversation');
  if (value !== undefined && value < 0) throw fail(`Conversation.${name} is negative (${value})`);
  return value;
}

const IMPORTANCE: readonly ConversationImportance[] = ['Low', 'Normal', 'High'];
const FLAG_STATUS = ['NotFlagged', 'Flagged', 'Complete'] as const;

function oneOf<T extends string>(node: XmlNode, name: string, values: readonly T[]): T | undefined {
  const text = child(node, name)?.text.trim();
  if (text === undefined) return undefined;
  const found = values.find((v) => v === text);
  if (found === undefined) throw fail(`Conversation.${name} is not one of ${values.join(', ')}`);
  return found;
}

/** One t:Conversation: its ConversationId (with Id) is required, every count a non-negative xs:int. */
export function readConversation(node: XmlNode): Conversation {
  const conversationId = itemRefOf(child(node, 'ConversationId'));
  if (conversationId === undefined) throw fail('a Conversation without its ConversationId');
  return {
    conversationId,
    topic: child(node, 'ConversationTopic')?.text,
    uniqueRecipients: strings(node, 'UniqueRecipients'),
    globalUniqueRecipients: strings(node, 'GlobalUniqueRecipients'),
    uniqueUnreadSenders: strings(node, 'UniqueUnreadSenders'),
    globalUniqueUnreadSenders: strings(node, 'GlobalUniqueUnreadSenders'),
    uniqueSenders: strings(node, 'UniqueSenders'),
    globalUniqueSenders: strings(node, 'GlobalUniqueSenders'),
    lastDeliveryTime: childValue(node, 'LastDeliveryTime', dateTime, 'Conversation'),
    globalLastDeliveryTime: childValue(node, 'GlobalLastDeliveryTime', dateTime, 'Conversation'),
    categories: strings(node, 'Categories'),
    globalCategories: strings(node, 'GlobalCategories'),
    flagStatus: oneOf(node, 'FlagStatus', FLAG_STATUS),
    hasAttachments: childValue(node, 'HasAttachments', boolean, 'Conversation'),
    globalHasAttachments: childValue(node, 'GlobalHasAttachments', boolean, 'Conversation'),
    messageCount: count(node, 'MessageCount'),
    globalMessageCount: count(node, 'GlobalMessageCount'),
    unreadCount: count(node, 'UnreadCount'),
    globalUnreadCount: count(node, 'GlobalUnreadCount'),
    size: count(node, 'Size'),
    globalSize: count(node, 'GlobalSize'),
    itemClasses: strings(node, 'ItemClasses', 'ItemClass'),
    globalItemClasses: strings(node, 'GlobalItemClasses', 'ItemClass'),
    importance: oneOf(node, 'Importance', IMPORTANCE),
    globalImportance: oneOf(node, 'GlobalImportance', IMPORTANCE),
    itemIds: ids(node, 'ItemIds'),
    globalItemIds: ids(node, 'GlobalItemIds'),
    lastModifiedTime: childValue(node, 'LastModifiedTime', dateTime, 'Conversation'),
  };
}

/**
 * One page of FindConversation (the answer is itself the response message). Never more
 * conversations than were asked for (`maxEntries`) nor than TotalConversationsInView says the view
 * holds; IndexedOffset, when given, moves past the page: anything else is EWS_PROTOCOL, so a pager
 * never loops on or skips a page.
 */
export function readFindConversation(
  response: EwsResponse,
  asked: { readonly maxEntries: number; readonly offset: number },
): ConversationPage {
  const message = onlyMessage(response);
  const list = child(message.node, 'Conversations');
  const conversations = listEntries(list, 'Conversation', 'Conversations').map(readConversation);
  if (conversations.length > asked.maxEntries)
    throw fail(`${conversations.length} conversations answered, ${asked.maxEntries} asked for`);
  const total = childValue(message.node, 'TotalConversationsInView', int, OPERATION);
  const nextOffset = childValue(message.node, 'IndexedOffset', int, OPERATION);
  if (
    total !== undefined &&
    (total < 0 || (conversations.length > 0 && asked.offset + conversations.length > total))
  )
    throw fail(
      `TotalConversationsInView ${total} is less than the ${asked.offset + conversations.length} conversations seen`,
    );
  if (nextOffset !== undefined && nextOffset !== asked.offset + conversations.length)
    throw fail(
      `IndexedOffset ${nextOffset} after ${conversations.length} conversations from offset ${asked.offset}`,
    );
  return { conversations, total, nextOffset };
}
