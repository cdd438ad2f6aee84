import { EwsError, EwsProtocolError, type EwsResponse, EwsResponseError, parseXml } from '@ews/core';
import { boolean, int } from '@ews/models';
import { describe, expect, it } from 'vitest';
import {
  readDeleteItem,
  readFindFolder,
  readGetDelegate,
  readGetItem,
  readGetMailTips,
} from '../src/index.js';
import { protocolFailure, readOutcomes } from '../src/internal/outcomes.js';
import { attributeValue, childValue } from '../src/internal/scalar-values.js';
import { decodeResponseText, readWholeResponse } from '../src/internal/streamed-response.js';
import { readGetInboxRules } from '../src/mailbox/inbox-rules.js';
import { readNotification } from '../src/operations/notifications.js';
import { envelope, M, T } from './helpers/exchange-envelopes.js';

// Answers shaped as Exchange sends them (messages namespace as default, types prefixed).
const answer = (operation: string, messages: string, extra = '') =>
  envelope(
    `<m:${operation}Response ${M} ${T}><m:ResponseMessages>${messages}</m:ResponseMessages>${extra}</m:${operation}Response>`,
  );
const response = (operation: string, messages: string, extra = ''): EwsResponse =>
  decodeResponseText(answer(operation, messages, extra), operation);

const success = (operation: string, inner = '') =>
  `<m:${operation}ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${inner}</m:${operation}ResponseMessage>`;
const notFound = (operation: string) =>
  `<m:${operation}ResponseMessage ResponseClass="Error"><m:MessageText>The specified object was not found in the store., The process failed to get the correct properties.</m:MessageText>` +
  `<m:ResponseCode>ErrorItemNotFound</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey></m:${operation}ResponseMessage>`;
const warning = (operation: string) =>
  `<m:${operation}ResponseMessage ResponseClass="Warning"><m:MessageText>The batch was stopped.</m:MessageText>` +
  `<m:ResponseCode>ErrorBatchProcessingStopped</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey></m:${operation}ResponseMessage>`;

const message = (item: string) =>
  `<m:Items><t:Message><t:ItemId Id="${item}" ChangeKey="CQAAABYA"/><t:Subject>Hello</t:Subject></t:Message></m:Items>`;

