import { buildEnvelope } from '@ews/core';
import { type CalendarItem, CalendarItemModel, MessageModel } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Account, buildCreateItem, buildUpdateItem } from '../src/index.js';
import { mailboxFolderRef } from '../src/refs.js';

const recorder = createEnvelopeRecorder();
const envelope = (body: string) => recorder.record(buildEnvelope({ version: 'Exchange2016', body }));
afterAll(() => recorder.assertAllValid());

const calendar = mailboxFolderRef('alice@contoso.test', { distinguishedId: 'calendar' });
const start = new Date('2026-03-02T08:00:00Z');
const meeting: CalendarItem = { subject: 'Plan', start, end: new Date('2026-03-02T09:00:00Z') };
const oslo = () => 'W. Europe Standard Time';

let savedZone: string | undefined = process.env.TZ;
afterEach(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
  savedZone = process.env.TZ;
});

describe('new and changed meetings carry StartTimeZone/EndTimeZone', () => {
  it('writes the given zone after Start/End, in schema order', () => {
    const body = envelope(
      buildCreateItem({
        model: CalendarItemModel,
        items: [meeting],
        version: 'Exchange2016',
        savedItemFolder: calendar,
        meetingTimeZone: oslo,
      }).xml,
    );
    expect(body).toContain(
      '<t:StartTimeZone Id="W. Europe Standard Time"/><t:EndTimeZone Id="W. Europe Standard Time"/>',
    );
  });

  it("keeps the zones an item names, writing an IANA id as Windows' id", () => {
    const body = envelope(
      buildCreateItem({
        model: CalendarItemModel,
        items: [
          { ...meeting, startTimeZone: { id: 'Asia/Kolkata' }, endTimeZone: { id: 'Tokyo Standard Time' } },
        ],
        version: 'Exchange2016',
        savedItemFolder: calendar,
        meetingTimeZone: oslo,
      }).xml,
    );
    expect(body).toContain(
      '<t:StartTimeZone Id="India Standard Time"/><t:EndTimeZone Id="Tokyo Standard Time"/>',
    );
    expect(body).not.toContain('W. Europe');
  });

  it('refuses a zone it cannot map (EWS_INVALID_ARGUMENT), never a silent UTC', () => {
    const build = (zoneId: string) => () =>
      buildCreateItem({
        model: CalendarItemModel,
        items: [{ ...meeting, startTimeZone: { id: zoneId } }],
        version: 'Exchange2016',
        savedItemFolder: calendar,
        meetingTimeZone: oslo,
      }).xml;
    expect(build('Mars/Olympus_Mons')).toThrow(/Mars\/Olympus_Mons/);
    expect(() => build('Mars/Olympus_Mons')()).toThrow(
      expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }),
    );
    expect(
      () =>
        new Account({
          primarySmtpAddress: 'a@b.test',
          client: { url: 'https://x.test/EWS/Exchange.asmx' },
          defaultTimeZone: 'Nowhere/Else',
        }),
    ).toThrow(expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }));
  });

  it("defaults to the host's zone", () => {
    process.env.TZ = 'America/New_York';
    const body = buildCreateItem({
      model: CalendarItemModel,
      items: [meeting],
      version: 'Exchange2016',
      savedItemFolder: calendar,
    }).xml;
    expect(body).toContain(
      '<t:StartTimeZone Id="Eastern Standard Time"/><t:EndTimeZone Id="Eastern Standard Time"/>',
    );
  });

  it('leaves items without zone fields and Exchange 2007 (no StartTimeZone there) alone', () => {
    const message = buildCreateItem({
      model: MessageModel,
      items: [{ subject: 'Hi' }],
      version: 'Exchange2016',
      savedItemFolder: calendar,
      meetingTimeZone: oslo,
    }).xml;
    expect(message).not.toContain('TimeZone');
    const legacy = buildCreateItem({
      model: CalendarItemModel,
      items: [meeting],
      version: 'Exchange2007_SP1',
      savedItemFolder: calendar,
      meetingTimeZone: oslo,
    }).xml;
    expect(legacy).not.toContain('TimeZone');
  });

  it('sends the zone fields with a changed Start or End, as exchangelib does', () => {
    const body = envelope(
      buildUpdateItem({
        model: CalendarItemModel,
        version: 'Exchange2016',
        meetingTimeZone: oslo,
        changes: [
          { item: { id: 'AAA=' }, changes: { start } },
          { item: { id: 'BBB=' }, changes: { subject: 'Only the subject' } },
        ],
      }).xml,
    );
    const [first, second] = body.split('</t:ItemChange>');
    expect(first).toContain(
      '<t:SetItemField><t:FieldURI FieldURI="calendar:StartTimeZone"/><t:CalendarItem><t:StartTimeZone Id="W. Europe Standard Time"/></t:CalendarItem></t:SetItemField>',
    );
    expect(first).not.toContain('EndTimeZone');
    expect(second).not.toContain('TimeZone');
  });
});
