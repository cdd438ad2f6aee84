import { type CallOptions, EwsInvalidArgumentError, EwsProtocolError, positiveInteger } from '@ews/core';
import { type FieldName, type Item, ItemModel, itemShape, type Model } from '@ews/models';
import { type BulkOptions, type BulkResult, runChunks } from '../bulk/run-chunks.js';
import { wholeCall } from '../internal/call-deadline.js';
import { onlyOutcome } from '../internal/messages.js';
import { send } from '../internal/send.js';
import type { PlainItemTarget } from '../items/item-target.js';
import { plainItemRefOf } from '../items/item-target.js';
import {
  buildApplyConversationAction,
  type ConversationAction,
  type ConversationFlag,
  readApplyConversationAction,
} from '../operations/apply-conversation-action.js';
import type { DeleteType } from '../operations/delete-item.js';
import {
  buildFindConversation,
  type Conversation,
  MAX_CONVERSATIONS_PER_PAGE,
  readFindConversation,
} from '../operations/find-conversation.js';
import {
  buildGetConversationItems,
  type ConversationItems,
  type ConversationNodeOrder,
  readGetConversationItems,
} from '../operations/get-conversation-items.js';
import { type FolderTarget, type ItemRef, type MailboxFolderRef, mailboxFolderRef } from '../refs.js';
import type { AccountContext } from './account-context.js';

export interface FindConversationsOptions extends CallOptions {
  /** Conversations per FindConversation request, 1…1000 (default 100). */
  readonly pageSize?: number | undefined;
  /** AQS text (Exchange 2013 and later): only the conversations it matches. */
  readonly query?: string | undefined;
}

/**
 * Every conversation with items in `folder`, newest delivery first, paged lazily
 * (FindConversation with IndexedPageItemView). Stops on the page that reaches
 * TotalConversationsInView, or on an empty or short page when the server gives no total; a page
 * that does not move the offset forward is refused (EWS_PROTOCOL) rather than read again.
 */
export async function* findConversations(
  account: AccountContext,
  folder: MailboxFolderRef,
  options: FindConversationsOptions = {},
): AsyncGenerator<ConversationHandle, void, undefined> {
  const call = wholeCall(options);
  const maxEntries = positiveInteger('pageSize', options.pageSize ?? 100, {
    max: MAX_CONVERSATIONS_PER_PAGE,
  });
  let offset = 0;
  for (;;) {
    const body = buildFindConversation({ folder, maxEntries, offset, query: options.query });
    const response = await send(account, 'FindConversation', body, call);
    const page = readFindConversation(response, { maxEntries, offset });
    for (const conversation of page.conversations)
      yield new ConversationHandle(account, conversation.conversationId, folder, conversation);
    const next = offset + page.conversations.length;
    const done =
      page.conversations.length === 0 ||
      (page.total !== undefined ? next >= page.total : page.conversations.length < maxEntries);
    if (done) return;
    if (next <= offset)
      throw new EwsProtocolError('FindConversation: a page did not move the offset', {
        operation: 'FindConversation',
      });
    offset = next;
  }
}

export { MAX_CONVERSATIONS_PER_PAGE };

export interface ConversationItemsOptions extends CallOptions {
  /** The items' fields (default: the Item fields a reader of a thread wants). */
  readonly only?: readonly FieldName<typeof ItemModel>[] | undefined;
  /** Folders whose items are left out (default Deleted Items and Drafts, as Outlook shows a thread). */
  readonly foldersToIgnore?: readonly FolderTarget[] | undefined;
  /** At most this many nodes. */
  readonly maxItems?: number | undefined;
  /** Default `TreeOrderAscending`: each message before its replies. */
  readonly order?: ConversationNodeOrder | undefined;
  /** The SyncState of an earlier answer: only the nodes changed since. */
  readonly syncState?: string | undefined;
}

const THREAD_FIELDS: readonly FieldName<typeof ItemModel>[] = [
  'subject',
  'dateTimeReceived',
  'parentFolderId',
  'conversationId',
  'categories',
  'importance',
  'hasAttachments',
];

/** A move, copy or delete of the conversation's items: where (default the handle's folder, if any). */
export interface ConversationScopeOptions extends CallOptions {
  /**
   * The folder whose items the action touches: default the folder the conversation was found in;
   * `'mailbox'`: the conversation's items in every folder of the mailbox the request acts in.
   */
  readonly in?: FolderTarget | 'mailbox' | undefined;
}

