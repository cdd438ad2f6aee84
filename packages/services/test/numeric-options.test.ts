import { fileURLToPath } from 'node:url';
import {
  describeValue,
  EWS_MESSAGES_NAMESPACE,
  EwsError,
  type EwsResponse,
  type EwsStreamResponse,
  NO_DEADLINE,
  raw,
} from '@ews/core';
import { CalendarItemModel, ItemModel, MessageModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import { expectNumericProbe, numericInputsOf } from '../../../tools/numeric-options.mjs';
import { findConversations } from '../src/account/conversations.js';
import { getMailTips } from '../src/account/directory.js';
import { getUserPhoto } from '../src/account/people.js';
import { getReminders } from '../src/account/reminders.js';
import {
  type AccountContext,
  addDelegates,
  bookRoom,
  buildFindFolder,
  buildFindItem,
  buildFindPeople,
  buildGetStreamingEvents,
  buildGetUserAvailability,
  buildSearchMailboxes,
  buildSubscribe,
  buildSyncFolderItems,
  bulkArchive,
  bulkCopy,
  bulkCreate,
  bulkDelete,
  bulkMarkAsJunk,
  bulkMove,
  bulkSend,
  bulkUpdate,
  CalendarFolder,
  ConversationHandle,
  calendarView,
  expandDistributionList,
  FolderHandle,
  FolderSync,
  findFolders,
  findFreeRooms,
  findPeople,
  getAvailability,
  getDelegates,
  ItemActions,
  ItemSync,
  PullSubscription,
  readApplyConversationAction,
  readArchiveItem,
  readCopyFolder,
  readCopyItem,
  readCreateAttachment,
  readCreatedItems,
  readCreateFolder,
  readCreateItem,
  readDeleteAttachment,
  readDeleteFolder,
  readDeleteItem,
  readEmptyFolder,
  readExportItems,
  readFindItemGroups,
  readFindItemPages,
  readGetAttachment,
  readGetFolder,
  readGetItem,
  readGetMailTips,
  readGetReminders,
  readMarkAllItemsAsRead,
  readMarkAsJunk,
  readMoveFolder,
  readMoveItem,
  readRemoveDelegate,
  readSendItem,
  readUpdateFolder,
  readUpdateItem,
  readUploadItems,
  resolveNamesFull,
  SubscriptionWatch,
  soapDocuments,
  streamingEvents,
  subscribeToPull,
  subscribeToPush,
  subscribeToStreaming,
  suggestMeetingTimes,
  UserConfigurationHandle,
} from '../src/index.js';
import { reconnectDelay, resolveReconnectPolicy } from '../src/notifications/reconnect-policy.js';
import { MAX_HEARTBEAT_MS } from '../src/notifications/watch.js';
import { readCreateFolderPath } from '../src/operations/create-folder-path.js';
import { buildFindConversation, MAX_CONVERSATIONS_PER_PAGE } from '../src/operations/find-conversation.js';
import { buildGetConversationItems } from '../src/operations/get-conversation-items.js';
import { decodeMergedFreeBusy } from '../src/operations/merged-free-busy.js';
import { buildGetReminders, MAX_REMINDERS } from '../src/operations/reminders.js';
import { fetchById } from '../src/query/fetch-by-id.js';

/*
 * The class test of issue 12's "numeric options" defect for @ews/services: every number the
 * public API takes from a caller, probed with the values a slip produces (`Number('')` is 0,
 * `Number(undefined)` NaN, a difference negative or fractional, a division by zero Infinity). Each
 * is refused with EWS_INVALID_ARGUMENT naming the option and the value, before anything is sent,
 * or accepted where the table says so. `chunkSize: NaN` made every bulk verb return [] and do
 * nothing; `maxWindowDays: 0` made a calendar view loop until the process ran out of memory.
 * The table must cover every numeric input the TypeScript checker finds in src/index.ts.
 */

const XS_INT_MAX = 2_147_483_647;
const MAX_TIMER_MS = 2_147_483_647;
const PROBES = [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.5, -0.5, XS_INT_MAX + 1];

const count =
  (max = Number.MAX_SAFE_INTEGER) =>
  (v: number) =>
    Number.isSafeInteger(v) && v >= 1 && v <= max;
const countFrom0 =
  (max = Number.MAX_SAFE_INTEGER) =>
  (v: number) =>
    Number.isSafeInteger(v) && v >= 0 && v <= max;
const range = (min: number, max: number) => (v: number) => Number.isSafeInteger(v) && v >= min && v <= max;
const durationFrom0 = (v: number) => Number.isFinite(v) && v >= 0 && v <= MAX_TIMER_MS;
const deadline = (v: number) => v === NO_DEADLINE || (Number.isFinite(v) && v > 0 && v <= MAX_TIMER_MS);

/** An account that records what it was asked to send and answers nothing (accepted values stop there). */
function recordingAccount(): AccountContext & {
  readonly sent: string[];
  sendStream(operation: string): Promise<EwsStreamResponse>;
} {
  const sent: string[] = [];
  return {
    primarySmtpAddress: 'alice@contoso.com',
    version: 'Exchange2013_SP1',
    sent,
    async send(operation: string): Promise<EwsResponse> {
      sent.push(operation);
      throw new Error('sent');
    },
    async sendStream(operation: string): Promise<EwsStreamResponse> {
      sent.push(operation);
      throw new Error('sent');
    },
  };
}

type Apply = (value: number, account: ReturnType<typeof recordingAccount>) => unknown;

interface Row {
  readonly option: string;
  readonly accepts: (value: number) => boolean;
  readonly apply: Apply;
}

const INBOX = { distinguishedId: 'inbox' as const };
const calendarFolder = (a: AccountContext) =>
  new CalendarFolder(a, { distinguishedId: 'calendar' }, CalendarItemModel);
const ITEM = { id: 'AAMk' };
const START = new Date('2026-03-01T00:00:00Z');
const END = new Date('2026-03-08T00:00:00Z');

async function first(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _item of iterable) return;
}

