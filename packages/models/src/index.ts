export { fromXml } from './codec/from-xml.js';
export type { ToXmlOptions } from './codec/to-xml.js';
export { toXml } from './codec/to-xml.js';
export { parseXml } from './codec/xml-parser.js';
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
export * from './generated/item-enums.js';
export { ItemModel } from './generated/item-model.js';
export { MessageModel } from './generated/message-model.js';
export { OMITTED_ITEM_FIELDS } from './generated/omitted-item-fields.js';
export { PostItemModel } from './generated/post-item-model.js';
export { TaskModel } from './generated/task-model.js';
export type {
  CalendarItem,
  Contact,
  DistributionList,
  Item,
  Message,
  PostItem,
  Task,
} from './items/item-types.js';
export { base64 } from './kinds/base64.js';
export type { Body, BodyType } from './kinds/body.js';
export { body } from './kinds/body.js';
export { date, dateAsDateTime } from './kinds/date-kinds.js';
export { dateTime, formatDateTime } from './kinds/date-time.js';
export type { Duration } from './kinds/duration.js';
export { duration, durationKind, formatDuration, parseDuration } from './kinds/duration.js';
export type { EnumKind } from './kinds/enum-kind.js';
export { enumKind } from './kinds/enum-kind.js';
export type { Kind, KindValue, ScalarKind, ScalarSpec, WriteContext, WriteMode } from './kinds/kind.js';
export { scalarKind } from './kinds/kind.js';
export { listOf, wrapped } from './kinds/list-kinds.js';
export { modelKind } from './kinds/model-kind.js';
export { PlainDate } from './kinds/plain-date.js';
export { boolean, decimal, int, text } from './kinds/scalar-kinds.js';
export type { XmlElement, XmlNode } from './kinds/xml-node.js';
export type { Attendee } from './properties/attendee.js';
export { AttendeeModel } from './properties/attendee.js';
export type { ItemId } from './properties/item-id.js';
export { ItemIdModel } from './properties/item-id.js';
export type { Mailbox } from './properties/mailbox.js';
export { MailboxModel, mailboxType } from './properties/mailbox.js';
export {
  attendeeList,
  binaryList,
  itemId,
  mailbox,
  mailboxList,
  singleMailbox,
  stringList,
} from './properties/property-kinds.js';
export type { FieldName, InferModel, Model, ModelSpec } from './schema/define-model.js';
export { defineModel } from './schema/define-model.js';
export type { FieldDef, FieldFlags, FieldSpec } from './schema/field-def.js';
export { field } from './schema/field-def.js';
export { ianaZoneForWindows, requireWindowsZone, windowsZoneForIana } from './timezones/windows-zones.js';
export type { ExchangeVersion } from './versions/exchange-version.js';
export { EXCHANGE_VERSIONS, isExchangeVersion, supportsVersion } from './versions/exchange-version.js';
