import {
  type CallOptions,
  EwsClient,
  type EwsClientOptions,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsRequest,
  type EwsResponse,
  type EwsStreamResponse,
  type Impersonation,
  takesTimeZoneContext,
  type XmlFragment,
} from '@ews/core';
import {
  accountWindowsZone,
  type CalendarItem,
  CalendarItemModel,
  ContactModel,
  type DistinguishedFolderId,
  type ExchangeVersion,
  type InferModel,
  type Item,
  ItemModel,
  isDistinguishedFolderId,
  type Mailbox,
  MessageModel,
  type Model,
  type Persona,
  TaskModel,
  type TimeZoneDefinition,
} from '@ews/models';
import { Attachments } from '../attachments/attachments.js';
import {
  type BulkCreateOptions,
  type BulkDeleteOptions,
  type BulkResult,
  type BulkUpdateOptions,
  bulkCreate,
  bulkDelete,
  bulkUpdate,
} from '../bulk/bulk.js';
import {
  type BulkMarkAsJunkOptions,
  type BulkSendOptions,
  bulkArchive,
  bulkCopy,
  bulkMarkAsJunk,
  bulkMove,
  bulkSend,
} from '../bulk/bulk-verbs.js';
import { type BulkOptions, runChunks } from '../bulk/run-chunks.js';
import { FolderCollection } from '../folders/folder-collection.js';
import { requestOptions } from '../internal/call-deadline.js';
import { checkActsOnAccountMailbox } from '../internal/signed-in-mailbox.js';
import type { StreamedFragmentBody } from '../internal/xml.js';
import { ItemActions } from '../items/item-actions.js';
import type { ItemTarget } from '../items/item-target.js';
import { getPasswordExpiration, getRetentionPolicyTags } from '../mailbox/account-policies.js';
import { CategoriesHandle } from '../mailbox/categories.js';
import {
  addDelegates,
  type DelegateWriteOptions,
  removeDelegates,
  updateDelegates,
} from '../mailbox/delegates.js';
import type { InboxRule, InboxRules } from '../mailbox/inbox-rules.js';
import {
  createInboxRule,
  type DelegatesOptions,
  deleteInboxRule,
  getDelegates,
  getInboxRules,
  getOofSettings,
  getSearchableMailboxes,
  setOofSettings,
} from '../mailbox/mailbox-settings.js';
import type { OofSettings } from '../mailbox/oof-settings.js';
import { UserConfigurationHandle, type UserConfigurationOptions } from '../mailbox/user-configuration.js';
import { Notifications } from '../notifications/notifications.js';
import type { ConversationAction } from '../operations/apply-conversation-action.js';
import {
  type AlternateId,
  buildConvertId,
  destinationFormat,
  type IdFormat,
  readConvertId,
} from '../operations/convert-id.js';
import type { DelegateUser, GetDelegateResult } from '../operations/get-delegate.js';
import type { MailTips } from '../operations/get-mail-tips.js';
import type { PersonaTarget } from '../operations/get-persona.js';
import type {
  FailedSearchMailbox,
  GetSearchableMailboxesParams,
  SearchableMailbox,
} from '../operations/get-searchable-mailboxes.js';
import {
  buildGetServerTimeZones,
  type GetServerTimeZonesParams,
  readGetServerTimeZones,
  serverTimeZoneIds,
} from '../operations/get-server-time-zones.js';
import type {
  ServiceConfiguration,
  ServiceConfigurationName,
} from '../operations/get-service-configuration.js';
import type { UserPhoto } from '../operations/get-user-photo.js';
import type { Reminder } from '../operations/reminders.js';
import type { ResolveNamesResult } from '../operations/resolve-names.js';
import type { RetentionPolicyTag } from '../operations/retention-policy-tags.js';
import {
  type SearchMailboxesParams,
  type SearchMailboxesResult,
  searchMailboxes,
} from '../operations/search-mailboxes.js';
import type { SuggestionDay } from '../operations/suggestions.js';
import type { ItemChange } from '../operations/update-item.js';
import type { DelegateInput, DelegateUserRef } from '../operations/write-delegates.js';
import type { Outcome } from '../outcome.js';
import { type FetchedItem, type FetchOptions, fetchById } from '../query/fetch-by-id.js';
import {
  type AnyItemRef,
  type FolderTarget,
  type ItemRef,
  type MailboxFolderRef,
  mailboxFolderRef,
} from '../refs.js';
import { unlistedResponseElement } from '../unlisted-operations.js';
import type { AccessType, AccountContext } from './account-context.js';
import {
  type MailboxAvailability,
  type MeetingSuggestionsOptions,
  suggestMeetingTimes,
} from './availability.js';
import { CalendarFolder } from './calendar-folder.js';
import { applyConversationActions, ConversationHandle, conversationOf } from './conversations.js';
import {
  type AvailabilityOptions,
  type BookRoomOptions,
  bookRoom,
  getAvailability,
  getMailTips,
  getRoomLists,
  getRooms,
  type MailTipsOptions,
} from './directory.js';
import { FolderHandle } from './folder-handle.js';
import { type FindFreeRoomsOptions, findFreeRooms, type RoomAvailability } from './free-rooms.js';
import {
  type DistributionListExpansion,
  type ExpandableList,
  type ExpandDLOptions,
  expandDistributionList,
  expandDLMembers,
  type FindPeopleOptions,
  findPeople,
  getPersona,
  getUserPhoto,
  type PeopleSearch,
  type ResolveNamesOptions,
  resolveNamesFull,
  type UserPhotoOptions,
} from './people.js';
import {
  getReminders,
  performReminderActions,
  type RemindersOptions,
  type ReminderTarget,
} from './reminders.js';
import { getServiceConfiguration } from './service-configuration.js';
import { modelForFolder, WELL_KNOWN_FOLDER_IDS, type WellKnownFolderName } from './well-known-folders.js';

