import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ANSWER_MESSAGES,
  decodeSoapResponse,
  EwsError,
  EwsProtocolError,
  type EwsResponse,
  OPERATION_RESPONSE_ELEMENTS,
  parseXml,
} from '@ews/core';
import { describe, expect, it } from 'vitest';
import { attachmentContent } from '../src/attachments/attachment-download.js';
import {
  readApplyConversationAction,
  readArchiveItem,
  readConvertId,
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
  readExpandDL,
  readExportItems,
  readFindConversation,
  readFindFolder,
  readFindItem,
  readFindItemPages,
  readFindPeople,
  readGetAttachment,
  readGetConversationItems,
  readGetDelegate,
  readGetEvents,
  readGetFolder,
  readGetItem,
  readGetMailTips,
  readGetPasswordExpirationDate,
  readGetReminders,
  readGetRoomLists,
  readGetRooms,
  readGetSearchableMailboxes,
  readGetServerTimeZones,
  readGetStreamingEvents,
  readGetUserAvailability,
  readGetUserConfiguration,
  readGetUserRetentionPolicyTags,
  readMarkAllItemsAsRead,
  readMarkAsJunk,
  readMoveFolder,
  readMoveItem,
  readPerformReminderAction,
  readRemoveDelegate,
  readResolveNames,
  readResolveNamesResult,
  readSendItem,
  readSendNotification,
  readSubscribe,
  readSyncFolderHierarchy,
  readSyncFolderItems,
  readUnsubscribe,
  readUpdateFolder,
  readUpdateItem,
  readUploadItems,
  readUserConfigurationWrite,
  readWriteDelegates,
} from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { readGetInboxRules, readUpdateInboxRules } from '../src/mailbox/inbox-rules.js';
import { readGetUserOofSettings, readSetUserOofSettings } from '../src/mailbox/oof-settings.js';
import { readCreateFolderPath } from '../src/operations/create-folder-path.js';
import { readConversation } from '../src/operations/find-conversation.js';
import { readFindItemGroups, readFindItemList } from '../src/operations/find-item.js';
import { readGetPersona } from '../src/operations/get-persona.js';
import { readGetServiceConfiguration } from '../src/operations/get-service-configuration.js';
import { readGetUserPhoto } from '../src/operations/get-user-photo.js';
import { readNotification } from '../src/operations/notifications.js';
import { readSearchMailboxes } from '../src/operations/search-mailboxes.js';
import type { Outcome } from '../src/outcome.js';
import { readFindItemLists } from '../src/query/find-item-pages.js';
import { readGetItemFor } from '../src/query/paired-get-item.js';

// Count and shape invariants of every reader that pairs request entries with ResponseMessages,
// fed answers shaped as Exchange writes them (messages namespace prefixed m:, types t:) through
// core's real decoder. The last block makes the list complete by construction: a new reader that
// is in none of these tables fails CI.

const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';
const envelope = (body: string) =>
  '<?xml version="1.0" encoding="utf-8"?>' +
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
const answer = (operation: string, messages: string, extra = '') =>
  envelope(
    `<m:${operation}Response ${M} ${T}><m:ResponseMessages>${messages}</m:ResponseMessages>${extra}</m:${operation}Response>`,
  );
const success = (operation: string, inner = '', element = `${operation}ResponseMessage`) =>
  `<m:${element} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${inner}</m:${element}>`;
const item = (i: number, kind = 'Message') =>
  `<t:${kind}><t:ItemId Id="AAMkItem${i}=" ChangeKey="CQAAAB${i}"/><t:Subject>subject ${i}</t:Subject></t:${kind}>`;
const folder = (i: number) =>
  `<t:Folder><t:FolderId Id="AQMkFolder${i}=" ChangeKey="AQAAAB${i}"/><t:DisplayName>Folder ${i}</t:DisplayName></t:Folder>`;
/** Microsoft's own typo, in two documentation examples: `<t:ItemID>`, which names no ItemId. */
const misspelt = (xml: string) =>
  xml.replaceAll('<t:ItemId ', '<t:ItemID ').replaceAll('<t:FolderId ', '<t:FolderID ');

/** A reader whose request names several entries (items, folders, attachments, recipients…). */
interface EntryCase {
  readonly operation: string;
  /** One Success message for entry `i` of the request. */
  readonly message: (i: number) => string;
  /** The reader, told how many entries the request sent. */
  readonly read: (response: EwsResponse, sent: number) => unknown;
  /** `outcomes`: one outcome per entry; `throws`: the whole answer is read at once and throws. */
  readonly mode: 'outcomes' | 'throws';
  /** The answer around `messages`, when it is not `<m:ResponseMessages>` (GetUserAvailability). */
  readonly answer?: (messages: string) => string;
  /** The message with the id its entry must carry missing (or misspelt), when it names one. */
  readonly idLess?: (i: number) => string;
}

const items = (operation: string) => (i: number) => success(operation, `<m:Items>${item(i)}</m:Items>`);
const folders = (operation: string) => (i: number) =>
  success(operation, `<m:Folders>${folder(i)}</m:Folders>`);
const bare = (operation: string) => () => success(operation);
const withItems = (operation: string, read: EntryCase['read']): EntryCase => ({
  operation,
  message: items(operation),
  read,
  mode: 'outcomes',
  idLess: (i) => misspelt(items(operation)(i)),
});
const withFolders = (operation: string, read: EntryCase['read']): EntryCase => ({
  operation,
  message: folders(operation),
  read,
  mode: 'outcomes',
  idLess: (i) => misspelt(folders(operation)(i)),
});
const findRoot = (i: number) =>
  `<m:RootFolder TotalItemsInView="1" IncludesLastItemInRange="true"><t:Items>${item(i)}</t:Items></m:RootFolder>`;
const findItemPage = (i: number) => success('FindItem', findRoot(i));
const freeBusy = () =>
  '<m:FreeBusyResponse><m:ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:ResponseMessage>' +
  '<m:FreeBusyView><t:FreeBusyViewType>FreeBusy</t:FreeBusyViewType></m:FreeBusyView></m:FreeBusyResponse>';
const mailboxes = (n: number) => Array.from({ length: n }, (_, i) => ({ address: `user${i}@contoso.test` }));

/** Add/Update/RemoveDelegate: the answer is a message itself, around its per-user messages. */
const delegateAnswer = (operation: string) => (messages: string) =>
  envelope(
    `<m:${operation}Response ResponseClass="Success" ${M} ${T}><m:ResponseCode>NoError</m:ResponseCode>` +
      `<m:ResponseMessages>${messages}</m:ResponseMessages></m:${operation}Response>`,
  );
const delegateUser = (i: number) =>
  success(
    'DelegateUser',
    `<m:DelegateUser><t:UserId><t:PrimarySmtpAddress>user${i}@contoso.test</t:PrimarySmtpAddress></t:UserId></m:DelegateUser>`,
    'DelegateUserResponseMessageType',
  );
