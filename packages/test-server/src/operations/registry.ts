import { archiveItem, getSearchableMailboxes } from './archive-discovery.js';
import { createAttachment, deleteAttachment, getAttachment } from './attachments.js';
import { convertId, expandDL } from './convert-expand.js';
import { createFolder } from './create-folder.js';
import { createItem } from './create-item.js';
import { deleteFolder } from './delete-folder.js';
import { deleteItem } from './delete-item.js';
import { emptyFolder } from './empty-folder.js';
import { exportItems, uploadItems } from './export-upload-items.js';
import { findFolder } from './find-folder.js';
import { findItem } from './find-item.js';
import { getFolder } from './get-folder.js';
import { getItem } from './get-item.js';
import { getMailTips } from './get-mail-tips.js';
import { getServerTimeZones } from './get-server-time-zones.js';
import { getUserAvailability } from './get-user-availability.js';
import { getInboxRules, updateInboxRules } from './inbox-rules.js';
import { getDelegate, getUserConfiguration, markAsJunk } from './mailbox-misc.js';
import { copyFolder, moveFolder } from './move-copy-folder.js';
import { copyItem, moveItem } from './move-copy-item.js';
import { getEvents, subscribe, unsubscribe } from './notifications.js';
import { getUserOofSettings, setUserOofSettings } from './oof-settings.js';
import type { OperationHandler } from './operation-context.js';
import { resolveNames } from './resolve-names.js';
import { getRoomLists, getRooms } from './rooms.js';
// issue 15: search
import { searchMailboxes } from './search-mailboxes.js';
import { sendItem } from './send-item.js';
import { syncFolderHierarchy, syncFolderItems } from './sync-folder.js';
import { updateFolder } from './update-folder.js';
import { updateItem } from './update-item.js';

/** The operations this server implements, by body element name. */
export const OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  GetFolder: getFolder,
  FindFolder: findFolder,
  GetItem: getItem,
  FindItem: findItem,
  CreateItem: createItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  GetRoomLists: getRoomLists,
  GetRooms: getRooms,
  GetUserAvailabilityRequest: getUserAvailability,
  ResolveNames: resolveNames,
  GetServerTimeZones: getServerTimeZones,
  CreateFolder: createFolder,
  UpdateFolder: updateFolder,
  DeleteFolder: deleteFolder,
  EmptyFolder: emptyFolder,
  MoveFolder: moveFolder,
  CopyFolder: copyFolder,
  MoveItem: moveItem,
  CopyItem: copyItem,
  SendItem: sendItem,
  CreateAttachment: createAttachment,
  GetAttachment: getAttachment,
  DeleteAttachment: deleteAttachment,
  SyncFolderItems: syncFolderItems,
  SyncFolderHierarchy: syncFolderHierarchy,
  GetUserOofSettingsRequest: getUserOofSettings,
  SetUserOofSettingsRequest: setUserOofSettings,
  MarkAsJunk: markAsJunk,
  GetUserConfiguration: getUserConfiguration,
  GetDelegate: getDelegate,
  ExportItems: exportItems,
  UploadItems: uploadItems,
  ConvertId: convertId,
  ExpandDL: expandDL,
  Subscribe: subscribe,
  GetEvents: getEvents,
  Unsubscribe: unsubscribe,
  ArchiveItem: archiveItem,
  GetSearchableMailboxes: getSearchableMailboxes,
  GetMailTips: getMailTips,
  GetInboxRules: getInboxRules,
  UpdateInboxRules: updateInboxRules,
  // issue 15: search
  SearchMailboxes: searchMailboxes,
};