export type { AccessType } from './account-context.js';

export interface AccountOptions {
  /** The mailbox this account works on. */
  readonly primarySmtpAddress: string;
  /** A client to share, or options to make one that this account owns (and closes). */
  readonly client: EwsClient | EwsClientOptions;
  /**
   * `delegate` (default): the signed-in user works on this mailbox with delegate rights.
   * `impersonation`: a service account acts as this mailbox (ExchangeImpersonation header).
   */
  readonly accessType?: AccessType | undefined;
  /**
   * Who to impersonate (ExchangeImpersonation's ConnectingSID): by default the primary SMTP
   * address; give a UPN or SID when the directory needs it.
   */
  readonly identity?: Impersonation | undefined;
  /**
   * The address of the user who signs in, when known. Operations whose request names no mailbox
   * (GetReminders, GetUserRetentionPolicyTags) answer for the signed-in user's mailbox, so on a
   * delegate account they run only when this equals `primarySmtpAddress` (EWS_INVALID_ARGUMENT
   * otherwise). @ews/client fills it from credentials whose user name is an address.
   */
  readonly signedInAs?: string | undefined;
  /**
   * The zone the account works in, IANA (`Europe/Oslo`) or Windows (`W. Europe Standard Time`);
   * default: the host's (`Intl.DateTimeFormat().resolvedOptions().timeZone`). Sent as
   * TimeZoneContext on the operations that take it, and written as StartTimeZone/EndTimeZone of
   * new and changed meetings that name none. A zone without a Windows id is EWS_INVALID_ARGUMENT.
   */
  readonly defaultTimeZone?: string | undefined;
  /** The user's locale (e.g. `en-US`), kept for formatting by apps. */
  readonly locale?: string | undefined;
  /** The version request bodies are written for (default: the client's request version). */
  readonly version?: ExchangeVersion | undefined;
}

/**
 * One mailbox: folder shortcuts, item queries, calendar views, rooms and availability, bulk
 * operations. Every call carries `X-AnchorMailbox` for the mailbox, plus ExchangeImpersonation
 * when `accessType` is `impersonation`.
 */
export class Account implements AccountContext, AsyncDisposable {
  readonly primarySmtpAddress: string;
  readonly accessType: AccessType;
  /** Who signs in, when known (see AccountOptions.signedInAs). */
  readonly signedInAs: string | undefined;
  readonly client: EwsClient;
  readonly locale: string | undefined;
  readonly defaultTimeZone: string | undefined;
  readonly #windowsZone: string | undefined;
  readonly #ownsClient: boolean;
  readonly #version: ExchangeVersion | undefined;
  readonly #impersonation: Impersonation | undefined;