const delegatesSent = (sent: number) =>
  Array.from({ length: sent }, (_, i) => ({ user: `user${i}@contoso.test` }));

const conversationIds = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `AAQkConv${i}=` }));
const ENTRY_READERS: Readonly<Record<string, EntryCase>> = {
  readWriteDelegates: {
    operation: 'AddDelegate',
    message: delegateUser,
    read: (response, sent) => readWriteDelegates(response, 'AddDelegate', delegatesSent(sent)),
    mode: 'outcomes',
    answer: delegateAnswer('AddDelegate'),
  },
  readRemoveDelegate: {
    operation: 'RemoveDelegate',
    message: () => success('RemoveDelegate', '', 'DelegateUserResponseMessageType'),
    read: readRemoveDelegate,
    mode: 'outcomes',
    answer: delegateAnswer('RemoveDelegate'),
  },
  // issue 15: convo
  readApplyConversationAction: {
    operation: 'ApplyConversationAction',
    message: bare('ApplyConversationAction'),
    read: readApplyConversationAction,
    mode: 'outcomes',
  },
  readMarkAllItemsAsRead: {
    operation: 'MarkAllItemsAsRead',
    message: bare('MarkAllItemsAsRead'),
    read: readMarkAllItemsAsRead,
    mode: 'outcomes',
  },
  readGetConversationItems: {
    operation: 'GetConversationItems',
    message: (i) =>
      success(
        'GetConversationItems',
        `<m:Conversation><t:ConversationId Id="AAQkConv${i}="/><t:ConversationNodes/></m:Conversation>`,
      ),
    read: (response, sent) => readGetConversationItems(response, conversationIds(sent)),
    mode: 'outcomes',
    idLess: (i) =>
      success(
        'GetConversationItems',
        `<m:Conversation><t:ConversationID Id="AAQkConv${i}="/></m:Conversation>`,
      ),
  },
  readCreateItem: withItems('CreateItem', readCreateItem),
  readCreatedItems: withItems('CreateItem', readCreatedItems),
  readGetItem: withItems('GetItem', readGetItem),
  // Asks for the ids entryAnswer's items carry (AAMkItem0=, AAMkItem1=, …), in that order.
  readGetItemFor: withItems('GetItem', (response, sent) =>
    readGetItemFor(
      response,
      Array.from({ length: sent }, (_, i) => ({ id: `AAMkItem${i}=` })),
    ),
  ),
  readUpdateItem: withItems('UpdateItem', readUpdateItem),
  readMoveItem: withItems('MoveItem', readMoveItem),
  readCopyItem: withItems('CopyItem', readCopyItem),
  readArchiveItem: withItems('ArchiveItem', readArchiveItem),
  readDeleteItem: {
    operation: 'DeleteItem',
    message: bare('DeleteItem'),
    read: readDeleteItem,
    mode: 'outcomes',
  },
  readSendItem: { operation: 'SendItem', message: bare('SendItem'), read: readSendItem, mode: 'outcomes' },
  readMarkAsJunk: {
    operation: 'MarkAsJunk',
    message: (i) => success('MarkAsJunk', `<m:MovedItemId Id="AAMkJunk${i}=" ChangeKey="CQ"/>`),
    read: readMarkAsJunk,
    mode: 'outcomes',
    idLess: () => success('MarkAsJunk', '<m:MovedItemId ChangeKey="CQ"/>'),
  },
  readExportItems: {
    operation: 'ExportItems',
    message: (i) =>
      success('ExportItems', `<m:ItemId Id="AAMkExp${i}=" ChangeKey="CQ"/><m:Data>QUJD</m:Data>`),
    read: readExportItems,
    mode: 'outcomes',
    idLess: () => success('ExportItems', '<m:ItemID Id="AAMkExp=" ChangeKey="CQ"/><m:Data>QUJD</m:Data>'),
  },
  readUploadItems: {
    operation: 'UploadItems',
    message: (i) => success('UploadItems', `<m:ItemId Id="AAMkUp${i}=" ChangeKey="CQ"/>`),
    read: readUploadItems,
    mode: 'outcomes',
    idLess: () => success('UploadItems', '<m:ItemId ChangeKey="CQ"/>'),
  },
  readCreateAttachment: {
    operation: 'CreateAttachment',
    message: (i) =>
      success(
        'CreateAttachment',
        `<m:Attachments><t:FileAttachment><t:AttachmentId Id="AAMkAtt${i}=" RootItemId="AAMkRoot=" RootItemChangeKey="CQ"/></t:FileAttachment></m:Attachments>`,
      ),
    read: readCreateAttachment,
    mode: 'outcomes',
    idLess: () =>
      success(
        'CreateAttachment',
        '<m:Attachments><t:FileAttachment><t:AttachmentID Id="AAMkAtt=" RootItemId="AAMkRoot=" RootItemChangeKey="CQ"/></t:FileAttachment></m:Attachments>',
      ),
  },
  readGetAttachment: {
    operation: 'GetAttachment',
    message: (i) =>
      success(
        'GetAttachment',
        `<m:Attachments><t:FileAttachment><t:AttachmentId Id="AAMkAtt${i}="/><t:Name>file${i}.txt</t:Name><t:Content>QUJD</t:Content></t:FileAttachment></m:Attachments>`,
      ),
    read: readGetAttachment,
    mode: 'outcomes',
    idLess: () =>
      success(
        'GetAttachment',
        '<m:Attachments><t:FileAttachment><t:AttachmentID Id="AAMkAtt="/><t:Name>file.txt</t:Name><t:Content>QUJD</t:Content></t:FileAttachment></m:Attachments>',
      ),
  },
  readDeleteAttachment: {
    operation: 'DeleteAttachment',
    message: (i) =>
      success('DeleteAttachment', `<m:RootItemId RootItemId="AAMkRoot${i}=" RootItemChangeKey="CQ"/>`),
    read: readDeleteAttachment,
    mode: 'outcomes',
    idLess: () => success('DeleteAttachment', '<m:RootItemId RootItemChangeKey="CQ"/>'),
  },
  readGetFolder: withFolders('GetFolder', readGetFolder),
  readCreateFolder: withFolders('CreateFolder', readCreateFolder),
  readCreateFolderPath: withFolders('CreateFolderPath', readCreateFolderPath),
  readUpdateFolder: withFolders('UpdateFolder', readUpdateFolder),
  readMoveFolder: withFolders('MoveFolder', readMoveFolder),
  readCopyFolder: withFolders('CopyFolder', readCopyFolder),
  readDeleteFolder: {
    operation: 'DeleteFolder',
    message: bare('DeleteFolder'),
    read: readDeleteFolder,
    mode: 'outcomes',
  },
  readEmptyFolder: {
    operation: 'EmptyFolder',
    message: bare('EmptyFolder'),
    read: readEmptyFolder,
    mode: 'outcomes',
  },
  readGetMailTips: {
    operation: 'GetMailTips',
    message: (i) =>
      success(
        'GetMailTips',
        `<m:MailTips><t:RecipientAddress><t:EmailAddress>user${i}@contoso.test</t:EmailAddress></t:RecipientAddress><t:PendingMailTips/></m:MailTips>`,
        'MailTipsResponseMessageType',
      ),
    read: readGetMailTips,
    mode: 'outcomes',
  },
  readFindItemPages: {
    operation: 'FindItem',
    message: findItemPage,
    read: readFindItemPages,
    mode: 'throws',
  },
  readFindItemLists: {
    operation: 'FindItem',
    message: findItemPage,
    read: readFindItemLists,
    mode: 'throws',
  },
  readConvertId: {
    operation: 'ConvertId',
    message: (i) =>
      success(
        'ConvertId',
        `<m:AlternateId xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t:AlternateIdType" Format="HexEntryId" Id="0${i}" Mailbox="a@contoso.test"/>`,
      ),
    read: (response, sent) =>
      readConvertId(
        response,
        Array.from({ length: sent }, (_, i) => ({
          type: 'AlternateId' as const,
          format: 'EwsId' as const,
          id: `AAMk${i}`,
          mailbox: 'a@contoso.test',
        })),
        'HexEntryId',
      ),
    mode: 'outcomes',
    idLess: () =>
      success(
        'ConvertId',
        '<m:AlternateId xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t:AlternateIdType" Format="HexEntryId" Mailbox="a@contoso.test"/>',
      ),
  },
  readGetUserAvailability: {
    operation: 'GetUserAvailability',
    message: freeBusy,
    read: (response, sent) =>
      readGetUserAvailability(response, {
        mailboxes: mailboxes(sent),
        start: new Date(0),
        end: new Date(3_600_000),
        view: 'FreeBusy',
      }).freeBusy,
    mode: 'outcomes',
    answer: (messages) =>
      envelope(
        `<m:GetUserAvailabilityResponse ${M} ${T}><m:FreeBusyResponseArray>${messages}</m:FreeBusyResponseArray></m:GetUserAvailabilityResponse>`,
      ),
  },
};

