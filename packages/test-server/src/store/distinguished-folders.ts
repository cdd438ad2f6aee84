import type { FolderKind } from './item-model.js';

/**
 * One folder Exchange creates in every mailbox. `key` names the row (parents refer to it); a row
 * with `distinguishedId` answers `t:DistinguishedFolderId` with that id. `system`: Exchange refuses
 * to delete, move or rename it although it has no distinguished id (exchangelib's NON_DELETABLE_FOLDERS).
 */
export interface FolderTreeRow {
  readonly key: string;
  readonly distinguishedId?: string;
  /** The English (en-US) display name; see mailbox-cultures.ts for other languages. */
  readonly displayName: string;
  /** The parent row's key; `undefined` is the tree root. */
  readonly parent: string | undefined;
  readonly kind: FolderKind;
  /** `undefined` where Exchange sets no FolderClass (the root, Recoverable Items, most system folders). */
  readonly folderClass: string | undefined;
  readonly system?: true;
}

type Row = FolderTreeRow;
const dist = (
  id: string,
  displayName: string,
  parent: string | undefined,
  folderClass: string | undefined,
  kind: FolderKind = 'Folder',
): Row => ({ key: id, distinguishedId: id, displayName, parent, kind, folderClass });
const sys = (
  key: string,
  displayName: string,
  parent: string,
  folderClass: string | undefined,
  kind: FolderKind = 'Folder',
): Row => ({ key, displayName, parent, kind, folderClass, system: true });
const plain = (key: string, displayName: string, parent: string, folderClass: string | undefined): Row => ({
  key,
  displayName,
  parent,
  kind: 'Folder',
  folderClass,
});

/**
 * An Exchange 2016/2019 mailbox's default tree (English names), in FindFolder order. Sources: the
 * schema's DistinguishedFolderIdNameType (tools/ews-schema), Microsoft's "DistinguishedFolderId" and
 * "Folders and items in EWS in Exchange" pages, and exchangelib 4.9's folder classes
 * (folders/known_folders.py: names, CONTAINER_CLASS, NON_DELETABLE_FOLDERS). Distinguished ids the
 * schema lists only for Exchange Online (archive, yammer*, allitems, … — build 15.20 in exchangelib's
 * catalog) or for special mailboxes (adminauditlogs, voicemail without UM, directory) are not given;
 * the folders Exchange 2016 creates under those names are here as plain folders.
 */
