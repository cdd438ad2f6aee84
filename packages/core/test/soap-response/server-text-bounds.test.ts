import { afterEach, describe, expect, it } from 'vitest';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { soapFaultError } from '../../src/soap/fault.js';
import { decodeSoapEnvelope, decodeSoapResponse } from '../../src/soap/response.js';
import { responseMessageError } from '../../src/soap/response-message.js';
import { MAX_MESSAGE_XML_ENTRIES } from '../../src/soap/response-message-xml.js';
import { boundedServerText, MAX_SERVER_TEXT_LENGTH } from '../../src/soap/server-text.js';
import * as responses from '../helpers/exchange-responses.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';

// Issue 12, defect 10: a 10 MiB SOAP fault detail became a 10 MiB error.message. Every server
// text that reaches an error or a decoded field (fault string and detail, MessageText, MessageXml,
// codes) is bounded, with a visible "…(N more characters)".

const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const TEN_MIB = 10 * 1024 * 1024;
const huge = (letter: string) => letter.repeat(TEN_MIB);

function fault(faultString: string, detailMessage: string, messageXml = ''): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
    '<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorInternalServerError</faultcode>' +
    `<faultstring xml:lang="en-US">${faultString}</faultstring>` +
    '<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorInternalServerError</e:ResponseCode>' +
    `<e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">${detailMessage}</e:Message>` +
    `<t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">${messageXml}</t:MessageXml>` +
    '</detail></s:Fault></s:Body></s:Envelope>'
  );
}

describe('boundedServerText', () => {
  it('keeps short texts and cuts long ones with a visible marker', () => {
    expect(boundedServerText('short')).toBe('short');
    const cut = boundedServerText('x'.repeat(MAX_SERVER_TEXT_LENGTH + 10));
    expect(cut).toBe(`${'x'.repeat(MAX_SERVER_TEXT_LENGTH)}…(10 more characters)`);
    // Never between the halves of a surrogate pair.
    const emoji = boundedServerText(`${'x'.repeat(MAX_SERVER_TEXT_LENGTH - 1)}\u{1F600}tail`);
    expect(emoji.startsWith(`${'x'.repeat(MAX_SERVER_TEXT_LENGTH - 1)}…(`)).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(emoji)).toBe(false);
  });
});

describe('a fault with 10 MiB texts', () => {
  it('decodes to bounded fields and a bounded error message', () => {
    const values = Array.from(
      { length: 100_000 },
      (_, index) => `<t:Value Name="N${index}">${'v'.repeat(50)}</t:Value>`,
    );
    const xml = fault(
      huge('s'),
      huge('d'),
      `${values.join('')}<t:Value Name="${'n'.repeat(60_000)}">x</t:Value>`,
    );
    const decoded = decodeSoapEnvelope(xml);
    const soapFault = decoded.fault;
    if (soapFault === undefined) throw new Error('no fault');
    expect(soapFault.faultString.length).toBeLessThan(MAX_SERVER_TEXT_LENGTH + 40);
    expect(soapFault.faultString).toMatch(/…\(10483760 more characters\)$/);
    expect(soapFault.message?.length).toBeLessThan(MAX_SERVER_TEXT_LENGTH + 40);
    expect(Object.keys(soapFault.messageXml ?? {})).toHaveLength(MAX_MESSAGE_XML_ENTRIES);
    const error = soapFaultError(soapFault, 'GetFolder');
    expect(error.message.length).toBeLessThan(16 * 1024);
    expect(error.message).toMatch(
      /^SOAP fault ErrorInternalServerError: s{2000}…\(10483760 more characters\): d{2000}…/,
    );
    expect(error.faultString.length).toBeLessThan(MAX_SERVER_TEXT_LENGTH + 40);
  });

  it('bounds a huge unknown ResponseCode and faultcode', () => {
    const xml = fault('x', 'y')
      .replace('a:ErrorInternalServerError</faultcode>', `a:${'C'.repeat(100_000)}</faultcode>`)
      .replace('>ErrorInternalServerError</e:ResponseCode>', `>${'R'.repeat(100_000)}</e:ResponseCode>`);
    const soapFault = decodeSoapEnvelope(xml).fault;
    expect(soapFault?.faultCode.length).toBeLessThan(300);
    expect(soapFault?.responseCode?.length).toBeLessThan(300);
    expect(soapFault && soapFaultError(soapFault).message.length).toBeLessThan(2000);
  });
});

describe('an Error ResponseMessage with 10 MiB texts', () => {
  it('decodes to a bounded MessageText, MessageXml and error message', () => {
    const xml = responses
      .getItemPartialResponse()
      .replace(/<m:MessageText>[^<]*<\/m:MessageText>/, `<m:MessageText>${huge('m')}</m:MessageText>`)
      .replace(
        '<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>',
        `<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:MessageXml><t:Value Name="Detail">${huge('v')}</t:Value>` +
          `<t:Nested><t:A>${huge('a')}</t:A><t:B>b</t:B></t:Nested></m:MessageXml>`,
      );
    const [, failed] = decodeSoapResponse(xml, 'GetItem').messages;
    if (failed === undefined) throw new Error('no second message');
    expect(failed.messageText).toMatch(/^m{2000}…\(10483760 more characters\)$/);
    expect(failed.messageXml?.Detail).toMatch(/^v{2000}…\(10483760 more characters\)$/);
    expect(failed.messageXml?.Nested?.length).toBeLessThan(MAX_SERVER_TEXT_LENGTH + 40);
    const error = responseMessageError(failed, 'GetItem');
    expect(error.message.length).toBeLessThan(4 * 1024);
    expect(error.messageText?.length).toBeLessThan(MAX_SERVER_TEXT_LENGTH + 40);
  });
});

describe('EwsClient.send with a 10 MiB fault', () => {
  let server: FakeEwsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('throws an EwsSoapFaultError with a bounded message', async () => {
    server = await startFakeEws(() => ({ status: 500, body: fault(huge('s'), huge('d')) }));
    await using client = new EwsClient({ url: server.url });
    const error = await client
      .send({ operation: 'GetFolder', body: `<m:GetFolder xmlns:m="${MESSAGES}"/>` })
      .catch((caught) => caught);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_SOAP_FAULT');
    expect(error.message.length).toBeLessThan(16 * 1024);
    expect(error.message).toMatch(/more characters/);
  });
});