function entryAnswer(test: EntryCase, count: number, message = test.message): EwsResponse {
  const messages = Array.from({ length: count }, (_, i) => message(i)).join('');
  const xml = test.answer ? test.answer(messages) : answer(test.operation, messages);
  return decodeResponseText(xml, test.operation);
}

function expectCountRefused(error: unknown, operation: string, sent: number, received: number): void {
  expect(error).toBeInstanceOf(EwsProtocolError);
  expect(error).toMatchObject({
    code: 'EWS_PROTOCOL',
    requestFate: 'unknown',
    operation,
    message: `${operation}: ${sent} ${sent === 1 ? 'entry' : 'entries'} sent, ${received} ${received === 1 ? 'answer' : 'answers'} received`,
  });
}

describe('every reader pairing request entries with answers checks the count', () => {
  it.each(Object.entries(ENTRY_READERS))('%s: one answer per entry is read', (_, test) => {
    const read = test.read(entryAnswer(test, 3), 3);
    if (test.mode === 'outcomes') {
      expect((read as Outcome<unknown>[]).map((o) => o.ok)).toEqual([true, true, true]);
    } else {
      expect(read).toHaveLength(3);
    }
  });

  it.each(Object.entries(ENTRY_READERS))(
    '%s: fewer or more answers than entries fail every entry (fate unknown)',
    (_, test) => {
      for (const received of [2, 4, 0]) {
        const response = entryAnswer(test, received);
        if (test.mode === 'throws') {
          let thrown: unknown;
          try {
            test.read(response, 3);
          } catch (error) {
            thrown = error;
          }
          expectCountRefused(thrown, test.operation, 3, received);
          continue;
        }
        const outcomes = test.read(response, 3) as Outcome<unknown>[];
        expect(outcomes).toHaveLength(3);
        for (const outcome of outcomes) {
          if (outcome.ok) throw new Error(`${test.operation}: an entry was paired with ${received} answers`);
          expectCountRefused(outcome.error, test.operation, 3, received);
        }
      }
    },
  );

  const named = Object.entries(ENTRY_READERS).filter(([, test]) => test.idLess !== undefined);
  it.each(named)(
    '%s: an entry whose answer lacks its id fails alone (EWS_PROTOCOL, fate executed)',
    (_, test) => {
      const broken = test.idLess as (i: number) => string;
      const outcomes = test.read(
        entryAnswer(test, 3, (i) => (i === 1 ? broken(i) : test.message(i))),
        3,
      ) as Outcome<unknown>[];
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      const failed = outcomes[1];
      expect(failed?.ok === false && failed.error).toMatchObject({
        code: 'EWS_PROTOCOL',
        requestFate: 'executed',
        operation: test.operation,
      });
    },
  );

  it.each(named)(
    '%s: an entry whose id is Id="" fails alone (the schema requires an Id; Exchange never sends an empty one)',
    (_, test) => {
      const emptied = (i: number) => test.message(i).replace(/\b(RootItemId|Id)="[^"]*"/g, '$1=""');
      expect(emptied(1)).not.toBe(test.message(1));
      const outcomes = test.read(
        entryAnswer(test, 3, (i) => (i === 1 ? emptied(i) : test.message(i))),
        3,
      ) as Outcome<unknown>[];
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      const failed = outcomes[1];
      expect(failed?.ok === false && failed.error).toMatchObject({
        code: 'EWS_PROTOCOL',
        requestFate: 'executed',
      });
    },
  );
});

/** A reader for one target (one folder, one page, one subscription, one mailbox). */
interface SingleCase {
  readonly operation: string;
  readonly message: string;
  /** What the message holds besides its code (for an answer element that is its message). */
  readonly inner: string;
  readonly read: (response: EwsResponse) => unknown;
  /** What the response element holds besides its messages (OOF settings live there). */
  readonly extra?: string;
}

const single = (operation: string, read: SingleCase['read'], inner = '', extra = ''): SingleCase => ({
  operation,
  message: success(operation, inner),
  inner,
  read,
  extra,
});
const rootFolder =
  '<m:RootFolder TotalItemsInView="0" IncludesLastItemInRange="true"><t:Folders/></m:RootFolder>';
const resolutionSet =
  '<m:ResolutionSet TotalItemsInView="1" IncludesLastItemInRange="true"><t:Resolution><t:Mailbox>' +
  '<t:EmailAddress>anne@contoso.test</t:EmailAddress></t:Mailbox></t:Resolution></m:ResolutionSet>';
const statusNotification =
  '<m:Notification><t:SubscriptionId>sub-1</t:SubscriptionId><t:StatusEvent><t:Watermark>AQ==</t:Watermark></t:StatusEvent></m:Notification>';

const umConfiguration =
  '<m:UnifiedMessagingConfiguration><t:UmEnabled>false</t:UmEnabled><t:PlayOnPhoneDialString/>' +
  '<t:PlayOnPhoneEnabled>false</t:PlayOnPhoneEnabled></m:UnifiedMessagingConfiguration>';