/** Every bulk verb's options; they share BulkOptions' two numbers. */
const BULK_VERBS: Readonly<
  Record<
    string,
    (
      options: { chunkSize?: number; concurrency?: number; timeoutMs?: number },
      account: AccountContext,
    ) => unknown
  >
> = {
  BulkCreateOptions: (options, account) => bulkCreate(account, MessageModel, [{ subject: 'x' }], options),
  BulkUpdateOptions: (options, account) =>
    bulkUpdate(account, MessageModel, [{ item: ITEM, changes: { subject: 'x' } }], options),
  BulkDeleteOptions: (options, account) => bulkDelete(account, [ITEM], options),
  BulkSendOptions: (options, account) => bulkSend(account, [ITEM], options),
  BulkMarkAsJunkOptions: (options, account) => bulkMarkAsJunk(account, [ITEM], options),
  FetchOptions: (options, account) => fetchById(account, [ITEM], options),
  BulkOptions: async (options, account) => {
    await bulkMove(account, [ITEM], INBOX, options);
    await bulkCopy(account, [ITEM], INBOX, options);
    await bulkArchive(account, [ITEM], INBOX, options);
  },
};

const ROWS: Record<string, Row> = {};
for (const [type, verb] of Object.entries(BULK_VERBS)) {
  ROWS[`${type}.chunkSize`] = {
    option: 'chunkSize',
    accepts: count(),
    apply: (v, a) => verb({ chunkSize: v }, a),
  };
  ROWS[`${type}.concurrency`] = {
    option: 'concurrency',
    accepts: count(),
    apply: (v, a) => verb({ concurrency: v }, a),
  };
  ROWS[`${type}.timeoutMs`] = {
    option: 'timeoutMs',
    accepts: deadline,
    apply: (v, a) => verb({ timeoutMs: v }, a),
  };
}

/**
 * Every verb's call options (core's CallOptions): `timeoutMs` is a deadline, refused before
 * anything is sent when it is 0, negative, NaN or beyond a timer's range; NO_DEADLINE turns it off.
 */
