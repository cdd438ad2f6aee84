import { messageFor, operationResponse } from '../soap/response-messages.js';
import {
  addCategories,
  type ConversationRules,
  conversationIdOf,
  conversationItems,
} from '../store/conversations.js';
import type { StoredItem } from '../store/item-model.js';
import type { ItemTransferLog } from '../store/item-transfers.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { moveItem } from '../store/move-item.js';
import { child, childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';
import { conversationStore, requireConversationId } from './conversations.js';
import { type DeleteType, deleteStoredItem, moveToDeletedItems } from './delete-semantics.js';
import { resolveTargetFolder } from './folder-ops-shared.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';

const DELETE_TYPES: readonly DeleteType[] = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'];
const isTrue = (text: string | undefined): boolean => text === 'true' || text === '1';

function required(action: XmlElement, name: string, what: string): XmlElement {
  const found = child(action, name);
  if (found === undefined) throw new ResponseError('ErrorInvalidRequest', `${what} needs ${name}.`);
  return found;
}

function readFlag(item: StoredItem, flag: XmlElement, store: MailboxStore, now: Date): void {
  item.properties = { ...(item.properties ?? {}), 'item:Flag': flag };
  store.touch(item, now);
}

/** The destination folder of Move/Copy/AlwaysMove, in the conversation's mailbox. */
function destination(ctx: OperationContext, action: XmlElement, store: MailboxStore, what: string): string {
  const target = resolveTargetFolder(
    ctx,
    required(action, 'DestinationFolderId', what),
    'ErrorFolderNotFound',
  );
  if (target.store !== store)
    throw new ResponseError('ErrorInvalidRequest', 'Conversation items move within their mailbox.');
  return target.folder.id;
}

/** The mailbox's rules for a conversation, made on first use and dropped when empty. */
function updateRules(store: MailboxStore, id: string, change: (rules: ConversationRules) => void): void {
  const rules = store.conversationRules.get(id) ?? {};
  change(rules);
  if (rules.categories === undefined && rules.alwaysDelete !== true && rules.moveTo === undefined)
    store.conversationRules.delete(id);
  else store.conversationRules.set(id, rules);
}

/**
 * One ConversationAction ("ApplyConversationAction operation"; ConversationActionTypeType): Move,
 * Copy, Delete and SetReadState (and Flag) act on the conversation's current items, in the context
 * folder when there is one, else in every folder of the mailbox; the Always* actions also set a rule
 * every later item of the conversation is filed by (see applyConversationRules).
 */
function applyAction(ctx: OperationContext, action: XmlElement): void {
  const kind = childText(action, 'Action') ?? '';
  const id = requireConversationId(child(action, 'ConversationId'));
  const { store, folderId } = conversationStore(ctx, child(action, 'ContextFolderId'));
  const items = (): StoredItem[] => conversationItems(store, id, folderId);
  const transfers = ctx.state.transfers;
  switch (kind) {
    case 'Move': {
      const to = destination(ctx, action, store, 'Move');
      for (const item of items()) moveItem(transfers, store, item, to, ctx.now);
      return;
    }
    case 'Copy': {
      const to = destination(ctx, action, store, 'Copy');
      for (const item of items()) {
        const copy = store.addItem(
          structuredClone({
            ...item,
            id: store.newItemId(),
            changeKey: store.newChangeKey(),
            parentFolderId: to,
          }),
        );
        transfers.record({
          kind: 'copied',
          oldId: item.id,
          newId: copy.id,
          oldParentFolderId: item.parentFolderId,
          newParentFolderId: to,
        });
      }
      return;
    }
    case 'Delete': {
      const type = DELETE_TYPES.find((t) => t === childText(action, 'DeleteType'));
      if (type === undefined) throw new ResponseError('ErrorInvalidRequest', 'Delete needs DeleteType.');
      for (const item of items()) deleteStoredItem(ctx, store, item, type);
      return;
    }
    case 'SetReadState': {
      const isRead = isTrue(required(action, 'IsRead', 'SetReadState').text.trim());
      for (const item of items()) {
        if (item.message === undefined || item.message.isRead === isRead) continue;
        item.message.isRead = isRead;
        store.touch(item, ctx.now);
      }
      return;
    }
    case 'Flag': {
      const flag = required(action, 'Flag', 'Flag');
      for (const item of items()) readFlag(item, flag, store, ctx.now);
      return;
    }
    case 'AlwaysCategorize': {
      const categories = childrenNamed(child(action, 'Categories'), 'String').map((s) => s.text);
      updateRules(store, id, (rules) => {
        if (categories.length === 0) delete rules.categories;
        else rules.categories = categories;
      });
      for (const item of items()) if (addCategories(item, categories)) store.touch(item, ctx.now);
      return;
    }
    case 'AlwaysDelete': {
      const enable = isTrue(required(action, 'EnableAlwaysDelete', 'AlwaysDelete').text.trim());
      updateRules(store, id, (rules) => {
        if (enable) rules.alwaysDelete = true;
        else delete rules.alwaysDelete;
      });
      if (enable) for (const item of items()) moveToDeletedItems(transfers, store, item, ctx.now);
      return;
    }
    case 'AlwaysMove': {
      // Without DestinationFolderId the rule is switched off.
      const to =
        child(action, 'DestinationFolderId') === undefined
          ? undefined
          : destination(ctx, action, store, 'AlwaysMove');
      updateRules(store, id, (rules) => {
        if (to === undefined) delete rules.moveTo;
        else rules.moveTo = to;
      });
      if (to !== undefined) for (const item of items()) moveItem(transfers, store, item, to, ctx.now);
      return;
    }
    default:
      throw new ResponseError('ErrorInvalidRequest', `The conversation action ${kind} is not supported.`);
  }
}

/** ApplyConversationAction: one ApplyConversationActionResponseMessage per ConversationAction, in order. */
export const applyConversationAction: OperationHandler = (ctx, request) => {
  const actions = childrenNamed(child(request, 'ConversationActions'), 'ConversationAction');
  const messages = actions.map((action) =>
    messageFor('ApplyConversationActionResponseMessage', () => {
      applyAction(ctx, action);
      return undefined;
    }),
  );
  return operationResponse('ApplyConversationAction', messages);
};

/**
 * What the mailbox's conversation rules do to an item delivered into a conversation: categories
 * first, then AlwaysDelete (into Deleted Items) or AlwaysMove. Returns the item as it now is.
 */
export function applyConversationRules(
  transfers: ItemTransferLog,
  store: MailboxStore,
  item: StoredItem,
  now: Date,
): StoredItem | undefined {
  const id = conversationIdOf(item);
  const rules = id === undefined ? undefined : store.conversationRules.get(id);
  if (rules === undefined) return item;
  if (rules.categories !== undefined) addCategories(item, rules.categories);
  if (rules.alwaysDelete === true) return moveToDeletedItems(transfers, store, item, now);
  if (rules.moveTo !== undefined && store.folders.has(rules.moveTo))
    return moveItem(transfers, store, item, rules.moveTo, now);
  return item;
}