const SINGLE_READERS: Readonly<Record<string, SingleCase>> = {
  readFindConversation: single(
    'FindConversation',
    (response) => readFindConversation(response, { maxEntries: 10, offset: 0 }),
    '<m:Conversations/>',
  ),
  readFindItem: single('FindItem', readFindItem, findRoot(0)),
  readFindItemList: single('FindItem', readFindItemList, findRoot(0)),
  readFindItemGroups: single(
    'FindItem',
    (response) => readFindItemGroups(response, 10),
    `<m:RootFolder TotalItemsInView="1" IncludesLastItemInRange="true"><t:Groups><t:GroupedItems><t:GroupIndex>x</t:GroupIndex><t:Items>${item(0)}</t:Items></t:GroupedItems></t:Groups></m:RootFolder>`,
  ),
  readSearchMailboxes: single(
    'SearchMailboxes',
    (response) => readSearchMailboxes(response, 'StatisticsOnly'),
    '<m:SearchMailboxesResult><t:SearchQueries><t:MailboxQuery><t:Query>a</t:Query><t:MailboxSearchScopes>' +
      '<t:MailboxSearchScope><t:Mailbox>/o=x</t:Mailbox><t:SearchScope>All</t:SearchScope></t:MailboxSearchScope>' +
      '</t:MailboxSearchScopes></t:MailboxQuery></t:SearchQueries><t:ResultType>StatisticsOnly</t:ResultType>' +
      '<t:ItemCount>0</t:ItemCount><t:Size>0</t:Size><t:PageItemCount>0</t:PageItemCount><t:PageItemSize>0</t:PageItemSize></m:SearchMailboxesResult>',
  ),
  readFindFolder: single('FindFolder', readFindFolder, rootFolder),
  readExpandDL: single(
    'ExpandDL',
    readExpandDL,
    '<m:DLExpansion TotalItemsInView="1" IncludesLastItemInRange="true"><t:Mailbox><t:EmailAddress>team@contoso.test</t:EmailAddress></t:Mailbox></m:DLExpansion>',
  ),
  readResolveNames: single('ResolveNames', readResolveNames, resolutionSet),
  readResolveNamesResult: single('ResolveNames', readResolveNamesResult, resolutionSet),
  readSubscribe: single(
    'Subscribe',
    readSubscribe,
    '<m:SubscriptionId>sub-1</m:SubscriptionId><m:Watermark>AQ==</m:Watermark>',
  ),
  readUnsubscribe: single('Unsubscribe', readUnsubscribe),
  readGetEvents: single('GetEvents', (response) => readGetEvents(response, 'sub-1'), statusNotification),
  readSyncFolderItems: single(
    'SyncFolderItems',
    readSyncFolderItems,
    '<m:SyncState>H4sI</m:SyncState><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange><m:Changes/>',
  ),
  readSyncFolderHierarchy: single(
    'SyncFolderHierarchy',
    readSyncFolderHierarchy,
    '<m:SyncState>H4sI</m:SyncState><m:IncludesLastFolderInRange>true</m:IncludesLastFolderInRange><m:Changes/>',
  ),
  readGetSearchableMailboxes: single(
    'GetSearchableMailboxes',
    readGetSearchableMailboxes,
    '<m:SearchableMailboxes/>',
  ),
  readGetRoomLists: single('GetRoomLists', readGetRoomLists),
  readGetServerTimeZones: single(
    'GetServerTimeZones',
    readGetServerTimeZones,
    '<m:TimeZoneDefinitions><t:TimeZoneDefinition Id="UTC" Name="(UTC) Coordinated Universal Time"/></m:TimeZoneDefinitions>',
  ),
  readGetRooms: single('GetRooms', readGetRooms),
  readFindPeople: single('FindPeople', readFindPeople),
  readGetUserPhoto: single(
    'GetUserPhoto',
    (response) => readGetUserPhoto(response, undefined),
    '<m:HasChanged>true</m:HasChanged><m:PictureData>R0lGODlh</m:PictureData>',
  ),
  readGetUserOofSettings: single(
    'GetUserOofSettings',
    readGetUserOofSettings,
    '',
    '<t:OofSettings><t:OofState>Disabled</t:OofState><t:ExternalAudience>None</t:ExternalAudience></t:OofSettings>',
  ),
  readSetUserOofSettings: single('SetUserOofSettings', readSetUserOofSettings),
  readGetInboxRules: single('GetInboxRules', readGetInboxRules),
  readUpdateInboxRules: single('UpdateInboxRules', readUpdateInboxRules),
  readGetServiceConfiguration: {
    operation: 'GetServiceConfiguration',
    message: success('GetServiceConfiguration', umConfiguration, 'ServiceConfigurationResponseMessageType'),
    inner: umConfiguration,
    read: (response) =>
      readGetServiceConfiguration(response, { requested: ['UnifiedMessagingConfiguration'] }),
    extra: '',
  },
  readGetUserConfiguration: single(
    'GetUserConfiguration',
    (response) => readGetUserConfiguration(response, 'X'),
    '<m:UserConfiguration><t:UserConfigurationName Name="X"><t:FolderId Id="AQMk="/></t:UserConfigurationName></m:UserConfiguration>',
  ),
  readUserConfigurationWrite: single('CreateUserConfiguration', readUserConfigurationWrite),
  readGetPasswordExpirationDate: single(
    'GetPasswordExpirationDate',
    readGetPasswordExpirationDate,
    '<m:PasswordExpirationDate>2026-04-13T08:00:00Z</m:PasswordExpirationDate>',
  ),
  readGetUserRetentionPolicyTags: single(
    'GetUserRetentionPolicyTags',
    readGetUserRetentionPolicyTags,
    '<m:RetentionPolicyTags/>',
  ),
};

/**
 * Where the operation's answer has its messages (messages.xsd, through core's table): in
 * ResponseMessages, a single ResponseMessage child (OOF settings), or the answer element itself
 * (GetRooms, FindPeople…), which can hold no second message.
 */
function shapeOf(operation: string): 'list' | 'single' | 'self' {
  const element = OPERATION_RESPONSE_ELEMENTS[operation as keyof typeof OPERATION_RESPONSE_ELEMENTS];
  const shape = ANSWER_MESSAGES[element];
  return shape?.list !== undefined ? 'list' : shape?.single !== undefined ? 'single' : 'self';
}

