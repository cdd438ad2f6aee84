import {
  CalendarItemModel,
  ContactModel,
  type DistinguishedFolderId,
  distinguishedFolder,
  ItemModel,
  MessageModel,
  type Model,
  TaskModel,
} from '@ews/models';

/**
 * Which items model reads a folder's items, by container class prefix (most specific first).
 * Folders without a class (root, msgFolderRoot…) hold any item and read the base Item fields.
 */
const MODEL_BY_CONTAINER_CLASS: readonly (readonly [string, Model])[] = [
  ['IPF.Appointment', CalendarItemModel],
  ['IPF.Contact', ContactModel],
  ['IPF.Task', TaskModel],
  ['IPF.Note', MessageModel],
];

export function modelForFolder(id: DistinguishedFolderId): Model {
  return modelForFolderClass(distinguishedFolder(id).containerClass);
}

/** The items model for a folder's FolderClass (`IPF.Appointment` → CalendarItem…); Item when unknown. */
export function modelForFolderClass(folderClass: string | undefined): Model {
  const containerClass = folderClass ?? '';
  return MODEL_BY_CONTAINER_CLASS.find(([prefix]) => containerClass.startsWith(prefix))?.[1] ?? ItemModel;
}

/**
 * exchangelib's 42 well-known folder attributes of `Account` (camelCase: `msg_folder_root` →
 * `msgFolderRoot`), plus `deletedItems` as another name for `trash`. Each is an `Account` getter;
 * every other distinguished id is reachable as `account.folder(id)`.
 */
export const WELL_KNOWN_FOLDER_IDS = {
  inbox: 'inbox',
  outbox: 'outbox',
  sent: 'sentitems',
  drafts: 'drafts',
  trash: 'deleteditems',
  deletedItems: 'deleteditems',
  junk: 'junkemail',
  calendar: 'calendar',
  contacts: 'contacts',
  tasks: 'tasks',
  notes: 'notes',
  journal: 'journal',
  voiceMail: 'voicemail',
  root: 'root',
  msgFolderRoot: 'msgfolderroot',
  searchFolders: 'searchfolders',
  publicFoldersRoot: 'publicfoldersroot',
  conflicts: 'conflicts',
  conversationHistory: 'conversationhistory',
  localFailures: 'localfailures',
  serverFailures: 'serverfailures',
  syncIssues: 'syncissues',
  favorites: 'favorites',
  myContacts: 'mycontacts',
  quickContacts: 'quickcontacts',
  recipientCache: 'recipientcache',
  imContactList: 'imcontactlist',
  peopleConnect: 'peopleconnect',
  todoSearch: 'todosearch',
  directory: 'directory',
  adminAuditLogs: 'adminauditlogs',
  archiveInbox: 'archiveinbox',
  archiveRoot: 'archiveroot',
  archiveMsgFolderRoot: 'archivemsgfolderroot',
  archiveDeletedItems: 'archivedeleteditems',
  archiveRecoverableItemsRoot: 'archiverecoverableitemsroot',
  archiveRecoverableItemsDeletions: 'archiverecoverableitemsdeletions',
  archiveRecoverableItemsPurges: 'archiverecoverableitemspurges',
  archiveRecoverableItemsVersions: 'archiverecoverableitemsversions',
  recoverableItemsRoot: 'recoverableitemsroot',
  recoverableItemsDeletions: 'recoverableitemsdeletions',
  recoverableItemsPurges: 'recoverableitemspurges',
  recoverableItemsVersions: 'recoverableitemsversions',
} as const satisfies Record<string, DistinguishedFolderId>;

export type WellKnownFolderName = keyof typeof WELL_KNOWN_FOLDER_IDS;
