import type { DirectoryMailbox } from '../directory/directory.js';
import type { XmlElement } from '../xml/xml-tree.js';
import type { ConversationRules } from './conversations.js';
import type { StoredDelegate } from './delegates.js';
import { ARCHIVE_FOLDER_TREE, type FolderTreeRow, MAILBOX_FOLDER_TREE } from './distinguished-folders.js';
import type { StoredAttachment, StoredFolder, StoredItem } from './item-model.js';
import { localizedFolderName, type MailboxCulture } from './mailbox-cultures.js';
import type { StoredUserConfiguration } from './user-configurations.js';

/** Hands out ids and change keys; one per server so two servers never share state. */
export class IdSource {
  private counter = 0;
  /** The last serial handed out (saved with the state so restored servers never reuse ids). */
  get last(): number {
    return this.counter;
  }
  /** Continues after `serial` (state restore); never goes backwards. */
  resumeAfter(serial: number): void {
    this.counter = Math.max(this.counter, serial);
  }
  next(): number {
    this.counter += 1;
    return this.counter;
  }
  /** A new change key; every update of an item gets a fresh one. */
  changeKey(): string {
    return Buffer.from(`CQAAABYAAA${this.next().toString(36).padStart(8, '0')}`).toString('base64');
  }
}

const ID_PREFIX = 'AAMkAD';

/** Builds an id that names its mailbox, so any id can be routed back to its store. */
export function makeId(mailboxIndex: number, kind: 'F' | 'I' | 'A', serial: number): string {
  return ID_PREFIX + Buffer.from(`ews-test:${mailboxIndex}:${kind}:${serial}`).toString('base64');
}

export interface DecodedId {
  readonly mailboxIndex: number;
  readonly kind: 'F' | 'I' | 'A' | 'O';
  readonly serial: number;
  /** Occurrence ids: the master's id and the occurrence's original start (ms). */
  readonly masterId?: string;
  readonly originalStart?: number;
}

export function decodeId(id: string): DecodedId | undefined {
  if (!id.startsWith(ID_PREFIX)) return undefined;
  const text = Buffer.from(id.slice(ID_PREFIX.length), 'base64').toString('utf8');
  const plain = /^ews-test:(\d+):([FIA]):(\d+)$/.exec(text);
  if (plain)
    return { mailboxIndex: Number(plain[1]), kind: plain[2] as 'F' | 'I' | 'A', serial: Number(plain[3]) };
  const occurrence = /^ews-test:(\d+):O:(\d+):(\d+)$/.exec(text);
  if (occurrence) {
    const mailboxIndex = Number(occurrence[1]);
    const serial = Number(occurrence[2]);
    return {
      mailboxIndex,
      kind: 'O',
      serial,
      masterId: makeId(mailboxIndex, 'I', serial),
      originalStart: Number(occurrence[3]),
    };
  }
  return undefined;
}

export function makeOccurrenceId(masterId: string, originalStart: Date): string {
  const decoded = decodeId(masterId);
  if (decoded === undefined) throw new Error(`not an item id: ${masterId}`);
  return (
    ID_PREFIX +
    Buffer.from(`ews-test:${decoded.mailboxIndex}:O:${decoded.serial}:${originalStart.getTime()}`).toString(
      'base64',
    )
  );
}

/** Automatic replies (GetUserOofSettings/SetUserOofSettings). */
export interface OofSettings {
  state: 'Disabled' | 'Enabled' | 'Scheduled';
  externalAudience: 'None' | 'Known' | 'All';
  start: Date | undefined;
  end: Date | undefined;
  internalReply: string;
  externalReply: string;
}

/** An inbox rule (GetInboxRules/UpdateInboxRules); conditions, exceptions and actions kept as sent. */
export interface StoredInboxRule {
  readonly id: string;
  readonly displayName: string;
  readonly priority: number;
  readonly isEnabled: boolean;
  readonly conditions: XmlElement | undefined;
  readonly exceptions: XmlElement | undefined;
  readonly actions: XmlElement | undefined;
}

/** How a store's folder tree is laid out: the mailbox's language and whether it has an archive. */
export interface MailboxLayout {
  readonly culture: MailboxCulture;
  readonly archive: boolean;
  /** Replaces the mailbox trees (the public folder store). */
  readonly tree?: readonly FolderTreeRow[];
}

const DEFAULT_LAYOUT: MailboxLayout = { culture: 'en-US', archive: false };

/** One mailbox: its folder tree and items. */
export class MailboxStore {
  /** Inbox rules in priority order (not kept in saved state files). */
  inboxRules: StoredInboxRule[] = [];
  oof: OofSettings = {
    state: 'Disabled',
    externalAudience: 'All',
    start: undefined,
    end: undefined,
    internalReply: '',
    externalReply: '',
  };
  /** User configurations by `userConfigurationKey` (not kept in saved state files). */
  readonly userConfigurations = new Map<string, StoredUserConfiguration>();
  /** Delegates once AddDelegate/UpdateDelegate/RemoveDelegate changed them; undefined: the directory's. */
  delegates: StoredDelegate[] | undefined;
  /** Where meeting requests go once AddDelegate/UpdateDelegate set it. */
  deliverMeetingRequests: string | undefined;
  /** When the password was last set: the first time anyone asked (GetPasswordExpirationDate). */
  passwordLastSet: Date | undefined;
  readonly folders = new Map<string, StoredFolder>();
  readonly items = new Map<string, StoredItem>();
  private readonly distinguished = new Map<string, string>();
  /** ApplyConversationAction's always-* rules, by ConversationId (store/conversations.ts applies them). */
  readonly conversationRules = new Map<string, ConversationRules>();

