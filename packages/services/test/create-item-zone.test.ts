import { type CalendarItem, CalendarItemModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import { buildCreateItem, buildUpdateItem } from '../src/index.js';
import { mailboxFolderRef } from '../src/refs.js';

// J3 (issue 16): resolving the meeting zone (the host's: a new Intl.DateTimeFormat) is done once
// per CreateItem or UpdateItem, not for each meeting's Start and End.
const calendar = mailboxFolderRef('alice@contoso.test', { distinguishedId: 'calendar' });
const meetings: CalendarItem[] = Array.from({ length: 100 }, (_, i) => ({
  subject: `Meeting ${i}`,
  start: new Date(Date.UTC(2026, 2, 2, 8 + (i % 8))),
  end: new Date(Date.UTC(2026, 2, 2, 9 + (i % 8))),
}));

/** A meeting zone that counts how often it is asked. */
function countingZone(id: string): { readonly ask: () => string; readonly asked: () => number } {
  let asked = 0;
  return {
    ask: () => {
      asked++;
      return id;
    },
    asked: () => asked,
  };
}

describe('CreateItem of many meetings', () => {
  it('asks for the meeting zone once and writes it on every Start and End', () => {
    const zone = countingZone('W. Europe Standard Time');
    const body = buildCreateItem({
      model: CalendarItemModel,
      items: meetings,
      version: 'Exchange2016',
      savedItemFolder: calendar,
      meetingTimeZone: zone.ask,
    }).xml;
    expect(zone.asked()).toBe(1);
    expect(body.match(/<t:StartTimeZone Id="W\. Europe Standard Time"\/>/g)).toHaveLength(100);
    expect(body.match(/<t:EndTimeZone Id="W\. Europe Standard Time"\/>/g)).toHaveLength(100);
  });

  it('refuses at once when the zone cannot be resolved, as before', () => {
    const refuse = () => {
      throw Object.assign(new Error('no zone'), { code: 'EWS_INVALID_ARGUMENT' });
    };
    expect(() =>
      buildCreateItem({
        model: CalendarItemModel,
        items: meetings,
        version: 'Exchange2016',
        savedItemFolder: calendar,
        meetingTimeZone: refuse,
      }),
    ).toThrow('no zone');
  });
});

describe('UpdateItem of many meetings', () => {
  it('asks for the meeting zone once and writes it beside every changed Start and End', () => {
    const zone = countingZone('W. Europe Standard Time');
    const body = buildUpdateItem({
      model: CalendarItemModel,
      version: 'Exchange2016',
      changes: meetings.map((meeting, i) => ({
        item: { id: `AAA${i}=`, changeKey: 'CK' },
        changes: { start: meeting.start, end: meeting.end },
      })),
      sendMeetingInvitationsOrCancellations: 'SendToNone',
      meetingTimeZone: zone.ask,
    }).xml;
    expect(zone.asked()).toBe(1);
    expect(body.match(/<t:StartTimeZone Id="W\. Europe Standard Time"\/>/g)).toHaveLength(100);
    expect(body.match(/<t:EndTimeZone Id="W\. Europe Standard Time"\/>/g)).toHaveLength(100);
  });
});
