import { int, text } from '../kinds/scalar-kinds.js';
import { extendedProperties } from '../properties/extended-property.js';
import { effectiveRights } from '../properties/item-details.js';
import { permissionSet } from '../properties/permission-set.js';
import { itemId } from '../properties/property-kinds.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';

/**
 * t:FolderType: the BaseFolderType fields exchangelib's Folder has, the folder's extended
 * properties (repeated ExtendedProperty siblings), then PermissionSet and UnreadCount.
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
    field('extendedProperties', extendedProperties, { xmlName: 'ExtendedProperty' }),
    field('effectiveRights', effectiveRights, {
      xmlName: 'EffectiveRights',
      fieldUri: 'folder:EffectiveRights',
      flags: { readOnly: true, complex: true },
    }),
    field('permissionSet', permissionSet, {
      xmlName: 'PermissionSet',
      fieldUri: 'folder:PermissionSet',
      flags: { complex: true },
    }),
    field('unreadCount', int, {
      xmlName: 'UnreadCount',
      fieldUri: 'folder:UnreadCount',
      flags: { readOnly: true, searchable: true },
    }),
  ],
});

export type Folder = InferModel<typeof FolderModel>;
