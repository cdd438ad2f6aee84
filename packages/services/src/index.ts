// @ews/services public surface. Named exports only; importing has no side effects.

export { type AccessType, Account, type AccountOptions } from './account/account.js';
export type { AccountContext, CallOptions } from './account/account-context.js';
export {
  type MailboxAvailability,
  type MeetingSuggestionsOptions,
  suggestMeetingTimes,
} from './account/availability.js';
export { CalendarFolder } from './account/calendar-folder.js';
export type {
  FindByUidOptions,
  SeriesInfo,
} from './account/calendar-series.js';
export { type CalendarViewOptions, calendarView } from './account/calendar-view.js';
// issue 15: convo
export {
  applyConversationActions,
  ConversationHandle,
  type ConversationItemsOptions,
  type ConversationRuleOptions,
  type ConversationScopeOptions,
  type FindConversationsOptions,
} from './account/conversations.js';
export { DEFAULT_FOLDER_BY_MODEL } from './account/default-folders.js';
export {
  type AvailabilityOptions,
  type BookRoomOptions,
  bookRoom,
  expandDL,
  getAvailability,
  getRoomLists,
  getRooms,
  type MailTipsOptions,
  resolveNames,
} from './account/directory.js';
// Folder tree, folder CRUD, folder collections and the rest of the query builder.
export {
  type ChildrenOptions,
  type CreateFolderOptions,
  type DeleteFolderOptions,
  type EmptyFolderOptions,
  FolderHandle,
  type FolderKindModels,
  LoadedFolder,
} from './account/folder-handle.js';
export {
  type FindFreeRoomsOptions,
  findFreeRooms,
  type RoomAvailability,
  type RoomSchedule,
} from './account/free-rooms.js';
export type { MarkAllAsReadOptions } from './account/mark-all-read.js';
// issue 15: people
export {
  type DistributionListExpansion,
  type ExpandableList,
  type ExpandDLOptions,
  expandDistributionList,
  type FindPeopleOptions,
  findPeople,
  getPersona,
  type PeoplePage,
  PeopleSearch,
  type ResolveNamesOptions,
  resolveNamesFull,
  type UserPhotoOptions,
} from './account/people.js';
export type { RemindersOptions, ReminderTarget } from './account/reminders.js';
export { WELL_KNOWN_FOLDER_IDS, type WellKnownFolderName } from './account/well-known-folders.js';
export {
  Attachments,
  type FileAttachmentInput,
  type ItemAttachmentInput,
} from './attachments/attachments.js';
export type { ByteSource } from './attachments/base64-stream.js';
export type { StreamingAccountContext } from './attachments/streaming-account.js';
export {
  type BulkCreateOptions,
  type BulkDeleteOptions,
  type BulkOptions,
  type BulkResult,
  type BulkUpdateOptions,
  bulkCreate,
  bulkDelete,
  bulkUpdate,
} from './bulk/bulk.js';
// Items, attachments, and the bulk verbs on existing items.
export {
  type BulkMarkAsJunkOptions,
  type BulkSendOptions,
  bulkArchive,
  bulkCopy,
  bulkMarkAsJunk,
  bulkMove,
  bulkSend,
} from './bulk/bulk-verbs.js';
// issue 15: archpub
export type { CreatePathOptions } from './folders/create-path.js';
export { type FindFoldersOptions, findFolders } from './folders/find-folders.js';
export { FolderCollection } from './folders/folder-collection.js';
export { QueryableItems } from './folders/queryable-items.js';
export {
  type DeleteOptions,
  ItemActions,
  type RespondOptions,
  type SaveOptions,
  type SendOptions,
} from './items/item-actions.js';
export type { ItemTarget, PlainItemTarget } from './items/item-target.js';
export { completeTask } from './items/task-completion.js';
// issue 15: config — user configurations, the master category list, delegates written, password
// expiration and retention tags.
export { CategoriesHandle } from './mailbox/categories.js';
export {
  type Category,
  type CategoryColor,
  type MasterCategoryList,
  readCategoryList,
} from './mailbox/category-list.js';
export {
  addDelegates,
  type DelegateWriteOptions,
  removeDelegates,
  updateDelegates,
} from './mailbox/delegates.js';
// Mailbox settings: automatic replies, delegates, inbox rules, eDiscovery mailboxes.
export type {
  InboxRule,
  InboxRuleOperation,
  InboxRules,
  RuleActions,
  RuleFolder,
  RuleImportance,
  RulePredicates,
} from './mailbox/inbox-rules.js';
export {
  createInboxRule,
  type DelegatesOptions,
  deleteInboxRule,
  getDelegates,
  setOofSettings,
  updateInboxRules,
} from './mailbox/mailbox-settings.js';
export type { OofExternalAudience, OofSettings, OofState } from './mailbox/oof-settings.js';
export {
  type GetUserConfigurationOptions,
  UserConfigurationHandle,
  type UserConfigurationOptions,
} from './mailbox/user-configuration.js';
export type {
  UserConfigurationEntry,
  UserConfigurationValue,
} from './mailbox/user-configuration-values.js';
// Sync and notifications: operations, then the Subscription objects and resumable syncs.
export { type NotificationFoldersOption, Notifications } from './notifications/notifications.js';
export { getEvents, type PollOptions, PullSubscription } from './notifications/pull-subscription.js';
export { PushSubscription } from './notifications/push-subscription.js';
// issue 15: stream
export type { ReconnectPolicy } from './notifications/reconnect-policy.js';
export { type SoapDocumentsOptions, soapDocuments } from './notifications/soap-documents.js';
export {
  type StreamingEventsOptions,
  StreamingSubscription,
  streamingEvents,
} from './notifications/streaming-events.js';
export {
  type PullSubscribeOptions,
  type PushSubscribeOptions,
  type SubscribeOptions,
  type SubscriptionFolders,
  subscribeToPull,
  subscribeToPush,
  subscribeToStreaming,
} from './notifications/subscribe.js';
export { Subscription, unsubscribe } from './notifications/unsubscribe.js';
export { SubscriptionWatch, type WatchOptions } from './notifications/watch.js';
export type {
  GapEvent,
  GapReason,
  ReconnectedEvent,
  ReconnectReason,
  WatchEvent,
  WatchedEvent,
  WatchStats,
} from './notifications/watch-events.js';
export {
  type ConversationAction,
  type ConversationFlag,
  readApplyConversationAction,
} from './operations/apply-conversation-action.js';
export { type ArchiveItemParams, buildArchiveItem, readArchiveItem } from './operations/archive-item.js';
export {
  type AlternateId,
  buildConvertId,
  type ConvertIdParams,
  ID_FORMATS,
  type IdFormat,
  type MailboxAlternateId,
  type PublicFolderAlternateId,
  type PublicFolderItemAlternateId,
  readConvertId,
} from './operations/convert-id.js';
export { buildCopyItem, type CopyItemParams, readCopyItem } from './operations/copy-item.js';
export {
  type AttachmentRef,
  buildCreateAttachment,
  type CreateAttachmentParams,
  readCreateAttachment,
} from './operations/create-attachment.js';
export {
  buildCreateFolder,
  type CreateFolderParams,
  type FolderKind,
  type NewFolder,
  readCreateFolder,
} from './operations/create-folder.js';
export {
  buildCreateItem,
  CREATED_ITEM_KINDS,
  type CreatedItem,
  type CreatedItemKind,
  type CreateItemParams,
  type MessageDisposition,
  readCreatedItems,
  readCreateItem,
  type SendMeetingInvitations,
} from './operations/create-item.js';
export { buildDeleteAttachment, readDeleteAttachment } from './operations/delete-attachment.js';
export { buildDeleteFolder, type DeleteFolderParams, readDeleteFolder } from './operations/delete-folder.js';
export {
  type AffectedTaskOccurrences,
  buildDeleteItem,
  type DeleteItemParams,
  type DeleteType,
  readDeleteItem,
  type SendMeetingCancellations,
} from './operations/delete-item.js';
export { buildEmptyFolder, type EmptyFolderParams, readEmptyFolder } from './operations/empty-folder.js';
export type { DistributionListTarget } from './operations/expand-dl.js';
// Directory, mail tips, delegates, eDiscovery mailboxes and notifications.
export {
  buildExpandDL,
  type ExpandDLResult,
  readExpandDL,
} from './operations/expand-dl.js';
export {
  buildExportItems,
  type ExportedItem,
  readExportItems,
} from './operations/export-items.js';
export {
  type Conversation,
  type ConversationImportance,
  type ConversationPage,
  readFindConversation,
} from './operations/find-conversation.js';
export {
  buildFindFolder,
  type FindFolderPage,
  type FindFolderParams,
  readFindFolder,
} from './operations/find-folder.js';
// issue 15: search
export {
  buildFindItem,
  type FindItemContent,
  type FindItemGroup,
  type FindItemGroupsPage,
  type FindItemPage,
  type FindItemParams,
  type FindItemView,
  findItemRoot,
  type ItemTraversal,
  readFindItem,
  readFindItemGroups,
  type SeekCondition,
} from './operations/find-item.js';
export type { FindPeopleSent, PersonaSortKey } from './operations/find-people.js';
export {
  buildFindPeople,
  type FindPeopleParams,
  type FindPeopleResult,
  readFindPeople,
} from './operations/find-people.js';
export type { FolderIdRef } from './operations/folder-id-results.js';
export type { PermissionUser } from './operations/folder-permissions.js';
export {
  buildGetAttachment,
  type GetAttachmentParams,
  readGetAttachment,
} from './operations/get-attachment.js';
export {
  type ConversationItems,
  type ConversationNode,
  type ConversationNodeOrder,
  readGetConversationItems,
} from './operations/get-conversation-items.js';
export {
  buildGetDelegate,
  type DelegateFolderPermissionLevel,
  type DelegatePermissions,
  type DelegateUser,
  type DeliverMeetingRequests,
  type GetDelegateResult,
  readGetDelegate,
} from './operations/get-delegate.js';
export { buildGetEvents, type GetEventsParams, readGetEvents } from './operations/get-events.js';
export {
  buildGetFolder,
  type FolderBaseShape,
  type GetFolderParams,
  readGetFolder,
} from './operations/get-folder.js';
export { buildGetItem, type GetItemParams, readGetItem } from './operations/get-item.js';
export {
  buildGetMailTips,
  type GetMailTipsParams,
  type MailTips,
  type MailTipType,
  type OutOfOfficeMailTip,
  readGetMailTips,
} from './operations/get-mail-tips.js';
export type { PersonaTarget } from './operations/get-persona.js';
export {
  buildGetSearchableMailboxes,
  type FailedSearchMailbox,
  type GetSearchableMailboxesParams,
  readGetSearchableMailboxes,
  type SearchableMailbox,
} from './operations/get-searchable-mailboxes.js';
export {
  buildGetServerTimeZones,
  type GetServerTimeZonesParams,
  readGetServerTimeZones,
} from './operations/get-server-time-zones.js';
export type {
  MailTipsConfiguration,
  ProtectionRule,
  ProtectionRulesConfiguration,
  ServiceConfiguration,
  ServiceConfigurationName,
  SharePointUrlsConfiguration,
  SmtpDomain,
  UnifiedMessagingConfiguration,
} from './operations/get-service-configuration.js';
export { buildGetStreamingEvents, type GetStreamingEventsParams } from './operations/get-streaming-events.js';
export {
  type AvailabilityAttendeeType,
  type AvailabilityMailbox,
  type BusyType,
  buildGetUserAvailability,
  type CalendarEvent,
  type CalendarEventDetails,
  type FreeBusy,
  type FreeBusyViewKind,
  type GetUserAvailabilityParams,
  type GetUserAvailabilityResult,
  readGetUserAvailability,
} from './operations/get-user-availability.js';
export { USER_PHOTO_SIZES, type UserPhoto, type UserPhotoSize } from './operations/get-user-photo.js';
export { readMarkAllItemsAsRead } from './operations/mark-all-items-as-read.js';
export { buildMarkAsJunk, type MarkAsJunkParams, readMarkAsJunk } from './operations/mark-as-junk.js';
export type { FreeBusySlot, MergedBusyType } from './operations/merged-free-busy.js';
export {
  buildCopyFolder,
  buildMoveFolder,
  type CopyFolderParams,
  type MoveFolderParams,
  readCopyFolder,
  readMoveFolder,
} from './operations/move-copy-folder.js';
export { buildMoveItem, type MoveItemParams, readMoveItem } from './operations/move-item.js';
export {
  type EventId,
  type Notification,
  type NotificationEvent,
  type NotificationEventType,
  readGetStreamingEvents,
  readSendNotification,
  type StreamingEvents,
  StreamingEventsError,
  type StreamingEventsErrorOptions,
  sendNotificationResult,
} from './operations/notifications.js';
export {
  buildGetPasswordExpirationDate,
  readGetPasswordExpirationDate,
} from './operations/password-expiration.js';
export {
  type GetRemindersParams,
  type Reminder,
  type ReminderType,
  readGetReminders,
  readPerformReminderAction,
} from './operations/reminders.js';
export {
  buildResolveNames,
  type ContactDataShape,
  type Resolution,
  type ResolveNamesParams,
  type ResolveNamesResult,
  type ResolveNamesSearchScope,
  readResolveNames,
  readResolveNamesResult,
} from './operations/resolve-names.js';
export {
  buildResponseItem,
  RESPONSE_OBJECT_MODELS,
  type ResponseItemParams,
  type ResponseObjectFields,
  type ResponseObjectKind,
} from './operations/response-items.js';
export {
  buildGetUserRetentionPolicyTags,
  type RetentionAction,
  type RetentionPolicyTag,
  type RetentionTagFolder,
  readGetUserRetentionPolicyTags,
} from './operations/retention-policy-tags.js';
export { buildGetRoomLists, buildGetRooms, readGetRoomLists, readGetRooms } from './operations/rooms.js';
export {
  buildSearchMailboxes,
  type KeywordStatistics,
  type MailboxSearchScope,
  type MailboxStatistics,
  readSearchMailboxes,
  type SearchMailboxesParams,
  type SearchMailboxesResult,
  type SearchMailboxTarget,
  type SearchPreviewItem,
  type SearchResultType,
} from './operations/search-mailboxes.js';
export { buildSendItem, readSendItem, type SendItemParams } from './operations/send-item.js';
export {
  buildSubscribe,
  readSubscribe,
  type SubscribeParams,
  type SubscribeResult,
  type SubscriptionEventType,
} from './operations/subscribe.js';
export type {
  AttendeeConflict,
  MeetingSuggestion,
  SuggestionDay,
  SuggestionQuality,
  SuggestionsViewOptions,
} from './operations/suggestions.js';
export {
  buildSyncFolderHierarchy,
  type RawFolderChange,
  readSyncFolderHierarchy,
  type SyncFolderHierarchyPage,
  type SyncFolderHierarchyParams,
} from './operations/sync-folder-hierarchy.js';
export {
  buildSyncFolderItems,
  type RawItemChange,
  readSyncFolderItems,
  type SyncFolderItemsPage,
  type SyncFolderItemsParams,
  type SyncScope,
} from './operations/sync-folder-items.js';
export { buildUnsubscribe, readUnsubscribe } from './operations/unsubscribe.js';
export {
  buildUpdateFolder,
  type FolderChange,
  readUpdateFolder,
  type UpdateFolderParams,
} from './operations/update-folder.js';
export {
  buildUpdateItem,
  type ConflictResolution,
  type ItemChange,
  readUpdateItem,
  type SendMeetingInvitationsOrCancellations,
  type UpdateItemParams,
} from './operations/update-item.js';
export {
  buildUploadItems,
  readUploadItems,
  type UploadCreateAction,
  type UploadItem,
} from './operations/upload-items.js';
export {
  buildGetUserConfiguration,
  readGetUserConfiguration,
  readUserConfigurationWrite,
  type UserConfiguration,
  type UserConfigurationData,
  type UserConfigurationName,
  type UserConfigurationProperty,
} from './operations/user-configuration.js';
export {
  type AvailabilityTimeZone,
  type DayOfWeekName,
  type TimeInterval,
  type TimeZoneTransition,
  type Weekday,
  type WorkingHours,
  type WorkingPeriod,
  workingIntervals,
} from './operations/working-hours.js';
export {
  buildAddDelegate,
  buildRemoveDelegate,
  buildUpdateDelegate,
  type DelegateInput,
  type DelegateUserRef,
  readRemoveDelegate,
  readWriteDelegates,
  type WritableDelegateLevel,
} from './operations/write-delegates.js';
export type { Outcome } from './outcome.js';
export type { FieldFetchOptions } from './query/fetch-batches.js';
export type { FetchedItem, FetchOptions } from './query/fetch-by-id.js';
export { readFindItemPages } from './query/find-item-pages.js';
export { GroupedItemQuery, type GroupedQueryPlan, type ItemGroup } from './query/grouped-item-query.js';
export type {
  FieldValue,
  FolderDestination,
  ItemGroupByOptions,
  ValuesRow,
  ValuesTuple,
} from './query/item-query.js';
export { type ItemFilter, ItemQuery, type OrderField } from './query/item-query.js';
export { EwsDoesNotExistError, EwsMultipleObjectsError } from './query/lookup-errors.js';
export {
  type AnyItemRef,
  type FolderRef,
  type FolderTarget,
  type ItemRef,
  type MailboxFolderRef,
  type MasterRef,
  mailboxFolderRef,
  type OccurrenceRef,
} from './refs.js';
export {
  FolderSync,
  type FolderSyncBatch,
  type FolderSyncChange,
  type SyncHierarchyOptions,
} from './sync/folder-sync.js';
export {
  ItemSync,
  type ItemSyncBatch,
  type ItemSyncChange,
  type SyncItemsOptions,
} from './sync/item-sync.js';
export {
  type FetchedBatch,
  ResumableSync,
  type ResumableSyncOptions,
  type SyncBatchBase,
} from './sync/resumable-sync.js';
export { UNLISTED_OPERATIONS } from './unlisted-operations.js';
