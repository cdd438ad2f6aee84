import type { XmlElement } from '../xml/xml-tree.js';
import type {
  CalendarData,
  ContactData,
  ItemKind,
  MessageData,
  StoredAttachment,
  StoredItem,
  TaskData,
} from './item-model.js';
import type { MailboxStore } from './mailbox-store.js';
import { newTaskProgress } from './task-progress.js';

const ITEM_CLASS: Record<ItemKind, string> = {
  Item: 'IPM.Note',
  DistributionList: 'IPM.DistList',
  PostItem: 'IPM.Post',
  Message: 'IPM.Note',
  CalendarItem: 'IPM.Appointment',
  Contact: 'IPM.Contact',
  Task: 'IPM.Task',
  MeetingRequest: 'IPM.Schedule.Meeting.Request',
  MeetingResponse: 'IPM.Schedule.Meeting.Resp.Pos',
  MeetingCancellation: 'IPM.Schedule.Meeting.Canceled',
};

export interface NewItemInput {
  readonly kind: ItemKind;
  readonly folderId: string;
  readonly subject: string;
  readonly created: Date;
  readonly body?: string;
  readonly bodyType?: 'HTML' | 'Text';
  readonly importance?: StoredItem['importance'];
  readonly sensitivity?: StoredItem['sensitivity'];
  readonly categories?: readonly string[];
  readonly received?: Date;
  readonly sent?: Date;
  readonly message?: MessageData;
  readonly calendar?: CalendarData;
  readonly contact?: ContactData;
  readonly task?: TaskData;
  readonly associatedCalendarItemId?: string;
  /** Schema properties the typed fields do not model, keyed by FieldURI. */
  readonly properties?: Readonly<Record<string, XmlElement>>;
  /** Overrides the kind's default item class (IPM.Schedule.Meeting.Resp.Neg, ...). */
  readonly itemClass?: string;
  /** Created with the item (CreateItem's t:Attachments), ids of the item's mailbox. */
  readonly attachments?: readonly StoredAttachment[];
}

/** Creates and stores an item with Exchange's defaults for the fields the input leaves out. */
export function addNewItem(store: MailboxStore, input: NewItemInput): StoredItem {
  return store.addItem(buildItem(store, input));
}

/** An item with a fresh id that is not stored in any folder (items inside item attachments). */
export function buildItem(store: MailboxStore, input: NewItemInput): StoredItem {
  const item: StoredItem = {
    id: store.newItemId(),
    changeKey: store.newChangeKey(),
    parentFolderId: input.folderId,
    kind: input.kind,
    itemClass: input.itemClass ?? ITEM_CLASS[input.kind],
    subject: input.subject,
    body: input.body ?? '',
    bodyType: input.bodyType ?? 'Text',
    importance: input.importance ?? 'Normal',
    sensitivity: input.sensitivity ?? 'Normal',
    categories: [...(input.categories ?? [])],
    dateTimeCreated: input.created,
    dateTimeReceived: input.received ?? input.created,
    dateTimeSent: input.sent,
    lastModifiedTime: input.created,
    message: input.message,
    calendar: input.calendar,
    contact: input.contact,
    task: input.task,
    attachments: [...(input.attachments ?? [])],
    associatedCalendarItemId: input.associatedCalendarItemId,
    ...(input.properties === undefined ? {} : { properties: { ...input.properties } }),
  };
  // A new task's Status, PercentComplete and CompleteDate agree from the start.
  newTaskProgress(item, input.created);
  return item;
}
