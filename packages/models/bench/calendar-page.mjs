// A FindItem response page of CalendarItems shaped like Exchange 2016's: item and change keys of
// real length, organizer, three attendees, flags and categories. Generated with our own writer
// (mode `full`), so elements are in schema order. Deterministic: no randomness, fixed dates.
// The writer is passed in: the bench gives the built package, the tests give the sources.

const NS =
  'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

const BASE_MS = Date.UTC(2024, 2, 1, 8, 0, 0);
const HOUR_MS = 3_600_000;
export const ID_PAD =
  'AAMkADk0N2E3NmE4LWM0ZGQtNDc2NC1hMGMzLTc2ZTI5ZmU2NzVlNgBGAAAAAAC3G7sQKzR1RbTcXqxWvsFhBwC';

function person(n) {
  return { name: `Person ${n} Example`, emailAddress: `person${n}@example.com`, routingType: 'SMTP' };
}

/** The i-th calendar item value. */
export function calendarItem(i) {
  const start = new Date(BASE_MS + i * HOUR_MS);
  return {
    itemId: {
      id: `${ID_PAD}${String(i).padStart(8, '0')}AAAAAAENAAA=`,
      changeKey: `DwAAABYAAAC3G7sQKzR1RbTcXqxWvsFhAAA${String(i).padStart(6, '0')}`,
    },
    itemClass: 'IPM.Appointment',
    subject: `Project sync #${i}: status, risks & next steps`,
    categories: ['Blue category', 'Project X'],
    importance: i % 7 === 0 ? 'High' : 'Normal',
    start,
    end: new Date(start.getTime() + HOUR_MS / 2),
    isAllDay: false,
    legacyFreeBusyStatus: 'Busy',
    location: `Meeting room ${i % 40} (building B, floor 3)`,
    isMeeting: true,
    isCancelled: false,
    isRecurring: false,
    organizer: person(0),
    requiredAttendees: [1, 2, 3].map((n) => ({
      mailbox: person(n),
      responseType: n === 2 ? 'Tentative' : 'Accept',
    })),
  };
}

/** A whole FindItem response envelope holding `count` calendar items. */
export function findItemPage(count, { CalendarItemModel, toXml }) {
  let items = '';
  for (let i = 0; i < count; i++) {
    items += toXml(CalendarItemModel, calendarItem(i), { version: 'Exchange2016', mode: 'full' }).xml;
  }
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope ${NS}><s:Header>` +
    '<h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" ' +
    'Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>' +
    '<s:Body><m:FindItemResponse><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success">' +
    `<m:ResponseCode>NoError</m:ResponseCode><m:RootFolder TotalItemsInView="${count}" IncludesLastItemInRange="true">` +
    `<t:Items>${items}</t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages>` +
    '</m:FindItemResponse></s:Body></s:Envelope>'
  );
}