export interface ConversationRuleOptions extends CallOptions {
  /** Also apply the rule to the conversation's current items before answering (default true). */
  readonly processRightAway?: boolean | undefined;
}

/**
 * One conversation of a mailbox (its ConversationId), reached from `folder.conversations()` (then
 * actions default to that folder's items) or `account.conversation(id)`. `items()` reads the thread
 * (GetConversationItems); `move`, `copy`, `delete`, `markAsRead`, `flag` act on its current items and
 * `alwaysCategorize`, `alwaysDelete`, `alwaysMove` (and their `stop…`) on its later ones too
 * (ApplyConversationAction). `summary` is what FindConversation said about it, when found that way.
 */
export class ConversationHandle {
  readonly account: AccountContext;
  readonly conversationId: ItemRef;
  /** The folder it was found in (actions default to its items), naming its mailbox. */
  readonly folder: MailboxFolderRef | undefined;
  readonly summary: Conversation | undefined;

  /** `folder`: where it was found; a distinguished folder without a mailbox is the account's. */
  constructor(
    account: AccountContext,
    conversationId: ItemRef,
    folder?: FolderTarget,
    summary?: Conversation,
  ) {
    if (typeof conversationId?.id !== 'string' || conversationId.id === '')
      throw new EwsInvalidArgumentError('A conversation needs its ConversationId (an id string)');
    this.account = account;
    this.conversationId = conversationId;
    this.folder = folder === undefined ? undefined : mailboxFolderRef(account.primarySmtpAddress, folder);
    this.summary = summary;
  }

  /** The conversation's messages as nodes (one per message, with its parent), read with GetConversationItems. */
  async items(options: ConversationItemsOptions = {}): Promise<ConversationItems> {
    const mailbox = this.account.primarySmtpAddress;
    const ignore = (
      options.foldersToIgnore ?? [{ distinguishedId: 'deleteditems' }, { distinguishedId: 'drafts' }]
    ).map((f) => mailboxFolderRef(mailbox, f));
    const shape = itemShape(ItemModel as Model, {
      version: this.account.version,
      baseShape: 'IdOnly',
      fields: options.only ?? THREAD_FIELDS,
    }).xml;
    const body = buildGetConversationItems({
      conversations: [{ conversationId: this.conversationId, syncState: options.syncState }],
      shape,
      foldersToIgnore: ignore,
      maxItems: options.maxItems,
      order: options.order ?? 'TreeOrderAscending',
    });
    const response = await send(this.account, 'GetConversationItems', body, options);
    return onlyOutcome(readGetConversationItems(response, [this.conversationId]), 'GetConversationItems');
  }

  /** Moves the items (in the handle's folder, or `in`) to `to`. */
  async move(to: FolderTarget, options: ConversationScopeOptions = {}): Promise<void> {
    await this.#apply({ action: 'Move', destination: this.#folder(to) }, options);
  }

  async copy(to: FolderTarget, options: ConversationScopeOptions = {}): Promise<void> {
    await this.#apply({ action: 'Copy', destination: this.#folder(to) }, options);
  }

  /** Deletes the items; default `MoveToDeletedItems` (Outlook's delete). */
  delete(
    options: ConversationScopeOptions & { readonly deleteType?: DeleteType | undefined } = {},
  ): Promise<void> {
    return this.#apply({ action: 'Delete', deleteType: options.deleteType ?? 'MoveToDeletedItems' }, options);
  }

