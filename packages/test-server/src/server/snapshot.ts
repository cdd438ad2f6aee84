import type { MailboxKind } from '../directory/directory.js';
import type { DeepReadonly } from '../store/deep-readonly.js';
import type { ExchangeState } from '../store/exchange-state.js';
import type {
  Attendee,
  CalendarData,
  ContactData,
  MessageData,
  Person,
  StoredAttachment,
  StoredFolder,
  StoredItem,
  TaskData,
} from '../store/item-model.js';
import type { MailboxStore, OofSettings } from '../store/mailbox-store.js';
import { descend, type XmlElement } from '../xml/xml-tree.js';
import { TestServerError } from './test-server-error.js';

/** A folder as the server holds it: `distinguishedId` is `inbox`, `calendar`, … for Exchange's own folders. */
export type SnapshotFolder = DeepReadonly<StoredFolder>;
/** An item as the server holds it; `message`, `calendar`, `contact`, `task` are set by kind. */
export type SnapshotItem = DeepReadonly<StoredItem>;
export type SnapshotPerson = DeepReadonly<Person>;
/** Sender, recipients (`bcc` only on the sender's own copies), read/draft flags, Message-ID, In-Reply-To, References. */
export type SnapshotMessage = DeepReadonly<MessageData>;
/** Times in UTC, attendees with their responses, recurrence with exceptions and deleted occurrences. */
export type SnapshotCalendar = DeepReadonly<CalendarData>;
export type SnapshotAttendee = DeepReadonly<Attendee>;
export type SnapshotContact = DeepReadonly<ContactData>;
export type SnapshotTask = DeepReadonly<TaskData>;
export type SnapshotAttachment = DeepReadonly<StoredAttachment>;

/** An inbox rule as the server keeps it (its conditions and actions are not part of the snapshot). */
export interface SnapshotInboxRule {
  readonly id: string;
  readonly displayName: string;
  readonly priority: number;
  readonly isEnabled: boolean;
  /** The FolderId of a MoveToFolder action (a folder of this mailbox, resolved when the rule was stored). */
  readonly moveToFolderId?: string | undefined;
  /** The FolderId of a CopyToFolder action. */
  readonly copyToFolderId?: string | undefined;
}
/** Automatic replies (SetUserOofSettings) as the server keeps them. */
export type SnapshotOofSettings = DeepReadonly<OofSettings>;

/** One mailbox's folders and items at the time of the snapshot. */
export interface SnapshotMailbox {
  readonly address: string;
  readonly name: string;
  readonly kind: MailboxKind;
  /** Every folder, the root and Exchange's distinguished folders included. */
  readonly folders: readonly SnapshotFolder[];
  /** Every item, in whichever folder (`parentFolderId`). */
  readonly items: readonly SnapshotItem[];
  /** Inbox rules in priority order. */
  readonly inboxRules: readonly SnapshotInboxRule[];
  /** Automatic replies. */
  readonly oof: SnapshotOofSettings;
  /** A distinguished folder (`inbox`, `sentitems`, `drafts`, `calendar`, …); throws if there is none. */
  folder(distinguishedId: string): SnapshotFolder;
  /** The folders directly below `folderId`. */
  childFolders(folderId: string): SnapshotFolder[];
  /** The items directly in `folderId`. */
  itemsIn(folderId: string): SnapshotItem[];
}

/** What `TestServer.snapshot()` returns: a deep, frozen copy of every mailbox's content. */
export interface TestServerSnapshot {
  /** The server's clock when the snapshot was taken. */
  readonly takenAt: Date;
  /** In directory order. */
  readonly mailboxes: readonly SnapshotMailbox[];
  /** A mailbox by SMTP address (case-insensitive); throws `TestServerError` for an unknown one. */
  mailbox(address: string): SnapshotMailbox;
}

function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value as DeepReadonly<T>;
}

function targetFolderId(actions: XmlElement | undefined, action: string): string | undefined {
  return descend(actions, action, 'FolderId')?.attrs.Id;
}

function mailboxSnapshot(store: MailboxStore): SnapshotMailbox {
  const owner: { address: string; name: string; kind: MailboxKind } = store.owner;
  const folders: readonly SnapshotFolder[] = deepFreeze(structuredClone([...store.folders.values()]));
  const items: readonly SnapshotItem[] = deepFreeze(structuredClone([...store.items.values()]));
  const inboxRules = deepFreeze(
    store.inboxRules.map(({ id, displayName, priority, isEnabled, actions }) => ({
      id,
      displayName,
      priority,
      isEnabled,
      moveToFolderId: targetFolderId(actions, 'MoveToFolder'),
      copyToFolderId: targetFolderId(actions, 'CopyToFolder'),
    })),
  );
  return Object.freeze({
    address: owner.address,
    name: owner.name,
    kind: owner.kind,
    folders,
    items,
    inboxRules,
    oof: deepFreeze(structuredClone(store.oof)),
    folder(distinguishedId: string): SnapshotFolder {
      const found = folders.find((f) => f.distinguishedId === distinguishedId);
      if (found === undefined) {
        throw new TestServerError('TEST_SERVER_STATE', `${owner.address} has no ${distinguishedId} folder`);
      }
      return found;
    },
    childFolders: (folderId: string) => folders.filter((f) => f.parentId === folderId),
    itemsIn: (folderId: string) => items.filter((i) => i.parentFolderId === folderId),
  });
}

/** Copies (structured clone) and freezes the whole state, so tests read it without touching the server's own. */
export function takeSnapshot(state: ExchangeState): TestServerSnapshot {
  const mailboxes = state.allStores().map(mailboxSnapshot);
  const byAddress = new Map(mailboxes.map((m) => [m.address.toLowerCase(), m]));
  return Object.freeze({
    // A copy: with `now: () => fixedDate` the clock's own Date would otherwise be handed out.
    takenAt: new Date(state.now().getTime()),
    mailboxes: Object.freeze(mailboxes),
    mailbox(address: string): SnapshotMailbox {
      const found = byAddress.get(address.toLowerCase());
      if (found === undefined) throw new TestServerError('TEST_SERVER_STATE', `no mailbox ${address}`);
      return found;
    },
  });
}