export const MAILBOX_FOLDER_TREE: readonly FolderTreeRow[] = [
  dist('root', 'root', undefined, undefined),
  sys('allcontacts', 'AllContacts', 'root', 'IPF.Note'),
  sys('allitems', 'AllItems', 'root', 'IPF'),
  sys('commonviews', 'Common Views', 'root', undefined),
  sys('deferredaction', 'Deferred Action', 'root', undefined),
  sys('exchangesyncdata', 'ExchangeSyncData', 'root', undefined),
  dist('favorites', 'Favorites', 'root', 'IPF.Note'),
  dist('searchfolders', 'Finder', 'root', undefined),
  sys('freebusydata', 'Freebusy Data', 'root', undefined),
  sys('location', 'Location', 'root', undefined),
  sys('mailboxassociations', 'MailboxAssociations', 'root', undefined),
  dist('mycontacts', 'My Contacts', 'root', 'IPF.Note'),
  sys('mycontactsextended', 'MyContactsExtended', 'root', 'IPF.Note'),
  sys('parkedmessages', 'ParkedMessages', 'root', undefined),
  dist('peopleconnect', 'PeopleConnect', 'root', undefined),
  dist('recoverableitemsroot', 'Recoverable Items', 'root', undefined),
  sys('audits', 'Audits', 'recoverableitemsroot', undefined),
  sys('calendarlogging', 'Calendar Logging', 'recoverableitemsroot', undefined),
  dist('recoverableitemsdeletions', 'Deletions', 'recoverableitemsroot', undefined),
  dist('recoverableitemsdiscoveryholds', 'DiscoveryHolds', 'recoverableitemsroot', undefined),
  dist('recoverableitemspurges', 'Purges', 'recoverableitemsroot', undefined),
  dist('recoverableitemsversions', 'Versions', 'recoverableitemsroot', undefined),
  sys('reminders', 'Reminders', 'root', 'Outlook.Reminder', 'SearchFolder'),
  sys('schedule', 'Schedule', 'root', undefined),
  sys('sharing', 'Sharing', 'root', 'IPF.Note'),
  sys('shortcuts', 'Shortcuts', 'root', undefined),
  sys('spoolerqueue', 'Spooler Queue', 'root', undefined),
  sys('system', 'System', 'root', undefined),
  sys('temporarysaves', 'TemporarySaves', 'root', undefined),
  dist('todosearch', 'To-Do Search', 'root', 'IPF.Task', 'SearchFolder'),
  dist('msgfolderroot', 'Top of Information Store', 'root', 'IPF.Note'),
  plain('archive', 'Archive', 'msgfolderroot', 'IPF.Note'),
  dist('calendar', 'Calendar', 'msgfolderroot', 'IPF.Appointment', 'CalendarFolder'),
  plain('clutter', 'Clutter', 'msgfolderroot', 'IPF.Note'),
  dist('contacts', 'Contacts', 'msgfolderroot', 'IPF.Contact', 'ContactsFolder'),
  sys('companies', 'Companies', 'contacts', 'IPF.Contact.Company', 'ContactsFolder'),
  sys('galcontacts', 'GAL Contacts', 'contacts', 'IPF.Contact.GalContacts', 'ContactsFolder'),
  dist(
    'imcontactlist',
    'Skype for Business Contacts',
    'contacts',
    'IPF.Contact.MOC.ImContactList',
    'ContactsFolder',
  ),
  sys(
    'organizationalcontacts',
    'Organizational Contacts',
    'contacts',
    'IPF.Contact.OrganizationalContacts',
    'ContactsFolder',
  ),
  sys(
    'peoplecentricconversationbuddies',
    'PeopleCentricConversation Buddies',
    'contacts',
    'IPF.Contact.PeopleCentricConversationBuddies',
    'ContactsFolder',
  ),
  dist('quickcontacts', 'Quick Contacts', 'contacts', 'IPF.Contact.MOC.QuickContacts', 'ContactsFolder'),
  dist('recipientcache', 'Recipient Cache', 'contacts', 'IPF.Contact.RecipientCache', 'ContactsFolder'),
  sys('conversationactionsettings', 'Conversation Action Settings', 'msgfolderroot', 'IPF.Configuration'),
  dist('conversationhistory', 'Conversation History', 'msgfolderroot', 'IPF.Note'),
  dist('deleteditems', 'Deleted Items', 'msgfolderroot', 'IPF.Note'),
  dist('drafts', 'Drafts', 'msgfolderroot', 'IPF.Note'),
  sys('files', 'Files', 'msgfolderroot', 'IPF.Files'),
  dist('inbox', 'Inbox', 'msgfolderroot', 'IPF.Note'),
  dist('journal', 'Journal', 'msgfolderroot', 'IPF.Journal'),
  dist('junkemail', 'Junk Email', 'msgfolderroot', 'IPF.Note'),
  dist('notes', 'Notes', 'msgfolderroot', 'IPF.StickyNote'),
  dist('outbox', 'Outbox', 'msgfolderroot', 'IPF.Note'),
  plain('quickstepsettings', 'Quick Step Settings', 'msgfolderroot', 'IPF.Configuration'),
  sys('rssfeeds', 'RSS Feeds', 'msgfolderroot', 'IPF.Note.OutlookHomepage'),
  dist('sentitems', 'Sent Items', 'msgfolderroot', 'IPF.Note'),
  plain('suggestedcontacts', 'Suggested Contacts', 'msgfolderroot', 'IPF.Contact'),
  dist('syncissues', 'Sync Issues', 'msgfolderroot', 'IPF.Note'),
  dist('conflicts', 'Conflicts', 'syncissues', 'IPF.Note'),
  dist('localfailures', 'Local Failures', 'syncissues', 'IPF.Note'),
  dist('serverfailures', 'Server Failures', 'syncissues', 'IPF.Note'),
  dist('tasks', 'Tasks', 'msgfolderroot', 'IPF.Task', 'TasksFolder'),
  plain('yammerroot', 'Yammer Root', 'msgfolderroot', 'IPF.Note'),
  plain('yammerfeeds', 'Feeds', 'yammerroot', 'IPF.Note'),
  plain('yammerinbound', 'Inbound', 'yammerroot', 'IPF.Note'),
  plain('yammeroutbound', 'Outbound', 'yammerroot', 'IPF.Note'),
  sys('views', 'Views', 'root', undefined),
  sys('workingset', 'Working Set', 'root', undefined),
];

/** The archive mailbox's tree (`archive` option): its own root below no folder of the primary tree. */
export const ARCHIVE_FOLDER_TREE: readonly FolderTreeRow[] = [
  dist('archiveroot', 'root', undefined, undefined),
  dist('archiverecoverableitemsroot', 'Recoverable Items', 'archiveroot', undefined),
  dist('archiverecoverableitemsdeletions', 'Deletions', 'archiverecoverableitemsroot', undefined),
  dist('archiverecoverableitemsdiscoveryholds', 'DiscoveryHolds', 'archiverecoverableitemsroot', undefined),
  dist('archiverecoverableitemspurges', 'Purges', 'archiverecoverableitemsroot', undefined),
  dist('archiverecoverableitemsversions', 'Versions', 'archiverecoverableitemsroot', undefined),
  dist('archivemsgfolderroot', 'Top of Information Store', 'archiveroot', 'IPF.Note'),
  dist('archivedeleteditems', 'Deleted Items', 'archivemsgfolderroot', 'IPF.Note'),
  dist('archiveinbox', 'Inbox', 'archivemsgfolderroot', 'IPF.Note'),
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
