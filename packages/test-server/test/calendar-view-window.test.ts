import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const create = (subject: string, start: string, end: string, extra = '') =>
  '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
  `<t:Subject>${subject}</t:Subject><t:Start>${start}</t:Start><t:End>${end}</t:End>${extra}` +
  '</t:CalendarItem></m:Items></m:CreateItem>';
const view = (start: string, end: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
  `<m:CalendarView StartDate="${start}" EndDate="${end}"/>` +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';

// Microsoft's CalendarView reference: "Any calendar items that have an end time that is before
// StartDate will not be returned"; "Any calendar items that have a start time that is on or after
// EndDate will not be returned".
describe('CalendarView window boundaries (StartDate/EndDate as the CalendarView reference defines them)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
    for (const [subject, start, end] of [
      ['Ends at view start', '2026-06-01T08:00:00Z', '2026-06-01T09:00:00Z'],
      ['Inside', '2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z'],
      ['Starts at view end', '2026-06-01T12:00:00Z', '2026-06-01T13:00:00Z'],
      ['Ends before view start', '2026-06-01T07:00:00Z', '2026-06-01T08:59:00Z'],
    ] as const) {
      const reply = await h.call('alice', create(subject, start, end));
      expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    }
    const series = await h.call(
      'alice',
      create(
        'Daily',
        '2026-06-02T08:00:00Z',
        '2026-06-02T09:00:00Z',
        '<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>' +
          '<t:NumberedRecurrence><t:StartDate>2026-06-02</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>',
      ),
    );
    expect(texts(series.doc, 'ResponseCode')).toEqual(['NoError']);
  });
  afterAll(async () => {
    await h.finish();
  });

  it('an item ending exactly at StartDate is returned; one starting exactly at EndDate is not', async () => {
    const found = await h.call('alice', view('2026-06-01T09:00:00Z', '2026-06-01T12:00:00Z'));
    expect(texts(found.doc, 'Subject')).toEqual(['Ends at view start', 'Inside']);
  });

  it('the same rule holds for the occurrences of a series', async () => {
    const found = await h.call('alice', view('2026-06-03T09:00:00Z', '2026-06-04T08:00:00Z'));
    const starts = findAll(found.doc, 'CalendarItem').map((c) => first(c, 'Start').text);
    expect(starts).toEqual(['2026-06-03T08:00:00Z']);
  });
});