describe('readOutcomes', () => {
  it('keeps a mixed Success / Error / Warning batch as data, in request order', () => {
    const batch = response(
      'DeleteItem',
      success('DeleteItem') + notFound('DeleteItem') + warning('DeleteItem') + success('DeleteItem'),
    );
    const seen: string[] = [];
    const outcomes = readOutcomes(batch, 'DeleteItem', 4, (m) => {
      seen.push(m.responseClass);
      return { ok: true, value: m.index };
    });
    // Only Success reaches the reader. The Error became its typed error, and so did the Warning:
    // Microsoft's ResponseClass docs say a Warning "describes a request that was not processed"
    // (ErrorBatchProcessingStopped), so it was never a success (it used to read as one).
    expect(seen).toEqual(['Success', 'Success']);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, true]);
    const stopped = outcomes[2];
    if (stopped?.ok !== false) throw new Error('expected the Warning entry to fail');
    expect(stopped.error).toMatchObject({
      code: 'EWS_RESPONSE',
      responseClass: 'Warning',
      responseCode: 'ErrorBatchProcessingStopped',
      requestFate: 'not-executed',
      index: 2,
    });
    expect(outcomes[0]).toEqual({ ok: true, value: 0 });
    expect(outcomes[3]).toEqual({ ok: true, value: 3 });
    const failed = outcomes[1];
    if (failed?.ok !== false) throw new Error('expected the second entry to fail');
    expect(failed.error).toBeInstanceOf(EwsResponseError);
    const error = failed.error as EwsResponseError;
    expect(error.code).toBe('EWS_RESPONSE');
    expect(error.responseCode).toBe('ErrorItemNotFound');
    expect(error.operation).toBe('DeleteItem');
    expect(error.index).toBe(1);
    // The public reader built on it gives the same shape.
    expect(readDeleteItem(batch, 4).map((o) => o.ok)).toEqual([true, false, false, true]);
  });

  it('fails one entry alone with protocolFailure or a protocol error, and lets other throws end the answer', () => {
    const batch = response(
      'GetItem',
      success('GetItem', message('AAMkA1')) + success('GetItem', '<m:Items/>') + notFound('GetItem'),
    );
    const outcomes = readGetItem(batch, 3);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false]);
    const [first, missing, notThere] = outcomes;
    expect(first?.ok && first.value.name).toBe('Message');
    if (missing?.ok !== false || notThere?.ok !== false) throw new Error('expected failures');
    expect(missing.error).toBeInstanceOf(EwsProtocolError);
    expect(missing.error.message).toBe('GetItem answered without the item');
    expect((missing.error as EwsProtocolError).operation).toBe('GetItem');
    expect((notThere.error as EwsResponseError).responseCode).toBe('ErrorItemNotFound');

    const failure = protocolFailure('CreateItem', 'CreateItem answered without an ItemId');
    expect(failure.ok).toBe(false);
    // A message the reader finds malformed fails alone; the server's Error entry keeps its own error.
    const unreadable = readOutcomes(batch, 'GetItem', 3, () => {
      throw new EwsProtocolError('unreadable', { operation: 'GetItem' });
    });
    expect(unreadable.map((o) => (o.ok ? 'ok' : o.error.message))).toEqual([
      'unreadable',
      'unreadable',
      (notThere.error as Error).message,
    ]);
    // Anything else (a bug, not the answer's fault) still ends the whole answer.
    expect(() =>
      readOutcomes(batch, 'GetItem', 3, () => {
        throw new TypeError('a bug');
      }),
    ).toThrow('a bug');
  });

  it('gives an empty list for an answer without messages to a request without entries', () => {
    expect(readOutcomes(response('DeleteItem', ''), 'DeleteItem', 0, () => ({ ok: true, value: 1 }))).toEqual(
      [],
    );
  });
});

const mailTips = (inner: string) =>
  response(
    'GetMailTips',
    `<m:MailTipsResponseMessageType ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:MailTips>` +
      '<t:RecipientAddress><t:EmailAddress>bob@contoso.com</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:RecipientAddress>' +
      `<t:PendingMailTips/>${inner}</m:MailTips></m:MailTipsResponseMessageType>`,
  );