const CALL_VERBS: Readonly<Record<string, (timeoutMs: number, account: AccountContext) => unknown>> = {
  AvailabilityOptions: (timeoutMs, a) =>
    getAvailability(a, { mailboxes: ['bob@contoso.com'], start: START, end: END, timeoutMs }),
  FindFreeRoomsOptions: (timeoutMs, a) =>
    findFreeRooms(a, { rooms: ['room@contoso.com'], start: START, end: END, timeoutMs }),
  MeetingSuggestionsOptions: (timeoutMs, a) =>
    suggestMeetingTimes(a, { attendees: ['bob@contoso.com'], start: START, end: END, timeoutMs }),
  BookRoomOptions: (timeoutMs, a) =>
    bookRoom(a, { room: 'room@contoso.com', subject: 'x', start: START, end: END, timeoutMs }),
  CalendarViewOptions: (timeoutMs, a) => first(calendarView(a, INBOX, { start: START, end: END, timeoutMs })),
  FindByUidOptions: (timeoutMs, a) => calendarFolder(a).findByUid('uid@example.test', { timeoutMs }),
  ChildrenOptions: (timeoutMs, a) => first(new FolderHandle(a, INBOX, ItemModel).children({ timeoutMs })),
  CreateFolderOptions: (timeoutMs, a) =>
    new FolderHandle(a, INBOX, ItemModel).createFolder('x', { timeoutMs }),
  CreatePathOptions: (timeoutMs, a) => new FolderHandle(a, INBOX, ItemModel).createPath('x/y', { timeoutMs }),
  DelegatesOptions: (timeoutMs, a) => getDelegates(a, { timeoutMs }),
  DelegateWriteOptions: (timeoutMs, a) => addDelegates(a, [{ user: 'bob@contoso.com' }], { timeoutMs }),
  GetUserConfigurationOptions: (timeoutMs, a) =>
    new UserConfigurationHandle(a, 'X', { folder: INBOX }).get({ timeoutMs }),
  DeleteFolderOptions: (timeoutMs, a) => new FolderHandle(a, INBOX, ItemModel).delete({ timeoutMs }),
  DeleteOptions: (timeoutMs, a) => new ItemActions(a).delete(ITEM, { timeoutMs }),
  EmptyFolderOptions: (timeoutMs, a) => new FolderHandle(a, INBOX, ItemModel).empty({ timeoutMs }),
  FindFoldersOptions: (timeoutMs, a) => first(findFolders(a, INBOX, { timeoutMs })),
  MailTipsOptions: (timeoutMs, a) => getMailTips(a, ['bob@contoso.com'], { timeoutMs }),
  PollOptions: (timeoutMs, a) => first(new PullSubscription(a, 's', 'w').events({ timeoutMs })),
  PullSubscribeOptions: (timeoutMs, a) => subscribeToPull(a, [INBOX], { timeoutMs }),
  PushSubscribeOptions: (timeoutMs, a) => subscribeToPush(a, [INBOX], 'https://app.test/cb', { timeoutMs }),
  RespondOptions: (timeoutMs, a) => new ItemActions(a).reply(ITEM, {}, { timeoutMs }),
  ResumableSyncOptions: (timeoutMs, a) => first(new FolderSync(a, INBOX, (f) => f, { timeoutMs })),
  SaveOptions: (timeoutMs, a) => new ItemActions(a).save(MessageModel, { subject: 'x' }, { timeoutMs }),
  SendOptions: (timeoutMs, a) => new ItemActions(a).send(ITEM, { timeoutMs }),
  SubscribeOptions: (timeoutMs, a) => subscribeToStreaming(a, [INBOX], { timeoutMs }),
  SyncHierarchyOptions: (timeoutMs, a) => first(new FolderSync(a, INBOX, (f) => f, { timeoutMs })),
  SyncItemsOptions: (timeoutMs, a) => first(new ItemSync(a, INBOX, ItemModel, { timeoutMs })),
};
for (const [type, verb] of Object.entries(CALL_VERBS)) {
  ROWS[`${type}.timeoutMs`] = { option: 'timeoutMs', accepts: deadline, apply: (v, a) => verb(v, a) };
}
const availability = (a: AccountContext, more: object) =>
  getAvailability(a, { mailboxes: ['bob@contoso.com'], start: START, end: END, ...more });
const suggestions = (a: AccountContext, more: object) =>
  suggestMeetingTimes(a, { attendees: ['bob@contoso.com'], start: START, end: END, ...more });
const suggestionsView = (more: object) =>
  buildGetUserAvailability({
    mailboxes: [{ address: 'bob@contoso.com' }],
    suggestions: { window: { start: START, end: END }, ...more },
  }).xml;
const freeRooms = (a: AccountContext, more: object) =>
  findFreeRooms(a, { rooms: ['room@contoso.com'], start: START, end: END, ...more });