  constructor(options: AccountOptions) {
    if (typeof options.primarySmtpAddress !== 'string' || !options.primarySmtpAddress.includes('@')) {
      throw new EwsInvalidArgumentError('primarySmtpAddress must be an email address');
    }
    this.primarySmtpAddress = options.primarySmtpAddress;
    this.accessType = options.accessType ?? 'delegate';
    if (this.accessType !== 'delegate' && this.accessType !== 'impersonation') {
      throw new EwsInvalidArgumentError("accessType must be 'delegate' or 'impersonation'");
    }
    if (
      options.signedInAs !== undefined &&
      (typeof options.signedInAs !== 'string' || !options.signedInAs.includes('@'))
    ) {
      throw new EwsInvalidArgumentError('signedInAs must be an email address');
    }
    this.signedInAs = options.signedInAs;
    this.#ownsClient = !(options.client instanceof EwsClient);
    this.client = options.client instanceof EwsClient ? options.client : new EwsClient(options.client);
    this.locale = options.locale;
    this.defaultTimeZone = options.defaultTimeZone;
    this.#windowsZone =
      options.defaultTimeZone === undefined ? undefined : accountWindowsZone(options.defaultTimeZone);
    this.#version = options.version;
    this.#impersonation =
      this.accessType === 'impersonation'
        ? (options.identity ?? { primarySmtpAddress: this.primarySmtpAddress })
        : undefined;
  }

  get version(): ExchangeVersion {
    return this.#version ?? this.client.requestVersion;
  }

  /**
   * The Windows zone id this account works in: its `defaultTimeZone`, else the host's zone (read
   * when asked, so a host without a Windows id fails only the calls that need a zone).
   */
  windowsTimeZone(): string {
    return this.#windowsZone ?? accountWindowsZone(undefined);
  }

