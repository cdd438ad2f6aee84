import { folderPermissions } from '../store/folder-permissions.js';
import type { FolderKind, FolderPermission, StoredFolder } from '../store/item-model.js';
import { el, textEl, type XmlContent, type XmlFragment } from '../xml/xml-writer.js';
import {
  FOLDER_URIS_BEFORE_EXTENDED,
  renderExtendedProperties,
  withExtendedProperties,
} from './extended-properties.js';
import type { Shape } from './shape.js';

/** Counts a folder reports; computed by the caller from the store. */
export interface FolderCounts {
  readonly total: number;
  readonly childFolders: number;
  readonly unread: number;
}

interface FolderField {
  readonly uri: string;
  readonly inDefault: boolean;
  readonly kinds?: readonly FolderKind[];
  readonly write: (folder: StoredFolder, counts: FolderCounts) => XmlContent;
}

// Wire order of BaseFolderType, then FolderType's UnreadCount (only folder types derived from FolderType).
const FOLDER_FIELDS: readonly FolderField[] = [
  {
    uri: 'folder:ParentFolderId',
    inDefault: false,
    write: (f) =>
      f.parentId === undefined
        ? undefined
        : el('t:ParentFolderId', { Id: f.parentId, ChangeKey: 'AQAAAA==' }),
  },
  { uri: 'folder:FolderClass', inDefault: false, write: (f) => textEl('t:FolderClass', f.folderClass) },
  { uri: 'folder:DisplayName', inDefault: true, write: (f) => textEl('t:DisplayName', f.displayName) },
  { uri: 'folder:TotalCount', inDefault: true, write: (_f, c) => textEl('t:TotalCount', c.total) },
  {
    uri: 'folder:ChildFolderCount',
    inDefault: true,
    write: (_f, c) => textEl('t:ChildFolderCount', c.childFolders),
  },
  {
    uri: 'folder:EffectiveRights',
    inDefault: false,
    write: () =>
      el(
        't:EffectiveRights',
        null,
        textEl('t:CreateAssociated', true),
        textEl('t:CreateContents', true),
        textEl('t:CreateHierarchy', true),
        textEl('t:Delete', true),
        textEl('t:Modify', true),
        textEl('t:Read', true),
      ),
  },
  { uri: 'folder:PermissionSet', inDefault: false, write: (f) => renderPermissionSet(f) },
  {
    uri: 'folder:UnreadCount',
    inDefault: true,
    kinds: ['Folder', 'TasksFolder', 'SearchFolder'],
    write: (_f, c) => textEl('t:UnreadCount', c.unread),
  },
];

function renderPermission(permission: FolderPermission, calendar: boolean): XmlFragment {
  const user = permission.user;
  return el(
    calendar ? 't:CalendarPermission' : 't:Permission',
    null,
    el(
      't:UserId',
      null,
      'distinguishedUser' in user
        ? textEl('t:DistinguishedUser', user.distinguishedUser)
        : [textEl('t:PrimarySmtpAddress', user.address), textEl('t:DisplayName', user.name)],
    ),
    textEl('t:CanCreateItems', permission.canCreateItems),
    textEl('t:CanCreateSubFolders', permission.canCreateSubFolders),
    textEl('t:IsFolderOwner', permission.isFolderOwner),
    textEl('t:IsFolderVisible', permission.isFolderVisible),
    textEl('t:IsFolderContact', permission.isFolderContact),
    textEl('t:EditItems', permission.editItems),
    textEl('t:DeleteItems', permission.deleteItems),
    textEl('t:ReadItems', permission.readItems),
    textEl(calendar ? 't:CalendarPermissionLevel' : 't:PermissionLevel', permission.level),
  );
}

// Calendar folders hold a CalendarPermissionSet (with the free/busy levels); every other folder a PermissionSet.
function renderPermissionSet(folder: StoredFolder): XmlFragment {
  const calendar = folder.kind === 'CalendarFolder';
  const entries = folderPermissions(folder).map((p) => renderPermission(p, calendar));
  return el('t:PermissionSet', null, el(calendar ? 't:CalendarPermissions' : 't:Permissions', null, entries));
}

const FOLDER_ELEMENT: Record<FolderKind, string> = {
  Folder: 't:Folder',
  CalendarFolder: 't:CalendarFolder',
  ContactsFolder: 't:ContactsFolder',
  TasksFolder: 't:TasksFolder',
  SearchFolder: 't:SearchFolder',
};

export function renderFolder(folder: StoredFolder, shape: Shape, counts: FolderCounts): XmlFragment {
  const fields = FOLDER_FIELDS.filter((field) => {
    if (field.kinds !== undefined && !field.kinds.includes(folder.kind)) return false;
    if (shape.additional.has(field.uri)) return true;
    return shape.base === 'AllProperties' || (shape.base === 'Default' && field.inDefault);
  });
  return el(
    FOLDER_ELEMENT[folder.kind],
    null,
    el('t:FolderId', { Id: folder.id, ChangeKey: folder.changeKey }),
    withExtendedProperties(
      fields,
      FOLDER_URIS_BEFORE_EXTENDED,
      (field) => field.write(folder, counts),
      renderExtendedProperties(folder, shape.extended),
    ),
  );
}
