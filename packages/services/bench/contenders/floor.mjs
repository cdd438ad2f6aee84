// floor – the least a client can do: undici POST, fast-xml-parser, a minimal hand mapping,
// every call sequential, no error handling. As issue 5 defines it, it buffers: every page is
// fetched and parsed before items are mapped and handed out (J1's peak RSS target compares
// with that).
//   J1: FindItem pages of 1,000 (Default shape) until the last;
//   J2: FindItem IdOnly for the ids, then GetItem in batches of 100, one after the other;
//   J3: CreateItem of 100 CalendarItems a request (a template of the XML ours writes), one request
//       after the other, the ids read from each answer.
import { XMLParser } from 'fast-xml-parser';
import { request } from 'undici';

const NAMESPACES =
  'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';
const envelope = (body) =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope ${NAMESPACES}>` +
  `<s:Header><t:RequestServerVersion Version="Exchange2016"/></s:Header><s:Body>${body}</s:Body></s:Envelope>`;
const findItemBody = (offset, max, baseShape) =>
  envelope(
    `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>${baseShape}</t:BaseShape></m:ItemShape>` +
      `<m:IndexedPageItemView MaxEntriesReturned="${max}" Offset="${offset}" BasePoint="Beginning"/>` +
      '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>',
  );
const getItemBody = (ids) =>
  envelope(
    '<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds>' +
      ids.map((id) => `<t:ItemId Id="${id}"/>`).join('') +
      '</m:ItemIds></m:GetItem>',
  );

const esc = (v) => (/[&<>\r]/.test(v) ? v.replace(/[&<>\r]/g, (c) => ESCAPES[c]) : v);
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const iso = (d) => d.toISOString().replace('.000Z', 'Z');
const mailboxXml = (m) =>
  `<t:Mailbox><t:Name>${esc(m.name)}</t:Name><t:EmailAddress>${esc(m.emailAddress)}</t:EmailAddress><t:RoutingType>${m.routingType}</t:RoutingType></t:Mailbox>`;
/** A new CalendarItem as a template: the fields the bench items carry that CreateItem takes. */
const calendarItemXml = (v) =>
  `<t:CalendarItem><t:Subject>${esc(v.subject)}</t:Subject><t:Categories>${v.categories.map((c) => `<t:String>${esc(c)}</t:String>`).join('')}</t:Categories>` +
  `<t:Importance>${v.importance}</t:Importance><t:Start>${iso(v.start)}</t:Start><t:End>${iso(v.end)}</t:End>` +
  `<t:IsAllDayEvent>${v.isAllDay}</t:IsAllDayEvent><t:LegacyFreeBusyStatus>${v.legacyFreeBusyStatus}</t:LegacyFreeBusyStatus>` +
  `<t:Location>${esc(v.location)}</t:Location><t:RequiredAttendees>${v.requiredAttendees
    .map(
      (a) =>
        `<t:Attendee>${mailboxXml(a.mailbox)}<t:ResponseType>${a.responseType}</t:ResponseType></t:Attendee>`,
    )
    .join('')}</t:RequiredAttendees></t:CalendarItem>`;
const createItemBody = (items) =>
  envelope(
    '<m:CreateItem SendMeetingInvitations="SendToNone"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId>' +
      `<m:Items>${items.map(calendarItemXml).join('')}</m:Items></m:CreateItem>`,
  );

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
});
const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const mailbox = (m) => ({ name: m?.Name, emailAddress: m?.EmailAddress, routingType: m?.RoutingType });
const handMapping = (n) => ({
  itemId: { id: n.ItemId['@_Id'], changeKey: n.ItemId['@_ChangeKey'] },
  subject: n.Subject,
  categories: asArray(n.Categories?.String),
  importance: n.Importance,
  start: new Date(n.Start),
  end: new Date(n.End),
  isAllDay: n.IsAllDayEvent === 'true',
  location: n.Location,
  organizer: mailbox(n.Organizer?.Mailbox),
  requiredAttendees: asArray(n.RequiredAttendees?.Attendee).map((a) => ({
    mailbox: mailbox(a.Mailbox),
    responseType: a.ResponseType,
  })),
});

export function create(url, { page }) {
  const authorization = `Basic ${Buffer.from('bench@example.com:not-a-secret').toString('base64')}`;
  const post = async (body) => {
    const response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', authorization },
      body,
    });
    return parser.parse(await response.body.text()).Envelope.Body;
  };
  /** The item nodes of every FindItem page from the start, until `limit` items or the last page. */
  const findAll = async (baseShape, limit) => {
    const pages = [];
    for (let found = 0, offset = 0; found < limit; ) {
      const body = await post(findItemBody(offset, Math.min(page, limit - found), baseShape));
      const root = body.FindItemResponse.ResponseMessages.FindItemResponseMessage.RootFolder;
      const items = asArray(root.Items.CalendarItem);
      pages.push(items);
      found += items.length;
      if (root['@_IncludesLastItemInRange'] === 'true' || items.length === 0) break;
      offset = Number(root['@_IndexedPagingOffset']);
    }
    return pages.flat();
  };
  return {
    // One small page the way j1 reads them (see rss-child.mjs).
    async warm() {
      (await findAll('Default', 10)).map(handMapping);
    },
    async j1() {
      const items = (await findAll('Default', Number.POSITIVE_INFINITY)).map(handMapping);
      let count = 0;
      let last;
      for (const item of items) {
        count++;
        last = item.subject;
      }
      return { count, last };
    },
    async j2(total) {
      const ids = (await findAll('IdOnly', total)).map((n) => n.ItemId['@_Id']);
      const items = [];
      for (let start = 0; start < ids.length; start += 100) {
        const body = await post(getItemBody(ids.slice(start, start + 100)));
        for (const message of asArray(body.GetItemResponse.ResponseMessages.GetItemResponseMessage))
          for (const item of asArray(message.Items.CalendarItem)) items.push(handMapping(item));
      }
      let count = 0;
      let last;
      for (const item of items) {
        count++;
        last = item.subject;
      }
      return { count, last };
    },
    /** `items`: new CalendarItems (the bench's values); 100 per CreateItem, one after the other. */
    async j3(items) {
      let count = 0;
      let last;
      for (let start = 0; start < items.length; start += 100) {
        const body = await post(createItemBody(items.slice(start, start + 100)));
        for (const message of asArray(body.CreateItemResponse.ResponseMessages.CreateItemResponseMessage)) {
          if (message['@_ResponseClass'] !== 'Success') throw new Error('floor: CreateItem failed');
          count++;
          last = message.Items.CalendarItem.ItemId['@_Id'];
        }
      }
      return { count, last };
    },
    close: async () => {},
  };
}
