/** The server's own item model: plain data the operations read and write. */

import type { XmlElement } from '../xml/xml-tree.js';
import type { StoredExtendedProperty } from './extended-properties.js';

export interface Person {
  readonly name: string;
  readonly address: string;
  /** Mailbox (a user), PublicDL, Contact, ... as reported in t:MailboxType. */
  readonly mailboxType?: string;
}

export type ResponseType =
  | 'Unknown'
  | 'Organizer'
  | 'Tentative'
  | 'Accept'
  | 'Decline'
  | 'NoResponseReceived';

export interface Attendee {
  readonly person: Person;
  responseType: ResponseType;
  /** When the organizer's copy last heard from this attendee (a MeetingResponse arrived). */
  lastResponseTime?: Date;
}

export type FreeBusyStatus = 'Free' | 'Tentative' | 'Busy' | 'OOF' | 'WorkingElsewhere' | 'NoData';

export type Weekday = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';

/** A day of the week, or one of EWS's day groups (relative monthly/yearly patterns). */
export type DayOfWeekChoice = Weekday | 'Day' | 'Weekday' | 'WeekendDay';

export type DayOfWeekIndex = 'First' | 'Second' | 'Third' | 'Fourth' | 'Last';

export type RecurrencePattern =
  | { readonly type: 'Daily'; readonly interval: number }
  | {
      readonly type: 'Weekly';
      readonly interval: number;
      readonly daysOfWeek: readonly Weekday[];
      /** The day weeks start on for Interval (WeeklyRecurrence FirstDayOfWeek); absent: Sunday. */
      readonly firstDayOfWeek?: Weekday;
    }
  | { readonly type: 'AbsoluteMonthly'; readonly interval: number; readonly dayOfMonth: number }
  | {
      readonly type: 'RelativeMonthly';
      readonly interval: number;
      readonly dayOfWeek: DayOfWeekChoice;
      readonly dayOfWeekIndex: DayOfWeekIndex;
    }
  /** `month`: 1 = January. */
  | { readonly type: 'AbsoluteYearly'; readonly dayOfMonth: number; readonly month: number }
  | {
      readonly type: 'RelativeYearly';
      readonly dayOfWeek: DayOfWeekChoice;
      readonly dayOfWeekIndex: DayOfWeekIndex;
      readonly month: number;
    };

export interface Recurrence {
  readonly pattern: RecurrencePattern;
  /** First day of the series: the local date in the series' time zone, stored as that date's UTC midnight. */
  readonly startDate: Date;
  readonly numberOfOccurrences?: number;
  readonly endDate?: Date;
  /** The zone designator StartDate / EndDate were sent with ("Z", "+02:00"), written back as sent. */
  readonly startDateZone?: string;
  readonly endDateZone?: string;
}

/** Changes to one occurrence of a series, keyed by its original start. */
export interface OccurrenceException {
  readonly originalStart: Date;
  readonly start: Date;
  readonly end: Date;
  readonly subject?: string;
  readonly location?: string;
}

export interface CalendarData {
  start: Date;
  end: Date;
  isAllDay: boolean;
  location: string | undefined;
  organizer: Person;
  requiredAttendees: Attendee[];
  optionalAttendees: Attendee[];
  resources: Attendee[];
  freeBusy: FreeBusyStatus;
  uid: string;
  myResponseType: ResponseType;
  isMeeting: boolean;
  isCancelled: boolean;
  meetingRequestWasSent: boolean;
  recurrence: Recurrence | undefined;
  /**
   * The meeting's time zone (StartTimeZone Id / MeetingTimeZone TimeZoneName: a Windows id the server knows).
   * A series keeps its local time of day in it across DST changes; absent: UTC.
   */
  timeZone?: string;
  /** EndTimeZone's Windows id when the client gave one (absent: the end is in `timeZone`). */
  endTimeZone?: string;
  exceptions: OccurrenceException[];
  deletedOccurrences: Date[];
}

export interface MessageData {
  from: Person | undefined;
  to: Person[];
  cc: Person[];
  /** Blind copies: kept on drafts and the sender's copy, never on delivered copies (absent in older state files). */
  bcc?: Person[];
  isRead: boolean;
  isDraft: boolean;
  internetMessageId: string;
  /** Replies and forwards: the original's InternetMessageId (item:InReplyTo). */
  inReplyTo?: string;
  /** Replies and forwards: the original's References followed by its InternetMessageId (message:References). */
  references?: string;
}

export interface ContactData {
  givenName: string;
  surname: string;
  displayName: string;
  companyName: string | undefined;
  jobTitle: string | undefined;
  emailAddress: string | undefined;
  phone: string | undefined;
}

export type TaskStatus = 'NotStarted' | 'InProgress' | 'Completed' | 'WaitingOnOthers' | 'Deferred';

/** A task that recurs from its completion: the next one is `interval` units after the last was done. */
export interface RegeneratingPattern {
  readonly type: 'Regeneration';
  readonly unit: 'Daily' | 'Weekly' | 'Monthly' | 'Yearly';
  readonly interval: number;
}