// The free/busy and suggestion settings: Microsoft's ranges (SuggestionsViewOptions reference),
// Exchange's 100 mailboxes per request.
Object.assign(ROWS, {
  'AvailabilityOptions.batchSize': {
    option: 'batchSize',
    accepts: range(1, 100),
    apply: (v, a) => availability(a, { batchSize: v }),
  },
  'AvailabilityOptions.concurrency': {
    option: 'concurrency',
    accepts: count(),
    apply: (v, a) => availability(a, { concurrency: v }),
  },
  'FindFreeRoomsOptions.concurrency': {
    option: 'concurrency',
    accepts: count(),
    apply: (v, a) => freeRooms(a, { concurrency: v }),
  },
  'FindFreeRoomsOptions.durationMinutes': {
    option: 'durationMinutes',
    // At most the window (7 days here).
    accepts: range(1, 7 * 1440),
    apply: (v, a) => freeRooms(a, { durationMinutes: v }),
  },
  'MeetingSuggestionsOptions.durationMinutes': {
    option: 'durationMinutes',
    accepts: range(30, 1440),
    apply: (v, a) => suggestions(a, { durationMinutes: v }),
  },
  'MeetingSuggestionsOptions.goodThreshold': {
    option: 'goodThreshold',
    accepts: range(1, 49),
    apply: (v, a) => suggestions(a, { goodThreshold: v }),
  },
  'MeetingSuggestionsOptions.maximumResultsByDay': {
    option: 'maximumResultsByDay',
    accepts: range(0, 48),
    apply: (v, a) => suggestions(a, { maximumResultsByDay: v }),
  },
  'MeetingSuggestionsOptions.maximumNonWorkHourResultsByDay': {
    option: 'maximumNonWorkHourResultsByDay',
    accepts: range(0, 48),
    apply: (v, a) => suggestions(a, { maximumNonWorkHourResultsByDay: v }),
  },
  'SuggestionsViewOptions.goodThreshold': {
    option: 'goodThreshold',
    accepts: range(1, 49),
    apply: (v) => suggestionsView({ goodThreshold: v }),
  },
  'SuggestionsViewOptions.maximumResultsByDay': {
    option: 'maximumResultsByDay',
    accepts: range(0, 48),
    apply: (v) => suggestionsView({ maximumResultsByDay: v }),
  },
  'SuggestionsViewOptions.maximumNonWorkHourResultsByDay': {
    option: 'maximumNonWorkHourResultsByDay',
    accepts: range(0, 48),
    apply: (v) => suggestionsView({ maximumNonWorkHourResultsByDay: v }),
  },
  'SuggestionsViewOptions.meetingDurationInMinutes': {
    option: 'meetingDurationInMinutes',
    accepts: range(30, 1440),
    apply: (v) => suggestionsView({ meetingDurationInMinutes: v }),
  },
  'decodeMergedFreeBusy(intervalMinutes)': {
    option: 'intervalMinutes',
    accepts: range(5, 1440),
    apply: (v) => decodeMergedFreeBusy('', START, START, v),
  },
  'CalendarFolder#occurrence(index)': {
    option: 'occurrence index',
    accepts: range(1, XS_INT_MAX),
    apply: (v, a) => calendarFolder(a).occurrence(ITEM, v),
  },
  'AvailabilityOptions.mergedIntervalMinutes': {
    option: 'mergedIntervalMinutes',
    accepts: range(5, 1440),
    apply: (v, a) =>
      getAvailability(a, {
        mailboxes: ['bob@contoso.com'],
        start: START,
        end: END,
        mergedIntervalMinutes: v,
      }),
  },
  'GetUserAvailabilityParams.mergedIntervalMinutes': {
    option: 'mergedIntervalMinutes',
    accepts: range(5, 1440),
    apply: (v) =>
      buildGetUserAvailability({
        mailboxes: [{ address: 'bob@contoso.com' }],
        start: START,
        end: END,
        view: 'FreeBusy',
        mergedIntervalMinutes: v,
      }).xml,
  },
  'CalendarViewOptions.maxEntriesPerCall': {
    option: 'maxEntriesPerCall',
    accepts: count(XS_INT_MAX),
    apply: (v, a) => first(calendarView(a, INBOX, { start: START, end: END, maxEntriesPerCall: v })),
  },
  'CalendarViewOptions.fetchBatchSize': {
    option: 'fetchBatchSize',
    accepts: count(),
    apply: (v, a) =>
      first(calendarView(a, INBOX, { start: START, end: END, only: ['body'], fetchBatchSize: v })),
  },
  'CalendarViewOptions.fetchConcurrency': {
    option: 'fetchConcurrency',
    accepts: count(),
    apply: (v, a) =>
      first(calendarView(a, INBOX, { start: START, end: END, only: ['body'], fetchConcurrency: v })),
  },
  'FieldFetchOptions.fetchBatchSize': {
    option: 'fetchBatchSize',
    accepts: count(),
    apply: (v, a) => new FolderHandle(a, INBOX, ItemModel).all().fetchWith({ fetchBatchSize: v }),
  },
  'FieldFetchOptions.fetchConcurrency': {
    option: 'fetchConcurrency',
    accepts: count(),
    apply: (v, a) => new FolderHandle(a, INBOX, ItemModel).all().fetchWith({ fetchConcurrency: v }),
  },
  'CalendarViewOptions.maxWindowDays': {
    option: 'maxWindowDays',
    accepts: count(),
    apply: (v, a) => first(calendarView(a, INBOX, { start: START, end: END, maxWindowDays: v })),
  },
  'FindFolderParams.maxEntries': {
    option: 'maxEntries',
    accepts: count(XS_INT_MAX),
    apply: (v) => buildFindFolder({ parent: INBOX, maxEntries: v, offset: 0 }).xml,
  },
  'FindFolderParams.offset': {
    option: 'offset',
    accepts: countFrom0(XS_INT_MAX),
    apply: (v) => buildFindFolder({ parent: INBOX, maxEntries: 10, offset: v }).xml,
  },
  'FindFoldersOptions.pageSize': {
    option: 'pageSize',
    accepts: count(XS_INT_MAX),
    apply: (v, a) => first(findFolders(a, INBOX, { pageSize: v })),
  },
  'FindItemView.maxEntries': {
    option: 'maxEntries',
    accepts: count(XS_INT_MAX),
    apply: (v) =>
      buildFindItem({ folders: [INBOX], shape: raw(''), view: { type: 'indexed', maxEntries: v, offset: 0 } })
        .xml,
  },
  'FindItemView.offset': {
    option: 'offset',
    accepts: countFrom0(XS_INT_MAX),
    apply: (v) =>
      buildFindItem({
        folders: [INBOX],
        shape: raw(''),
        view: { type: 'indexed', maxEntries: 10, offset: v },
      }).xml,
  },
  'FindPeopleParams.maxEntries': {
    option: 'maxEntries',
    accepts: count(XS_INT_MAX),
    apply: (v) => buildFindPeople({ maxEntries: v }).xml,
  },
  'FindPeopleParams.offset': {
    option: 'offset',
    accepts: countFrom0(XS_INT_MAX),
    apply: (v) => buildFindPeople({ offset: v }).xml,
  },
  'GetStreamingEventsParams.connectionTimeoutMinutes': {
    option: 'connectionTimeoutMinutes',
    accepts: range(1, 30),
    apply: (v) => buildGetStreamingEvents({ subscriptionIds: ['s'], connectionTimeoutMinutes: v }).xml,
  },
  'StreamingEventsOptions.connectionTimeoutMinutes': {
    option: 'connectionTimeoutMinutes',
    accepts: range(1, 30),
    apply: (v, a) => first(streamingEvents(a, ['s'], { connectionTimeoutMinutes: v })),
  },
  'StreamingEventsOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: deadline,
    apply: (v, a) => first(streamingEvents(a, ['s'], { timeoutMs: v })),
  },
  'ItemQuery#limit(count)': {
    option: 'limit',
    accepts: countFrom0(),
    apply: (v, a) => new FolderHandle(a, INBOX, ItemModel).all().limit(v),
  },
  'ItemQuery#offset(count)': {
    option: 'offset',
    accepts: countFrom0(),
    apply: (v, a) => new FolderHandle(a, INBOX, ItemModel).all().offset(v),
  },
  'ItemQuery#pageSize(size)': {
    option: 'pageSize',
    accepts: count(XS_INT_MAX),
    apply: (v, a) => new FolderHandle(a, INBOX, ItemModel).all().pageSize(v),
  },
  'ItemQuery#slice(start)': {
    option: 'start',
    accepts: countFrom0(),
    apply: (v, a) => new FolderHandle(a, INBOX, ItemModel).all().slice(v, Number.MAX_SAFE_INTEGER),
  },
  'ItemQuery#slice(end)': {
    option: 'end',
    accepts: countFrom0(),
    apply: (v, a) => new FolderHandle(a, INBOX, ItemModel).all().slice(0, v),
  },
  // issue 15: stream
  'WatchOptions.heartbeatMs': {
    option: 'heartbeatMs',
    accepts: (v) => Number.isFinite(v) && v > 0 && v <= MAX_HEARTBEAT_MS,
    apply: (v, a) => new SubscriptionWatch(a, 'allFolders', { mode: 'pull', heartbeatMs: v }),
  },
  'WatchOptions.connectionTimeoutMinutes': {
    option: 'connectionTimeoutMinutes',
    accepts: range(1, 30),
    apply: (v, a) => new SubscriptionWatch(a, 'allFolders', { mode: 'pull', connectionTimeoutMinutes: v }),
  },
  'WatchOptions.pollIntervalMs': {
    option: 'pollIntervalMs',
    accepts: durationFrom0,
    apply: (v, a) => new SubscriptionWatch(a, 'allFolders', { mode: 'pull', pollIntervalMs: v }),
  },
  'WatchOptions.timeoutMinutes': {
    option: 'timeoutMinutes',
    accepts: range(1, 1440),
    apply: (v, a) => new SubscriptionWatch(a, 'allFolders', { mode: 'pull', timeoutMinutes: v }),
  },
  'WatchOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: deadline,
    apply: (v, a) => new SubscriptionWatch(a, 'allFolders', { mode: 'pull', timeoutMs: v }),
  },
  'WatchOptions.dedupeWindow': {
    option: 'dedupeWindow',
    accepts: count(),
    apply: (v, a) => new SubscriptionWatch(a, 'allFolders', { mode: 'pull', dedupeWindow: v }),
  },
  'reconnectDelay(attempt)': {
    option: 'attempt',
    accepts: count(),
    apply: (v) => reconnectDelay(resolveReconnectPolicy(), v),
  },
  'PollOptions.pollIntervalMs': {
    option: 'pollIntervalMs',
    accepts: durationFrom0,
    apply: (v, a) => first(new PullSubscription(a, 's', 'w').events({ pollIntervalMs: v })),
  },
  'PollOptions.intervalMs': {
    option: 'intervalMs',
    accepts: durationFrom0,
    apply: (v, a) => first(new PullSubscription(a, 's', 'w').events({ intervalMs: v })),
  },
  'PullSubscribeOptions.timeoutMinutes': {
    option: 'timeoutMinutes',
    accepts: range(1, 1440),
    apply: (v, a) => subscribeToPull(a, 'allFolders', { timeoutMinutes: v }),
  },
  'PushSubscribeOptions.statusFrequencyMinutes': {
    option: 'statusFrequencyMinutes',
    accepts: range(1, 1440),
    apply: (v, a) =>
      subscribeToPush(a, 'allFolders', 'https://app.example.com/ews', { statusFrequencyMinutes: v }),
  },
  'SubscribeParams.timeoutMinutes': {
    option: 'timeoutMinutes',
    accepts: range(1, 1440),
    apply: (v) => buildSubscribe({ kind: 'pull', allFolders: true, timeoutMinutes: v }).xml,
  },
  'SubscribeParams.statusFrequencyMinutes': {
    option: 'statusFrequencyMinutes',
    accepts: range(1, 1440),
    apply: (v) =>
      buildSubscribe({
        kind: 'push',
        allFolders: true,
        url: 'https://app.example.com/ews',
        statusFrequencyMinutes: v,
      }).xml,
  },
  'SoapDocumentsOptions.maxDocumentChars': {
    option: 'maxDocumentChars',
    accepts: count(),
    apply: (v) =>
      first(soapDocuments((async function* () {})(), 'GetStreamingEvents', { maxDocumentChars: v })),
  },
  'SyncFolderItemsParams.maxChanges': {
    option: 'maxChanges',
    accepts: range(1, 512),
    apply: (v) => buildSyncFolderItems({ folder: INBOX, shape: raw(''), maxChanges: v }).xml,
  },
  'SearchMailboxesParams.pageSize': {
    option: 'pageSize',
    accepts: count(XS_INT_MAX),
    apply: (v) =>
      buildSearchMailboxes({ query: 'a', mailboxes: ['/o=x'], resultType: 'PreviewOnly', pageSize: v }).xml,
  },
  'readFindItemGroups(maxEntries)': {
    option: 'maxEntries',
    accepts: count(XS_INT_MAX),
    apply: (v) => readFindItemGroups(NO_MESSAGES, v),
  },
  'SyncItemsOptions.maxChanges': {
    option: 'maxChanges',
    accepts: range(1, 512),
    apply: (v, a) => new FolderHandle(a, INBOX, ItemModel).syncItems({ maxChanges: v }),
  },
} satisfies Record<string, Row>);

