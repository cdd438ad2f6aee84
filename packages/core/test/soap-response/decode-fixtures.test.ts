import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EwsError } from '../../src/errors/ews-error.js';
import { isResponseError } from '../../src/errors/response-error.js';
import { soapFaultError } from '../../src/soap/fault.js';
import { decodeSoapResponse } from '../../src/soap/response.js';
import { responseMessageError } from '../../src/soap/response-message.js';
import { child, children, childText } from '../../src/xml/parse.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/responses/${name}`, import.meta.url), 'utf8');

function thrown(run: () => unknown): EwsError {
  try {
    run();
  } catch (error) {
    if (EwsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an EwsError');
}

describe('decodeSoapResponse on Exchange 2016 answers', () => {
  it('GetFolder success: ServerVersionInfo 15.1.2507.6, one Success message, the folder node', () => {
    const decoded = decodeSoapResponse(fixture('get-folder-inbox.xml'), 'GetFolder');
    expect(decoded.serverVersion).toEqual({
      MajorVersion: '15',
      MinorVersion: '1',
      MajorBuildNumber: '2507',
      MinorBuildNumber: '6',
      Version: 'V2017_07_11',
    });
    expect(decoded.fault).toBeUndefined();
    expect(decoded.responseNode.name).toBe('GetFolderResponse');
    expect(decoded.messages).toHaveLength(1);
    const [message] = decoded.messages;
    expect(message).toMatchObject({ responseClass: 'Success', responseCode: 'NoError', index: 0 });
    expect(message?.messageText).toBeUndefined();
    const folder = child(message?.node, 'Folders', 'Folder');
    expect(childText(folder, 'DisplayName')).toBe('Inbox');
    // No coercion: the server's digits are kept as sent.
    expect(childText(folder, 'TotalCount')).toBe('0012');
    expect(child(folder, 'FolderId')?.attributes.ChangeKey).toBe('AQAAABYAAADkY0hiIcFSRqAYbGkbsCcwAAAAAAMr');
  });

  it('FindItem with ErrorInvalidRestriction: an Error message, as data', () => {
    const decoded = decodeSoapResponse(fixture('find-item-invalid-restriction.xml'), 'FindItem');
    expect(decoded.messages).toEqual([
      expect.objectContaining({
        responseClass: 'Error',
        responseCode: 'ErrorInvalidRestriction',
        messageText: 'Restriction contains an invalid search expression.',
        descriptiveLinkKey: 0,
        messageXml: undefined,
      }),
    ]);
    const error = responseMessageError(decoded.messages[0]!, 'FindItem');
    expect(isResponseError(error, 'ErrorInvalidRestriction')).toBe(true);
    expect(error.message).toBe('ErrorInvalidRestriction: Restriction contains an invalid search expression.');
    expect(error.operation).toBe('FindItem');
    expect(error.requestFate).toBe('executed');
  });

  it('batch GetItem: two successes and ErrorItemNotFound, in request order', () => {
    const decoded = decodeSoapResponse(fixture('get-item-batch-not-found.xml'), 'GetItem');
    expect(decoded.messages.map((m) => [m.index, m.responseClass, m.responseCode])).toEqual([
      [0, 'Success', 'NoError'],
      [1, 'Success', 'NoError'],
      [2, 'Error', 'ErrorItemNotFound'],
    ]);
    const items = decoded.messages.map((m) => children(child(m.node, 'Items')).map((node) => node.name));
    expect(items).toEqual([['Message'], ['CalendarItem'], []]);
    const message = child(decoded.messages[0]?.node, 'Items', 'Message');
    expect(childText(message, 'Subject')).toBe('Quarterly numbers & forecast');
    expect(childText(message, 'Body')).toBe('<html><body>See attached \u2014 thanks</body></html>');
    expect(responseMessageError(decoded.messages[2]!).index).toBe(2);
  });

  it('mixed Success / Error / Warning in one batch', () => {
    const decoded = decodeSoapResponse(fixture('delete-item-mixed-batch.xml'), 'DeleteItem');
    expect(decoded.messages.map((m) => m.responseClass)).toEqual(['Success', 'Error', 'Warning']);
    const warning = responseMessageError(decoded.messages[2]!, 'DeleteItem');
    expect(warning.responseClass).toBe('Warning');
    expect(isResponseError(warning, 'ErrorBatchProcessingStopped')).toBe(true);
  });

  it('a Warning with its payload (ResolveNames, several candidates)', () => {
    const decoded = decodeSoapResponse(fixture('resolve-names-multiple-results-warning.xml'), 'ResolveNames');
    const [message] = decoded.messages;
    expect(message?.responseClass).toBe('Warning');
    expect(message?.responseCode).toBe('ErrorNameResolutionMultipleResults');
    const set = child(message?.node, 'ResolutionSet');
    expect(set?.attributes.TotalItemsInView).toBe('2');
    expect(children(set, 'Resolution').map((r) => childText(child(r, 'Mailbox'), 'EmailAddress'))).toEqual([
      'anna.svensson@contoso.com',
      'anna.lindqvist@contoso.com',
    ]);
  });

  it('ErrorServerBusy fault: code, strings and BackOffMilliseconds', () => {
    const decoded = decodeSoapResponse(fixture('server-busy-fault.xml'), 'FindItem');
    expect(decoded.messages).toEqual([]);
    expect(decoded.responseNode.name).toBe('Fault');
    expect(decoded.fault).toMatchObject({
      faultCode: 'a:ErrorServerBusy',
      faultString: 'The server cannot service this request right now. Try again later.',
      responseCode: 'ErrorServerBusy',
      messageXml: { BackOffMilliseconds: '29774' },
    });
    const error = soapFaultError(decoded.fault!, 'FindItem');
    expect(error.backOffMs).toBe(29774);
    expect(error.requestFate).toBe('not-executed');
    expect(error.message).toContain('BackOffMilliseconds: 29774');
  });

  it('ErrorInvalidServerVersion fault', () => {
    const { fault } = decodeSoapResponse(fixture('invalid-server-version-fault.xml'), 'GetFolder');
    expect(fault?.responseCode).toBe('ErrorInvalidServerVersion');
    expect(fault?.message).toBe('The specified server version is invalid.');
    expect(fault?.messageXml).toBeUndefined();
  });

  it('ErrorSchemaValidation fault: line, position and violation in MessageXml', () => {
    const { fault } = decodeSoapResponse(fixture('schema-validation-fault.xml'), 'GetFolder');
    expect(fault?.messageXml).toMatchObject({ LineNumber: '1', LinePosition: '512' });
    expect(fault?.messageXml?.Violation).toMatch(/^The 'Id' attribute is invalid/);
    const error = soapFaultError(fault!, 'GetFolder');
    expect(error.requestFate).toBe('not-executed');
    expect(error.message).toMatch(
      /^SOAP fault ErrorSchemaValidation: The request failed schema validation: The 'Id'/,
    );
  });

  it('a fault without detail', () => {
    const xml =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
      '<faultcode>s:Client</faultcode><faultstring>The request is malformed.</faultstring></s:Fault></s:Body></s:Envelope>';
    const { fault } = decodeSoapResponse(xml, 'GetFolder');
    expect(fault).toMatchObject({ faultCode: 's:Client', faultString: 'The request is malformed.' });
    expect(fault?.responseCode).toBeUndefined();
    const error = soapFaultError(fault!, 'GetFolder');
    expect(error.message).toBe('SOAP fault s:Client: The request is malformed.');
    expect(error.requestFate).toBe('unknown');
  });

  it('a response element that is itself the message (GetRoomLists)', () => {
    const xml =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      '<m:GetRoomListsResponse ResponseClass="Error" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">' +
      '<m:MessageText>Access is denied.</m:MessageText><m:ResponseCode>ErrorAccessDenied</m:ResponseCode>' +
      '</m:GetRoomListsResponse></s:Body></s:Envelope>';
    const decoded = decodeSoapResponse(xml, 'GetRoomLists');
    expect(decoded.messages).toHaveLength(1);
    expect(decoded.messages[0]?.responseCode).toBe('ErrorAccessDenied');
  });

  it('a single ResponseMessage child (GetUserOofSettings)', () => {
    const xml =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      '<GetUserOofSettingsResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">' +
      '<ResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode></ResponseMessage>' +
      '<OofSettings xmlns="http://schemas.microsoft.com/exchange/services/2006/types"><OofState>Disabled</OofState></OofSettings>' +
      '</GetUserOofSettingsResponse></s:Body></s:Envelope>';
    const decoded = decodeSoapResponse(xml, 'GetUserOofSettings');
    expect(decoded.messages.map((m) => m.responseCode)).toEqual(['NoError']);
    expect(childText(child(decoded.responseNode, 'OofSettings'), 'OofState')).toBe('Disabled');
  });
});

describe('decodeSoapResponse refuses what is not an EWS answer', () => {
  const envelope = (body: string) =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">${body}</s:Envelope>`;
  const M = 'xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"';

  it.each([
    ['an empty body', '', /empty body/],
    [
      'an HTML page',
      '<html><body>Sign in</body></html>',
      /Expected a SOAP 1.1 Envelope \(namespace http:\/\/schemas.xmlsoap.org\/soap\/envelope\/\), got <html> in no namespace/,
    ],
    [
      'XML that is not SOAP',
      '<?xml version="1.0" ?><foo></foo>',
      /Expected a SOAP 1.1 Envelope .*, got <foo> in no namespace/,
    ],
    ['an envelope without Body', envelope('<s:Header/>'), /no Body/],
    ['an empty Body', envelope('<s:Body> </s:Body>'), /Body is empty/],
    [
      'the answer to another operation',
      envelope(`<s:Body><GetItemResponse ${M}/></s:Body>`),
      /Expected <GetFolderResponse> in the SOAP body, got <GetItemResponse> in namespace http:\/\/schemas.microsoft.com\/exchange\/services\/2006\/messages/,
    ],
    [
      'a message with an unknown ResponseClass',
      envelope(
        `<s:Body><GetFolderResponse ${M}><ResponseMessages><GetFolderResponseMessage ResponseClass="Maybe"/></ResponseMessages></GetFolderResponse></s:Body>`,
      ),
      /ResponseClass "Maybe"/,
    ],
    [
      'an Error message without ResponseCode',
      envelope(
        `<s:Body><GetFolderResponse ${M}><ResponseMessages><GetFolderResponseMessage ResponseClass="Error"/></ResponseMessages></GetFolderResponse></s:Body>`,
      ),
      /has no ResponseCode/,
    ],
  ])('%s', (_name, xml, message) => {
    const error = thrown(() => decodeSoapResponse(xml, 'GetFolder'));
    expect(error.code).toBe('EWS_PROTOCOL');
    expect(error.operation).toBe('GetFolder');
    expect(error.message).toMatch(message);
  });

  it('keeps only a short, masked excerpt of a non-XML body', () => {
    const body = `Bad request. Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi.secret-token ${'filler '.repeat(200)}`;
    const error = thrown(() => decodeSoapResponse(body, 'GetFolder'));
    expect(error.message).not.toContain('eyJ0eXAiOiJKV1QiLCJhbGciOi');
    expect(error.message.length).toBeLessThan(160);
  });
});
