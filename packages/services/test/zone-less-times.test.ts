import { type EwsResponse, parseXml } from '@ews/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGetMailTips } from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { readGetUserOofSettings } from '../src/mailbox/oof-settings.js';
import { readNotification } from '../src/operations/notifications.js';
import { bareEnvelope as envelope, M, T } from './helpers/exchange-envelopes.js';

// Exchange writes some xs:dateTime values in UTC without a `Z` (GetUserOofSettings' Duration in
// Microsoft's own example). They must read the same on a host in any time zone.
const response = (xml: string, operation: string): EwsResponse => decodeResponseText(xml, operation);

let savedZone: string | undefined;
beforeEach(() => {
  savedZone = process.env.TZ;
  process.env.TZ = 'America/New_York'; // not UTC, so a local-time reading would be 4–5 hours off
});
afterEach(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
});

describe('zone-less xs:dateTime values are UTC', () => {
  it('the host zone really is not UTC here (so the checks below can fail)', () => {
    expect(new Date('2006-11-03T23:00:00').toISOString()).not.toBe('2006-11-03T23:00:00.000Z');
  });

  it('in GetUserOofSettings', () => {
    const xml = envelope(
      `<GetUserOofSettingsResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">` +
        '<ResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode></ResponseMessage>' +
        `<OofSettings xmlns="http://schemas.microsoft.com/exchange/services/2006/types">` +
        '<OofState>Scheduled</OofState><ExternalAudience>All</ExternalAudience>' +
        '<Duration><StartTime>2006-11-03T23:00:00</StartTime><EndTime>2006-11-04T23:00:00</EndTime></Duration>' +
        '<InternalReply><Message>Away</Message></InternalReply><ExternalReply><Message>Away</Message></ExternalReply>' +
        '</OofSettings><AllowExternalOof>All</AllowExternalOof></GetUserOofSettingsResponse>',
    );
    const settings = readGetUserOofSettings(response(xml, 'GetUserOofSettings'));
    expect(settings.start?.toISOString()).toBe('2006-11-03T23:00:00.000Z');
    expect(settings.end?.toISOString()).toBe('2006-11-04T23:00:00.000Z');
  });

  it('in a notification event', () => {
    const node = parseXml(
      `<m:Notification ${M} ${T}><t:SubscriptionId>s1</t:SubscriptionId>` +
        '<t:NewMailEvent><t:Watermark>AQ==</t:Watermark><t:TimeStamp>2026-03-02T09:30:00</t:TimeStamp>' +
        '<t:ItemId Id="AAMk" ChangeKey="CQ"/><t:ParentFolderId Id="inbox"/></t:NewMailEvent></m:Notification>',
    );
    const [event] = readNotification(node).events;
    expect(event?.timeStamp?.toISOString()).toBe('2026-03-02T09:30:00.000Z');
  });

  it("in a mail tip's out-of-office window", () => {
    const xml = envelope(
      `<m:GetMailTipsResponse ${M} ${T} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
        '<m:ResponseMessages><m:MailTipsResponseMessageType ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
        '<m:MailTips><t:RecipientAddress><t:EmailAddress>bob@contoso.test</t:EmailAddress></t:RecipientAddress>' +
        '<t:PendingMailTips/><t:OutOfOffice><t:ReplyBody><t:Message>Away</t:Message></t:ReplyBody>' +
        '<t:Duration><t:StartTime>2026-03-02T08:00:00</t:StartTime><t:EndTime>2026-03-03T08:00:00</t:EndTime></t:Duration>' +
        '</t:OutOfOffice></m:MailTips></m:MailTipsResponseMessageType></m:ResponseMessages></m:GetMailTipsResponse>',
    );
    const [tip] = readGetMailTips(response(xml, 'GetMailTips'), 1);
    expect(tip?.ok).toBe(true);
    const outOfOffice = tip?.ok ? tip.value.outOfOffice : undefined;
    expect(outOfOffice?.start?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(outOfOffice?.end?.toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });
});