/**
 * The readers' entry counts (how many entries the request named): compared exactly with the
 * answer's ResponseMessages, so a count that is not a whole number ≥ 0 is the caller's mistake,
 * refused as such rather than reported as the server's count mismatch.
 */
const NO_MESSAGES: EwsResponse = {
  operation: 'Probe',
  status: 200,
  serverVersion: undefined,
  messages: [],
  node: { name: 'ProbeResponse', namespace: EWS_MESSAGES_NAMESPACE, attributes: {}, children: [], text: '' },
};
const READERS: Readonly<Record<string, (response: EwsResponse, sent: number) => unknown>> = {
  'readArchiveItem(sent)': readArchiveItem,
  'readCopyFolder(sent)': readCopyFolder,
  'readCopyItem(sent)': readCopyItem,
  'readCreateAttachment(sent)': readCreateAttachment,
  'readCreateFolder(sent)': readCreateFolder,
  'readCreateFolderPath(sent)': readCreateFolderPath,
  'readCreateItem(sent)': readCreateItem,
  'readCreatedItems(sent)': readCreatedItems,
  'readDeleteAttachment(sent)': readDeleteAttachment,
  'readDeleteFolder(sent)': readDeleteFolder,
  'readDeleteItem(sent)': readDeleteItem,
  'readEmptyFolder(sent)': readEmptyFolder,
  'readExportItems(sent)': readExportItems,
  'readFindItemPages(folders)': readFindItemPages,
  'readGetAttachment(sent)': readGetAttachment,
  'readGetFolder(sent)': readGetFolder,
  'readGetItem(sent)': readGetItem,
  'readGetMailTips(sent)': readGetMailTips,
  'readMarkAsJunk(sent)': readMarkAsJunk,
  'readMoveFolder(sent)': readMoveFolder,
  'readMoveItem(sent)': readMoveItem,
  'readSendItem(sent)': readSendItem,
  'readUpdateFolder(sent)': readUpdateFolder,
  'readUpdateItem(sent)': readUpdateItem,
  'readUploadItems(sent)': readUploadItems,
  'readRemoveDelegate(sent)': readRemoveDelegate,
};
for (const [key, read] of Object.entries(READERS)) {
  ROWS[key] = { option: 'sent', accepts: countFrom0(1_000_000), apply: (v) => read(NO_MESSAGES, v) };
}

