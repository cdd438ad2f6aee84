// A canned Exchange 2016 over loopback for the bench: FindItem pages of CalendarItems built once
// (shaped like Exchange 2016's: full ids, organizer, attendees, categories), served by offset; a
// FindItem asking for IdOnly (no AdditionalProperties) gets the ids only; GetItem answers by id;
// GetFolder answers with a folder of the requested distinguished id (exchangelib asks for root
// and calendar first); CreateItem (J3) answers each CalendarItem with the id of the bench item
// whose number its Subject carries (`Project sync #i:`), so a contender's ids can be checked
// whatever order its requests arrive in. Accepts any credentials. Listens on 127.0.0.1 only.
import { createServer } from 'node:http';
// The same items the models parse benchmark measures, so both benchmarks speak of one page.
import { calendarItem, ID_PAD } from '../../models/bench/calendar-page.mjs';

const NS =
  'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';
const HEADER =
  '<s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" ' +
  'Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>';
const envelope = (body) =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope ${NS}>${HEADER}<s:Body>${body}</s:Body></s:Envelope>`;
function folderResponse(distinguishedId) {
  const element = distinguishedId === 'calendar' ? 't:CalendarFolder' : 't:Folder';
  const folderClass = distinguishedId === 'calendar' ? '<t:FolderClass>IPF.Appointment</t:FolderClass>' : '';
  return envelope(
    '<m:GetFolderResponse><m:ResponseMessages><m:GetFolderResponseMessage ResponseClass="Success">' +
      `<m:ResponseCode>NoError</m:ResponseCode><m:Folders><${element}><t:FolderId Id="${ID_PAD}${distinguishedId}AAA=" ChangeKey="AQAAABYAAAC3"/>` +
      `${folderClass}<t:DisplayName>${distinguishedId}</t:DisplayName><t:TotalCount>0</t:TotalCount><t:ChildFolderCount>0</t:ChildFolderCount>` +
      `</${element}></m:Folders></m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse>`,
  );
}

/**
 * Starts the server with `total` items pre-rendered by `renderItem(i)` (our model writer, so the
 * elements are in schema order). Pages are built once per (offset, max) and then reused.
 */
export async function startCannedServer({ total, renderItem }) {
  const items = Array.from({ length: total }, (_, i) => renderItem(calendarItem(i)));
  const ids = Array.from({ length: total }, (_, i) => {
    const { id, changeKey } = calendarItem(i).itemId;
    return `<t:CalendarItem><t:ItemId Id="${id}" ChangeKey="${changeKey}"/></t:CalendarItem>`;
  });
  const pages = new Map();
  const findItemPage = (offset, max, idOnly) => {
    const key = `${offset}:${max}:${idOnly}`;
    let page = pages.get(key);
    if (page === undefined) {
      const slice = (idOnly ? ids : items).slice(offset, offset + max);
      const next = offset + slice.length;
      page = Buffer.from(
        envelope(
          '<m:FindItemResponse><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success">' +
            `<m:ResponseCode>NoError</m:ResponseCode><m:RootFolder IndexedPagingOffset="${next}" TotalItemsInView="${total}" ` +
            `IncludesLastItemInRange="${next >= total}"><t:Items>${slice.join('')}</t:Items></m:RootFolder>` +
            '</m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>',
        ),
      );
      pages.set(key, page);
    }
    return page;
  };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let answer;
      if (/FindItem[\s>]/.test(body)) {
        const offset = Number(/Offset="(\d+)"/.exec(body)?.[1] ?? 0);
        const max = Number(/MaxEntriesReturned="(\d+)"/.exec(body)?.[1] ?? 1000);
        const idOnly = /BaseShape>IdOnly</.test(body) && !/AdditionalProperties/.test(body);
        answer = findItemPage(offset, max, idOnly);
      } else if (/GetItem[\s>]/.test(body)) {
        // exchangelib fetches some fields (time zones, organizer…) with GetItem by id.
        let messages = '';
        for (const [, index] of body.matchAll(/ItemId Id="[^"]*?(\d{8})AAAAAAENAAA="/g)) {
          messages +=
            '<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
            `<m:Items>${items[Number(index)]}</m:Items></m:GetItemResponseMessage>`;
        }
        answer = Buffer.from(
          envelope(
            `<m:GetItemResponse><m:ResponseMessages>${messages}</m:ResponseMessages></m:GetItemResponse>`,
          ),
        );
      } else if (/<m:CreateItem[\s>]/.test(body)) {
        // One answer per item the request holds, in its order (each names one CalendarItem).
        let messages = '';
        for (const [, index] of body.matchAll(/<t:Subject>Project sync #(\d+):/g)) {
          const { id, changeKey } = calendarItem(Number(index)).itemId;
          messages +=
            '<m:CreateItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
            `<m:Items><t:CalendarItem><t:ItemId Id="${id}" ChangeKey="${changeKey}"/></t:CalendarItem></m:Items>` +
            '</m:CreateItemResponseMessage>';
        }
        answer = Buffer.from(
          envelope(
            `<m:CreateItemResponse><m:ResponseMessages>${messages}</m:ResponseMessages></m:CreateItemResponse>`,
          ),
        );
      } else if (/GetFolder[\s>]/.test(body)) {
        answer = Buffer.from(folderResponse(/DistinguishedFolderId Id="(\w+)"/.exec(body)?.[1] ?? 'root'));
      } else {
        response.writeHead(500, { 'content-type': 'text/plain' }).end('not canned');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': answer.length });
      response.end(answer);
    });
  });
  // A slow contender can spend seconds parsing a page between calls: keep its idle connection
  // open rather than racing Node's 5 s keep-alive close with its next request.
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