/** t:TaskRecurrenceType: a calendar pattern or a regenerating one, and the range. */
export type TaskRecurrence = Omit<Recurrence, 'pattern'> & {
  readonly pattern: RecurrencePattern | RegeneratingPattern;
};

export interface TaskData {
  status: TaskStatus;
  dueDate: Date | undefined;
  percentComplete: number;
  /** TaskType's Recurrence, kept and returned as given (tasks are not expanded into occurrences). */
  recurrence?: TaskRecurrence;
}

/** A file attachment; content kept base64-encoded as it travels. */
export interface StoredFileAttachment {
  /** Absent in states saved before item attachments existed. */
  readonly kind?: 'file';
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly contentId: string | undefined;
  readonly isInline: boolean;
  readonly contentBase64: string;
  readonly size: number;
  readonly lastModifiedTime: Date;
}

/** An attached item (a message, meeting, contact or task) kept whole inside its parent. */
export interface StoredItemAttachment {
  readonly kind: 'item';
  readonly id: string;
  readonly name: string;
  readonly contentType: string | undefined;
  readonly isInline: boolean;
  readonly size: number;
  readonly lastModifiedTime: Date;
  /** Lives in no folder; its own id only names it inside the attachment. */
  readonly item: StoredItem;
}

export type StoredAttachment = StoredFileAttachment | StoredItemAttachment;

/** The concrete item types of types.xsd (schema/item-property-types.ts checks they match). */
export type ItemKind =
  | 'Item'
  | 'Message'
  | 'DistributionList'
  | 'PostItem'
  | 'CalendarItem'
  | 'Contact'
  | 'Task'
  | 'MeetingRequest'
  | 'MeetingResponse'
  | 'MeetingCancellation';

export interface StoredItem {
  readonly id: string;
  changeKey: string;
  /** Readonly: an item changes folder only through `moveItem` (store/move-item.ts), under a new id. */
  readonly parentFolderId: string;
  readonly kind: ItemKind;
  itemClass: string;
  subject: string;
  body: string;
  bodyType: 'HTML' | 'Text';
  importance: 'Low' | 'Normal' | 'High';
  sensitivity: 'Normal' | 'Personal' | 'Private' | 'Confidential';
  categories: string[];
  dateTimeCreated: Date;
  dateTimeReceived: Date;
  dateTimeSent: Date | undefined;
  lastModifiedTime: Date;
  message: MessageData | undefined;
  calendar: CalendarData | undefined;
  contact: ContactData | undefined;
  task: TaskData | undefined;
  attachments: StoredAttachment[];
  /** Meeting requests: the attendee's tentative calendar item this request belongs to. */
  associatedCalendarItemId: string | undefined;
  /** The MIME a message was created from (base64), returned as its MimeContent until the item changes. */
  mimeContent?: string;
  /** t:ExtendedProperty values by normalized identity (absent: none, and in older state files). */
  extendedProperties?: StoredExtendedProperty[];
  /**
   * Every other schema property the item was given, as sent, keyed by FieldURI (schema/item-properties.ts):
   * what the typed fields above do not model. Absent in states saved before it existed.
   */
  properties?: Record<string, XmlElement>;
}

export type FolderKind = 'Folder' | 'CalendarFolder' | 'ContactsFolder' | 'TasksFolder' | 'SearchFolder';

export interface StoredFolder {
  readonly id: string;
  changeKey: string;
  parentId: string | undefined;
  readonly kind: FolderKind;
  /** UpdateFolder may set it (SetFolderField folder:FolderClass) or remove it (DeleteFolderField). */
  folderClass: string | undefined;
  displayName: string;
  /** The folder's permissions as UpdateFolder set them; absent: Exchange's defaults (see folder-permissions.ts). */
  permissions?: FolderPermission[];
  readonly distinguishedId: string | undefined;
  /** A folder Exchange creates and protects although it has no distinguished id (Common Views, Audits, …). */
  readonly system?: true;
  /** t:ExtendedProperty values by normalized identity (absent: none, and in older state files). */
  extendedProperties?: StoredExtendedProperty[];
}

/** One entry of a folder's PermissionSet (or CalendarPermissionSet), rights as Exchange reports them. */
export interface FolderPermission {
  /** `Default`, `Anonymous`, or a user by address. */
  readonly user:
    | { readonly distinguishedUser: 'Default' | 'Anonymous' }
    | { readonly address: string; readonly name: string };
  readonly canCreateItems: boolean;
  readonly canCreateSubFolders: boolean;
  readonly isFolderOwner: boolean;
  readonly isFolderVisible: boolean;
  readonly isFolderContact: boolean;
  readonly editItems: 'None' | 'Owned' | 'All';
  readonly deleteItems: 'None' | 'Owned' | 'All';
  /** Calendar folders also know TimeOnly and TimeAndSubjectAndLocation. */
  readonly readItems: 'None' | 'FullDetails' | 'TimeOnly' | 'TimeAndSubjectAndLocation';
  readonly level: string;
}
