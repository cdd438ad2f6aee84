import { createHash } from 'node:crypto';
import type { StoredItem } from './item-model.js';
import type { MailboxStore } from './mailbox-store.js';

/*
 * Conversations as Exchange groups them ("Conversations in EWS"): every message of a thread shares one
 * ConversationId, derived from its ConversationIndex, which a reply or forward inherits. This server
 * has no ConversationIndex of its own, so it groups by what the index stands for: the conversation
 * topic, the subject without its RE:/FW: prefixes (case-insensitive). The id is the same in every
 * mailbox, as Exchange's is for one thread. Only mail items (messages and meeting messages) belong to
 * conversations here; calendar items, contacts and tasks are listed by FindItem alone.
 */

const PREFIXES = /^((re|fw|fwd|aw|wg|sv|vs)\s*:\s*)+/i;
const ID_PREFIX = 'ews-test-conversation:';

/** The always-* rules ApplyConversationAction set for one conversation in one mailbox. */
export interface ConversationRules {
  /** AlwaysCategorize: these categories are added to every item of the conversation. */
  categories?: string[];
  /** AlwaysDelete: every new item goes to Deleted Items. */
  alwaysDelete?: boolean;
  /** AlwaysMove: every new item goes to this folder. */
  moveTo?: string;
}

/** The subject without reply and forward prefixes: what Exchange calls the conversation topic. */
export function conversationTopic(subject: string): string {
  return subject.replace(PREFIXES, '').trim();
}

/** The ConversationId of a mail item; undefined for items outside conversations. */
export function conversationIdOf(item: StoredItem): string | undefined {
  if (item.message === undefined) return undefined;
  const hash = createHash('sha1').update(conversationTopic(item.subject).toLowerCase()).digest('hex');
  return Buffer.from(`${ID_PREFIX}${hash.slice(0, 32)}`).toString('base64');
}

/** Whether `id` is a ConversationId this server hands out (else ErrorInvalidIdMalformed). */
export function isConversationId(id: string): boolean {
  if (!/^[A-Za-z0-9+/]+=*$/.test(id)) return false;
  return /^ews-test-conversation:[0-9a-f]{32}$/.test(Buffer.from(id, 'base64').toString('utf8'));
}

/** The dumpster (Recoverable Items and below): its items are in no conversation view. */
function dumpsterFolders(store: MailboxStore): ReadonlySet<string> {
  const root = store.distinguishedFolder('recoverableitemsroot');
  if (root === undefined) return new Set();
  return new Set([root.id, ...store.descendantFolders(root.id).map((f) => f.id)]);
}

/**
 * The items of conversation `id` in the mailbox, in delivery order (oldest first); in one folder when
 * `folderId` is given, else in every folder outside the dumpster.
 */
export function conversationItems(store: MailboxStore, id: string, folderId?: string): StoredItem[] {
  const hidden = dumpsterFolders(store);
  return [...store.items.values()]
    .filter(
      (item) =>
        (folderId === undefined ? !hidden.has(item.parentFolderId) : item.parentFolderId === folderId) &&
        conversationIdOf(item) === id,
    )
    .sort((a, b) => a.dateTimeReceived.getTime() - b.dateTimeReceived.getTime());
}

/** Every mail item of the mailbox outside the dumpster, by conversation. */
export function conversationsOf(store: MailboxStore): Map<string, StoredItem[]> {
  const hidden = dumpsterFolders(store);
  const byId = new Map<string, StoredItem[]>();
  for (const item of store.items.values()) {
    if (hidden.has(item.parentFolderId)) continue;
    const id = conversationIdOf(item);
    if (id === undefined) continue;
    const list = byId.get(id);
    if (list === undefined) byId.set(id, [item]);
    else list.push(item);
  }
  for (const list of byId.values())
    list.sort((a, b) => a.dateTimeReceived.getTime() - b.dateTimeReceived.getTime());
  return byId;
}

/** Adds categories an item lacks (AlwaysCategorize adds; it never removes the item's own). */
export function addCategories(item: StoredItem, categories: readonly string[]): boolean {
  const missing = categories.filter(
    (c) => !item.categories.some((have) => have.toLowerCase() === c.toLowerCase()),
  );
  if (missing.length === 0) return false;
  item.categories = [...item.categories, ...missing];
  return true;
}