// issue 15: convo. Conversations and reminders: FindConversation pages of 1…1000, MaxItemsToReturn
// an xs:int above 0, GetReminders' MaxItems 0…200 (the schema's bounds).
const conversation = (a: AccountContext) => new ConversationHandle(a, { id: 'AAQk' }, INBOX);
Object.assign(ROWS, {
  'FindConversationParams.maxEntries': {
    option: 'maxEntries',
    accepts: range(1, MAX_CONVERSATIONS_PER_PAGE),
    apply: (v: number) => buildFindConversation({ folder: { id: 'AAMk' }, maxEntries: v }).xml,
  },
  'FindConversationParams.offset': {
    option: 'offset',
    accepts: countFrom0(XS_INT_MAX),
    apply: (v: number) => buildFindConversation({ folder: { id: 'AAMk' }, offset: v }).xml,
  },
  'FindConversationsOptions.pageSize': {
    option: 'pageSize',
    accepts: range(1, MAX_CONVERSATIONS_PER_PAGE),
    apply: (v: number, a: AccountContext) =>
      first(new FolderHandle(a, INBOX, ItemModel).conversations({ pageSize: v })),
  },
  'ConversationItemsOptions.maxItems': {
    option: 'maxItems',
    accepts: count(XS_INT_MAX),
    apply: (v: number, a: AccountContext) => conversation(a).items({ maxItems: v }),
  },
  'GetConversationItemsParams.maxItems': {
    option: 'maxItems',
    accepts: count(XS_INT_MAX),
    apply: (v: number) =>
      buildGetConversationItems({
        conversations: [{ conversationId: { id: 'AAQk' } }],
        shape: raw(''),
        maxItems: v,
      }).xml,
  },
  'GetRemindersParams.maxItems': {
    option: 'maxItems',
    accepts: range(0, MAX_REMINDERS),
    apply: (v: number) => buildGetReminders({ maxItems: v }).xml,
  },
  'RemindersOptions.maxItems': {
    option: 'maxItems',
    accepts: range(0, MAX_REMINDERS),
    apply: (v: number, a: AccountContext) => getReminders(a, { maxItems: v }),
  },
  'readGetReminders(maxItems)': {
    option: 'maxItems',
    accepts: range(0, MAX_REMINDERS),
    apply: (v: number) => readGetReminders(NO_MESSAGES, v),
  },
  'readApplyConversationAction(sent)': {
    option: 'sent',
    accepts: countFrom0(1_000_000),
    apply: (v: number) => readApplyConversationAction(NO_MESSAGES, v),
  },
  'readMarkAllItemsAsRead(sent)': {
    option: 'sent',
    accepts: countFrom0(1_000_000),
    apply: (v: number) => readMarkAllItemsAsRead(NO_MESSAGES, v),
  },
});
const CONVO_CALL_VERBS: Readonly<Record<string, (timeoutMs: number, account: AccountContext) => unknown>> = {
  ConversationItemsOptions: (timeoutMs, a) => conversation(a).items({ timeoutMs }),
  ConversationRuleOptions: (timeoutMs, a) => conversation(a).alwaysDelete({ timeoutMs }),
  ConversationScopeOptions: (timeoutMs, a) => conversation(a).move(INBOX, { timeoutMs }),
  FindConversationsOptions: (timeoutMs, a) => first(findConversations(a, { id: 'AAMk' }, { timeoutMs })),
  MarkAllAsReadOptions: (timeoutMs, a) => new FolderHandle(a, INBOX, ItemModel).markAllAsRead({ timeoutMs }),
  RemindersOptions: (timeoutMs, a) => getReminders(a, { timeoutMs }),
};
for (const [type, verb] of Object.entries(CONVO_CALL_VERBS)) {
  ROWS[`${type}.timeoutMs`] = { option: 'timeoutMs', accepts: deadline, apply: (v, a) => verb(v, a) };
}

