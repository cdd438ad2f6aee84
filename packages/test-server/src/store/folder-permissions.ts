import type { FolderKind, FolderPermission, StoredFolder } from './item-model.js';

type Rights = Omit<FolderPermission, 'user' | 'level'>;

const NONE: Rights = {
  canCreateItems: false,
  canCreateSubFolders: false,
  isFolderOwner: false,
  isFolderVisible: false,
  isFolderContact: false,
  editItems: 'None',
  deleteItems: 'None',
  readItems: 'None',
};
const rights = (changes: Partial<Rights>): Rights => ({ ...NONE, ...changes });

/**
 * The rights each PermissionLevel stands for, as Exchange reports them back ("Permissions and
 * authorization in EWS": Outlook's permission levels; PermissionLevelType and
 * CalendarPermissionLevelType in types.xsd). A level other than Custom overrides the single rights.
 */
export const PERMISSION_LEVELS: Readonly<Record<string, Rights>> = {
  None: NONE,
  Owner: rights({
    canCreateItems: true,
    canCreateSubFolders: true,
    isFolderOwner: true,
    isFolderVisible: true,
    isFolderContact: true,
    editItems: 'All',
    deleteItems: 'All',
    readItems: 'FullDetails',
  }),
  PublishingEditor: rights({
    canCreateItems: true,
    canCreateSubFolders: true,
    isFolderVisible: true,
    editItems: 'All',
    deleteItems: 'All',
    readItems: 'FullDetails',
  }),
  Editor: rights({
    canCreateItems: true,
    isFolderVisible: true,
    editItems: 'All',
    deleteItems: 'All',
    readItems: 'FullDetails',
  }),
  PublishingAuthor: rights({
    canCreateItems: true,
    canCreateSubFolders: true,
    isFolderVisible: true,
    editItems: 'Owned',
    deleteItems: 'Owned',
    readItems: 'FullDetails',
  }),
  Author: rights({
    canCreateItems: true,
    isFolderVisible: true,
    editItems: 'Owned',
    deleteItems: 'Owned',
    readItems: 'FullDetails',
  }),
  NoneditingAuthor: rights({
    canCreateItems: true,
    isFolderVisible: true,
    deleteItems: 'Owned',
    readItems: 'FullDetails',
  }),
  Reviewer: rights({ isFolderVisible: true, readItems: 'FullDetails' }),
  Contributor: rights({ canCreateItems: true, isFolderVisible: true }),
  // Calendar folders only.
  FreeBusyTimeOnly: rights({ readItems: 'TimeOnly' }),
  FreeBusyTimeAndSubjectAndLocation: rights({ readItems: 'TimeAndSubjectAndLocation' }),
};

/** Levels only a calendar folder's CalendarPermissionSet knows. */
export const CALENDAR_ONLY_LEVELS = new Set(['FreeBusyTimeOnly', 'FreeBusyTimeAndSubjectAndLocation']);

/** A permission entry with `level`'s rights (or `custom`'s, for Custom). */
export function permissionAt(
  user: FolderPermission['user'],
  level: string,
  custom?: Rights,
): FolderPermission {
  const granted = level === 'Custom' ? (custom ?? NONE) : (PERMISSION_LEVELS[level] ?? NONE);
  return { user, ...granted, level };
}

/**
 * A folder's permissions: what UpdateFolder set, else Exchange's defaults for a new mailbox — Default
 * None (calendars: FreeBusyTimeOnly, so colleagues see free/busy) and Anonymous None.
 */
export function folderPermissions(folder: StoredFolder): readonly FolderPermission[] {
  if (folder.permissions !== undefined) return folder.permissions;
  return defaultPermissions(folder.kind);
}

function defaultPermissions(kind: FolderKind): FolderPermission[] {
  return [
    permissionAt({ distinguishedUser: 'Default' }, kind === 'CalendarFolder' ? 'FreeBusyTimeOnly' : 'None'),
    permissionAt({ distinguishedUser: 'Anonymous' }, 'None'),
  ];
}
