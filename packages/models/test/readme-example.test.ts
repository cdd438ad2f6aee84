// The README's example, verbatim apart from the import path, so tsc and vitest check it.
import { expect, it } from 'vitest';
import {
  type CalendarItem,
  CalendarItemModel,
  fromXml,
  ianaZoneForWindows,
  toXml,
  windowsZoneForIana,
} from '../src/index.js';

it('README example', () => {
  const meeting: CalendarItem = {
    subject: 'Design review',
    body: { bodyType: 'HTML', value: '<p>Agenda: API &amp; tests</p>' },
    start: new Date('2024-03-01T09:00:00Z'),
    end: new Date('2024-03-01T10:00:00Z'),
    legacyFreeBusyStatus: 'Busy',
    requiredAttendees: [{ mailbox: { emailAddress: 'anne@example.com' } }],
  };

  // One <t:CalendarItem> element, fields in schema order, ready for a CreateItem request.
  const xml = toXml(CalendarItemModel, meeting, { version: 'Exchange2013_SP1' }).xml;

  // Parsing is tolerant of elements the model does not know.
  const parsed = fromXml(CalendarItemModel, xml);
  console.assert(parsed.start?.getTime() === meeting.start?.getTime());

  const windowsId = windowsZoneForIana('Europe/Copenhagen'); // 'Romance Standard Time'
  const iana = ianaZoneForWindows('Romance Standard Time'); // 'Europe/Paris'

  expect(xml.startsWith('<t:CalendarItem><t:Subject>Design review</t:Subject><t:Body BodyType="HTML">')).toBe(
    true,
  );
  expect(parsed).toEqual(meeting);
  expect([windowsId, iana]).toEqual(['Romance Standard Time', 'Europe/Paris']);
});
