import type { DirectoryMailbox } from '../directory/directory.js';
import type { FolderTreeRow } from './distinguished-folders.js';

/**
 * The public folder hierarchy (`publicFolders` option). `publicfoldersroot` is the hierarchy's
 * IPM_SUBTREE, the name Exchange gives it; below it a few folders of each kind.
 */
export const PUBLIC_FOLDER_TREE: readonly FolderTreeRow[] = [
  {
    key: 'publicfoldersroot',
    distinguishedId: 'publicfoldersroot',
    displayName: 'IPM_SUBTREE',
    parent: undefined,
    kind: 'Folder',
    folderClass: undefined,
  },
  {
    key: 'announcements',
    displayName: 'Announcements',
    parent: 'publicfoldersroot',
    kind: 'Folder',
    folderClass: 'IPF.Note',
  },
  {
    key: 'projects',
    displayName: 'Projects',
    parent: 'publicfoldersroot',
    kind: 'Folder',
    folderClass: 'IPF.Note',
  },
  {
    key: 'projectsarchive',
    displayName: 'Archive',
    parent: 'projects',
    kind: 'Folder',
    folderClass: 'IPF.Note',
  },
  {
    key: 'companycalendar',
    displayName: 'Company Calendar',
    parent: 'publicfoldersroot',
    kind: 'CalendarFolder',
    folderClass: 'IPF.Appointment',
  },
  {
    key: 'companycontacts',
    displayName: 'Company Contacts',
    parent: 'publicfoldersroot',
    kind: 'ContactsFolder',
    folderClass: 'IPF.Contact',
  },
];

/** The public folder mailbox: not a person; every mailbox user may read the hierarchy. */
export function publicFolderOwner(domain: string): DirectoryMailbox {
  return { address: `publicfolders@${domain}`, name: 'Public Folders', password: '', kind: 'service' };
}
