import { int, text } from '../kinds/scalar-kinds.js';
import { itemId } from '../properties/property-kinds.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';

/**
 * t:FolderType: the BaseFolderType fields exchangelib's Folder has, then UnreadCount.
 * PermissionSet, EffectiveRights and ExtendedProperty are not modelled yet (see README).
 */
export const FolderModel = defineModel({
  name: 'Folder',
  xmlName: 'Folder',
  fields: [
    field('folderId', itemId, {
      xmlName: 'FolderId',
      fieldUri: 'folder:FolderId',
      flags: { readOnly: true },
    }),
    field('parentFolderId', itemId, {
      xmlName: 'ParentFolderId',
      fieldUri: 'folder:ParentFolderId',
      flags: { readOnly: true, searchable: true },
    }),
    field('folderClass', text, {
      xmlName: 'FolderClass',
      fieldUri: 'folder:FolderClass',
      flags: { searchable: true },
    }),
    field('displayName', text, {
      xmlName: 'DisplayName',
      fieldUri: 'folder:DisplayName',
      flags: { searchable: true },
    }),
    field('totalCount', int, {
      xmlName: 'TotalCount',
      fieldUri: 'folder:TotalCount',
      flags: { readOnly: true, searchable: true },
    }),
    field('childFolderCount', int, {
      xmlName: 'ChildFolderCount',
      fieldUri: 'folder:ChildFolderCount',
      flags: { readOnly: true, searchable: true },
    }),
    field('unreadCount', int, {
      xmlName: 'UnreadCount',
      fieldUri: 'folder:UnreadCount',
      flags: { readOnly: true, searchable: true },
    }),
  ],
});

export type Folder = InferModel<typeof FolderModel>;
