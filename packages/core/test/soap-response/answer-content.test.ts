import { describe, expect, it } from 'vitest';
import { decodeSoapEnvelope, decodeSoapResponse } from '../../src/soap/response.js';
import { child, children } from '../../src/xml/parse.js';
import * as responses from '../helpers/exchange-responses.js';
import { protocolRefusal as refusal } from '../helpers/protocol-refusal.js';

// Issue 12: inside an EWS answer an element of a foreign namespace, or one moved between the
// messages and types namespaces, read as absent or as if in place: FindItem's RootFolder moved
// away gave 0 items (a query's get() then said "does not exist"), a foreign Subject gave "no
// subject", a t:Create moved to messages was read as a change, a foreign Header dropped
// ServerVersionInfo, a foreign element in MessageXml became an entry. decodeSoapEnvelope reads with
// EWS_ANSWER_CONTENT (from messages.xsd and types.xsd) and refuses them; the schema's xs:any
// content (the SOAP Header, MessageXml, a fault's detail) still takes any namespace.

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

const answer = (operation: string, message: string) =>
  `<s:Envelope xmlns:s="${SOAP}" xmlns:m="${M}" xmlns:t="${T}"><s:Header><t:ServerVersionInfo MajorVersion="15" ` +
  'MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11"/></s:Header>' +
  `<s:Body><m:${operation}Response><m:ResponseMessages><m:${operation}ResponseMessage ResponseClass="Success">` +
  `<m:ResponseCode>NoError</m:ResponseCode>${message}</m:${operation}ResponseMessage></m:ResponseMessages>` +
  `</m:${operation}Response></s:Body></s:Envelope>`;

const findItemPage = (root = 'm:RootFolder', items = 't:Items', subject = 't:Subject') =>
  answer(
    'FindItem',
    `<${root} TotalItemsInView="2" IncludesLastItemInRange="true"><${items}>` +
      `<t:Message><t:ItemId Id="AAMk1="/><${subject}>one</${subject}></t:Message>` +
      `<t:Message><t:ItemId Id="AAMk2="/><t:Subject>two</t:Subject></t:Message></${items}></${root}>`,
  );
const itemsOf = (xml: string) => {
  const decoded = decodeSoapResponse(xml, 'FindItem');
  return children(child(decoded.messages[0]?.node, 'RootFolder', 'Items'));
};

