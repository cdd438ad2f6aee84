import { describe, expect, it } from 'vitest';
import {
  type CalendarItem,
  CalendarItemModel,
  ContactModel,
  FolderModel,
  fromXml,
  type Message,
  MessageModel,
  PlainDate,
  TaskModel,
  toXml,
} from '../src/index.js';
import { fixture, itemsNode } from './helpers/envelopes.js';
import { errorCodeOf } from './helpers/error-code.js';
import { pick, rootOf } from './helpers/xml.js';

const calendarItems = itemsNode(fixture('getitem-calendaritem-2016.xml'), 'GetItemResponse');
const contactAndTask = itemsNode(fixture('getitem-contact-task-2016.xml'), 'GetItemResponse');

describe('fromXml on Exchange 2016 GetItem responses', () => {
  const item = fromXml(CalendarItemModel, pick(calendarItems, 'CalendarItem'));

  it('reads text with entities, ids, enums, numbers and lists', () => {
    expect(item.subject).toBe('Budget review & Q3 <plan> — Ærø');
    expect(item.itemId).toEqual({
      id: 'AAMkADk0N2E4OGI4LTI0ZjQtNDRmNC1iNTQ4LWJjN2I0ZmNjYTVmNABGAAAAAAA=',
      changeKey: 'DwAAABYAAABn+bsB0SUQTK5fnAo7pqtAAAAI+PRL',
    });
    expect(item.conversationId).toEqual({
      id: 'AAQkADk0N2E4OGI4LTI0ZjQtNDRmNC1iNTQ4LWJjN2I0ZmNjYTVmNAAQAGsoZ=',
    });
    expect(item.importance).toBe('High');
    expect(item.size).toBe(6421);
    expect(item.categories).toEqual(['Red category', '007']);
    expect(item.displayCc).toBe('');
    expect(item.webClientReadFormQueryString).toBe(
      'https://mail.example.com/owa/?ItemID=AAMk&exvsurl=1&viewmodel=CalendarItemDetails',
    );
  });

  it('reads the body with its attributes and keeps CR LF', () => {
    expect(item.body).toEqual({
      bodyType: 'HTML',
      value: '<html><body>Line one\r\nLine two</body></html>',
      isTruncated: false,
    });
  });

  it('reads dates with and without offsets as instants', () => {
    expect(item.start?.toISOString()).toBe('2016-10-12T13:15:00.000Z');
    expect(item.end?.toISOString()).toBe('2016-10-12T12:00:00.000Z');
    expect(item.duration).toMatchObject({ minutes: 45, hours: 0 });
  });

  it('reads nested mailboxes and attendees', () => {
    expect(item.organizer).toEqual({
      name: 'John Example',
      emailAddress: 'john@example.com',
      routingType: 'SMTP',
      mailboxType: 'Mailbox',
    });
    expect(item.requiredAttendees).toHaveLength(2);
    expect(item.requiredAttendees?.[0]?.responseType).toBe('Accept');
    expect(item.requiredAttendees?.[0]?.lastResponseTime?.toISOString()).toBe('2016-10-10T10:01:02.500Z');
    expect(item.requiredAttendees?.[1]?.mailbox?.mailboxType).toBe('OneOff');
  });

  it('ignores elements it does not model (InstanceKey, TimeZone), reads EffectiveRights and StartTimeZone', () => {
    const keys = Object.keys(item);
    expect(keys).not.toContain('instanceKey');
    expect(keys).not.toContain('timeZone');
    expect(item.effectiveRights?.createContents).toBe(false);
    expect(item.startTimeZone).toEqual({
      id: 'W. Europe Standard Time',
      name: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    });
    expect(keys).toContain('isOnlineMeeting');
    expect(item.meetingWorkspaceUrl).toBe('');
  });

  it('reads contacts and tasks: dates without drift, decimals, 0/1 booleans, bytes', () => {
    const contact = fromXml(ContactModel, pick(contactAndTask, 'Contact'));
    expect(contact.birthday?.toString()).toBe('1980-02-03');
    expect(contact.weddingAnniversary?.equals(PlainDate.of(2010, 6, 12))).toBe(true);
    expect(contact.children).toEqual(['Ida']);
    expect(contact.fileAsMapping).toBe('LastCommaFirst');
    expect([...(contact.photo ?? [])].slice(0, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const task = fromXml(TaskModel, pick(contactAndTask, 'Task'));
    expect(task.percentComplete).toBe(37.5);
    expect(task.isEditable).toBe(0);
    expect(task.startDate?.toString()).toBe('2024-04-29');
    expect(task.status).toBe('InProgress');
  });

  it('parses XML text whose root is the model element', () => {
    const message = fromXml(
      MessageModel,
      '<t:Message xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><t:Subject>007</t:Subject><t:IsRead>1</t:IsRead><t:Unknown><t:Deep/></t:Unknown></t:Message>',
    );
    expect(message).toEqual({ subject: '007', isRead: true });
    expect(errorCodeOf(() => fromXml(MessageModel, '<t:Task xmlns:t="x"/>'))).toBe('EWS_PROTOCOL');
    expect(errorCodeOf(() => fromXml(MessageModel, '<t:Message>'))).toBe('EWS_PROTOCOL');
  });

  it('decodes each reference exactly once (no double decoding) and reads CDATA', () => {
    const escaped = '<Message><Subject>&amp;#13; &amp;nbsp; &amp;lt; &#x1F600; &#38;lt;</Subject></Message>';
    expect(fromXml(MessageModel, escaped).subject).toBe('&#13; &nbsp; &lt; \u{1F600} &lt;');
    const cdata = '<Message><Subject><![CDATA[a <b> &amp;]]></Subject></Message>';
    expect(fromXml(MessageModel, cdata).subject).toBe('a <b> &amp;');
  });

  it('refuses a DOCTYPE (no entity expansion)', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><Message><Subject>&a;</Subject></Message>';
    expect(errorCodeOf(() => rootOf(bomb))).toBe('EWS_PROTOCOL');
    expect(errorCodeOf(() => fromXml(MessageModel, bomb))).toBe('EWS_PROTOCOL');
  });

  it('reports a malformed value with its path, not its text', () => {
    const bad = '<Message><IsRead>maybe</IsRead></Message>';
    expect(() => fromXml(MessageModel, bad)).toThrowError(/Message\.IsRead: expected an xs:boolean/);
  });
});

describe('toXml', () => {
  const meeting: CalendarItem = {
    subject: 'Plan <Q3> & "more"',
    body: { bodyType: 'Text', value: 'Line 1\r\nLine 2' },
    categories: ['Blue', 'Green'],
    start: new Date('2024-03-01T08:00:00Z'),
    end: new Date('2024-03-01T09:00:00.250Z'),
    isAllDay: false,
    legacyFreeBusyStatus: 'Busy',
    location: 'Room 1',
    requiredAttendees: [{ mailbox: { emailAddress: 'anne@example.com' }, responseType: 'Unknown' }],
  };

  it('writes set fields in table order with escaping', () => {
    expect(toXml(CalendarItemModel, meeting, { version: 'Exchange2016' }).xml).toBe(
      '<t:CalendarItem><t:Subject>Plan &lt;Q3&gt; &amp; "more"</t:Subject>' +
        '<t:Body BodyType="Text">Line 1&#13;\nLine 2</t:Body>' +
        '<t:Categories><t:String>Blue</t:String><t:String>Green</t:String></t:Categories>' +
        '<t:Start>2024-03-01T08:00:00Z</t:Start><t:End>2024-03-01T09:00:00.250Z</t:End>' +
        '<t:IsAllDayEvent>false</t:IsAllDayEvent><t:LegacyFreeBusyStatus>Busy</t:LegacyFreeBusyStatus>' +
        '<t:Location>Room 1</t:Location><t:RequiredAttendees><t:Attendee><t:Mailbox>' +
        '<t:EmailAddress>anne@example.com</t:EmailAddress></t:Mailbox><t:ResponseType>Unknown</t:ResponseType>' +
        '</t:Attendee></t:RequiredAttendees></t:CalendarItem>',
    );
  });

  it('round-trips through fromXml', () => {
    const xml = toXml(CalendarItemModel, meeting, { version: 'Exchange2016' }).xml;
    expect(fromXml(CalendarItemModel, xml)).toEqual(meeting);
  });

  it('leaves read-only fields out on create and writes them in full mode', () => {
    const read = fromXml(CalendarItemModel, pick(calendarItems, 'CalendarItem'));
    const created = toXml(CalendarItemModel, read, { version: 'Exchange2016' }).xml;
    expect(created).not.toContain('<t:ItemId');
    expect(created).not.toContain('<t:Organizer>');
    expect(created).toContain('<t:Subject>');
    const full = toXml(CalendarItemModel, read, { version: 'Exchange2016', mode: 'full' }).xml;
    expect(full).toContain('<t:ItemId Id="AAMkADk0N2E4OGI4');
    expect(fromXml(CalendarItemModel, full)).toEqual(read);
  });

  it('refuses a field the target version does not know, naming field and versions', () => {
    const message: Message = { subject: 'x', textBody: { bodyType: 'Text', value: 'y' } };
    // TextBody is read-only: on create it is dropped before the version check.
    expect(toXml(MessageModel, message, { version: 'Exchange2010' }).xml).toBe(
      '<t:Message><t:Subject>x</t:Subject></t:Message>',
    );
    const contact = { displayName: 'A', phoneticFullName: 'B' };
    expect(() => toXml(ContactModel, contact, { version: 'Exchange2010', mode: 'full' })).toThrowError(
      /Contact\.PhoneticFullName needs Exchange2010_SP2 or newer, but the target version is Exchange2010/,
    );
    expect(errorCodeOf(() => toXml(ContactModel, contact, { version: 'Exchange2010', mode: 'full' }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    expect(toXml(ContactModel, contact, { version: 'Exchange2010_SP2', mode: 'full' }).xml).toContain(
      '<t:PhoneticFullName>B<',
    );
  });

  it('refuses unknown properties, wrong value types and bad options', () => {
    const typo = { subjct: 'x' } as unknown as Message;
    expect(() => toXml(MessageModel, typo, { version: 'Exchange2016' })).toThrowError(
      /no field named 'subjct'/,
    );
    const wrong = { isRead: 'yes' } as unknown as Message;
    expect(() => toXml(MessageModel, wrong, { version: 'Exchange2016' })).toThrowError(
      /Message\.IsRead expects a boolean/,
    );
    const badEnum = { importance: 'Urgent' } as unknown as Message;
    expect(errorCodeOf(() => toXml(MessageModel, badEnum, { version: 'Exchange2016' }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    const version = 'Exchange2099' as 'Exchange2016';
    expect(errorCodeOf(() => toXml(MessageModel, {}, { version }))).toBe('EWS_INVALID_ARGUMENT');
  });

  it('writes attributes escaped and omits empty lists', () => {
    const xml = toXml(
      FolderModel,
      { folderId: { id: 'a"b&c', changeKey: 'k' }, displayName: 'X' },
      { version: 'Exchange2016', mode: 'full' },
    ).xml;
    expect(xml).toBe(
      '<t:Folder><t:FolderId Id="a&quot;b&amp;c" ChangeKey="k"/><t:DisplayName>X</t:DisplayName></t:Folder>',
    );
    expect(fromXml(FolderModel, xml).folderId).toEqual({ id: 'a"b&c', changeKey: 'k' });
    expect(toXml(MessageModel, { toRecipients: [] }, { version: 'Exchange2016' }).xml).toBe('<t:Message/>');
  });
});
