import { afterEach, describe, expect, it } from 'vitest';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { decodeSoapEnvelope, decodeSoapResponse } from '../../src/soap/response.js';
import * as responses from '../helpers/exchange-responses.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';
import { protocolRefusal as refusal } from '../helpers/protocol-refusal.js';

// Issue 12, defect 9: an answer whose SOAP or EWS namespace URIs were replaced read as a normal
// success. The envelope and Body must be SOAP 1.1's, the answer element EWS's messages one, and
// an element of any other namespace is never read as one of EWS's.

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';

describe('decodeSoapResponse checks namespaces', () => {
  const inbox = responses.getFolderInboxResponse();

  it('accepts the Exchange-shaped answer', () => {
    const decoded = decodeSoapResponse(inbox, 'GetFolder');
    expect(decoded.messages.map((message) => message.responseCode)).toEqual(['NoError']);
  });

  it('refuses an envelope whose SOAP namespace was replaced', () => {
    const xml = inbox.replaceAll(SOAP, 'http://schemas.xmlsoap.org/soap/envelope-evil/');
    expect(refusal(() => decodeSoapResponse(xml, 'GetFolder'))).toMatch(
      /^Expected a SOAP 1.1 Envelope \(namespace http:\/\/schemas.xmlsoap.org\/soap\/envelope\/\), got <Envelope> in namespace http:\/\/schemas.xmlsoap.org\/soap\/envelope-evil\/$/,
    );
    // SOAP 1.2's envelope is not SOAP 1.1's.
    const soap12 = inbox.replaceAll(SOAP, 'http://www.w3.org/2003/05/soap-envelope');
    expect(refusal(() => decodeSoapResponse(soap12, 'GetFolder'))).toMatch(
      /got <Envelope> in namespace http:\/\/www.w3.org\/2003\/05\/soap-envelope/,
    );
  });

  it('refuses an answer whose messages namespace was replaced', () => {
    const xml = inbox.replaceAll(MESSAGES, 'urn:evil-messages');
    expect(refusal(() => decodeSoapResponse(xml, 'GetFolder'))).toMatch(
      /Expected the answer element in the EWS messages namespace \(http:\/\/schemas.microsoft.com\/exchange\/services\/2006\/messages\) or a SOAP Fault, got <GetFolderResponse> in namespace urn:evil-messages/,
    );
  });

  it('refuses elements of a replaced types namespace (they would read as absent)', () => {
    // m:Folders holds t:Folder elements (types.xsd's ArrayOfFoldersType); a Folder of another
    // namespace is not one, and reading past it would give a folder list that is silently empty.
    const xml = inbox.replaceAll(TYPES, 'urn:evil-types');
    expect(refusal(() => decodeSoapResponse(xml, 'GetFolder'))).toMatch(
      /<t:Folder> in namespace urn:evil-types is not allowed inside <m:Folders>/,
    );
  });

  it('refuses a Body, a Header or a Fault of the wrong namespace', () => {
    const tBody = inbox.replace('<s:Body ', `<t:Body xmlns:t="${TYPES}"/><s:Body `);
    expect(refusal(() => decodeSoapResponse(tBody, 'GetFolder'))).toMatch(
      /Expected the SOAP Body \(namespace http:\/\/schemas.xmlsoap.org\/soap\/envelope\/\) in the Envelope, got <Body> in namespace http:\/\/schemas.microsoft.com\/exchange\/services\/2006\/types/,
    );
    const mHeader = inbox.replace('<s:Header>', `<m:Header xmlns:m="${MESSAGES}"/><s:Header>`);
    expect(refusal(() => decodeSoapResponse(mHeader, 'GetFolder'))).toMatch(
      /Expected the SOAP Header or Body \(namespace/,
    );
    const fault = responses
      .serverBusyFault(1000)
      .replace('<s:Fault>', `<m:Fault xmlns:m="${MESSAGES}">`)
      .replace('</s:Fault>', '</m:Fault>');
    // An m:Fault is no SOAP Fault: its unqualified parts are out of place in the messages namespace.
    expect(refusal(() => decodeSoapResponse(fault, 'GetFolder'))).toMatch(
      /<faultcode> in no namespace is not allowed inside <m:Fault>/,
    );
    const foreignFault = responses
      .serverBusyFault(1000)
      .replace('<s:Fault>', '<x:Fault xmlns:x="urn:x">')
      .replace('</s:Fault>', '</x:Fault>');
    expect(refusal(() => decodeSoapEnvelope(foreignFault))).toMatch(/got <Fault> in namespace urn:x/);
  });

  it('holds the Envelope to the shape SOAP 1.1 gives it: Header?, Body, then qualified extras', () => {
    // A Header moved to another namespace must not drop ServerVersionInfo silently.
    const foreignHeader = inbox
      .replace('<s:Header>', '<x:Header xmlns:x="urn:x">')
      .replace('</s:Header>', '</x:Header>');
    expect(refusal(() => decodeSoapResponse(foreignHeader, 'GetFolder'))).toMatch(
      /Expected the SOAP Header or Body .* got <Header> in namespace urn:x/,
    );
    // The Body directly follows the Header.
    const beforeBody = inbox.replace('<s:Body ', '<x:Body xmlns:x="urn:x"/><s:Body ');
    expect(refusal(() => decodeSoapResponse(beforeBody, 'GetFolder'))).toMatch(
      /Expected the SOAP Body .* got <Body> in namespace urn:x/,
    );
    // After the Body: elements of another namespace only.
    const extra = inbox.replace('</s:Envelope>', '<x:Trailer xmlns:x="urn:x"><y/></x:Trailer></s:Envelope>');
    expect(decodeSoapResponse(extra, 'GetFolder').messages).toHaveLength(1);
    for (const after of ['<Trailer/>', '<s:Body/>', '<s:Header/>']) {
      const xml = inbox.replace('</s:Envelope>', `${after}</s:Envelope>`);
      expect(refusal(() => decodeSoapResponse(xml, 'GetFolder'))).toMatch(
        /After the SOAP Body an Envelope holds only elements of other namespaces/,
      );
    }
  });

  it('refuses a Body with more than the answer, and ResponseMessages of another namespace', () => {
    const two = inbox.replace('</s:Body>', `<m:GetFolderResponse xmlns:m="${MESSAGES}"/></s:Body>`);
    expect(refusal(() => decodeSoapResponse(two, 'GetFolder'))).toMatch(/The SOAP Body holds 2 elements/);
    const foreignMessage = inbox.replace(
      '<m:ResponseMessages>',
      '<m:ResponseMessages><x:GetFolderResponseMessage xmlns:x="urn:x" ResponseClass="Success"/>',
    );
    expect(refusal(() => decodeSoapResponse(foreignMessage, 'GetFolder'))).toMatch(
      /<x:GetFolderResponseMessage> in namespace urn:x is not allowed inside <m:ResponseMessages>/,
    );
  });

  it('reads a fault whose parts are unqualified, as SOAP 1.1 has them', () => {
    const decoded = decodeSoapEnvelope(responses.serverBusyFault(1500));
    expect(decoded.fault?.responseCode).toBe('ErrorServerBusy');
    expect(decoded.fault?.faultString).toMatch(/cannot service this request/);
    // A faultstring in another namespace is not the fault's, and SOAP 1.1 allows nothing else in a
    // Fault: refused (a faultcode moved so would otherwise read as absent).
    const forged = responses
      .serverBusyFault(1500)
      .replace('<faultstring', '<x:faultstring xmlns:x="urn:x">forged</x:faultstring><faultstring');
    expect(refusal(() => decodeSoapEnvelope(forged))).toMatch(
      /A SOAP Fault holds only unqualified faultcode, faultstring, faultactor and detail, got <faultstring> in namespace urn:x/,
    );
  });

  it('keeps a namespace URI in a message bounded', () => {
    const xml = inbox.replaceAll(MESSAGES, `urn:${'x'.repeat(50_000)}`);
    expect(refusal(() => decodeSoapResponse(xml, 'GetFolder')).length).toBeLessThan(600);
  });
});

describe('EwsClient.send with a replaced namespace', () => {
  let server: FakeEwsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('fails with EWS_PROTOCOL instead of reading the answer as a success', async () => {
    const answer = responses.getFolderInboxResponse().replaceAll(MESSAGES, 'urn:evil');
    server = await startFakeEws(() => ({ body: answer }));
    await using client = new EwsClient({ url: server.url });
    const error = await client
      .send({ operation: 'GetFolder', body: `<m:GetFolder xmlns:m="${MESSAGES}"/>` })
      .catch((caught) => caught);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_PROTOCOL');
    expect(error.message).toMatch(/namespace urn:evil/);
  });
});
