import { describe, expect, it } from 'vitest';
import {
  ANSWER_MESSAGES,
  OPERATION_RESPONSE_ELEMENTS,
} from '../../src/soap/operation-responses.generated.js';
import { decodeSoapResponse } from '../../src/soap/response.js';
import { decodeResponseMessage } from '../../src/soap/response-message.js';
import { parseXml } from '../../src/xml/parse.js';
import { protocolRefusal as refusal } from '../helpers/protocol-refusal.js';

// Issue 12: a ResponseMessage element renamed (<m:CreateItemResponseMessage> → <m:DeleteItemResponseMessage>)
// was accepted: ResponseMessage names were never checked. Where each answer element has its
// messages, and their names, now come from messages.xsd (ANSWER_MESSAGES, generated with the
// answer elements from services.wsdl), and decodeSoapResponse holds every answer to them.

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';

const envelope = (body: string) => `<s:Envelope xmlns:s="${SOAP}"><s:Body>${body}</s:Body></s:Envelope>`;
const success = (name: string) =>
  `<m:${name} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:${name}>`;
const listAnswer = (element: string, message: string) =>
  envelope(
    `<m:${element} xmlns:m="${M}"><m:ResponseMessages>${success(message)}</m:ResponseMessages></m:${element}>`,
  );

const LISTED = Object.entries(OPERATION_RESPONSE_ELEMENTS).flatMap(([operation, element]) => {
  const names = ANSWER_MESSAGES[element]?.list?.names;
  return Array.isArray(names) && ANSWER_MESSAGES[element]?.list?.required
    ? [[operation, element, names[0] as string] as const]
    : [];
});

describe('ANSWER_MESSAGES, from messages.xsd', () => {
  it('names the operation’s own message where the shared list type allows every one', () => {
    expect(LISTED.length).toBeGreaterThan(40);
    expect(ANSWER_MESSAGES.CreateItemResponse).toEqual({
      list: { names: ['CreateItemResponseMessage'], required: true },
    });
    expect(ANSWER_MESSAGES.SendNotification).toEqual({
      list: { names: ['SendNotificationResponseMessage'], required: true },
    });
  });

  it('has the irregular ones messages.xsd declares', () => {
    expect(ANSWER_MESSAGES.GetMailTipsResponse).toEqual({
      self: true,
      list: { names: ['MailTipsResponseMessageType'], required: false },
    });
    for (const element of [
      'GetDelegateResponse',
      'AddDelegateResponse',
      'RemoveDelegateResponse',
      'UpdateDelegateResponse',
    ])
      expect(ANSWER_MESSAGES[element]?.list?.names).toEqual(['DelegateUserResponseMessageType']);
    expect(ANSWER_MESSAGES.GetUserOofSettingsResponse).toEqual({ single: { required: true } });
    expect(ANSWER_MESSAGES.GetPersonaResponseMessage).toEqual({ self: true });
    expect(ANSWER_MESSAGES.GetRoomsResponse).toEqual({ self: true });
    // FreeBusyResponse/ResponseMessage: the availability reader walks it.
    expect(ANSWER_MESSAGES.GetUserAvailabilityResponse).toEqual({});
    // messages.xsd has no SetUserPhotoResponseMessage: any ResponseMessage element may come.
    expect(ANSWER_MESSAGES.SetUserPhotoResponse?.list?.names).toBe('any');
  });
});

