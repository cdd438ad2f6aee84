export { fromXml } from './codec/from-xml.js';
export type { ToXmlOptions } from './codec/to-xml.js';
export { toXml } from './codec/to-xml.js';
export type { DistinguishedFolderId, DistinguishedFolderInfo } from './folders/distinguished-folder.js';
export {
  DISTINGUISHED_FOLDERS,
  distinguishedFolder,
  isDistinguishedFolderId,
} from './folders/distinguished-folder.js';
export type { Folder } from './folders/folder-model.js';
export { FolderModel } from './folders/folder-model.js';
export { CalendarItemModel } from './generated/calendar-item-model.js';
export { ContactModel } from './generated/contact-model.js';
export { DistributionListModel } from './generated/distribution-list-model.js';
export { contactSource, fileAsMapping, meetingRequestType, responseType } from './generated/item-enums.js';
export { ItemModel } from './generated/item-model.js';
export { MeetingCancellationModel } from './generated/meeting-cancellation-model.js';
export { MeetingMessageModel } from './generated/meeting-message-model.js';
export { MeetingRequestModel } from './generated/meeting-request-model.js';
export { MeetingResponseModel } from './generated/meeting-response-model.js';
export { MessageModel } from './generated/message-model.js';
export { OMITTED_ITEM_FIELDS } from './generated/omitted-item-fields.js';
export { PersonaModel } from './generated/persona-model.js';
export { PostItemModel } from './generated/post-item-model.js';
export { TaskModel } from './generated/task-model.js';
export { attachedItem, attachedItemFromXml } from './items/attached-items.js';
export type {
  CalendarItem,
  Contact,
  DistributionList,
  Item,
  MeetingCancellation,
  MeetingMessage,
  MeetingRequest,
  MeetingResponse,
  Message,
  Persona,
  PostItem,
  Task,
} from './items/item-types.js';
export type {
  AcceptItem,
  CancelCalendarItem,
  DeclineItem,
  ForwardItem,
  PostReplyItem,
  RemoveItem,
  ReplyAllToItem,
  ReplyToItem,
  SuppressReadReceipt,
  TentativelyAcceptItem,
} from './items/response-items.js';
export {
  AcceptItemModel,
  CancelCalendarItemModel,
  DeclineItemModel,
  ForwardItemModel,
  PostReplyItemModel,
  RESPONSE_ITEM_MODELS,
  RemoveItemModel,
  ReplyAllToItemModel,
  ReplyToItemModel,
  SuppressReadReceiptModel,
  TentativelyAcceptItemModel,
} from './items/response-items.js';
export type { ResponseObject } from './items/response-objects-kind.js';
export { responseObjects } from './items/response-objects-kind.js';
export { base64 } from './kinds/base64.js';
export type { Body, BodyType } from './kinds/body.js';
export { body } from './kinds/body.js';
export { date, dateAsDateTime } from './kinds/date-kinds.js';
export { dateTime } from './kinds/date-time.js';
export type { Duration } from './kinds/duration.js';
export { duration, durationKind } from './kinds/duration.js';
export type { ChoiceVariant, ElementChoice } from './kinds/element-choice.js';
export { elementChoice } from './kinds/element-choice.js';
export type { EnumKind } from './kinds/enum-kind.js';
export { enumKind } from './kinds/enum-kind.js';
export type { Kind, KindValue, ScalarKind, ScalarSpec, WriteContext, WriteMode } from './kinds/kind.js';
export { scalarKind } from './kinds/kind.js';
export { listOf, wrapped } from './kinds/list-kinds.js';
export { modelKind } from './kinds/model-kind.js';
export { PlainDate } from './kinds/plain-date.js';
export type { RepeatedKind } from './kinds/repeated-kind.js';
export { repeated } from './kinds/repeated-kind.js';
export { boolean, decimal, int, text } from './kinds/scalar-kinds.js';
export type {
  AttachedItemNode,
  AttachedItemType,
  Attachment,
  FileAttachment,
  ItemAttachment,
} from './properties/attachments.js';
export {
  ATTACHED_ITEM_TYPES,
  attachments,
  FileAttachmentModel,
  fileAttachmentXml,
  ItemAttachmentModel,
} from './properties/attachments.js';
export type { Attendee } from './properties/attendee.js';
export { AttendeeModel } from './properties/attendee.js';
export type { ExtendedProperty, MapiValue } from './properties/extended-property.js';
export {
  extendedProperties,
  extendedPropertyFor,
  extendedValue,
  findExtendedValue,
  sameExtendedField,
} from './properties/extended-property.js';
export type { ExtendedPropertyUpdateOptions } from './properties/extended-property-updates.js';
export {
  checkDistinctExtendedFields,
  deleteExtendedPropertyXml,
  setExtendedPropertyXml,
} from './properties/extended-property-updates.js';
export {
  CLEAN_GLOBAL_OBJECT_ID,
  cleanGlobalObjectId,
  GLOBAL_OBJECT_ID,
  type GlobalObjectIdOptions,
  globalObjectIdInstanceDate,
  globalObjectIdToUid,
  type InstanceDate,
  uidToCleanGlobalObjectId,
  uidToGlobalObjectId,
} from './properties/global-object-id.js';
export type {
  EmailAddressEntry,
  ImAddressEntry,
  PhoneNumberEntry,
  PhysicalAddress,
} from './properties/indexed-properties.js';
export {
  emailAddressKey,
  imAddressKey,
  PhysicalAddressModel,
  phoneNumberKey,
} from './properties/indexed-properties.js';
export type {
  CompleteName,
  DistributionListMember,
  EffectiveRights,
  InternetMessageHeader,
  ReminderMessageData,
} from './properties/item-details.js';
export {
  CompleteNameModel,
  completeName,
  DistributionListMemberModel,
  EffectiveRightsModel,
  effectiveRights,
  internetMessageHeaders,
  ReminderMessageDataModel,
  reminderMessageData,
} from './properties/item-details.js';
export type { ItemId } from './properties/item-id.js';
export { ItemIdModel } from './properties/item-id.js';
export type { Mailbox } from './properties/mailbox.js';
export { MailboxModel, mailboxType } from './properties/mailbox.js';
export type { MapiScalarType, MapiValueTypes } from './properties/mapi-types.js';
export { guid, MAPI_SCALAR_KINDS } from './properties/mapi-types.js';
export type { CalendarPermission, Permission, PermissionSet } from './properties/permission-set.js';
export {
  CalendarPermissionModel,
  calendarPermissionLevel,
  distinguishedUser,
  PermissionModel,
  PermissionSetModel,
  permissionLevel,
  permissionSet,
  UserIdModel,
} from './properties/permission-set.js';
export {
  attendeeList,
  binaryList,
  itemId,
  mailbox,
  mailboxList,
  singleMailbox,
  stringList,
} from './properties/property-kinds.js';
export type { ConstantValue } from './query/constant-value.js';
export { extendedFieldKey } from './query/extended-field-identity.js';
export type { ContainsOptions, FilterBuilder } from './query/filter-builder.js';
export { filterFor } from './query/filter-builder.js';
export type {
  ComparisonOperator,
  ContainmentComparison,
  ContainmentMode,
  FilterNode,
} from './query/filter-node.js';
export { CONTAINMENT_COMPARISONS, CONTAINMENT_MODES } from './query/filter-node.js';
export type {
  FieldRef,
  Filter,
  FilterableFields,
  FilterableName,
  ListFieldName,
  TextFieldName,
  ValueFor,
} from './query/filter-types.js';
export type {
  DistinguishedPropertySet,
  ExtendedFieldPath,
  IndexedFieldPath,
  MapiPropertyType,
  PropertyPath,
  ResolvedPath,
} from './query/property-path.js';
export { extendedField, indexedField } from './query/property-path.js';
export { DISTINGUISHED_PROPERTY_SET_GUIDS } from './query/property-sets.js';
export type { QueryStringOptions } from './query/query-string.js';
export { queryStringXml } from './query/query-string.js';
export type { RestrictionOptions, RestrictionResult } from './query/restriction-xml.js';
export { restrictionXml } from './query/restriction-xml.js';
export type { FieldOperators, WhereSpec } from './query/where.js';
export { where } from './query/where.js';
export type { DeletedOccurrence, OccurrenceInfo } from './recurrence/occurrences.js';
export { DeletedOccurrenceModel, OccurrenceInfoModel } from './recurrence/occurrences.js';
export type { Recurrence, TaskRecurrence } from './recurrence/recurrence-kind.js';
export { recurrence } from './recurrence/recurrence-kind.js';
export type {
  AbsoluteMonthlyPattern,
  AbsoluteYearlyPattern,
  DailyPattern,
  RecurrencePattern,
  RegenerationPattern,
  RelativeMonthlyPattern,
  RelativeYearlyPattern,
  TaskRecurrencePattern,
  WeeklyPattern,
} from './recurrence/recurrence-patterns.js';
export type {
  EndDateRange,
  NoEndRange,
  NumberedRange,
  RecurrenceRange,
} from './recurrence/recurrence-ranges.js';
export type { DayOfWeek, DayOfWeekIndex, MonthName, Weekday } from './recurrence/weekdays.js';
export { dayOfWeek, dayOfWeekIndex, daysOfWeek, monthName, WEEKDAYS } from './recurrence/weekdays.js';
export type { FieldName, InferModel, Model, ModelSpec } from './schema/define-model.js';
export { defineModel } from './schema/define-model.js';
export type { FieldDef, FieldFlags, FieldSpec } from './schema/field-def.js';
export { field } from './schema/field-def.js';
export type {
  GroupAggregate,
  GroupByOptions,
  GroupBySpec,
  StandardGroupBy,
} from './shape/group-by.js';
export { distinguishedGroupByXml, groupByXml } from './shape/group-by.js';
export type {
  CalendarViewRange,
  FractionalPageView,
  IndexedPageView,
  ViewTarget,
} from './shape/paging-views.js';
export { calendarViewXml, fractionalPageViewXml, indexedPageViewXml } from './shape/paging-views.js';
export type {
  BaseShape,
  BodyTypeResponse,
  ItemShapeOptions,
  ShapeOptions,
  ShapeResult,
} from './shape/response-shape.js';
export { folderShape, itemShape } from './shape/response-shape.js';
export type { ShapeField } from './shape/shape-fields.js';
export type { SortDirection, SortKey, SortOrderOptions } from './shape/sort-order.js';
export { sortOrderXml } from './shape/sort-order.js';
export type { TimeZoneDefinitionOptions } from './timezones/definition-from-intl.js';
export { timeZoneDefinitionFor } from './timezones/definition-from-intl.js';
export { offsetAt } from './timezones/definition-offsets.js';
export { accountWindowsZone, windowsZoneOf } from './timezones/host-zone.js';
export type { MeetingZone } from './timezones/meeting-time-zones.js';
export { meetingWithTimeZones, withMeetingTimeZones } from './timezones/meeting-time-zones.js';
export type {
  TemporalInstantLike,
  TemporalPlainDateLike,
  TemporalZonedDateTimeLike,
} from './timezones/temporal-input.js';
export { instantFrom, plainDateFrom, windowsZoneFrom } from './timezones/temporal-input.js';
export type {
  AbsoluteDateTransition,
  Period,
  PlainTransition,
  RecurringDateTransition,
  RecurringDayTransition,
  TimeZoneDefinition,
  Transition,
  TransitionsGroup,
  TransitionTarget,
} from './timezones/time-zone-definition.js';
export { PeriodModel, timeZoneDefinition } from './timezones/time-zone-definition.js';
export { ianaZoneForWindows, requireWindowsZone, windowsZoneForIana } from './timezones/windows-zones.js';
export type { ExchangeVersion } from './versions/exchange-version.js';
export { EXCHANGE_VERSIONS, isExchangeVersion, supportsVersion } from './versions/exchange-version.js';