describe('scalar values are read with @ews/models kinds', () => {
  it('childValue and attributeValue: absent is undefined, 1/0 are booleans, where is named', () => {
    const node = parseXml(
      `<t:X ${T} Flag="0" Count=" 12 "><t:A>1</t:A><t:B> false </t:B><t:N>-7</t:N></t:X>`,
    );
    expect(childValue(node, 'A', boolean, 'X')).toBe(true);
    expect(childValue(node, 'B', boolean, 'X')).toBe(false);
    expect(childValue(node, 'N', int, 'X')).toBe(-7);
    expect(childValue(node, 'Missing', boolean, 'X')).toBeUndefined();
    expect(childValue(undefined, 'A', boolean, 'X')).toBeUndefined();
    expect(attributeValue(node, 'Flag', boolean, 'X')).toBe(false);
    expect(attributeValue(node, 'Count', int, 'X')).toBe(12);
    expect(attributeValue(node, 'Missing', int, 'X')).toBeUndefined();
    const bad = parseXml(`<t:X ${T} Count="12.5"><t:A>yes</t:A></t:X>`);
    expect(() => childValue(bad, 'A', boolean, 'X')).toThrow('X.A: expected an xs:boolean');
    expect(() => attributeValue(bad, 'Count', int, 'X')).toThrow('X@Count: expected an integer');
  });

  it('mail tips: valid values read, a malformed boolean or integer is EWS_PROTOCOL', () => {
    const [tips] = readGetMailTips(
      mailTips(
        '<t:MailboxFull>false</t:MailboxFull><t:TotalMemberCount>1</t:TotalMemberCount><t:MaxMessageSize>36700160</t:MaxMessageSize><t:IsModerated>1</t:IsModerated>',
      ),
      1,
    );
    expect(tips).toMatchObject({
      ok: true,
      value: { mailboxFull: false, totalMemberCount: 1, maxMessageSize: 36700160, isModerated: true },
    });
    // Before, `yes` was read as false and `12abc` failed the whole answer with another message.
    // Now that recipient's entry fails with EWS_PROTOCOL; the other recipients keep their tips.
    const [malformed] = readGetMailTips(mailTips('<t:MailboxFull>yes</t:MailboxFull>'), 1);
    if (malformed?.ok !== false) throw new Error('expected the malformed entry to fail');
    expect(malformed.error).toBeInstanceOf(EwsProtocolError);
    expect(malformed.error.message).toBe('MailTips.MailboxFull: expected an xs:boolean');
    expect(EwsError.isInstance(malformed.error) && malformed.error.code).toBe('EWS_PROTOCOL');
    const [badInt] = readGetMailTips(mailTips('<t:TotalMemberCount>12abc</t:TotalMemberCount>'), 1);
    expect(badInt?.ok === false && badInt.error.message).toBe(
      'MailTips.TotalMemberCount: expected an integer',
    );
    const recipient = (inner: string) =>
      `<m:MailTipsResponseMessageType ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:MailTips>` +
      '<t:RecipientAddress><t:EmailAddress>bob@contoso.com</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:RecipientAddress>' +
      `<t:PendingMailTips/>${inner}</m:MailTips></m:MailTipsResponseMessageType>`;
    const both = readGetMailTips(
      response(
        'GetMailTips',
        recipient('<t:MailboxFull>true</t:MailboxFull>') + recipient('<t:MailboxFull>yes</t:MailboxFull>'),
      ),
      2,
    );
    expect(both.map((o) => o.ok)).toEqual([true, false]);
    expect(both[0]).toMatchObject({ ok: true, value: { mailboxFull: true } });
  });

  it('notifications: MoreEvents and UnreadCount', () => {
    const notification = (more: string, unread: string) =>
      parseXml(
        `<m:Notification ${M} ${T}><t:SubscriptionId>s1</t:SubscriptionId><t:MoreEvents>${more}</t:MoreEvents>` +
          `<t:ModifiedEvent><t:TimeStamp>2026-03-02T09:30:00Z</t:TimeStamp><t:FolderId Id="inbox"/><t:ParentFolderId Id="root"/><t:UnreadCount>${unread}</t:UnreadCount></t:ModifiedEvent></m:Notification>`,
      );
    const read = readNotification(notification('1', '4'));
    expect(read.moreEvents).toBe(true);
    expect(read.events[0]?.unreadCount).toBe(4);
    expect(() => readNotification(notification('maybe', '4'))).toThrow(
      'Notification.MoreEvents: expected an xs:boolean',
    );
    // Before, this was NaN.
    expect(() => readNotification(notification('false', 'four'))).toThrow(
      'ModifiedEvent.UnreadCount: expected an integer',
    );
  });

  it('delegates and inbox rules: flags, priorities and rule predicates', () => {
    const delegates = (flag: string) =>
      response(
        'GetDelegate',
        '<m:DelegateUserResponseMessageType ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:DelegateUser>' +
          '<t:UserId><t:PrimarySmtpAddress>alice@contoso.com</t:PrimarySmtpAddress></t:UserId>' +
          `<t:ReceiveCopiesOfMeetingMessages>${flag}</t:ReceiveCopiesOfMeetingMessages>` +
          '</m:DelegateUser></m:DelegateUserResponseMessageType>',
        '<m:DeliverMeetingRequests>DelegatesAndMe</m:DeliverMeetingRequests>',
      );
    const [delegate] = readGetDelegate(delegates('true')).delegates;
    expect(delegate?.receiveCopiesOfMeetingMessages).toBe(true);
    expect(delegate?.viewPrivateItems).toBe(false); // absent stays false
    expect(() => readGetDelegate(delegates('TRUE'))).toThrow(
      'DelegateUser.ReceiveCopiesOfMeetingMessages: expected an xs:boolean',
    );

    const rules = (priority: string, hasAttachments: string) =>
      decodeResponseText(
        envelope(
          `<GetInboxRulesResponse ResponseClass="Success" xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">` +
            '<ResponseCode>NoError</ResponseCode><OutlookRuleBlobExists>true</OutlookRuleBlobExists>' +
            `<InboxRules><Rule xmlns="http://schemas.microsoft.com/exchange/services/2006/types"><RuleId>AQAAAAAAAAE=</RuleId>` +
            `<DisplayName>Attachments</DisplayName><Priority>${priority}</Priority><IsEnabled>1</IsEnabled>` +
            `<Conditions><HasAttachments>${hasAttachments}</HasAttachments></Conditions>` +
            '<Actions><MarkAsRead>true</MarkAsRead></Actions></Rule></InboxRules></GetInboxRulesResponse>',
        ),
        'GetInboxRules',
      );
    const read = readGetInboxRules(rules('2', 'false'));
    expect(read.outlookRuleBlobExists).toBe(true);
    expect(read.rules[0]).toMatchObject({
      priority: 2,
      isEnabled: true,
      conditions: { hasAttachments: false },
      actions: { markAsRead: true },
    });
    expect(() => readGetInboxRules(rules('2', 'no'))).toThrow(
      'Rule.Conditions.HasAttachments: expected an xs:boolean',
    );
    expect(() => readGetInboxRules(rules('first', 'true'))).toThrow('Rule.Priority: expected an integer');
  });

  it('FindFolder paging attributes: `0` is false, absent IncludesLastItemInRange is true', () => {
    const page = (attributes: string) =>
      response(
        'FindFolder',
        success('FindFolder', `<m:RootFolder ${attributes}><t:Folders/></m:RootFolder>`),
      );
    expect(readFindFolder(page('TotalItemsInView="3" IncludesLastItemInRange="0"'))).toMatchObject({
      includesLastItemInRange: false,
      totalItemsInView: 3,
    });
    expect(readFindFolder(page(''))).toMatchObject({
      includesLastItemInRange: true,
      totalItemsInView: undefined,
    });
    expect(() => readFindFolder(page('TotalItemsInView="many"'))).toThrow(
      'RootFolder@TotalItemsInView: expected an integer',
    );
  });
});