describe('decodeSoapResponse holds ResponseMessages to their names', () => {
  it.each(LISTED)('%s: <%s> holds <%s> only', (operation, element, message) => {
    expect(decodeSoapResponse(listAnswer(element, message), operation).messages).toHaveLength(1);
    const other =
      message === 'DeleteItemResponseMessage' ? 'GetFolderResponseMessage' : 'DeleteItemResponseMessage';
    for (const renamed of [other, `X${message}`, `${message}s`, 'ResponseMessage']) {
      expect(refusal(() => decodeSoapResponse(listAnswer(element, renamed), operation))).toMatch(
        `Expected ResponseMessages to hold <${message}>, got <${renamed}>`,
      );
    }
  });

  it('refuses a list answer without its ResponseMessages (none is not "no messages")', () => {
    const xml = envelope(`<m:CreateItemResponse xmlns:m="${M}"/>`);
    expect(refusal(() => decodeSoapResponse(xml, 'CreateItem'))).toMatch(
      '<CreateItemResponse> has no ResponseMessages',
    );
  });

  it('reads GetMailTips and GetDelegate by their own message names', () => {
    const mailTips = (name: string) =>
      envelope(
        `<m:GetMailTipsResponse xmlns:m="${M}" ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
          `<m:ResponseMessages>${success(name)}</m:ResponseMessages></m:GetMailTipsResponse>`,
      );
    expect(decodeSoapResponse(mailTips('MailTipsResponseMessageType'), 'GetMailTips').messages).toHaveLength(
      1,
    );
    expect(refusal(() => decodeSoapResponse(mailTips('GetMailTipsResponseMessage'), 'GetMailTips'))).toMatch(
      'Expected ResponseMessages to hold <MailTipsResponseMessageType>',
    );
    // The list is optional there: an error answer carries its class on the answer itself.
    const failed = envelope(
      `<m:GetMailTipsResponse xmlns:m="${M}" ResponseClass="Error"><m:ResponseCode>ErrorAccessDenied</m:ResponseCode></m:GetMailTipsResponse>`,
    );
    expect(decodeSoapResponse(failed, 'GetMailTips').messages.map((m) => m.responseCode)).toEqual([
      'ErrorAccessDenied',
    ]);
  });

  it('reads OOF settings from their one ResponseMessage, and refuses none or two', () => {
    const oof = (messages: string) =>
      envelope(`<m:GetUserOofSettingsResponse xmlns:m="${M}">${messages}</m:GetUserOofSettingsResponse>`);
    expect(decodeSoapResponse(oof(success('ResponseMessage')), 'GetUserOofSettings').messages).toHaveLength(
      1,
    );
    expect(refusal(() => decodeSoapResponse(oof(''), 'GetUserOofSettings'))).toMatch(
      'has no ResponseMessage',
    );
    expect(
      refusal(() => decodeSoapResponse(oof(success('ResponseMessage').repeat(2)), 'GetUserOofSettings')),
    ).toMatch('holds 2 ResponseMessages');
  });

  it('requires ResponseClass on an answer that is its own message', () => {
    const rooms = (attributes: string) =>
      envelope(
        `<m:GetRoomsResponse xmlns:m="${M}"${attributes}><m:ResponseCode>NoError</m:ResponseCode></m:GetRoomsResponse>`,
      );
    expect(decodeSoapResponse(rooms(' ResponseClass="Success"'), 'GetRooms').messages).toHaveLength(1);
    expect(refusal(() => decodeSoapResponse(rooms(''), 'GetRooms'))).toMatch(/ResponseClass null/);
  });

  it('leaves an answer element outside messages.xsd (an operation outside services.wsdl) unnamed', () => {
    const xml = listAnswer('NewOperationResponse', 'NewOperationResponseMessage');
    const decoded = decodeSoapResponse(xml, 'NewOperation', { responseElement: 'NewOperationResponse' });
    expect(decoded.messages).toHaveLength(1);
  });
});

describe('decodeResponseMessage', () => {
  it('refuses a message that is not of the EWS messages namespace', () => {
    const foreign = parseXml('<x:GetItemResponseMessage xmlns:x="urn:x" ResponseClass="Success"/>');
    expect(refusal(() => decodeResponseMessage(foreign, 0, 'GetItem'))).toMatch(
      /Expected a ResponseMessage of the EWS messages namespace, got <GetItemResponseMessage> in namespace urn:x/,
    );
  });
});