/** Numbers the API takes that are not a caller's settings, and why. */
/**
 * Rows kept (still probed, from their src modules) for inputs the narrowed entry no longer exports:
 * the completeness check compares only what is public.
 */
const NO_LONGER_PUBLIC: ReadonlySet<string> = new Set([
  'FindConversationParams.maxEntries',
  'FindConversationParams.offset',
  'GetConversationItemsParams.maxItems',
  'decodeMergedFreeBusy(intervalMinutes)',
  'readCreateFolderPath(sent)',
  'reconnectDelay(attempt)',
]);

const NOT_SETTINGS: Readonly<Record<string, string>> = {
  'StreamingEventsErrorOptions.descriptiveLinkKey': 'data copied from an answer into an error',
  'StreamingEventsErrorOptions.index': 'data copied from an answer into an error',
};

async function outcomeOf(apply: () => unknown): Promise<unknown> {
  try {
    await apply();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The refusal every numeric check gives. */
const invalidArgument = (error: unknown) =>
  EwsError.isInstance(error) && error.code === 'EWS_INVALID_ARGUMENT';

// issue 15: people. FindPeople pages are t:IndexedPageViewType (xs:int); ExpandDL's bounds are ours.
Object.assign(ROWS, {
  'FindPeopleOptions.pageSize': {
    option: 'pageSize',
    accepts: count(XS_INT_MAX),
    apply: (v: number, a: AccountContext) => first(findPeople(a, { pageSize: v })),
  },
  'FindPeopleOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: deadline,
    apply: (v: number, a: AccountContext) => first(findPeople(a, { timeoutMs: v })),
  },
  'ExpandDLOptions.maxDepth': {
    option: 'maxDepth',
    accepts: range(1, 100),
    apply: (v: number, a: AccountContext) => expandDistributionList(a, 'team@contoso.com', { maxDepth: v }),
  },
  'ExpandDLOptions.maxMembers': {
    option: 'maxMembers',
    accepts: count(XS_INT_MAX),
    apply: (v: number, a: AccountContext) => expandDistributionList(a, 'team@contoso.com', { maxMembers: v }),
  },
  'ExpandDLOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: deadline,
    apply: (v: number, a: AccountContext) => expandDistributionList(a, 'team@contoso.com', { timeoutMs: v }),
  },
  'ResolveNamesOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: deadline,
    apply: (v: number, a: AccountContext) => resolveNamesFull(a, 'anne', { timeoutMs: v }),
  },
  'UserPhotoOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: deadline,
    apply: (v: number, a: AccountContext) => getUserPhoto(a, 'anne@contoso.com', { timeoutMs: v }),
  },
});