  constructor(
    readonly owner: DirectoryMailbox,
    readonly index: number,
    private readonly ids: IdSource,
    layout: MailboxLayout = DEFAULT_LAYOUT,
  ) {
    const rows = layout.tree ?? [...MAILBOX_FOLDER_TREE, ...(layout.archive ? ARCHIVE_FOLDER_TREE : [])];
    const byKey = new Map<string, string>();
    for (const row of rows) {
      const parentId = row.parent === undefined ? undefined : byKey.get(row.parent);
      if (row.parent !== undefined && parentId === undefined)
        throw new Error(`folder row ${row.key} before its parent`);
      const folder: StoredFolder = {
        id: makeId(index, 'F', ids.next()),
        changeKey: ids.changeKey(),
        parentId,
        kind: row.kind,
        folderClass: row.folderClass,
        displayName: localizedFolderName(layout.culture, row.key, row.displayName),
        distinguishedId: row.distinguishedId,
        ...(row.system ? { system: true as const } : {}),
      };
      this.folders.set(folder.id, folder);
      byKey.set(row.key, folder.id);
      if (row.distinguishedId !== undefined) this.distinguished.set(row.distinguishedId, folder.id);
    }
  }

  /** Replaces the whole content (state restore). */
  replaceContent(folders: readonly StoredFolder[], items: readonly StoredItem[]): void {
    this.folders.clear();
    this.items.clear();
    this.distinguished.clear();
    for (const folder of folders) {
      this.folders.set(folder.id, folder);
      if (folder.distinguishedId !== undefined) this.distinguished.set(folder.distinguishedId, folder.id);
    }
    for (const item of items) this.items.set(item.id, item);
  }

  distinguishedFolder(name: string): StoredFolder | undefined {
    const id = this.distinguished.get(name);
    return id === undefined ? undefined : this.folders.get(id);
  }

  requireDistinguished(name: string): StoredFolder {
    const folder = this.distinguishedFolder(name);
    if (folder === undefined) throw new Error(`no distinguished folder ${name}`);
    return folder;
  }

  childFolders(parentId: string): StoredFolder[] {
    return [...this.folders.values()].filter((f) => f.parentId === parentId);
  }

  /** All folders below `parentId`, depth-first in tree order. */
  descendantFolders(parentId: string): StoredFolder[] {
    return this.childFolders(parentId).flatMap((f) => [f, ...this.descendantFolders(f.id)]);
  }

  itemsIn(folderId: string): StoredItem[] {
    return [...this.items.values()].filter((item) => item.parentFolderId === folderId);
  }

  newFolderId(): string {
    return makeId(this.index, 'F', this.ids.next());
  }

  /** Adds a folder below `parentId`; the caller checks names and kinds. */
  addFolder(folder: Omit<StoredFolder, 'id' | 'changeKey' | 'distinguishedId'>): StoredFolder {
    const stored: StoredFolder = {
      ...folder,
      id: this.newFolderId(),
      changeKey: this.ids.changeKey(),
      distinguishedId: undefined,
    };
    this.folders.set(stored.id, stored);
    return stored;
  }

  /** Removes a folder, its subfolders and every item in them. */
  removeFolderTree(folderId: string): void {
    const ids = [folderId, ...this.descendantFolders(folderId).map((f) => f.id)];
    for (const id of ids) {
      for (const item of this.itemsIn(id)) this.items.delete(item.id);
      this.folders.delete(id);
    }
  }

  /** Marks a folder changed: new change key. */
  touchFolder(folder: StoredFolder): void {
    folder.changeKey = this.ids.changeKey();
  }

  newItemId(): string {
    return makeId(this.index, 'I', this.ids.next());
  }

  newAttachmentId(): string {
    return makeId(this.index, 'A', this.ids.next());
  }

  /** Deep copies of `attachments` with new ids of this mailbox (a delivered or forwarded item's). */
  copyAttachments(attachments: readonly StoredAttachment[]): StoredAttachment[] {
    return attachments.map((attachment) => ({ ...structuredClone(attachment), id: this.newAttachmentId() }));
  }

  newChangeKey(): string {
    return this.ids.changeKey();
  }

  addItem(item: StoredItem): StoredItem {
    this.items.set(item.id, item);
    return item;
  }

  /**
   * Moves an item to another folder of this mailbox under a NEW id, as Exchange does (its ids name
   * the folder): the old id is gone, links to it (a meeting request's calendar item) follow.
   */
  relocateItem(item: StoredItem, folderId: string, now: Date): StoredItem {
    const moved: StoredItem = {
      ...item,
      id: this.newItemId(),
      changeKey: this.ids.changeKey(),
      parentFolderId: folderId,
      lastModifiedTime: now,
    };
    this.items.delete(item.id);
    this.items.set(moved.id, moved);
    for (const other of this.items.values()) {
      if (other.associatedCalendarItemId === item.id) other.associatedCalendarItemId = moved.id;
    }
    return moved;
  }

  /** Marks an item changed: new change key and modification time. */
  touch(item: StoredItem, now: Date): void {
    // A changed item's MIME is written from its properties again.
    delete item.mimeContent;
    item.changeKey = this.ids.changeKey();
    item.lastModifiedTime = now;
  }
}
