import { describe, expect, it } from 'vitest';
import { CalendarItemModel, fromXml, toXml } from '../src/index.js';
import { pick, picks, rootOf, type XmlNode } from './helpers/xml.js';

const ITEMS = 1_000;

/** A FindItem page shaped like Exchange 2016's, with `count` calendar items. */
function findItemPage(count: number): string {
  let items = '';
  for (let i = 0; i < count; i++) {
    const start = new Date(Date.UTC(2024, 0, 1, 8) + i * 3_600_000);
    items += toXml(
      CalendarItemModel,
      {
        itemId: { id: `AAMkAD${i}=`, changeKey: `DwAAAB${i}` },
        subject: `Meeting #${i} & more`,
        start,
        end: new Date(start.getTime() + 1_800_000),
        isAllDay: false,
        legacyFreeBusyStatus: i % 2 === 0 ? 'Busy' : 'Tentative',
        location: i % 3 === 0 ? '' : `Room ${i}`,
        organizer: {
          name: 'John',
          emailAddress: 'john@example.com',
          routingType: 'SMTP',
          mailboxType: 'Mailbox',
        },
      },
      { version: 'Exchange2016', mode: 'full' },
    ).xml;
  }
  return (
    '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
    '<s:Body><m:FindItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>' +
    '<m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
    `<m:RootFolder TotalItemsInView="${count}" IncludesLastItemInRange="true"><t:Items>${items}</t:Items>` +
    '</m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse></s:Body></s:Envelope>'
  );
}

describe('a 1,000-item FindItem page', () => {
  it('is parsed once and every item read from its node', () => {
    const page = rootOf(findItemPage(ITEMS), 'Envelope');
    const path = ['Body', 'FindItemResponse', 'ResponseMessages', 'FindItemResponseMessage', 'RootFolder'];
    const folder = path.reduce<XmlNode>((node, key) => pick(node, key), page);
    const nodes = picks(pick(folder, 'Items'), 'CalendarItem');
    expect(nodes).toHaveLength(ITEMS);
    const items = nodes.map((node) => fromXml(CalendarItemModel, node));
    expect(items[999]?.subject).toBe('Meeting #999 & more');
    expect(items[999]?.itemId).toEqual({ id: 'AAMkAD999=', changeKey: 'DwAAAB999' });
    expect(items[1]?.start?.toISOString()).toBe('2024-01-01T09:00:00.000Z');
    expect(items[3]?.location).toBe('');
    expect(items.filter((item) => item.legacyFreeBusyStatus === 'Busy')).toHaveLength(ITEMS / 2);
    expect(items.every((item) => item.organizer?.emailAddress === 'john@example.com')).toBe(true);
  });
});
