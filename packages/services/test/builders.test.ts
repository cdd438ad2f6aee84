import { buildEnvelope, raw } from '@ews/core';
import { CalendarItemModel, itemShape, MessageModel, restrictionXml, sortOrderXml, where } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildFindItem,
  buildGetUserAvailability,
  buildUpdateItem,
  readGetUserAvailability,
} from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';

// Requests built here, without a server, are validated against the schema too.
const recorder = createEnvelopeRecorder();
const envelope = (body: string) => recorder.record(buildEnvelope({ version: 'Exchange2016', body }));
afterAll(() => recorder.assertAllValid());

describe('FindItem from the models query API', () => {
  it('writes the shape, view, restriction and sort order @ews/models builds', () => {
    const version = 'Exchange2016';
    const restriction = restrictionXml(
      where(CalendarItemModel, {
        subject: { icontains: 'a&b' },
        start: { gte: new Date('2026-01-01T00:00:00Z'), lt: new Date('2026-02-01T00:00:00Z') },
      }),
      { version },
    );
    if (restriction.matches !== 'some') throw new Error('expected a restriction');
    const body = buildFindItem({
      folders: [{ distinguishedId: 'calendar' }],
      shape: itemShape(CalendarItemModel, { version, fields: ['subject', 'start'], operation: 'FindItem' })
        .xml,
      view: { type: 'indexed', maxEntries: 10, offset: 20 },
      restriction: restriction.xml,
      sortOrder: sortOrderXml(CalendarItemModel, ['-start'], { version }),
    }).xml;
    expect(body).toContain(
      '<m:IndexedPageItemView MaxEntriesReturned="10" Offset="20" BasePoint="Beginning"/>',
    );
    expect(body).toContain('<t:Constant Value="a&amp;b"/>');
    expect(body).toContain(
      '<m:SortOrder><t:FieldOrder Order="Descending"><t:FieldURI FieldURI="calendar:Start"/>',
    );
    envelope(body);
  });

  it('refuses a page size below one before building anything', () => {
    expect(
      () =>
        buildFindItem({
          folders: [{ distinguishedId: 'inbox' }],
          shape: itemShape(MessageModel, { version: 'Exchange2016' }).xml,
          view: { type: 'indexed', maxEntries: 0, offset: 0 },
        }).xml,
    ).toThrow(/maxEntries/);
  });
});

describe('request builders', () => {
  it('refuses a restriction with a calendar view, as Exchange does', () => {
    expect(
      () =>
        buildFindItem({
          folders: [{ distinguishedId: 'calendar' }],
          shape: itemShape(CalendarItemModel, { version: 'Exchange2016', baseShape: 'Default' }).xml,
          view: { type: 'calendar', start: new Date(0), end: new Date(1000), maxEntries: 5 },
          restriction: raw('<t:Exists><t:FieldURI FieldURI="item:Subject"/></t:Exists>'),
        }).xml,
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
    }).xml;
    expect(body).toContain(
      '<t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>New &amp; better</t:Subject></t:CalendarItem></t:SetItemField>' +
        '<t:DeleteItemField><t:FieldURI FieldURI="calendar:Location"/></t:DeleteItemField></t:Updates>',
    );
    envelope(body);
    expect(
      () =>
        buildUpdateItem({
          model: CalendarItemModel,
          version: 'Exchange2016',
          changes: [{ item: { id: 'AAA=' }, changes: { itemId: { id: 'x' } } }],
        }).xml,
    ).toThrow(/cannot be updated/);
  });

  it('reads a refused mailbox of an availability answer as its typed error, the others still read', () => {
    const mailboxes = [{ address: 'a@contoso.test' }, { address: 'nobody@contoso.test' }];
    envelope(
      buildGetUserAvailability({ mailboxes, start: new Date(0), end: new Date(3_600_000), view: 'FreeBusy' })
        .xml,
    );
    const xml =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      '<GetUserAvailabilityResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><FreeBusyResponseArray>' +
      '<FreeBusyResponse><ResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode></ResponseMessage>' +
      '<FreeBusyView><FreeBusyViewType xmlns="http://schemas.microsoft.com/exchange/services/2006/types">FreeBusy</FreeBusyViewType></FreeBusyView></FreeBusyResponse>' +
      '<FreeBusyResponse><ResponseMessage ResponseClass="Error"><MessageText>No mailbox</MessageText><ResponseCode>ErrorMailRecipientNotFound</ResponseCode></ResponseMessage></FreeBusyResponse>' +
      '</FreeBusyResponseArray></GetUserAvailabilityResponse></s:Body></s:Envelope>';
    const response = decodeResponseText(xml, 'GetUserAvailability');
    // One outcome per mailbox: the refused one is its typed error, the other keeps its view.
    const outcomes = readGetUserAvailability(response, {
      mailboxes,
      start: new Date(0),
      end: new Date(3_600_000),
      view: 'FreeBusy',
    }).freeBusy;
    expect(outcomes?.map((o) => o.ok)).toEqual([true, false]);
    const refused = outcomes?.[1];
    expect(refused?.ok === false && refused.error).toMatchObject({
      responseCode: 'ErrorMailRecipientNotFound',
    });
  });
});
