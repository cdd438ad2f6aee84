// @ews/services public surface. Named exports only; importing has no side effects.

export { type AccessType, Account, type AccountOptions } from './account/account.js';
export type { AccountContext, SignalOption } from './account/account-context.js';
export { CalendarFolder } from './account/calendar-folder.js';
export { type CalendarViewOptions, calendarView } from './account/calendar-view.js';
export {
  type AvailabilityOptions,
  type BookRoomOptions,
  bookRoom,
  getAvailability,
  getRoomLists,
  getRooms,
  resolveNames,
} from './account/directory.js';
export { FolderHandle } from './account/folder-handle.js';
export {
  modelForFolder,
  WELL_KNOWN_FOLDER_IDS,
  type WellKnownFolderName,
} from './account/well-known-folders.js';
export {
  type BulkCreateOptions,
  type BulkDeleteOptions,
  type BulkOptions,
  type BulkResult,
  type BulkUpdateOptions,
  bulkCreate,
  bulkDelete,
  bulkUpdate,
  DEFAULT_BULK_CONCURRENCY,
  DEFAULT_CHUNK_SIZE,
} from './bulk/bulk.js';
export { type FolderRef, folderIdXml, type ItemRef, itemIdXml } from './internal/ids.js';
export { ITEM_MODELS_BY_ELEMENT, readItemNode } from './internal/item-classes.js';
export type { Outcome } from './internal/messages.js';
export {
  buildCreateItem,
  type CreateItemParams,
  type MessageDisposition,
  readCreateItem,
  type SendMeetingInvitations,
} from './operations/create-item.js';
export {
  type AffectedTaskOccurrences,
  buildDeleteItem,
  type DeleteItemParams,
  type DeleteType,
  readDeleteItem,
  type SendMeetingCancellations,
} from './operations/delete-item.js';
export {
  buildFindFolder,
  type FindFolderPage,
  type FindFolderParams,
  readFindFolder,
} from './operations/find-folder.js';
export {
  buildFindItem,
  type FindItemPage,
  type FindItemParams,
  type FindItemView,
  type ItemTraversal,
  readFindItem,
} from './operations/find-item.js';
export {
  buildGetFolder,
  type FolderBaseShape,
  type GetFolderParams,
  readFolderNode,
  readGetFolder,
} from './operations/get-folder.js';
export { buildGetItem, type GetItemParams, readGetItem } from './operations/get-item.js';
export {
  type AvailabilityAttendeeType,
  type AvailabilityMailbox,
  type BusyType,
  buildGetUserAvailability,
  type CalendarEvent,
  type FreeBusy,
  type FreeBusyViewKind,
  type GetUserAvailabilityParams,
  readGetUserAvailability,
} from './operations/get-user-availability.js';
export {
  buildResolveNames,
  type ResolveNamesParams,
  type ResolveNamesSearchScope,
  readResolveNames,
} from './operations/resolve-names.js';
export {
  buildGetRoomLists,
  buildGetRooms,
  readGetRoomLists,
  readGetRooms,
  readMailbox,
} from './operations/rooms.js';
export {
  buildUpdateItem,
  type ConflictResolution,
  type ItemChange,
  readUpdateItem,
  type SendMeetingInvitationsOrCancellations,
  type UpdateItemParams,
} from './operations/update-item.js';
export { GET_ITEM_BATCH_SIZE, GET_ITEM_CONCURRENCY } from './query/fetch-items.js';
export { DEFAULT_PAGE_SIZE, type ItemFilter, ItemQuery, type OrderField } from './query/item-query.js';