  /** TimeZoneContext for the operations whose binding takes it (core drops it elsewhere anyway). */
  #contextZone(operation: string): string | undefined {
    return takesTimeZoneContext(operation) ? this.windowsTimeZone() : undefined;
  }

  /**
   * Sends one operation element, built with core's `el()` (no plain string: nothing unescaped
   * reaches the wire), as this account. `timeoutMs` replaces the client's deadline for this
   * request; a request of a call with one deadline for all its requests gets what is left of it.
   */
  async send(
    operation: string,
    body: XmlFragment,
    options: CallOptions = {},
    request: Pick<EwsRequest, 'httpHeaders'> = {},
  ): Promise<EwsResponse> {
    checkActsOnAccountMailbox(this, operation);
    return this.client.send(
      {
        operation,
        body,
        anchorMailbox: this.primarySmtpAddress,
        impersonation: this.#impersonation,
        timeZone: this.#contextZone(operation),
        responseElement: unlistedResponseElement(operation),
        ...request,
      },
      requestOptions(options, operation),
    );
  }

  /**
   * Sends one operation with streamed bodies (large attachments, GetStreamingEvents) as this
   * account; see `EwsClient.sendStream`. `signal` and `timeoutMs` as for `send`.
   */
  async sendStream(
    operation: string,
    body: XmlFragment | StreamedFragmentBody,
    options: CallOptions = {},
  ): Promise<EwsStreamResponse> {
    checkActsOnAccountMailbox(this, operation);
    return this.client.sendStream(
      {
        operation,
        body,
        anchorMailbox: this.primarySmtpAddress,
        impersonation: this.#impersonation,
        timeZone: this.#contextZone(operation),
        responseElement: unlistedResponseElement(operation),
      },
      requestOptions(options, operation),
    );
  }

  /** Item actions: save (changed fields only), refresh, delete, move, send, reply, meeting answers… */
  get items(): ItemActions {
    return new ItemActions(this);
  }

  /** Pull, streaming and push subscriptions on some or all folders; see `Notifications`. */
  get notifications(): Notifications {
    return new Notifications(this);
  }

  /** Attachments: list, add (streamed), download (streamed), delete. */
  get attachments(): Attachments {
    return new Attachments(this);
  }

  /** Any distinguished folder of this mailbox, e.g. `folder('inbox')`. */
  folder(id: DistinguishedFolderId): FolderHandle<Model> {
    if (!isDistinguishedFolderId(id))
      throw new EwsInvalidArgumentError(`Unknown distinguished folder ${String(id)}`);
    return new FolderHandle(this, this.#ref(id), modelForFolder(id));
  }

  /** A folder by exchangelib's attribute name (camelCase), e.g. `wellKnownFolder('recoverableItemsRoot')`. */
  wellKnownFolder(name: WellKnownFolderName): FolderHandle<Model> {
    const id = WELL_KNOWN_FOLDER_IDS[name];
    if (id === undefined) throw new EwsInvalidArgumentError(`Unknown well-known folder ${String(name)}`);
    return this.folder(id);
  }

  /** A folder by id (from `children()` or a stored id), with the items model to read it with. */
  folderById<M extends Model = typeof ItemModel>(id: string, model?: M): FolderHandle<M> {
    return new FolderHandle(this, { id }, (model ?? ItemModel) as M);
  }

  get calendar(): CalendarFolder {
    return new CalendarFolder(this, this.#ref('calendar'), CalendarItemModel);
  }
  get inbox(): FolderHandle<typeof MessageModel> {
    return this.#messages('inbox');
  }
  get outbox(): FolderHandle<typeof MessageModel> {
    return this.#messages('outbox');
  }
  get sent(): FolderHandle<typeof MessageModel> {
    return this.#messages(WELL_KNOWN_FOLDER_IDS.sent);
  }
  get drafts(): FolderHandle<typeof MessageModel> {
    return this.#messages('drafts');
  }
  get deletedItems(): FolderHandle<typeof MessageModel> {
    return this.#messages(WELL_KNOWN_FOLDER_IDS.deletedItems);
  }
  /** exchangelib's name for deletedItems. */
  get trash(): FolderHandle<typeof MessageModel> {
    return this.deletedItems;
  }
  get junk(): FolderHandle<typeof MessageModel> {
    return this.#messages(WELL_KNOWN_FOLDER_IDS.junk);
  }
  get contacts(): FolderHandle<typeof ContactModel> {
    return new FolderHandle(this, this.#ref('contacts'), ContactModel);
  }
  get tasks(): FolderHandle<typeof TaskModel> {
    return new FolderHandle(this, this.#ref('tasks'), TaskModel);
  }
  get notes(): FolderHandle<typeof ItemModel> {
    return new FolderHandle(this, this.#ref('notes'), ItemModel);
  }
  get journal(): FolderHandle<typeof ItemModel> {
    return new FolderHandle(this, this.#ref('journal'), ItemModel);
  }
  get root(): FolderHandle<typeof ItemModel> {
    return this.#items('root');
  }
  get msgFolderRoot(): FolderHandle<typeof ItemModel> {
    return this.#items('msgfolderroot');
  }
  get publicFoldersRoot(): FolderHandle<typeof ItemModel> {
    return this.#items('publicfoldersroot');
  }
  get archiveRoot(): FolderHandle<typeof ItemModel> {
    return this.#items('archiveroot');
  }
  get archiveMsgFolderRoot(): FolderHandle<typeof ItemModel> {
    return this.#items('archivemsgfolderroot');
  }
  get archiveInbox(): FolderHandle<typeof ItemModel> {
    return this.#items('archiveinbox');
  }
  get archiveDeletedItems(): FolderHandle<typeof ItemModel> {
    return this.#items('archivedeleteditems');
  }
  get archiveRecoverableItemsRoot(): FolderHandle<typeof ItemModel> {
    return this.#items('archiverecoverableitemsroot');
  }
  get archiveRecoverableItemsDeletions(): FolderHandle<typeof ItemModel> {
    return this.#items('archiverecoverableitemsdeletions');
  }
  get archiveRecoverableItemsPurges(): FolderHandle<typeof ItemModel> {
    return this.#items('archiverecoverableitemspurges');
  }
  get archiveRecoverableItemsVersions(): FolderHandle<typeof ItemModel> {
    return this.#items('archiverecoverableitemsversions');
  }
  get recoverableItemsRoot(): FolderHandle<typeof ItemModel> {
    return this.#items('recoverableitemsroot');
  }
  get recoverableItemsDeletions(): FolderHandle<typeof ItemModel> {
    return this.#items('recoverableitemsdeletions');
  }
  get recoverableItemsPurges(): FolderHandle<typeof ItemModel> {
    return this.#items('recoverableitemspurges');
  }
  get recoverableItemsVersions(): FolderHandle<typeof ItemModel> {
    return this.#items('recoverableitemsversions');
  }
  get adminAuditLogs(): FolderHandle<typeof ItemModel> {
    return this.#items('adminauditlogs');
  }
  get conflicts(): FolderHandle<typeof ItemModel> {
    return this.#items('conflicts');
  }
  get conversationHistory(): FolderHandle<typeof ItemModel> {
    return this.#items('conversationhistory');
  }
  get directory(): FolderHandle<typeof ItemModel> {
    return this.#items('directory');
  }
  get localFailures(): FolderHandle<typeof ItemModel> {
    return this.#items('localfailures');
  }
  get serverFailures(): FolderHandle<typeof ItemModel> {
    return this.#items('serverfailures');
  }
  get peopleConnect(): FolderHandle<typeof ItemModel> {
    return this.#items('peopleconnect');
  }
  get searchFolders(): FolderHandle<typeof ItemModel> {
    return this.#items('searchfolders');
  }
  get favorites(): FolderHandle<typeof MessageModel> {
    return this.#messages('favorites');
  }
  get myContacts(): FolderHandle<typeof MessageModel> {
    return this.#messages('mycontacts');
  }
  get syncIssues(): FolderHandle<typeof MessageModel> {
    return this.#messages('syncissues');
  }
  get voiceMail(): FolderHandle<typeof MessageModel> {
    return this.#messages('voicemail');
  }
  get imContactList(): FolderHandle<typeof ContactModel> {
    return new FolderHandle(this, this.#ref('imcontactlist'), ContactModel);
  }
  get quickContacts(): FolderHandle<typeof ContactModel> {
    return new FolderHandle(this, this.#ref('quickcontacts'), ContactModel);
  }
  get recipientCache(): FolderHandle<typeof ContactModel> {
    return new FolderHandle(this, this.#ref('recipientcache'), ContactModel);
  }
  get todoSearch(): FolderHandle<typeof TaskModel> {
    return new FolderHandle(this, this.#ref('todosearch'), TaskModel);
  }

  /**
   * Several folders searched as one (exchangelib's FolderCollection), e.g.
   * `account.folders([account.inbox, account.sent]).filter({ isRead: false })`. Without `model`,
   * the folders' shared items model, or Item when they differ.
   */
  folders<M extends Model>(folders: readonly FolderHandle<M>[]): FolderCollection<M>;
  folders(folders: readonly FolderTarget[]): FolderCollection<typeof ItemModel>;
  folders<M extends Model>(folders: readonly FolderTarget[], model: M): FolderCollection<M>;
  folders(folders: readonly FolderTarget[], model?: Model): FolderCollection<Model> {
    const models = new Set<Model>(
      folders.map((folder) => ('model' in folder && isModel(folder.model) ? folder.model : ItemModel)),
    );
    const [shared] = models;
    return new FolderCollection(this, folders, model ?? (models.size === 1 && shared ? shared : ItemModel));
  }

  /** Room lists published in the directory. */
  getRoomLists(options: CallOptions = {}): Promise<readonly Mailbox[]> {
    return getRoomLists(this, options);
  }

  /** The rooms of a room list (its email address). */
  getRooms(roomList: string | Mailbox, options: CallOptions = {}): Promise<readonly Mailbox[]> {
    return getRooms(this, roomList, options);
  }

  /**
   * Free/busy of people and rooms over a window (GetUserAvailability): one outcome per mailbox in
   * input order, any number of mailboxes (split into requests of 100, Exchange's limit).
   */
  getAvailability(options: AvailabilityOptions): Promise<readonly MailboxAvailability[]> {
    return getAvailability(this, options);
  }

  /** Meeting times that suit the attendees, per day, with quality and each attendee's conflict. */
  suggestMeetingTimes(options: MeetingSuggestionsOptions): Promise<readonly SuggestionDay[]> {
    return suggestMeetingTimes(this, options);
  }

  /**
   * Which rooms (of room lists, or given) are free in a window, honouring their working hours;
   * every room in a stable order with its free slots (and its events, for a room board).
   */
  findFreeRooms(options: FindFreeRoomsOptions): Promise<readonly RoomAvailability[]> {
    return findFreeRooms(this, options);
  }

  /**
   * Directory and contact entries matching a name or address (ResolveNames), in `searchScope`'s
   * order; `resolveNamesFull` also returns each match's contact data.
   */
  async resolveNames(entry: string, options: ResolveNamesOptions = {}): Promise<readonly Mailbox[]> {
    return (await resolveNamesFull(this, entry, options)).mailboxes;
  }

  /** Books a room: a meeting in this account's calendar with the room as a resource, invitations sent. */
  bookRoom(options: BookRoomOptions): Promise<ItemRef> {
    return bookRoom(this, options);
  }

  /**
   * Mail tips for recipients (exchangelib: `account.protocol.get_mail_tips`): one outcome per
   * recipient, e.g. `account.mailTips(['bob@contoso.com'], { tips: ['OutOfOfficeMessage'] })`.
   */
  mailTips(
    recipients: readonly string[],
    options: MailTipsOptions = {},
  ): Promise<readonly Outcome<MailTips>[]> {
    return getMailTips(this, recipients, options);
  }

  /**
   * The members of a distribution list (exchangelib: `account.protocol.expand_dl`): a public list by
   * address, a private one by item id. With `recursive`, nested lists are expanded (each once) and
   * only their people returned; a list the server cut short is then EWS_PROTOCOL (see
   * `expandDistributionList` for the partial answer).
   */
  expandDL(distributionList: ExpandableList, options: ExpandDLOptions = {}): Promise<readonly Mailbox[]> {
    return expandDLMembers(this, distributionList, options);
  }

  /** Automatic replies (exchangelib: reading `account.oof_settings`). */
  oofSettings(options: CallOptions = {}): Promise<OofSettings> {
    return getOofSettings(this, options);
  }

  /** Sets automatic replies (exchangelib: `account.oof_settings = OofSettings(...)`). */
  setOofSettings(settings: OofSettings, options: CallOptions = {}): Promise<void> {
    return setOofSettings(this, settings, options);
  }

  /** Delegates and meeting-request delivery (exchangelib: `account.delegates`). */
  delegates(options: DelegatesOptions = {}): Promise<GetDelegateResult> {
    return getDelegates(this, options);
  }

  /** Inbox rules in priority order (exchangelib: `account.rules`). */
  inboxRules(options: CallOptions = {}): Promise<InboxRules> {
    return getInboxRules(this, options);
  }

  /** Creates an inbox rule and returns it with its server id (exchangelib: `Rule(...).save()`). */
  createInboxRule(rule: InboxRule, options: CallOptions = {}): Promise<InboxRule> {
    return createInboxRule(this, rule, options);
  }

  /** Deletes an inbox rule by id (exchangelib: `rule.delete()`). */
  deleteInboxRule(ruleId: string, options: CallOptions = {}): Promise<void> {
    return deleteInboxRule(this, ruleId, options);
  }

  /** eDiscovery: mailboxes the caller may search (needs the Discovery Management role). */
  searchableMailboxes(
    options: CallOptions & GetSearchableMailboxesParams = {},
  ): Promise<readonly (SearchableMailbox | FailedSearchMailbox)[]> {
    return getSearchableMailboxes(this, options);
  }

  /**
   * The time zones the server knows (exchangelib: `account.protocol.get_timezones`): every zone, or
   * the `ids` given (Windows or IANA ids) in that order; `full` adds their periods and transitions.
   */
  async serverTimeZones(
    options: GetServerTimeZonesParams & CallOptions = {},
  ): Promise<readonly TimeZoneDefinition[]> {
    const body = buildGetServerTimeZones(options);
    const response = await this.send('GetServerTimeZones', body, options);
    return readGetServerTimeZones(response, serverTimeZoneIds(options.ids));
  }

  /**
   * Converts ids between formats (exchangelib: `account.protocol.convert_ids`), e.g.
   * `convertIds([{ type: 'AlternateId', format: 'EwsId', id, mailbox }], { to: 'HexEntryId' })`:
   * one result or error per id, in order, in requests of `chunkSize` (default 100). A malformed id
   * or format is EWS_INVALID_ARGUMENT before anything is sent.
   */
  async convertIds(
    ids: readonly AlternateId[],
    options: BulkOptions & { readonly to: IdFormat },
  ): Promise<BulkResult<AlternateId>[]> {
    const to = destinationFormat(options.to);
    // A malformed id is the caller's: refused before anything is sent, not one chunk's failure.
    if (ids.length > 0) buildConvertId({ ids, to });
    return runChunks('ConvertId', ids, options, async (part, call) =>
      readConvertId(await this.send('ConvertId', buildConvertId({ ids: part, to }), call), part, to),
    );
  }

  /** Creates a calendar item in this account's calendar; see also `bulkCreate`. */
  async createCalendarItem(
    item: CalendarItem,
    options: Omit<BulkCreateOptions, 'folder' | 'chunkSize'> = {},
  ): Promise<ItemRef> {
    const [result] = await bulkCreate(this, CalendarItemModel, [item], {
      ...options,
      folder: this.#ref('calendar'),
    });
    if (!result) throw new EwsProtocolError('CreateItem returned no result', { operation: 'CreateItem' });
    if (!result.ok) throw result.error;
    if (!result.value)
      throw new EwsProtocolError('CreateItem returned no item id', { operation: 'CreateItem' });
    return result.value;
  }

  bulkCreate<M extends Model>(
    model: M,
    items: readonly InferModel<M>[],
    options: BulkCreateOptions = {},
  ): Promise<BulkResult<ItemRef | undefined>[]> {
    return bulkCreate(this, model, items, options);
  }

  bulkUpdate<M extends Model>(
    model: M,
    changes: readonly ItemChange<M>[],
    options: BulkUpdateOptions = {},
  ): Promise<BulkResult<ItemRef>[]> {
    return bulkUpdate(this, model, changes, options);
  }

  bulkDelete(items: readonly AnyItemRef[], options: BulkDeleteOptions = {}): Promise<BulkResult<true>[]> {
    return bulkDelete(this, items, options);
  }

  bulkSend(items: readonly AnyItemRef[], options: BulkSendOptions = {}): Promise<BulkResult<true>[]> {
    return bulkSend(this, items, options);
  }

  bulkMove(
    items: readonly AnyItemRef[],
    to: FolderTarget,
    options: BulkOptions = {},
  ): Promise<BulkResult<ItemRef | undefined>[]> {
    return bulkMove(this, items, to, options);
  }

  bulkCopy(
    items: readonly AnyItemRef[],
    to: FolderTarget,
    options: BulkOptions = {},
  ): Promise<BulkResult<ItemRef | undefined>[]> {
    return bulkCopy(this, items, to, options);
  }

  bulkArchive(
    items: readonly AnyItemRef[],
    to: FolderTarget,
    options: BulkOptions = {},
  ): Promise<BulkResult<ItemRef | undefined>[]> {
    return bulkArchive(this, items, to, options);
  }

  bulkMarkAsJunk(
    items: readonly AnyItemRef[],
    options: BulkMarkAsJunkOptions = {},
  ): Promise<BulkResult<ItemRef | undefined>[]> {
    return bulkMarkAsJunk(this, items, options);
  }

  /**
   * Items by id (exchangelib's `account.fetch(ids=…)`): GetItem in chunks of 100, one result per
   * ref in input order — the item or its own error. Refs: ItemRefs, the `itemId` items carry,
   * items, or id strings. With `model`, each result is that model's item (another kind fails
   * alone); without, each is tagged with its kind (`{ type: 'CalendarItem', item }`).
   */
  fetch<M extends Model>(
    refs: readonly (ItemTarget | string)[],
    options: FetchOptions<M> & { readonly model: M },
  ): Promise<BulkResult<InferModel<M>>[]>;
  fetch(refs: readonly (ItemTarget | string)[], options?: FetchOptions): Promise<BulkResult<FetchedItem>[]>;
  fetch(
    refs: readonly (ItemTarget | string)[],
    options: FetchOptions<Model> = {},
  ): Promise<BulkResult<unknown>[]> {
    return fetchById(this, refs, options);
  }

  // issue 15: archpub
  /**
   * The organization's settings for mail tips, Unified Messaging, protection rules or SharePoint
   * URLs (GetServiceConfiguration, Exchange 2010+): `serviceConfiguration(['MailTips'])`. Each name
   * asked for is in the result; an unknown or repeated name is EWS_INVALID_ARGUMENT.
   */
  serviceConfiguration(
    requested: readonly ServiceConfigurationName[],
    options: CallOptions = {},
  ): Promise<ServiceConfiguration> {
    return getServiceConfiguration(this, requested, options);
  }

  // issue 15: config
  /**
   * A user configuration object by name in a folder (GetUserConfiguration, Create…, Update…,
   * Delete…): `account.userConfiguration('OWA.UserOptions', { folder: account.root }).get()`.
   */
  userConfiguration(name: string, options: UserConfigurationOptions): UserConfigurationHandle {
    return new UserConfigurationHandle(this, name, options);
  }

  /** Outlook's master category list (the `CategoryList` configuration of the Calendar folder). */
  categories(): CategoriesHandle {
    return new CategoriesHandle(this);
  }

  /** AddDelegate: one outcome per delegate in order (the delegate as stored, or its error). */
  addDelegates(
    delegates: readonly DelegateInput[],
    options: DelegateWriteOptions = {},
  ): Promise<readonly Outcome<DelegateUser>[]> {
    return addDelegates(this, delegates, options);
  }

  /** UpdateDelegate: permissions and flags of existing delegates, and/or where meeting requests go. */
  updateDelegates(
    delegates: readonly DelegateInput[],
    options: DelegateWriteOptions = {},
  ): Promise<readonly Outcome<DelegateUser>[]> {
    return updateDelegates(this, delegates, options);
  }

  /** RemoveDelegate: one outcome per user in order. */
  removeDelegates(
    users: readonly DelegateUserRef[],
    options: CallOptions = {},
  ): Promise<readonly Outcome<true>[]> {
    return removeDelegates(this, users, options);
  }

  /** GetPasswordExpirationDate for this mailbox's user. */
  passwordExpiration(options: CallOptions = {}): Promise<Date> {
    return getPasswordExpiration(this, options);
  }

  /** GetUserRetentionPolicyTags: the retention and archive tags this mailbox can use. */
  retentionPolicyTags(options: CallOptions = {}): Promise<readonly RetentionPolicyTag[]> {
    return getRetentionPolicyTags(this, options);
  }

  // issue 15: convo
  /** A conversation by its ConversationId (e.g. an item's `conversationId`): its items and actions. */
  conversation(conversationId: ItemRef | Pick<Item, 'conversationId'>): ConversationHandle {
    return 'id' in conversationId
      ? new ConversationHandle(this, conversationId)
      : conversationOf(this, conversationId);
  }

  /** Many conversation actions in chunks (ApplyConversationAction): one result per action, in order. */
  applyConversationActions(
    actions: readonly ConversationAction[],
    options: BulkOptions = {},
  ): Promise<BulkResult<true>[]> {
    return applyConversationActions(this, actions, options);
  }

  /** The mailbox's reminders (GetReminders, Exchange 2013+): `{ type: 'All' | 'Current' | 'Old', beginTime, endTime }`. */
  reminders(options: RemindersOptions = {}): Promise<readonly Reminder[]> {
    return getReminders(this, options);
  }

  /** Dismisses a reminder (PerformReminderAction); resolves with the item's new id and change key. */
  async dismissReminder(reminder: ReminderTarget, options: CallOptions = {}): Promise<ItemRef> {
    const [ref] = await performReminderActions(this, [{ action: 'Dismiss', reminder }], options);
    if (ref === undefined)
      throw new EwsProtocolError('PerformReminderAction answered no id', {
        operation: 'PerformReminderAction',
      });
    return ref;
  }

  /** Snoozes a reminder until `until` (PerformReminderAction). */
  async snoozeReminder(reminder: ReminderTarget, until: Date, options: CallOptions = {}): Promise<ItemRef> {
    const [ref] = await performReminderActions(this, [{ action: 'Snooze', reminder, until }], options);
    if (ref === undefined)
      throw new EwsProtocolError('PerformReminderAction answered no id', {
        operation: 'PerformReminderAction',
      });
    return ref;
  }

  // issue 15: search
  /**
   * eDiscovery: runs an AQS `query` over `mailboxes` (what `searchableMailboxes()` listed, or their
   * ReferenceIds): counts per keyword and mailbox (StatisticsOnly) or the items found (PreviewOnly).
   * Needs the Discovery Management role; mailboxes the search could not reach are in `failedMailboxes`.
   */
  searchMailboxes(params: SearchMailboxesParams, options: CallOptions = {}): Promise<SearchMailboxesResult> {
    return searchMailboxes(this, params, options);
  }

  /** Closes the client if this account made it. */
  async close(): Promise<void> {
    if (this.#ownsClient) await this.client.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // issue 15: people
  /**
   * FindPeople: the personas of the account's contacts (or `folder: 'directory'`, the GAL) matching
   * `query`, sorted by `sort`, read page by page as iterated: `for await (const p of
   * account.findPeople({ query: 'ali' }))`, or `.pages()` for the pages and the view's total.
   */
  findPeople(options: FindPeopleOptions = {}): PeopleSearch {
    return findPeople(this, options);
  }

  /** GetPersona: one persona, by the PersonaId FindPeople gave or `{ emailAddress }`, with its attributed values. */
  getPersona(persona: PersonaTarget, options: CallOptions = {}): Promise<Persona> {
    return getPersona(this, persona, options);
  }

  /** ResolveNames with each match's contact data (`returnFullContactData`, default true here) and whether the list is whole. */
  resolveNamesFull(entry: string, options: ResolveNamesOptions = {}): Promise<ResolveNamesResult> {
    return resolveNamesFull(this, entry, { returnFullContactData: true, ...options });
  }

  /** ExpandDL with the whole answer: people, nested lists and whether every list came whole (see `expandDL`). */
  expandDistributionList(
    list: ExpandableList,
    options: ExpandDLOptions = {},
  ): Promise<DistributionListExpansion> {
    return expandDistributionList(this, list, options);
  }

  /**
   * GetUserPhoto: a user's photo at `size` (default HR96x96), `{ notModified: true }` when `etag`
   * still names it, `{ status: 'notFound' }` when there is none.
   */
  userPhoto(email: string, options: UserPhotoOptions = {}): Promise<UserPhoto> {
    return getUserPhoto(this, email, options);
  }

  // exchangelib names the mailbox in every DistinguishedFolderId, which delegate access needs;
  // mailboxFolderRef is the one place that does it (the public folders root belongs to no mailbox).
  #ref(id: DistinguishedFolderId): MailboxFolderRef {
    return mailboxFolderRef(this.primarySmtpAddress, { distinguishedId: id });
  }

  #items(id: DistinguishedFolderId): FolderHandle<typeof ItemModel> {
    return new FolderHandle(this, this.#ref(id), ItemModel);
  }

  #messages(id: DistinguishedFolderId): FolderHandle<typeof MessageModel> {
    return new FolderHandle(this, this.#ref(id), MessageModel);
  }
}

function isModel(value: unknown): value is Model {
  return typeof value === 'object' && value !== null && 'fields' in value && 'xmlName' in value;
}