describe('every numeric option of @ews/services', () => {
  it('the table has a row (or a reason) for every numeric input of the public API, and no other', () => {
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const found = numericInputsOf(entry, { ownOnly: true });
    const listed = [...Object.keys(ROWS), ...Object.keys(NOT_SETTINGS)].filter(
      (key) => !NO_LONGER_PUBLIC.has(key),
    );
    expect(listed.sort()).toEqual(found);
  }, 60_000);

  for (const [key, row] of Object.entries(ROWS)) {
    it.each(PROBES)(`${key} = %s`, async (value) => {
      const account = recordingAccount();
      const probe = { ...row, apply: (v: number) => row.apply(v, account) };
      await expectNumericProbe(probe, value, { isInvalidArgument: invalidArgument, describeValue });
      // Refused before anything went out.
      if (!row.accepts(value)) expect(account.sent).toEqual([]);
    });
  }
});

describe('a calendar view over any range', () => {
  it('makes its windows one at a time: the widest range Date allows, in 1-day windows, starts at once', async () => {
    const account = recordingAccount();
    const started = Date.now();
    const error = await outcomeOf(() =>
      first(
        calendarView(account, INBOX, {
          start: new Date(-8.64e15),
          end: new Date(8.64e15),
          maxWindowDays: 1,
        }),
      ),
    );
    expect((error as Error).message).toBe('sent');
    expect(account.sent).toEqual(['FindItem']);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