describe('an EWS answer is read with the namespaces messages.xsd and types.xsd give its elements', () => {
  it('reads a FindItem page as Exchange writes it', () => {
    expect(itemsOf(findItemPage()).map((item) => child(item, 'Subject')?.text)).toEqual(['one', 'two']);
  });

  it('refuses a RootFolder or its Items moved to another namespace, never reads it as an empty page', () => {
    const foreignRoot = findItemPage('x:RootFolder xmlns:x="urn:x"').replace(
      '</x:RootFolder xmlns:x="urn:x">',
      '</x:RootFolder>',
    );
    expect(refusal(() => itemsOf(foreignRoot))).toMatch(
      /<x:RootFolder> in namespace urn:x is not allowed inside <m:FindItemResponseMessage>/,
    );
    // The messages and types namespaces are both EWS's: a swap between them is refused too.
    const typesRoot = findItemPage('t:RootFolder');
    expect(refusal(() => itemsOf(typesRoot))).toMatch(
      /<t:RootFolder> in namespace http:\/\/schemas.microsoft.com\/exchange\/services\/2006\/types is not allowed inside <m:FindItemResponseMessage>/,
    );
    const messagesItems = findItemPage('m:RootFolder', 'm:Items');
    expect(refusal(() => itemsOf(messagesItems))).toMatch(
      /<m:Items> in namespace .*messages is not allowed inside <m:RootFolder>/,
    );
  });

  it('refuses a field moved to a foreign namespace (it would read as "no subject")', () => {
    const xml = findItemPage().replace(
      '<t:Subject>one</t:Subject>',
      '<x:Subject xmlns:x="urn:x">one</x:Subject>',
    );
    expect(refusal(() => itemsOf(xml))).toMatch(
      /<x:Subject> in namespace urn:x is not allowed inside <t:Message>/,
    );
    // …and a foreign element slipped into the item list (it would be an extra item).
    const extra = findItemPage().replace('<t:Items>', '<t:Items><x:Message xmlns:x="urn:x"/>');
    expect(refusal(() => itemsOf(extra))).toMatch(/<x:Message>/);
  });

  it('refuses a change moved from the types to the messages namespace', () => {
    const sync = (create: string) =>
      answer(
        'SyncFolderItems',
        '<m:SyncState>H4sI</m:SyncState><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange>' +
          `<m:Changes><${create}><t:Message><t:ItemId Id="AAMk1="/></t:Message></${create}></m:Changes>`,
      );
    expect(decodeSoapResponse(sync('t:Create'), 'SyncFolderItems').messages).toHaveLength(1);
    expect(refusal(() => decodeSoapResponse(sync('m:Create'), 'SyncFolderItems'))).toMatch(
      /<m:Create> in namespace .*messages is not allowed inside <m:Changes>/,
    );
  });

  it('refuses a ResponseCode moved to the types namespace', () => {
    const xml = responses
      .getFolderInboxResponse()
      .replace('<m:ResponseCode>NoError</m:ResponseCode>', '<t:ResponseCode>NoError</t:ResponseCode>');
    expect(refusal(() => decodeSoapResponse(xml, 'GetFolder'))).toMatch(/<t:ResponseCode>/);
  });

  it('takes header blocks of any namespace, and refuses an element in the Body outside the schema', () => {
    const inbox = responses.getFolderInboxResponse();
    const withBlock = inbox.replace('<s:Header>', '<s:Header><w:Action xmlns:w="urn:ws"><w:x/></w:Action>');
    expect(decodeSoapResponse(withBlock, 'GetFolder').serverVersion?.MajorVersion).toBe('15');
    const inBody = inbox.replace('<m:ResponseMessages>', '<x:Note xmlns:x="urn:x"/><m:ResponseMessages>');
    expect(refusal(() => decodeSoapResponse(inBody, 'GetFolder'))).toMatch(/<x:Note> in namespace urn:x/);
  });

  it('skips foreign elements in MessageXml (xs:any, lax) instead of making them entries', () => {
    const message = (xml: string) =>
      answer(
        'GetItem',
        `<m:MessageXml>${xml}<t:Value Name="Property">Subject</t:Value></m:MessageXml><m:Items/>`,
      ).replace(
        'ResponseClass="Success"><m:ResponseCode>NoError',
        'ResponseClass="Error"><m:ResponseCode>ErrorInvalidPropertyRequest',
      );
    const decoded = decodeSoapResponse(message('<x:Forged xmlns:x="urn:x">evil</x:Forged>'), 'GetItem');
    expect(decoded.messages[0]?.messageXml).toEqual({ Property: 'Subject' });
    const deep = '<x:d xmlns:x="urn:x">'.repeat(64) + '</x:d>'.repeat(64);
    expect(decodeSoapResponse(message(deep), 'GetItem').messages[0]?.messageXml).toEqual({
      Property: 'Subject',
    });
    // And in a fault's detail (SOAP 1.1: xs:any), whether before MessageXml or inside it.
    const fault = responses
      .serverBusyFault(2000)
      .replace('<t:Value', '<x:Value xmlns:x="urn:x" Name="BackOffMilliseconds">1</x:Value><t:Value');
    expect(decodeSoapEnvelope(fault).fault?.messageXml).toEqual({ BackOffMilliseconds: '2000' });
  });

  it("refuses a fault whose parts are not SOAP 1.1's unqualified ones (a faultcode moved reads as none)", () => {
    const moved = responses
      .serverBusyFault(1000)
      .replace('<faultcode xmlns:a=', '<x:faultcode xmlns:x="urn:x" xmlns:a=')
      .replace('</faultcode>', '</x:faultcode>');
    expect(refusal(() => decodeSoapEnvelope(moved))).toMatch(
      /A SOAP Fault holds only unqualified faultcode, faultstring, faultactor and detail, got <faultcode> in namespace urn:x/,
    );
  });

  it("takes the namespaces Exchange writes where it differs from its schema, as Microsoft's client reads them", () => {
    const streaming = (notification: string, subscriptionId: string) =>
      answer(
        'GetStreamingEvents',
        `<m:Notifications><${notification}><t:SubscriptionId>s1</t:SubscriptionId><t:StatusEvent><t:Watermark>AQ==</t:Watermark></t:StatusEvent></${notification}></m:Notifications>` +
          `<m:ErrorSubscriptionIds><${subscriptionId}>s2</${subscriptionId}></m:ErrorSubscriptionIds>`,
      );
    for (const [notification, id] of [
      ['m:Notification', 'm:SubscriptionId'],
      ['t:Notification', 't:SubscriptionId'],
    ] as const) {
      expect(decodeSoapResponse(streaming(notification, id), 'GetStreamingEvents').messages).toHaveLength(1);
    }
    expect(
      refusal(() =>
        decodeSoapResponse(
          streaming('x:Notification xmlns:x="urn:x"', 'm:SubscriptionId').replace(
            '</x:Notification xmlns:x="urn:x">',
            '</x:Notification>',
          ),
          'GetStreamingEvents',
        ),
      ),
    ).toMatch(/<x:Notification>/);
  });

  it("reads Microsoft's FindPeople example (t:Persona in m:People), and refuses an m:Persona there", () => {
    const people = (persona: string) =>
      `<s:Envelope xmlns:s="${SOAP}"><s:Body><FindPeopleResponse ResponseClass="Success" xmlns="${M}">` +
      `<ResponseCode>NoError</ResponseCode><People><Persona xmlns="${persona}"><PersonaId Id="AAUQ="/></Persona></People>` +
      '<TotalNumberOfPeopleInView>1</TotalNumberOfPeopleInView></FindPeopleResponse></s:Body></s:Envelope>';
    const decoded = decodeSoapResponse(people(T), 'FindPeople');
    expect(child(decoded.responseNode, 'People', 'Persona', 'PersonaId')?.attributes.Id).toBe('AAUQ=');
    expect(refusal(() => decodeSoapResponse(people(M), 'FindPeople'))).toMatch(
      /<Persona> in namespace .*messages is not allowed inside <People>/,
    );
  });
});
