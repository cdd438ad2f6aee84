import type { FolderKind, StoredFolder } from '../store/item-model.js';
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
  {
    uri: 'folder:UnreadCount',
    inDefault: true,
    kinds: ['Folder', 'TasksFolder', 'SearchFolder'],
    write: (_f, c) => textEl('t:UnreadCount', c.unread),
  },
];

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
