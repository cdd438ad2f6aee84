import { messageFor, operationResponse } from '../soap/response-messages.js';
import { CALENDAR_ONLY_LEVELS, PERMISSION_LEVELS, permissionAt } from '../store/folder-permissions.js';
import type { FolderPermission, StoredFolder } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { extendedChange } from './extended-change.js';
import { folderIdsResult, requireNotDistinguished, requireUniqueName } from './folder-ops-shared.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

interface FolderField {
  /** SetFolderField: the value element inside the folder element the update holds. */
  readonly set: (ctx: OperationContext, store: MailboxStore, folder: StoredFolder, value: XmlElement) => void;
  /** DeleteFolderField; absent: the property cannot be removed (ErrorInvalidPropertyDelete). */
  readonly remove?: (folder: StoredFolder) => void;
}

const text = (value: XmlElement): string => value.text.trim();

// The folder properties UpdateFolder changes, by FieldURI. Every other (counts, ids) is read-only.
const FIELDS: Readonly<Record<string, FolderField>> = {
  'folder:DisplayName': {
    set: (_ctx, store, folder, value) => {
      const name = text(value);
      if (name === '') throw new ResponseError('ErrorInvalidPropertySet', 'DisplayName cannot be empty.');
      requireNotDistinguished(folder, 'ErrorInvalidPropertySet');
      if (folder.parentId !== undefined) requireUniqueName(store, folder.parentId, name, folder.id);
      folder.displayName = name;
    },
  },
  'folder:FolderClass': {
    set: (_ctx, _store, folder, value) => {
      folder.folderClass = text(value);
    },
    remove: (folder) => {
      folder.folderClass = undefined;
    },
  },
  'folder:PermissionSet': {
    set: (ctx, _store, folder, value) => {
      folder.permissions = parsePermissionSet(ctx, folder, value);
    },
  },
};

const BOOLEAN_RIGHTS = [
  ['CanCreateItems', 'canCreateItems'],
  ['CanCreateSubFolders', 'canCreateSubFolders'],
  ['IsFolderOwner', 'isFolderOwner'],
  ['IsFolderVisible', 'isFolderVisible'],
  ['IsFolderContact', 'isFolderContact'],
] as const;

function parsePermission(ctx: OperationContext, entry: XmlElement, calendar: boolean): FolderPermission {
  const userId = child(entry, 'UserId');
  const distinguished = childText(userId, 'DistinguishedUser');
  const address = childText(userId, 'PrimarySmtpAddress');
  let user: FolderPermission['user'];
  if (distinguished === 'Default' || distinguished === 'Anonymous')
    user = { distinguishedUser: distinguished };
  else {
    const mailbox = address === undefined ? undefined : ctx.state.mailbox(address);
    if (mailbox === undefined) {
      throw new ResponseError(
        'ErrorInvalidUserInfo',
        'The user in a permission entry is not in the directory.',
      );
    }
    user = { address: mailbox.address, name: mailbox.name };
  }
  const level = childText(entry, calendar ? 'CalendarPermissionLevel' : 'PermissionLevel') ?? 'Custom';
  if (
    level !== 'Custom' &&
    (PERMISSION_LEVELS[level] === undefined || (!calendar && CALENDAR_ONLY_LEVELS.has(level)))
  ) {
    throw new ResponseError('ErrorInvalidPermissionSettings', `Unknown permission level ${level}.`);
  }
  const flag = (name: string) => childText(entry, name) === 'true';
  const custom = {
    ...Object.fromEntries(BOOLEAN_RIGHTS.map(([xml, key]) => [key, flag(xml)])),
    editItems: (childText(entry, 'EditItems') ?? 'None') as FolderPermission['editItems'],
    deleteItems: (childText(entry, 'DeleteItems') ?? 'None') as FolderPermission['deleteItems'],
    readItems: (childText(entry, 'ReadItems') ?? 'None') as FolderPermission['readItems'],
  } as Omit<FolderPermission, 'user' | 'level'>;
  return permissionAt(user, level, custom);
}

/** A PermissionSet replaces the folder's whole list; the same user twice → ErrorDuplicateUserIdsSpecified. */
function parsePermissionSet(
  ctx: OperationContext,
  folder: StoredFolder,
  set: XmlElement,
): FolderPermission[] {
  const calendar = folder.kind === 'CalendarFolder';
  const list = child(set, calendar ? 'CalendarPermissions' : 'Permissions');
  if (list === undefined) {
    throw new ResponseError(
      'ErrorInvalidPermissionSettings',
      calendar ? 'A calendar folder takes CalendarPermissions.' : 'A folder takes Permissions.',
    );
  }
  const permissions = list.children.map((entry) => parsePermission(ctx, entry, calendar));
  const keys = permissions.map((p) =>
    'distinguishedUser' in p.user ? p.user.distinguishedUser : p.user.address.toLowerCase(),
  );
  if (new Set(keys).size !== keys.length) {
    throw new ResponseError('ErrorDuplicateUserIdsSpecified', 'A user appears twice in the permission set.');
  }
  return permissions;
}

function applyUpdate(
  ctx: OperationContext,
  store: MailboxStore,
  folder: StoredFolder,
  update: XmlElement,
): void {
  const extendedPath = child(update, 'ExtendedFieldURI');
  if (extendedPath !== undefined) {
    extendedChange(update, extendedPath).apply(folder);
    return;
  }
  const uri = child(update, 'FieldURI')?.attrs.FieldURI ?? '';
  const field = FIELDS[uri];
  if (field === undefined) {
    throw new ResponseError(
      'ErrorInvalidPropertySet',
      `${uri || update.name} cannot be updated on a folder.`,
    );
  }
  if (update.name === 'DeleteFolderField') {
    if (field.remove === undefined)
      throw new ResponseError('ErrorInvalidPropertyDelete', `${uri} cannot be deleted.`);
    field.remove(folder);
    return;
  }
  if (update.name !== 'SetFolderField') {
    throw new ResponseError('ErrorInvalidPropertySet', `${update.name} is not supported on folders.`);
  }
  // The value is inside a t:Folder/t:CalendarFolder/… element, the only child next to the path.
  const holder = update.children.find((c) => c.name !== 'FieldURI');
  const property = uri.slice('folder:'.length);
  const values = holder?.children ?? [];
  const value = child(holder, property);
  if (value === undefined || values.length !== 1) {
    throw new ResponseError('ErrorIncorrectUpdatePropertyCount', `The update must hold ${property} alone.`);
  }
  field.set(ctx, store, folder, value);
}

/** UpdateFolder: Set/DeleteFolderField of DisplayName, FolderClass and PermissionSet; a new change key per folder. */
export const updateFolder: OperationHandler = (ctx, request) => {
  const changes = child(request, 'FolderChanges')?.children ?? [];
  const messages = changes.map((change) =>
    messageFor(
      'UpdateFolderResponseMessage',
      () => {
        const idEl = folderIdElements(change)[0];
        if (idEl === undefined) throw new ResponseError('ErrorFolderNotFound', 'The folder id is missing.');
        const { store, folder } = resolveFolder(ctx, idEl);
        // All of a change's updates or none: work on a copy, then keep it.
        const draft: StoredFolder = { ...folder };
        for (const update of child(change, 'Updates')?.children ?? []) applyUpdate(ctx, store, draft, update);
        Object.assign(folder, draft);
        store.touchFolder(folder);
        return folderIdsResult(folder);
      },
      () => el('m:Folders', null),
    ),
  );
  return operationResponse('UpdateFolder', messages);
};
