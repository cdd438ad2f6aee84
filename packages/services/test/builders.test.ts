import { buildEnvelope, decodeSoapResponse, type EwsResponse } from '@ews/core';
import { CalendarItemModel, MessageModel } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildFindItem,
  buildGetUserAvailability,
  buildUpdateItem,
  readGetUserAvailability,
  simpleFilterXml,
} from '../src/index.js';

// Requests built here, without a server, are validated against the schema too.
const recorder = createEnvelopeRecorder();
const envelope = (body: string) => recorder.record(buildEnvelope({ version: 'Exchange2016', body }));
afterAll(() => recorder.assertAllValid());

describe('simple filters', () => {
  it('writes one comparison per condition, ANDed, with typed constants', () => {
    const xml = simpleFilterXml(CalendarItemModel, {
      subject: { contains: 'a&b' },
      start: { gte: new Date('2026-01-01T00:00:00Z'), lt: new Date('2026-02-01T00:00:00Z') },
      isAllDay: false,
    });
    expect(xml).toBe(
      '<t:And>' +
        '<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="item:Subject"/><t:Constant Value="a&amp;b"/></t:Contains>' +
        '<t:IsGreaterThanOrEqualTo><t:FieldURI FieldURI="calendar:Start"/><t:FieldURIOrConstant><t:Constant Value="2026-01-01T00:00:00Z"/></t:FieldURIOrConstant></t:IsGreaterThanOrEqualTo>' +
        '<t:IsLessThan><t:FieldURI FieldURI="calendar:Start"/><t:FieldURIOrConstant><t:Constant Value="2026-02-01T00:00:00Z"/></t:FieldURIOrConstant></t:IsLessThan>' +
        '<t:IsEqualTo><t:FieldURI FieldURI="calendar:IsAllDayEvent"/><t:FieldURIOrConstant><t:Constant Value="false"/></t:FieldURIOrConstant></t:IsEqualTo>' +
        '</t:And>',
    );
    envelope(
      buildFindItem({
        folders: [{ distinguishedId: 'calendar' }],
        shape: { baseShape: 'IdOnly', fieldUris: ['item:Subject'] },
        view: { type: 'indexed', maxEntries: 10, offset: 0 },
        restriction: xml,
      }),
    );
    expect(simpleFilterXml(MessageModel, {})).toBeUndefined();
  });

  it('refuses values of the wrong type and unknown operators', () => {
    // @ts-expect-error: isRead is a boolean
    expect(() => simpleFilterXml(MessageModel, { isRead: 'yes' })).toThrow(/Wrong value type/);
    // @ts-expect-error: not an operator
    expect(() => simpleFilterXml(MessageModel, { subject: { like: 'x' } })).toThrow(
      /Unknown filter operator/,
    );
  });
});

describe('request builders', () => {
  it('refuses a restriction with a calendar view, as Exchange does', () => {
    expect(() =>
      buildFindItem({
        folders: [{ distinguishedId: 'calendar' }],
        shape: { baseShape: 'Default' },
        view: { type: 'calendar', start: new Date(0), end: new Date(1000), maxEntries: 5 },
        restriction: '<t:Exists><t:FieldURI FieldURI="item:Subject"/></t:Exists>',
      }),
    ).toThrow(/restriction/);
  });

  it('writes updates in model order, deleting fields set to undefined, and refuses read-only fields', () => {
    const body = buildUpdateItem({
      model: CalendarItemModel,
      version: 'Exchange2016',
      changes: [
        { item: { id: 'AAA=', changeKey: 'CK' }, changes: { location: undefined, subject: 'New & better' } },
      ],
      sendMeetingInvitationsOrCancellations: 'SendToNone',
    });
    expect(body).toContain(
      '<t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>New &amp; better</t:Subject></t:CalendarItem></t:SetItemField>' +
        '<t:DeleteItemField><t:FieldURI FieldURI="calendar:Location"/></t:DeleteItemField></t:Updates>',
    );
    envelope(body);
    expect(() =>
      buildUpdateItem({
        model: CalendarItemModel,
        version: 'Exchange2016',
        changes: [{ item: { id: 'AAA=' }, changes: { itemId: { id: 'x' } } }],
      }),
    ).toThrow(/cannot be updated/);
  });

  it('reads a refused mailbox of an availability answer as its typed error', () => {
    const mailboxes = [{ address: 'a@contoso.test' }, { address: 'nobody@contoso.test' }];
    envelope(
      buildGetUserAvailability({ mailboxes, start: new Date(0), end: new Date(3_600_000), view: 'FreeBusy' }),
    );
    const xml =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      '<GetUserAvailabilityResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><FreeBusyResponseArray>' +
      '<FreeBusyResponse><ResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode></ResponseMessage>' +
      '<FreeBusyView><FreeBusyViewType xmlns="http://schemas.microsoft.com/exchange/services/2006/types">FreeBusy</FreeBusyViewType></FreeBusyView></FreeBusyResponse>' +
      '<FreeBusyResponse><ResponseMessage ResponseClass="Error"><MessageText>No mailbox</MessageText><ResponseCode>ErrorMailRecipientNotFound</ResponseCode></ResponseMessage></FreeBusyResponse>' +
      '</FreeBusyResponseArray></GetUserAvailabilityResponse></s:Body></s:Envelope>';
    const decoded = decodeSoapResponse(xml, 'GetUserAvailability');
    const response: EwsResponse = {
      operation: 'GetUserAvailability',
      status: 200,
      serverVersion: undefined,
      messages: decoded.messages,
      node: decoded.responseNode,
    };
    expect(() => readGetUserAvailability(response, mailboxes)).toThrow(/ErrorMailRecipientNotFound/);
  });
});
