import type { FolderKind } from './item-model.js';

/** One row per distinguished folder the simulated mailbox has; parent `undefined` is the tree root. */
export interface DistinguishedFolderRow {
  readonly id: string;
  readonly displayName: string;
  readonly parent: string | undefined;
  readonly kind: FolderKind;
  readonly folderClass: string | undefined;
}

// Exchange 2016's default tree (English display names). Order is FindFolder order.
export const DISTINGUISHED_FOLDERS: readonly DistinguishedFolderRow[] = [
  { id: 'root', displayName: 'Root', parent: undefined, kind: 'Folder', folderClass: undefined },
  {
    id: 'msgfolderroot',
    displayName: 'Top of Information Store',
    parent: 'root',
    kind: 'Folder',
    folderClass: 'IPF.Note',
  },
  {
    id: 'calendar',
    displayName: 'Calendar',
    parent: 'msgfolderroot',
    kind: 'CalendarFolder',
    folderClass: 'IPF.Appointment',
  },
  {
    id: 'contacts',
    displayName: 'Contacts',
    parent: 'msgfolderroot',
    kind: 'ContactsFolder',
    folderClass: 'IPF.Contact',
  },
  {
    id: 'deleteditems',
    displayName: 'Deleted Items',
    parent: 'msgfolderroot',
    kind: 'Folder',
    folderClass: 'IPF.Note',
  },
  { id: 'drafts', displayName: 'Drafts', parent: 'msgfolderroot', kind: 'Folder', folderClass: 'IPF.Note' },
  { id: 'inbox', displayName: 'Inbox', parent: 'msgfolderroot', kind: 'Folder', folderClass: 'IPF.Note' },
  {
    id: 'journal',
    displayName: 'Journal',
    parent: 'msgfolderroot',
    kind: 'Folder',
    folderClass: 'IPF.Journal',
  },
  {
    id: 'junkemail',
    displayName: 'Junk Email',
    parent: 'msgfolderroot',
    kind: 'Folder',
    folderClass: 'IPF.Note',
  },
  {
    id: 'notes',
    displayName: 'Notes',
    parent: 'msgfolderroot',
    kind: 'Folder',
    folderClass: 'IPF.StickyNote',
  },
  { id: 'outbox', displayName: 'Outbox', parent: 'msgfolderroot', kind: 'Folder', folderClass: 'IPF.Note' },
  {
    id: 'sentitems',
    displayName: 'Sent Items',
    parent: 'msgfolderroot',
    kind: 'Folder',
    folderClass: 'IPF.Note',
  },
  {
    id: 'tasks',
    displayName: 'Tasks',
    parent: 'msgfolderroot',
    kind: 'TasksFolder',
    folderClass: 'IPF.Task',
  },
  {
    id: 'recoverableitemsroot',
    displayName: 'Recoverable Items',
    parent: 'root',
    kind: 'Folder',
    folderClass: undefined,
  },
  {
    id: 'recoverableitemsdeletions',
    displayName: 'Deletions',
    parent: 'recoverableitemsroot',
    kind: 'Folder',
    folderClass: undefined,
  },
  { id: 'searchfolders', displayName: 'Finder', parent: 'root', kind: 'Folder', folderClass: undefined },
];

/** Where CreateItem saves an item when no SavedItemFolderId is given. */
export const DEFAULT_FOLDER_FOR_KIND = {
  Item: 'drafts',
  DistributionList: 'contacts',
  PostItem: 'inbox',
  Message: 'drafts',
  CalendarItem: 'calendar',
  Contact: 'contacts',
  Task: 'tasks',
  MeetingRequest: 'inbox',
  MeetingResponse: 'inbox',
  MeetingCancellation: 'inbox',
} as const;