  /** Marks the items read (or unread with `read: false`). */
  markAsRead(
    options: ConversationScopeOptions & {
      readonly read?: boolean | undefined;
      readonly suppressReadReceipts?: boolean | undefined;
    } = {},
  ): Promise<void> {
    return this.#apply(
      {
        action: 'SetReadState',
        isRead: options.read ?? true,
        suppressReadReceipts: options.suppressReadReceipts,
      },
      options,
    );
  }

  /** Sets a follow-up flag on the items. */
  flag(flag: ConversationFlag, options: ConversationScopeOptions = {}): Promise<void> {
    return this.#apply({ action: 'Flag', flag }, options);
  }

  /** Adds `categories` to every current and later item of the conversation (AlwaysCategorize). */
  async alwaysCategorize(
    categories: readonly string[],
    options: ConversationRuleOptions = {},
  ): Promise<void> {
    if (!Array.isArray(categories) || categories.length === 0)
      throw new EwsInvalidArgumentError(
        'alwaysCategorize needs categories; stopCategorizing() ends the rule',
      );
    return this.#rule(
      { action: 'AlwaysCategorize', categories, processRightAway: options.processRightAway ?? true },
      options,
    );
  }

  /** Same as alwaysCategorize: the conversation's items get these categories, later ones too. */
  setCategories(categories: readonly string[], options: ConversationRuleOptions = {}): Promise<void> {
    return this.alwaysCategorize(categories, options);
  }

  stopCategorizing(options: CallOptions = {}): Promise<void> {
    return this.#rule({ action: 'AlwaysCategorize', categories: [] }, options);
  }

  /** Every current and later item of the conversation goes to Deleted Items (AlwaysDelete). */
  alwaysDelete(options: ConversationRuleOptions = {}): Promise<void> {
    return this.#rule(
      { action: 'AlwaysDelete', enable: true, processRightAway: options.processRightAway ?? true },
      options,
    );
  }

  stopAlwaysDelete(options: CallOptions = {}): Promise<void> {
    return this.#rule({ action: 'AlwaysDelete', enable: false }, options);
  }

  /** Every current and later item of the conversation goes to `to` (AlwaysMove). */
  async alwaysMove(to: FolderTarget, options: ConversationRuleOptions = {}): Promise<void> {
    return this.#rule(
      {
        action: 'AlwaysMove',
        destination: this.#folder(to),
        processRightAway: options.processRightAway ?? true,
      },
      options,
    );
  }

  stopAlwaysMove(options: CallOptions = {}): Promise<void> {
    return this.#rule({ action: 'AlwaysMove', destination: undefined }, options);
  }

  #folder(target: FolderTarget): MailboxFolderRef {
    return mailboxFolderRef(this.account.primarySmtpAddress, target);
  }

  async #apply(action: ActionWithoutTarget, options: ConversationScopeOptions): Promise<void> {
    const scope = options.in ?? this.folder;
    const context = scope === undefined || scope === 'mailbox' ? undefined : this.#folder(scope);
    await this.#send(
      { ...action, conversationId: this.conversationId, context } as ConversationAction,
      options,
    );
  }

  /** Rules are the mailbox's: the context folder (the handle's) only names the mailbox and what is processed now. */
  async #rule(action: ActionWithoutTarget, options: CallOptions): Promise<void> {
    await this.#send(
      { ...action, conversationId: this.conversationId, context: this.folder } as ConversationAction,
      options,
    );
  }

  async #send(action: ConversationAction, options: CallOptions): Promise<void> {
    const response = await send(
      this.account,
      'ApplyConversationAction',
      buildApplyConversationAction([action]),
      options,
    );
    onlyOutcome(readApplyConversationAction(response, 1), 'ApplyConversationAction');
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type ActionWithoutTarget = DistributiveOmit<ConversationAction, 'conversationId' | 'context'>;

/**
 * Many conversation actions, chunked (100 per ApplyConversationAction by default): one result per
 * action in input order, each paired with the answer at its position only when the counts match.
 */
export function applyConversationActions(
  account: AccountContext,
  actions: readonly ConversationAction[],
  options: BulkOptions = {},
): Promise<BulkResult<true>[]> {
  return runChunks('ApplyConversationAction', actions, options, async (part, call) =>
    readApplyConversationAction(
      await send(account, 'ApplyConversationAction', buildApplyConversationAction(part), call),
      part.length,
    ),
  );
}

/** The conversation an item belongs to, by its conversationId (read it with the item). */
export function conversationOf(
  account: AccountContext,
  item: Pick<Item, 'conversationId'> | PlainItemTarget,
): ConversationHandle {
  const id = (item as Pick<Item, 'conversationId'>).conversationId;
  if (id !== undefined) return new ConversationHandle(account, plainItemRefOf(id, 'conversationOf'));
  return new ConversationHandle(account, plainItemRefOf(item as PlainItemTarget, 'conversation'));
}
