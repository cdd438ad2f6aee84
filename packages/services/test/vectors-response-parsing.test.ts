import { readFileSync } from 'node:fs';
import { buildEnvelope, EwsError, type EwsResponse } from '@ews/core';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildExpandDL,
  buildFindPeople,
  buildGetDelegate,
  buildGetMailTips,
  buildGetRoomLists,
  buildGetRooms,
  buildGetSearchableMailboxes,
  buildResolveNames,
  readCreateItem,
  readExpandDL,
  readFindFolder,
  readFindPeople,
  readGetDelegate,
  readGetFolder,
  readGetMailTips,
  readGetRoomLists,
  readGetRooms,
  readGetSearchableMailboxes,
  readGetStreamingEvents,
  readResolveNames,
  readResolveNamesResult,
  readSendNotification,
} from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { readFolderNode } from '../src/operations/get-folder.js';

// exchangelib's response-parsing.json: every vector is either read here by the services reader
// of its operation, or named below with the test (in another package) that reads it.
interface Vector {
  readonly id: string;
  readonly response_xml?: string;
  readonly upstream_test_asserts?: Record<string, unknown>;
  readonly parsed_by_exchangelib?: unknown;
}
const VECTORS = (loadVectors('response-parsing') as { vectors: Vector[] }).vectors;
const byId = new Map(VECTORS.map((v) => [v.id, v]));
function vector(id: string): Vector & { response_xml: string } {
  const found = byId.get(id);
  if (found?.response_xml === undefined) throw new Error(`no response vector ${id}`);
  return found as Vector & { response_xml: string };
}

const MODELS_TESTS = '../../models/test/';
const ELSEWHERE: Readonly<Record<string, string>> = {
  'get-server-time-zones': `${MODELS_TESTS}response-parsing-server-time-zones.test.ts`,
  'get-persona': `${MODELS_TESTS}response-parsing-persona.test.ts`,
  'get-folder-permission-set': `${MODELS_TESTS}response-parsing.test.ts`,
  'internet-message-headers': `${MODELS_TESTS}response-parsing.test.ts`,
  'field-garbage-values': `${MODELS_TESTS}response-parsing.test.ts`,
  'timezone-field-unknown-id': `${MODELS_TESTS}response-parsing-field-edge-cases.test.ts`,
  'date-with-tz-suffix-1': `${MODELS_TESTS}response-parsing-field-edge-cases.test.ts`,
  'date-with-tz-suffix-2': `${MODELS_TESTS}response-parsing-field-edge-cases.test.ts`,
  'datetime-field-1': `${MODELS_TESTS}response-parsing.test.ts`,
  'datetime-field-2': `${MODELS_TESTS}response-parsing.test.ts`,
  'datetime-field-3': `${MODELS_TESTS}response-parsing.test.ts`,
  'datetime-field-4': `${MODELS_TESTS}response-parsing.test.ts`,
  'extended-property-string-1': `${MODELS_TESTS}extended-properties.test.ts`,
  'extended-property-string-2': `${MODELS_TESTS}extended-properties.test.ts`,
  'extended-property-string-3': `${MODELS_TESTS}extended-properties.test.ts`,
  'server-version-info-1': '../../core/test/versions/versions.test.ts',
  'server-version-info-2': '../../core/test/versions/versions.test.ts',
  'server-version-info-3': '../../core/test/versions/versions.test.ts',
  'server-version-info-4': '../../core/test/versions/versions.test.ts',
  'server-version-info-5': '../../core/test/versions/versions.test.ts',
  'server-version-info-missing': '../../core/test/versions/versions.test.ts',
};
const HERE = new Set<string>();

/** The response as EwsClient.send hands it to a reader. */
function responseOf(xml: string, operation: string): EwsResponse {
  return decodeResponseText(xml, operation);
}

/** A vector's response, read by `read`; records the vector as covered here. */
function readVector<T>(id: string, operation: string, read: (response: EwsResponse) => T): T {
  HERE.add(id);
  return read(responseOf(vector(id).response_xml, operation));
}

// The requests for these operations, built by the same modules, validated against the schema.
const recorder = createEnvelopeRecorder();
const request = (body: string) => recorder.record(buildEnvelope({ version: 'Exchange2016', body }));
afterAll(() => recorder.assertAllValid());

