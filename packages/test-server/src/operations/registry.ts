import { getPasswordExpirationDate, getUserRetentionPolicyTags } from './account-policies.js';
// issue 15: convo
import { applyConversationAction } from './apply-conversation-action.js';
import { getSearchableMailboxes } from './archive-discovery.js';
import { archiveItem } from './archive-item.js';
import { createAttachment, deleteAttachment, getAttachment } from './attachments.js';
import { findConversation, getConversationItems } from './conversations.js';
import { convertId, expandDL } from './convert-expand.js';
import { createFolder } from './create-folder.js';
// issue 15: archpub
import { createFolderPath } from './create-folder-path.js';
import { createItem } from './create-item.js';
// issue 15: config
import { addDelegate, getDelegate, removeDelegate, updateDelegate } from './delegates.js';
import { deleteFolder } from './delete-folder.js';
import { deleteItem } from './delete-item.js';
import { emptyFolder } from './empty-folder.js';
import { exportItems, uploadItems } from './export-upload-items.js';
import { findFolder } from './find-folder.js';
import { findItem } from './find-item.js';
// issue 15: people
import { findPeople, getPersona } from './find-people.js';
import { getFolder } from './get-folder.js';
import { getItem } from './get-item.js';
import { getMailTips } from './get-mail-tips.js';
import { getServerTimeZones } from './get-server-time-zones.js';
import { getServiceConfiguration } from './get-service-configuration.js';
import { getUserAvailability } from './get-user-availability.js';
import { getInboxRules, updateInboxRules } from './inbox-rules.js';
import { markAsJunk } from './mailbox-misc.js';
import { markAllItemsAsRead } from './mark-all-items-as-read.js';
import { copyFolder, moveFolder } from './move-copy-folder.js';
import { copyItem, moveItem } from './move-copy-item.js';
import { getEvents, subscribe, unsubscribe } from './notifications.js';
import { getUserOofSettings, setUserOofSettings } from './oof-settings.js';
import type { OperationHandler } from './operation-context.js';
import { getReminders, performReminderAction } from './reminders.js';
import { resolveNames } from './resolve-names.js';
import { getRoomLists, getRooms } from './rooms.js';
// issue 15: search
import { searchMailboxes } from './search-mailboxes.js';
import { sendItem } from './send-item.js';
import { syncFolderHierarchy, syncFolderItems } from './sync-folder.js';
import { updateFolder } from './update-folder.js';
import { updateItem } from './update-item.js';
import {
  createUserConfiguration,
  deleteUserConfiguration,
  getUserConfiguration,
  updateUserConfiguration,
} from './user-configuration.js';
import { getUserPhoto } from './user-photo.js';

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
  // issue 15: people
  FindPeople: findPeople,
  GetPersona: getPersona,
  GetUserPhoto: getUserPhoto,
  // issue 15: archpub
  CreateFolderPath: createFolderPath,
  GetServiceConfiguration: getServiceConfiguration,
  // issue 15: config
  GetUserConfiguration: getUserConfiguration,
  CreateUserConfiguration: createUserConfiguration,
  UpdateUserConfiguration: updateUserConfiguration,
  DeleteUserConfiguration: deleteUserConfiguration,
  GetDelegate: getDelegate,
  AddDelegate: addDelegate,
  UpdateDelegate: updateDelegate,
  RemoveDelegate: removeDelegate,
  GetPasswordExpirationDate: getPasswordExpirationDate,
  GetUserRetentionPolicyTags: getUserRetentionPolicyTags,
  // issue 15: convo
  FindConversation: findConversation,
  GetConversationItems: getConversationItems,
  ApplyConversationAction: applyConversationAction,
  MarkAllItemsAsRead: markAllItemsAsRead,
  GetReminders: getReminders,
  PerformReminderAction: performReminderAction,
  // issue 15: search
  SearchMailboxes: searchMailboxes,
};