describe('every reader for one target refuses an answer with no message or several', () => {
  const respond = (test: SingleCase, count: number) => {
    const { operation } = test;
    const code = '<m:ResponseCode>NoError</m:ResponseCode>';
    const xml =
      shapeOf(operation) === 'list'
        ? answer(operation, test.message.repeat(count), test.extra)
        : shapeOf(operation) === 'single'
          ? envelope(
              `<m:${operation}Response ${M} ${T}>` +
                `<m:ResponseMessage ResponseClass="Success">${code}</m:ResponseMessage>`.repeat(count) +
                `${test.extra ?? ''}</m:${operation}Response>`,
            )
          : envelope(
              `<m:${operation}Response ${M} ${T}${count === 0 ? '' : ' ResponseClass="Success"'}>` +
                `${code}${test.inner}${test.extra ?? ''}</m:${operation}Response>`,
            );
    return decodeResponseText(xml, operation);
  };

  it.each(Object.entries(SINGLE_READERS))('%s: one message is read', (_, test) => {
    expect(() => test.read(respond(test, 1))).not.toThrow();
  });

  it.each(Object.entries(SINGLE_READERS))(
    '%s: two messages, or none, are refused (fate unknown)',
    (_, test) => {
      const shape = shapeOf(test.operation);
      // An answer element that is its own message cannot hold two.
      for (const received of shape === 'self' ? [0] : [2, 0]) {
        let thrown: unknown;
        try {
          test.read(respond(test, received));
        } catch (error) {
          thrown = error;
        }
        // Where messages.xsd fixes the shape, the decoder refuses it before any count is taken.
        if (
          shape === 'list' ||
          (shape === 'single' && received === 0 && test.operation === 'SetUserOofSettings')
        )
          expectCountRefused(thrown, test.operation, 1, received);
        else expect(thrown).toMatchObject({ code: 'EWS_PROTOCOL', operation: test.operation });
      }
    },
  );
});

/** Readers whose answer has no count the request fixes: what the schema lets us check instead. */
/** An answer to an operation outside services.wsdl, its element named as UNLISTED_OPERATIONS does. */
const unlisted = (operation: string, xml: string): EwsResponse => {
  const decoded = decodeSoapResponse(envelope(xml), operation, { responseElement: `${operation}Response` });
  return {
    operation,
    status: 200,
    serverVersion: undefined,
    messages: decoded.messages,
    node: decoded.responseNode,
  };
};
const reminder = (i: number) =>
  `<t:Reminder><t:Subject>s${i}</t:Subject><t:ReminderTime>2026-03-02T08:00:00Z</t:ReminderTime>` +
  '<t:StartDate>2026-03-02T09:00:00Z</t:StartDate><t:EndDate>2026-03-02T10:00:00Z</t:EndDate>' +
  `<t:ItemId Id="AAMkItem${i}="/><t:UID>u${i}</t:UID></t:Reminder>`;