describe('response-parsing.json, read by the services readers', () => {
  it('get-room-lists', () => {
    request(buildGetRoomLists().xml);
    const lists = readVector('get-room-lists', 'GetRoomLists', readGetRoomLists);
    expect(lists.map((l) => l.emailAddress)).toEqual(
      vector('get-room-lists').upstream_test_asserts?.email_addresses,
    );
    expect(lists[0]).toEqual({
      name: 'Roomlist',
      emailAddress: 'roomlist1@example.com',
      routingType: 'SMTP',
      mailboxType: 'PublicDL',
    });
  });

  it('get-rooms', () => {
    request(buildGetRooms('rooms@example.com').xml);
    const rooms = readVector('get-rooms', 'GetRooms', readGetRooms);
    expect(rooms.map((r) => r.emailAddress)).toEqual(
      vector('get-rooms').upstream_test_asserts?.email_addresses,
    );
    expect(rooms.map((r) => [r.name, r.mailboxType])).toEqual([
      ['room1', 'Mailbox'],
      ['room2', 'Mailbox'],
    ]);
  });

  it('resolve-names-multiple-results-warning: the Warning still yields every candidate', () => {
    request(buildResolveNames({ entry: 'John' }).xml);
    const mailboxes = readVector('resolve-names-multiple-results-warning', 'ResolveNames', readResolveNames);
    expect(mailboxes.map((m) => m.emailAddress)).toEqual(
      vector('resolve-names-multiple-results-warning').upstream_test_asserts?.email_addresses,
    );
    expect(mailboxes[1]).toEqual({
      name: 'John Deer',
      emailAddress: 'john@example.com',
      routingType: 'SMTP',
      mailboxType: 'Mailbox',
    });
    const result = readResolveNamesResult(
      responseOf(vector('resolve-names-multiple-results-warning').response_xml, 'ResolveNames'),
    );
    expect(result.complete).toBe(true);
  });

  it('resolve-names-not-last-page: the result says it is not complete (exchangelib warns)', () => {
    const result = readVector('resolve-names-not-last-page', 'ResolveNames', readResolveNamesResult);
    expect(result.complete).toBe(false);
    expect(result.mailboxes.map((m) => m.name)).toEqual(['John Doe', 'John Deer']);
  });

  it('get-searchable-mailboxes: searchable and failed mailboxes in order', () => {
    request(
      buildGetSearchableMailboxes({ searchFilter: 'team@example.com', expandGroupMembership: true }).xml,
    );
    request(buildGetSearchableMailboxes().xml);
    const mailboxes = readVector(
      'get-searchable-mailboxes',
      'GetSearchableMailboxes',
      readGetSearchableMailboxes,
    );
    expect(mailboxes).toEqual([
      {
        type: 'SearchableMailbox',
        guid: '33a408fe-2574-4e3b-49f5-5e1e000a3035',
        primarySmtpAddress: 'LOLgroup@example.com',
        isExternalMailbox: false,
        displayName: 'LOLgroup',
        isMembershipGroup: true,
        referenceId: '/o=First/ou=Exchange(FYLT)/cn=Recipients/cn=81213b958a0b5295b13b3f02b812bf1bc-LOLgroup',
      },
      {
        type: 'FailedMailbox',
        mailbox: 'FAILgroup@example.com',
        errorCode: 123,
        errorMessage: 'Catastrophic Failure',
        isArchive: true,
      },
    ]);
  });

  it('expand-dl: the malformed fixture is refused; with its end tags repaired it reads as exchangelib reads it', () => {
    request(buildExpandDL('team@example.com').xml);
    HERE.add('expand-dl');
    const xml = vector('expand-dl').response_xml;
    expect(() => responseOf(xml, 'ExpandDL')).toThrow(EwsError);
    const repaired = xml
      .replace('</ExpandDLResponse>', '</m:ExpandDLResponse>')
      .replace('</soap:Body>', '</s:Body>')
      .replace('</soap:Envelope>', '</s:Envelope>');
    const result = readExpandDL(responseOf(repaired, 'ExpandDL'));
    expect(result.mailboxes.map(({ name, emailAddress }) => ({ name, email_address: emailAddress }))).toEqual(
      vector('expand-dl').upstream_test_asserts?.mailboxes,
    );
    // The fixture says TotalItemsInView="3" around two members: two of three is not the whole list.
    expect(result.complete).toBe(false);
    const whole = readExpandDL(
      responseOf(repaired.replace('TotalItemsInView="3"', 'TotalItemsInView="2"'), 'ExpandDL'),
    );
    expect(whole.complete).toBe(true);
  });

  it('get-mail-tips: recipient, empty out-of-office reply and custom tip', () => {
    request(
      buildGetMailTips({ sendingAs: 'john@example.com', recipients: ['anne@example.com', 'b@example.com'] })
        .xml,
    );
    request(
      buildGetMailTips({
        sendingAs: 'john@example.com',
        recipients: ['anne@example.com'],
        requested: ['OutOfOfficeMessage', 'CustomMailTip'],
      }).xml,
    );
    const outcomes = readVector('get-mail-tips', 'GetMailTips', (r) => readGetMailTips(r, 1));
    expect(outcomes).toEqual([
      {
        ok: true,
        value: {
          recipient: { emailAddress: 'user2@contoso.com', routingType: 'SMTP' },
          pendingMailTips: [],
          outOfOffice: { message: '' },
          customMailTip: 'Hello World Mailtips',
        },
      },
    ]);
  });

  it('get-delegate: the malformed fixture is refused; repaired, missing levels read as None', () => {
    request(buildGetDelegate('john@example.com').xml);
    HERE.add('get-delegate');
    const xml = vector('get-delegate').response_xml;
    expect(() => responseOf(xml, 'GetDelegate')).toThrow(EwsError);
    const repaired = xml.replace(
      '<t:InboxFolderPermissionLevel>Reviewer</t:ContactsFolderPermissionLevel>',
      '<t:InboxFolderPermissionLevel>Reviewer</t:InboxFolderPermissionLevel>',
    );
    const result = readGetDelegate(responseOf(repaired, 'GetDelegate'));
    const [expected] = (vector('get-delegate').upstream_test_asserts?.items ?? []) as {
      user_id: { sid: string; primary_smtp_address: string; display_name: string };
      delegate_permissions: Record<string, string>;
      receive_copies_of_meeting_messages: boolean;
      view_private_items: boolean;
    }[];
    expect(result.delegates).toEqual([
      {
        userId: {
          sid: expected!.user_id.sid,
          primarySmtpAddress: expected!.user_id.primary_smtp_address,
          displayName: expected!.user_id.display_name,
        },
        permissions: {
          calendar: expected!.delegate_permissions.calendar_folder_permission_level,
          tasks: expected!.delegate_permissions.tasks_folder_permission_level,
          inbox: expected!.delegate_permissions.inbox_folder_permission_level,
          contacts: expected!.delegate_permissions.contacts_folder_permission_level,
          notes: expected!.delegate_permissions.notes_folder_permission_level,
          journal: expected!.delegate_permissions.journal_folder_permission_level,
        },
        receiveCopiesOfMeetingMessages: expected!.receive_copies_of_meeting_messages,
        viewPrivateItems: expected!.view_private_items,
      },
    ]);
    expect(result.deliverMeetingRequests).toBe('DelegatesAndMe');
  });

  it('find-people: one persona (RelevanceScore as a number, see the models README)', () => {
    request(buildFindPeople({ folder: 'directory', query: 'Foo', maxEntries: 10 }).xml);
    // exchangelib's hand-written answer puts <m:Persona> in <m:People>; types.xsd's ArrayOfPeopleType
    // and Microsoft's FindPeople example (captured from Exchange 2013 and 2016) have <t:Persona>.
    // Read as written it is refused (an element out of place); read as Exchange writes it, it is read.
    const { response_xml: written } = vector('find-people');
    expect(() => readFindPeople(responseOf(written, 'FindPeople'))).toThrow(
      /<m:Persona> in namespace http:\/\/schemas.microsoft.com\/exchange\/services\/2006\/messages is not allowed inside <m:People>/,
    );
    HERE.add('find-people');
    const result = readFindPeople(responseOf(written.replaceAll('m:Persona>', 't:Persona>'), 'FindPeople'));
    expect(result.totalInView).toBe(1);
    expect(result.people).toHaveLength(1);
    expect(result.people[0]).toMatchObject({
      personaId: { id: 'AAAA=' },
      displayName: 'Foo B. Smith',
      emailAddress: { name: 'Foo Smith', emailAddress: 'foo@example.com', routingType: 'SMTP' },
      relevanceScore: 2147483647,
    });
  });

  it('create-item-empty-items: each empty <m:Items/> is a success without an id', () => {
    const outcomes = readVector('create-item-empty-items', 'CreateItem', (r) => readCreateItem(r, 2));
    expect(outcomes).toEqual([
      { ok: true, value: undefined },
      { ok: true, value: undefined },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual(
      vector('create-item-empty-items').upstream_test_asserts?.result,
    );
  });

  it('push-notification-sendnotification: the callback body Exchange POSTs', () => {
    HERE.add('push-notification-sendnotification');
    const notifications = readSendNotification(vector('push-notification-sendnotification').response_xml);
    expect(notifications).toEqual([
      {
        subscriptionId: 'XXXXX=',
        previousWatermark: 'AAAAA=',
        moreEvents: false,
        events: [{ type: 'StatusEvent', watermark: 'BBBBB=' }],
      },
    ]);
  });

  it('streaming-connection-closed', () => {
    const events = readVector('streaming-connection-closed', 'GetStreamingEvents', (r) =>
      readGetStreamingEvents(r, ['AAAA=']),
    );
    expect(events).toEqual({ notifications: [], connectionStatus: 'Closed' });
  });

  it('public-folders-sequence-1…6: the root, its children, and their children', () => {
    const [root] = readVector('public-folders-sequence-1', 'GetFolder', (r) => readGetFolder(r, 1));
    expect(root).toMatchObject({
      ok: true,
      value: { displayName: 'publicfoldersroot', folderClass: 'IPF.Note' },
    });
    const children = readVector('public-folders-sequence-2', 'FindFolder', readFindFolder);
    expect(children.folders.map((f) => f.displayName)).toEqual(['Sample Contacts', 'Sample Folder']);
    expect(children.folders[0]).toMatchObject({ childFolderCount: 2, totalCount: 0, unreadCount: 0 });
    // The mock answers a two-folder GetFolder with one message holding both folders (Exchange
    // sends one message per folder, which readGetFolder reads): read each folder node.
    const named = (id: string) =>
      readVector(id, 'GetFolder', (r) =>
        r.messages.flatMap((m) =>
          m.node.children.filter((c) => c.name === 'Folders').flatMap((f) => f.children),
        ),
      ).map((node) => readFolderNode(node).displayName);
    expect(named('public-folders-sequence-3')).toEqual(['Sample Contacts', 'Sample Folder']);
    // readGetFolder itself never pairs that answer by position: two folders sent, one message.
    const paired = readVector('public-folders-sequence-3', 'GetFolder', (r) => readGetFolder(r, 2));
    expect(paired.map((o) => (o.ok ? 'ok' : o.error.message))).toEqual([
      'GetFolder: 2 entries sent, 1 answer received',
      'GetFolder: 2 entries sent, 1 answer received',
    ]);
    // Sent for one folder, the message naming two is refused too.
    const [one] = readVector('public-folders-sequence-3', 'GetFolder', (r) => readGetFolder(r, 1));
    expect(one?.ok === false && one.error.message).toBe(
      'GetFolder answered 2 elements (Folder, Folder) for one entry',
    );
    const grandchildren = readVector('public-folders-sequence-4', 'FindFolder', readFindFolder);
    expect(grandchildren.folders.map((f) => f.displayName)).toEqual([
      'Sample Subfolder1',
      'Sample Subfolder2',
    ]);
    expect(named('public-folders-sequence-5')).toEqual(['Sample Subfolder1', 'Sample Subfolder2']);
    const empty = readVector('public-folders-sequence-6', 'FindFolder', readFindFolder);
    expect(empty).toEqual({ folders: [], includesLastItemInRange: true, totalItemsInView: 0 });
  });
});

describe('no vector of response-parsing.json is left out', () => {
  it('every vector is read above or named with the test that reads it', () => {
    // Runs after the tests above (vitest keeps file order), so HERE is complete.
    const all = VECTORS.map((v) => v.id).sort();
    const covered = [...HERE, ...Object.keys(ELSEWHERE)].sort();
    expect(covered).toEqual(all);
  });

  it.each(Object.entries(ELSEWHERE))('%s is read in %s', (id, file) => {
    expect(readFileSync(new URL(file, import.meta.url), 'utf8')).toContain(id);
  });
});
