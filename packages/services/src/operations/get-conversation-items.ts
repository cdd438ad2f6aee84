import {
  child,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  positiveInteger,
  type XmlFragment,
} from '@ews/core';
import type { Item } from '@ews/models';
import { targetFolderIdXml } from '../internal/ids.js';
import { readItemNode } from '../internal/item-classes.js';
import { readOutcomes } from '../internal/outcomes.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import type { Outcome } from '../outcome.js';
import type { ItemRef, MailboxFolderRef } from '../refs.js';
import { listEntries } from './find-conversation.js';
import { itemRefOf } from './item-id-results.js';

const OPERATION = 'GetConversationItems';

/** t:ConversationNodeSortOrder. */
export type ConversationNodeOrder =
  | 'TreeOrderAscending'
  | 'TreeOrderDescending'
  | 'DateOrderAscending'
  | 'DateOrderDescending';
const NODE_ORDERS: readonly ConversationNodeOrder[] = [
  'TreeOrderAscending',
  'TreeOrderDescending',
  'DateOrderAscending',
  'DateOrderDescending',
];

/** One conversation asked for: its id and, to get only what changed since, the SyncState last answered. */
export interface ConversationRequest {
  readonly conversationId: ItemRef;
  readonly syncState?: string | undefined;
}

export interface GetConversationItemsParams {
  readonly conversations: readonly ConversationRequest[];
  /** One `<m:ItemShape>` element (`itemShape(model, …).xml` from @ews/models). */
  readonly shape: XmlFragment;
  /** Folders whose items are left out (e.g. Deleted Items, Drafts), each naming its mailbox. */
  readonly foldersToIgnore?: readonly MailboxFolderRef[] | undefined;
  /** At most this many nodes per conversation (1…xs:int). */
  readonly maxItems?: number | undefined;
  readonly order?: ConversationNodeOrder | undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function buildGetConversationItems(params: GetConversationItemsParams): XmlFragment {
  if (params.conversations.length === 0)
    throw new EwsInvalidArgumentError('GetConversationItems needs at least one conversation');
  const ignore = params.foldersToIgnore ?? [];
  const folders =
    ignore.length === 0
      ? undefined
      : el(
          'm:FoldersToIgnore',
          {},
          ignore.map((f) => targetFolderIdXml(f, OPERATION)),
        );
  const max =
    params.maxItems === undefined
      ? undefined
      : el('m:MaxItemsToReturn', {}, positiveInteger('maxItems', params.maxItems, { max: XS_INT_MAX }));
  if (params.order !== undefined && !NODE_ORDERS.includes(params.order))
    throw new EwsInvalidArgumentError(`order must be one of ${NODE_ORDERS.join(', ')}`);
  const order = params.order === undefined ? undefined : el('m:SortOrder', {}, params.order);
  const conversations = params.conversations.map(({ conversationId, syncState }) => {
    if (syncState !== undefined && (typeof syncState !== 'string' || !BASE64.test(syncState)))
      throw new EwsInvalidArgumentError(
        'syncState must be the base64 SyncState a GetConversationItems answer gave',
      );
    return el('t:Conversation', {}, [
      conversationIdXml(conversationId),
      syncState === undefined ? undefined : el('t:SyncState', {}, syncState),
    ]);
  });
  return el('m:GetConversationItems', {}, [
    params.shape,
    folders,
    max,
    order,
    el('m:Conversations', {}, conversations),
  ]);
}

/** `<t:ConversationId Id="…"/>` (t:ItemIdType). */
export function conversationIdXml(ref: ItemRef): XmlFragment {
  if (typeof ref?.id !== 'string' || ref.id === '')
    throw new EwsInvalidArgumentError('A conversation needs its ConversationId (an id string)');
  return el('t:ConversationId', { Id: ref.id, ChangeKey: ref.changeKey });
}

/** One node of a conversation: one message (all its copies), and the message it answers. */
export interface ConversationNode {
  readonly internetMessageId?: string | undefined;
  readonly parentInternetMessageId?: string | undefined;
  readonly items: readonly Item[];
}

export interface ConversationItems {
  readonly conversationId: ItemRef;
  /** Hand it back (`syncState`) to get only the nodes changed since. */
  readonly syncState?: string | undefined;
  readonly nodes: readonly ConversationNode[];
}

/**
 * One outcome per conversation asked for, in request order (`sent`). Each answer names the
 * conversation it is for: a ConversationId other than the one asked for at that position is a
 * broken answer for that entry (never another conversation's items under this id); every node's
 * items carry their ItemId; a node without items is kept (its message is in an ignored folder).
 */
export function readGetConversationItems(
  response: EwsResponse,
  asked: readonly ItemRef[],
): readonly Outcome<ConversationItems>[] {
  return readOutcomes(response, OPERATION, asked.length, (message, index) => {
    const conversation = child(message.node, 'Conversation');
    if (conversation === undefined) throw fail('a Success without its Conversation');
    const conversationId = itemRefOf(child(conversation, 'ConversationId'));
    if (conversationId === undefined) throw fail('a Conversation without its ConversationId');
    if (conversationId.id !== asked[index]?.id) throw fail(`answer ${index + 1} is for another conversation`);
    const nodes = listEntries(
      child(conversation, 'ConversationNodes'),
      'ConversationNode',
      'ConversationNodes',
    ).map(
      (node): ConversationNode => ({
        internetMessageId: child(node, 'InternetMessageId')?.text,
        parentInternetMessageId: child(node, 'ParentInternetMessageId')?.text,
        items: listEntries(child(node, 'Items'), undefined, 'Items').map((itemNode) => {
          if (itemRefOf(child(itemNode, 'ItemId')) === undefined)
            throw fail(`a ${itemNode.name} without its ItemId`);
          return readItemNode(itemNode);
        }),
      }),
    );
    const syncState = child(conversation, 'SyncState')?.text.trim();
    return { ok: true, value: { conversationId, syncState, nodes } };
  });
}

const fail = (text: string): EwsProtocolError =>
  new EwsProtocolError(`${OPERATION}: ${text}`, { operation: OPERATION });