const SHAPE_READERS: Readonly<Record<string, () => void>> = {
  // issue 15: convo. GetReminders and PerformReminderAction answer as their own message.
  readGetReminders() {
    const answerWith = (inner: string) =>
      unlisted(
        'GetReminders',
        `<m:GetRemindersResponse ResponseClass="Success" ${M} ${T}><m:ResponseCode>NoError</m:ResponseCode>${inner}</m:GetRemindersResponse>`,
      );
    expect(
      readGetReminders(answerWith(`<m:Reminders>${reminder(0)}${reminder(1)}</m:Reminders>`)),
    ).toHaveLength(2);
    // More than asked for, a missing Reminders, another element, a reminder without its ItemId: refused.
    expect(() =>
      readGetReminders(answerWith(`<m:Reminders>${reminder(0)}${reminder(1)}</m:Reminders>`), 1),
    ).toThrow(/2 reminders answered, at most 1/);
    expect(() => readGetReminders(answerWith(''))).toThrow(/without its Reminders/);
    expect(() => readGetReminders(answerWith(`<m:Reminders>${misspelt(reminder(0))}</m:Reminders>`))).toThrow(
      /without its Subject, ItemId or UID/,
    );
  },
  readPerformReminderAction() {
    const answerWith = (ids: string) =>
      unlisted(
        'PerformReminderAction',
        `<m:PerformReminderActionResponse ResponseClass="Success" ${M} ${T}><m:ResponseCode>NoError</m:ResponseCode>` +
          `<m:UpdatedItemIds>${ids}</m:UpdatedItemIds></m:PerformReminderActionResponse>`,
      );
    const sent = [{ id: 'AAMkItem0=' }, { id: 'AAMkItem1=' }];
    const two = '<t:ItemId Id="AAMkItem0=" ChangeKey="CQ0"/><t:ItemId Id="AAMkItem1=" ChangeKey="CQ1"/>';
    expect(readPerformReminderAction(answerWith(two), sent)).toEqual([
      { id: 'AAMkItem0=', changeKey: 'CQ0' },
      { id: 'AAMkItem1=', changeKey: 'CQ1' },
    ]);
    expect(() => readPerformReminderAction(answerWith('<t:ItemId Id="AAMkItem0="/>'), sent)).toThrow(
      /2 actions sent, 1 updated ids answered/,
    );
    const swapped = '<t:ItemId Id="AAMkItem1="/><t:ItemId Id="AAMkItem0="/>';
    expect(() => readPerformReminderAction(answerWith(swapped), sent)).toThrow(/names another item/);
  },
  readConversation() {
    const node = (xml: string) =>
      decodeResponseText(
        envelope(
          `<m:FindConversationResponse ResponseClass="Success" ${M} ${T}><m:ResponseCode>NoError</m:ResponseCode>` +
            `<m:Conversations>${xml}</m:Conversations></m:FindConversationResponse>`,
        ),
        'FindConversation',
      ).node.children[1]?.children[0];
    const ok = node(
      '<t:Conversation><t:ConversationId Id="AAQk"/><t:MessageCount>2</t:MessageCount></t:Conversation>',
    );
    if (ok === undefined) throw new Error('no Conversation');
    expect(readConversation(ok).messageCount).toBe(2);
    for (const broken of [
      '<t:Conversation><t:ConversationID Id="AAQk"/></t:Conversation>',
      '<t:Conversation><t:ConversationId Id="AAQk"/><t:MessageCount>-1</t:MessageCount></t:Conversation>',
      '<t:Conversation><t:ConversationId Id="AAQk"/><t:ItemIds><t:FolderId Id="x"/></t:ItemIds></t:Conversation>',
      '<t:Conversation><t:ConversationId Id="AAQk"/><t:Importance>Urgent</t:Importance></t:Conversation>',
    ])
      expect(() => readConversation(node(broken) ?? ok), broken).toThrow(EwsProtocolError);
  },
  readGetPersona() {
    // GetPersonaResponseMessage is its own message and must hold the Persona asked for.
    const persona = (inner: string, responseClass = ' ResponseClass="Success"') =>
      decodeResponseText(
        envelope(
          `<m:GetPersonaResponseMessage ${M} ${T}${responseClass}><m:ResponseCode>NoError</m:ResponseCode>${inner}</m:GetPersonaResponseMessage>`,
        ),
        'GetPersona',
      );
    const anne = '<m:Persona><t:PersonaId Id="P1"/><t:DisplayName>Anne</t:DisplayName></m:Persona>';
    expect(readGetPersona(persona(anne), 'P1').displayName).toBe('Anne');
    for (const [inner, target] of [
      ['', 'P1'],
      ['<m:Persona><t:DisplayName>Anne</t:DisplayName></m:Persona>', { emailAddress: 'anne@contoso.test' }],
      [anne, 'P2'],
      [anne, { personaId: 'P2' }],
    ] as const) {
      expect(() => readGetPersona(persona(inner), target)).toThrow(
        expect.objectContaining({ code: 'EWS_PROTOCOL' }),
      );
    }
    expect(() => readGetPersona(persona(anne, ''), 'P1')).toThrow(
      expect.objectContaining({ code: 'EWS_PROTOCOL' }),
    );
  },
  readGetStreamingEvents() {
    const document = (notifications: string, errors = '') =>
      decodeResponseText(
        answer(
          'GetStreamingEvents',
          `<m:GetStreamingEventsResponseMessage ResponseClass="${errors === '' ? 'Success' : 'Error'}">` +
            `${errors === '' ? '' : '<m:MessageText>gone</m:MessageText>'}<m:ResponseCode>${errors === '' ? 'NoError' : 'ErrorSubscriptionNotFound'}</m:ResponseCode>` +
            `${errors}<m:Notifications>${notifications}</m:Notifications><m:ConnectionStatus>OK</m:ConnectionStatus></m:GetStreamingEventsResponseMessage>`,
        ),
        'GetStreamingEvents',
      );
    const ours = statusNotification;
    const theirs = ours.replace('sub-1', 'sub-9');
    // Paired by SubscriptionId: one or several messages, in any order.
    expect(readGetStreamingEvents(document(ours + ours), ['sub-1']).notifications).toHaveLength(2);
    expect(() => readGetStreamingEvents(document(ours + theirs), ['sub-1'])).toThrow(
      'GetStreamingEvents answered a notification for subscription "sub-9", which was not asked about',
    );
    expect(() =>
      readGetStreamingEvents(
        document(
          '',
          '<m:ErrorSubscriptionIds><t:SubscriptionId>sub-9</t:SubscriptionId></m:ErrorSubscriptionIds>',
        ),
        ['sub-1'],
      ),
    ).toThrow('GetStreamingEvents answered an error for subscription "sub-9", which was not asked about');
  },
  readGetEvents() {
    const response = decodeResponseText(
      answer('GetEvents', success('GetEvents', statusNotification)),
      'GetEvents',
    );
    expect(readGetEvents(response, 'sub-1').subscriptionId).toBe('sub-1');
    expect(() => readGetEvents(response, 'sub-2')).toThrow(
      'GetEvents answered a notification for subscription "sub-1", which was not asked about',
    );
  },
  readGetDelegate() {
    // GetDelegateResponse carries its own ResponseClass around the per-delegate messages.
    const delegates = (outer: string) =>
      decodeResponseText(
        envelope(
          `<m:GetDelegateResponse ${M} ${T} ResponseClass="${outer}">` +
            `${outer === 'Error' ? '<m:MessageText>No access</m:MessageText><m:ResponseCode>ErrorAccessDenied</m:ResponseCode>' : '<m:ResponseCode>NoError</m:ResponseCode>'}` +
            '<m:ResponseMessages><m:DelegateUserResponseMessageType ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
            '<m:DelegateUser><t:UserId><t:PrimarySmtpAddress>bob@contoso.test</t:PrimarySmtpAddress></t:UserId></m:DelegateUser>' +
            '</m:DelegateUserResponseMessageType></m:ResponseMessages></m:GetDelegateResponse>',
        ),
        'GetDelegate',
      );
    expect(readGetDelegate(delegates('Success')).delegates).toHaveLength(1);
    let refused: unknown;
    try {
      readGetDelegate(delegates('Error'));
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: 'EWS_RESPONSE', responseCode: 'ErrorAccessDenied' });
  },
  readSendNotification() {
    const push = (notification: string) =>
      envelope(
        `<m:SendNotification ${M} ${T}><m:ResponseMessages><m:SendNotificationResponseMessage ResponseClass="Success">` +
          `<m:ResponseCode>NoError</m:ResponseCode>${notification}</m:SendNotificationResponseMessage></m:ResponseMessages></m:SendNotification>`,
      );
    expect(readSendNotification(push(statusNotification))).toHaveLength(1);
    expect(() =>
      readSendNotification(
        push(statusNotification.replace('<t:SubscriptionId>sub-1</t:SubscriptionId>', '')),
      ),
    ).toThrow('A Notification without its SubscriptionId');
  },
  readNotification() {
    const event = (inner: string, type = 'CreatedEvent') =>
      parseXml(
        `<m:Notification ${M} ${T}><t:SubscriptionId>sub-1</t:SubscriptionId><t:${type}>` +
          `<t:TimeStamp>2026-03-02T09:30:00Z</t:TimeStamp>${inner}</t:${type}></m:Notification>`,
      );
    const parent = '<t:ParentFolderId Id="AQMkInbox="/>';
    expect(readNotification(event(`<t:ItemId Id="AAMk1="/>${parent}`)).events[0]).toMatchObject({
      itemId: { id: 'AAMk1=' },
      parentFolderId: { id: 'AQMkInbox=' },
    });
    expect(() => readNotification(event(`<t:ItemID Id="AAMk1="/>${parent}`))).toThrow(
      'CreatedEvent without ItemId or FolderId',
    );
    expect(() => readNotification(event('<t:ItemId Id="AAMk1="/>'))).toThrow(
      'CreatedEvent without ParentFolderId',
    );
    expect(() => readNotification(event(`<t:ItemId ChangeKey="CQ"/>${parent}`))).toThrow(
      'CreatedEvent has a ItemId without its Id',
    );
    expect(() => readNotification(event(`<t:ItemId Id="AAMk1="/>${parent}`, 'MovedEvent'))).toThrow(
      'MovedEvent without OldItemId or OldFolderId',
    );
    expect(() =>
      readNotification(
        parseXml(`<m:Notification ${M} ${T}><t:SubscriptionId>sub-1</t:SubscriptionId></m:Notification>`),
      ),
    ).toThrow('The Notification of sub-1 has no event');
  },
  readSyncFolderItems() {
    const page = (changes: string) =>
      readSyncFolderItems(
        decodeResponseText(
          answer(
            'SyncFolderItems',
            success(
              'SyncFolderItems',
              `<m:SyncState>H4sI</m:SyncState><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange><m:Changes>${changes}</m:Changes>`,
            ),
          ),
          'SyncFolderItems',
        ),
      );
    expect(
      page(
        `<t:Create>${item(1)}</t:Create><t:Delete><t:ItemId Id="AAMk2="/></t:Delete>` +
          '<t:ReadFlagChange><t:ItemId Id="AAMk3="/><t:IsRead>true</t:IsRead></t:ReadFlagChange>',
      ).changes.map((change) => change.kind),
    ).toEqual(['create', 'delete', 'readFlagChange']);
    // Before, each of these was a change with an empty id, a default, or silently skipped.
    expect(() => page(`<t:Create>${misspelt(item(1))}</t:Create>`)).toThrow(
      'SyncFolderItems answered a Message without an ItemId',
    );
    expect(() => page('<t:Delete><t:ItemID Id="AAMk2="/></t:Delete>')).toThrow(
      'SyncFolderItems answered a Delete without its id',
    );
    expect(() => page('<t:ReadFlagChange><t:ItemId Id="AAMk3="/></t:ReadFlagChange>')).toThrow(
      'SyncFolderItems answered a ReadFlagChange without IsRead',
    );
    expect(() => page('<t:Update/>')).toThrow(
      'SyncFolderItems answered a Update with 0 elements, expected 1',
    );
    expect(() => page('<t:Moved><t:ItemId Id="AAMk2="/></t:Moved>')).toThrow(
      'SyncFolderItems answered an unknown change <Moved>',
    );
  },
  readSyncFolderHierarchy() {
    const page = (changes: string) =>
      readSyncFolderHierarchy(
        decodeResponseText(
          answer(
            'SyncFolderHierarchy',
            success(
              'SyncFolderHierarchy',
              `<m:SyncState>H4sI</m:SyncState><m:IncludesLastFolderInRange>true</m:IncludesLastFolderInRange><m:Changes>${changes}</m:Changes>`,
            ),
          ),
          'SyncFolderHierarchy',
        ),
      );
    expect(
      page(`<t:Create>${folder(1)}</t:Create><t:Delete><t:FolderId Id="AQMk2="/></t:Delete>`).changes,
    ).toHaveLength(2);
    expect(() => page(`<t:Create>${misspelt(folder(1))}</t:Create>`)).toThrow(
      'SyncFolderHierarchy answered a Create folder without its FolderId',
    );
    expect(() => page('<t:Delete/>')).toThrow('SyncFolderHierarchy answered a Delete without its id');
  },
  readResolveNamesResult() {
    const resolve = (set: string) =>
      readResolveNamesResult(
        decodeResponseText(answer('ResolveNames', success('ResolveNames', set)), 'ResolveNames'),
      );
    const resolution =
      '<t:Resolution><t:Mailbox><t:EmailAddress>anne@contoso.test</t:EmailAddress></t:Mailbox></t:Resolution>';
    expect(resolve(resolutionSet).mailboxes).toHaveLength(1);
    expect(() =>
      resolve(
        `<m:ResolutionSet TotalItemsInView="1" IncludesLastItemInRange="true">${resolution.repeat(2)}</m:ResolutionSet>`,
      ),
    ).toThrow('ResolveNames ResolutionSet: 2 Resolution elements, but TotalItemsInView is 1');
    expect(() =>
      resolve(`<m:ResolutionSet IncludesLastItemInRange="true">${resolution.repeat(101)}</m:ResolutionSet>`),
    ).toThrow('ResolveNames ResolutionSet: 101 Resolution elements, the schema allows at most 100');
    expect(() =>
      resolve(
        '<m:ResolutionSet TotalItemsInView="1" IncludesLastItemInRange="true"><t:Resolution><t:Contact/></t:Resolution></m:ResolutionSet>',
      ),
    ).toThrow('ResolveNames answered a Resolution without its Mailbox');
    expect(() => resolve('')).toThrow('ResolveNames answered without a ResolutionSet');
    // Fewer than the view holds is not the whole list.
    expect(
      resolve(
        `<m:ResolutionSet TotalItemsInView="2" IncludesLastItemInRange="true">${resolution}</m:ResolutionSet>`,
      ).complete,
    ).toBe(false);
  },
  readExpandDL() {
    const expand = (list: string) =>
      readExpandDL(decodeResponseText(answer('ExpandDL', success('ExpandDL', list)), 'ExpandDL'));
    const member = '<t:Mailbox><t:EmailAddress>anne@contoso.test</t:EmailAddress></t:Mailbox>';
    expect(() =>
      expand(
        `<m:DLExpansion TotalItemsInView="2" IncludesLastItemInRange="true">${member.repeat(3)}</m:DLExpansion>`,
      ),
    ).toThrow('ExpandDL DLExpansion: 3 Mailbox elements, but TotalItemsInView is 2');
    expect(() => expand('')).toThrow('ExpandDL answered without a DLExpansion');
  },
};