describe('streamed answers', () => {
  it('decodeResponseText gives what send would, without a server version', () => {
    const decoded = decodeResponseText(answer('DeleteItem', success('DeleteItem')), 'DeleteItem', 207);
    expect(decoded.operation).toBe('DeleteItem');
    expect(decoded.status).toBe(207);
    expect(decoded.serverVersion).toBeUndefined();
    expect(decoded.node.name).toBe('DeleteItemResponse');
    expect(decoded.messages.map((m) => m.responseClass)).toEqual(['Success']);
    expect(() => decodeResponseText(answer('DeleteItem', success('DeleteItem')), 'GetItem')).toThrow(
      EwsProtocolError,
    );
  });

  it('readWholeResponse joins chunks, even a UTF-8 character cut in two', async () => {
    const bytes = new TextEncoder().encode(
      answer('GetItem', success('GetItem', message('AAMkA1').replace('Hello', 'Grüße ✓'))),
    );
    const cut = bytes.indexOf(0xc3) + 1; // inside `ü`
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield bytes.subarray(0, cut);
      yield bytes.subarray(cut, cut + 7);
      yield bytes.subarray(cut + 7);
    }
    const whole = await readWholeResponse(chunks(), 'GetItem');
    expect(whole.status).toBe(200);
    const [outcome] = readGetItem(whole, 1);
    if (!outcome?.ok) throw new Error('expected the item');
    expect(outcome.value.children.find((c) => c.name === 'Subject')?.text).toBe('Grüße ✓');
  });
});