describe('readers whose answers hold lists no request counts check what the schema allows', () => {
  it.each(Object.entries(SHAPE_READERS))('%s', (_, check) => check());
});

describe('a list the server sizes is still never empty where the schema requires a message', () => {
  // m:ArrayOfResponseMessagesType is a choice with minOccurs 1; GetDelegate's
  // ArrayOfDelegateUserResponseMessageType requires one DelegateUserResponseMessageType. Before,
  // each of these read as "nothing happened".
  const refused = (read: () => unknown, operation: string) => {
    let thrown: unknown;
    try {
      read();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EwsProtocolError);
    expect(thrown).toMatchObject({ code: 'EWS_PROTOCOL', operation });
  };

  it('a GetStreamingEvents document with an empty or missing ResponseMessages', () => {
    for (const list of ['<m:ResponseMessages/>', '']) {
      // Refused while decoding (core reads ResponseMessages as required) or by the reader.
      const read = () =>
        readGetStreamingEvents(
          decodeResponseText(
            envelope(`<m:GetStreamingEventsResponse ${M} ${T}>${list}</m:GetStreamingEventsResponse>`),
            'GetStreamingEvents',
          ),
          ['sub-1'],
        );
      refused(read, 'GetStreamingEvents');
    }
  });

  it('a SendNotification body with no message, or a message without exactly one Notification', () => {
    const push = (messages: string) =>
      envelope(
        `<m:SendNotification ${M} ${T}><m:ResponseMessages>${messages}</m:ResponseMessages></m:SendNotification>`,
      );
    const message = (inner: string) =>
      `<m:SendNotificationResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${inner}</m:SendNotificationResponseMessage>`;
    refused(() => readSendNotification(push('')), 'SendNotification');
    refused(
      () => readSendNotification(envelope(`<m:SendNotification ${M} ${T}></m:SendNotification>`)),
      'SendNotification',
    );
    refused(() => readSendNotification(push(message(''))), 'SendNotification');
    refused(() => readSendNotification(push(message(statusNotification.repeat(2)))), 'SendNotification');
    expect(readSendNotification(push(message(statusNotification).repeat(2)))).toHaveLength(2);
  });

  it('a GetDelegate answer with an empty ResponseMessages (left out, it means no delegates)', () => {
    const delegates = (list: string) =>
      decodeResponseText(
        envelope(
          `<m:GetDelegateResponse ${M} ${T} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${list}` +
            '<m:DeliverMeetingRequests>DelegatesAndMe</m:DeliverMeetingRequests></m:GetDelegateResponse>',
        ),
        'GetDelegate',
      );
    expect(readGetDelegate(delegates(''))).toEqual({
      delegates: [],
      deliverMeetingRequests: 'DelegatesAndMe',
    });
    refused(() => readGetDelegate(delegates('<m:ResponseMessages/>')), 'GetDelegate');
  });

  it('GetDelegate reads its enumerations and the required UserId strictly', () => {
    const delegate = (user: string, deliver = 'DelegatesAndMe') =>
      decodeResponseText(
        envelope(
          `<m:GetDelegateResponse ${M} ${T} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
            '<m:ResponseMessages><m:DelegateUserResponseMessageType ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
            `<m:DelegateUser>${user}</m:DelegateUser></m:DelegateUserResponseMessageType></m:ResponseMessages>` +
            `<m:DeliverMeetingRequests>${deliver}</m:DeliverMeetingRequests></m:GetDelegateResponse>`,
        ),
        'GetDelegate',
      );
    const bob = '<t:UserId><t:PrimarySmtpAddress>bob@contoso.test</t:PrimarySmtpAddress></t:UserId>';
    const permissions = (level: string) =>
      `<t:DelegatePermissions><t:CalendarFolderPermissionLevel>${level}</t:CalendarFolderPermissionLevel></t:DelegatePermissions>`;
    expect(readGetDelegate(delegate(bob + permissions('Editor'))).delegates[0]?.permissions).toMatchObject({
      calendar: 'Editor',
      inbox: 'None',
    });
    // Before: an unknown level read as None, an unknown delivery was cast, a missing UserId was {}.
    expect(() => readGetDelegate(delegate(bob + permissions('Owner')))).toThrow(
      "DelegatePermissions.CalendarFolderPermissionLevel: 'Owner' is not a DelegateFolderPermissionLevelType value",
    );
    expect(() => readGetDelegate(delegate(bob, 'Everyone'))).toThrow(EwsProtocolError);
    expect(() => readGetDelegate(delegate(permissions('Editor')))).toThrow(
      'GetDelegate answered a DelegateUser without its UserId',
    );
  });
});

describe('the streamed GetAttachment (attachmentContent) checks the answer around the content', () => {
  const attachment = (i: number, content: string) =>
    success(
      'GetAttachment',
      `<m:Attachments><t:FileAttachment><t:AttachmentId Id="AAMkAtt${i}="/><t:Name>file${i}.txt</t:Name>` +
        `<t:Content>${content}</t:Content></t:FileAttachment></m:Attachments>`,
    );
  async function download(xml: string): Promise<string> {
    const bytes = new TextEncoder().encode(xml);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += 37) yield bytes.subarray(at, at + 37);
    }
    let text = '';
    for await (const part of attachmentContent(chunks())) text += new TextDecoder().decode(part);
    return text;
  }

  it('one attachment is downloaded', async () => {
    expect(await download(answer('GetAttachment', attachment(1, 'aGVsbG8=')))).toBe('hello');
  });

  it('a second attachment after the first (one id was sent) fails the download at its end', async () => {
    // Before, the first attachment's bytes came back as the download and the rest was ignored.
    await expect(
      download(answer('GetAttachment', attachment(1, 'aGVsbG8=') + attachment(2, 'b3RoZXI='))),
    ).rejects.toMatchObject({
      code: 'EWS_PROTOCOL',
      requestFate: 'unknown',
      message: 'GetAttachment: 1 entry sent, 2 answers received',
    });
  });
});

/** Read* functions that are not answer readers, or are the shared helpers the readers above use. */
const NOT_ANSWER_READERS: Readonly<Record<string, string>> = {
  readItemNode: 'reads one item element (used after the readers above checked it)',
  readFolderNode: 'reads one folder element',
  readMailbox: 'reads one EmailAddressType element',
  readWholeResponse: 'joins a streamed body and decodes it (internal/streamed-response.ts)',
  readOutcomes: 'the pairing choke point: every ENTRY_READERS reader with mode outcomes',
  readNewItemIds: 'helper of readMoveItem, readCopyItem, readArchiveItem',
  readRequiredIds: 'helper of readUpdateItem, readCreateAttachment and the folder id readers',
  readFolderIds: 'helper of readCreateFolder, readUpdateFolder, readMoveFolder, readCopyFolder',
  readFolderSuccess: 'helper of readDeleteFolder, readEmptyFolder',
  readDelegate: 'reads one DelegateUser element (helper of readGetDelegate and readWriteDelegates)',
  readDictionary: 'reads one Dictionary element (helper of readGetUserConfiguration)',
  readDictionaryObject: 'reads one DictionaryKey/DictionaryValue element',
  readCategoryList: 'reads the XmlData bytes of a configuration readGetUserConfiguration read',
};

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('the list above is complete: a new reader without a count check fails here', () => {
  it('every exported read* function of the package source is in one of the tables', () => {
    const exported = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(
        /export (?:async )?function\*? ?(read[A-Z]\w*)/g,
      ))
        exported.add(match[1] as string);
    }
    const tables = [ENTRY_READERS, SINGLE_READERS, SHAPE_READERS, NOT_ANSWER_READERS];
    const listed = new Set(tables.flatMap((table) => Object.keys(table)));
    const unlisted = [...exported].filter((name) => !listed.has(name)).sort();
    expect(
      unlisted,
      'add each to ENTRY_READERS, SINGLE_READERS or SHAPE_READERS with a wrong-count case',
    ).toEqual([]);
    const stale = [...listed].filter((name) => !exported.has(name)).sort();
    expect(stale).toEqual([]);
  });

  it("only the pairing choke points read a response's messages", () => {
    // internal/outcomes.ts (readOutcomes, pairedMessages) and internal/messages.ts (onlyMessage,
    // soleMessage, everyMessage) are the only ways to a response's ResponseMessages; the decoder
    // that builds a response from streamed text is the one other file naming them.
    const allowed = new Set([
      'internal/outcomes.ts',
      'internal/messages.ts',
      'internal/streamed-response.ts',
    ]);
    const offenders = sourceFiles(SRC)
      .map((file) => file.slice(SRC.length).replaceAll('\\', '/'))
      .filter((file) => !allowed.has(file))
      .filter((file) =>
        /\.messages\b|\{[^}]*\bmessages\b[^}]*\}\s*=/.test(
          withoutComments(readFileSync(join(SRC, file), 'utf8')),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('the errors name no more of the server than they must', () => {
    const huge = `<t:${'X'.repeat(250)}/>`;
    const [outcome] = readGetItem(
      decodeResponseText(
        answer('GetItem', success('GetItem', `<m:Items>${item(1)}${huge}</m:Items>`)),
        'GetItem',
      ),
      1,
    );
    expect(outcome?.ok).toBe(false);
    const message = outcome?.ok === false ? outcome.error.message : '';
    expect(message.length).toBeLessThan(200);
    expect(EwsError.isInstance(outcome?.ok === false ? outcome.error : undefined)).toBe(true);
  });
});
