// `pnpm bench` (J1): list 10,000 calendar items, 1,000 per FindItem page, from a canned Exchange
// 2016 on loopback. Contenders run in the same process (exchangelib in a child python), rounds
// interleaved, median of ROUNDS:
//   ours     – @ews/services: account.calendar.all().pageSize(1000), iterated;
//   floor    – undici POST + fast-xml-parser + a minimal hand mapping, pages sequential;
//   ews-js   – ews-javascript-api 0.15 FindItems paging, its XHR replaced by fetch to the server;
//   exchangelib – 4.9.0 (/usr/bin/python3, Debian python3-exchangelib), if importable.
// Prints items/s for each and the ratios. No assertion on speed; a wrong item count fails.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createBasicAuth, EwsClient } from '@ews/core';
import { CalendarItemModel, toXml } from '@ews/models';
import {
  ExchangeService,
  ExchangeVersion,
  ItemView,
  Uri,
  WebCredentials,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { XMLParser } from 'fast-xml-parser';
import { request } from 'undici';
import { Account } from '../dist/index.js';
import { startCannedServer } from './canned-server.mjs';

const TOTAL = Number(process.env.BENCH_ITEMS ?? 10_000);
const PAGE = 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const LAST_SUBJECT = `Project sync #${TOTAL - 1}: status, risks & next steps`;

const server = await startCannedServer({
  total: TOTAL,
  renderItem: (item) => toXml(CalendarItemModel, item, { version: 'Exchange2016', mode: 'full' }),
});

// ours
const client = new EwsClient({
  url: server.url,
  auth: createBasicAuth({ username: 'bench@example.com', password: 'not-a-secret' }),
  allowInsecureHttp: true,
});
const account = new Account({ primarySmtpAddress: 'bench@example.com', client, accessType: 'delegate' });
async function listOurs() {
  let count = 0;
  let last;
  for await (const item of account.calendar.all().pageSize(PAGE)) {
    count++;
    last = item.subject;
  }
  return { count, last };
}

// floor
const findItemBody = (offset) =>
  '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<s:Header><t:RequestServerVersion Version="Exchange2016"/></s:Header><s:Body><m:FindItem Traversal="Shallow">' +
  '<m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
  `<m:IndexedPageItemView MaxEntriesReturned="${PAGE}" Offset="${offset}" BasePoint="Beginning"/>` +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem></s:Body></s:Envelope>';
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
const authorization = `Basic ${Buffer.from('bench@example.com:not-a-secret').toString('base64')}`;
async function listFloor() {
  let count = 0;
  let last;
  for (let offset = 0; ; ) {
    const { body } = await request(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', authorization },
      body: findItemBody(offset),
    });
    const root = parser.parse(await body.text()).Envelope.Body.FindItemResponse.ResponseMessages
      .FindItemResponseMessage.RootFolder;
    const items = asArray(root.Items.CalendarItem).map(handMapping);
    for (const item of items) {
      count++;
      last = item.subject;
    }
    if (root['@_IncludesLastItemInRange'] === 'true' || items.length === 0) break;
    offset = Number(root['@_IndexedPagingOffset']);
  }
  return { count, last };
}

// ews-javascript-api, its XHR swapped for fetch to the same server
const service = new ExchangeService(ExchangeVersion.Exchange2016);
service.Credentials = new WebCredentials('bench@example.com', 'not-a-secret');
service.Url = new Uri(server.url);
async function fetchXhr(options) {
  const response = await fetch(options.url, {
    method: options.type ?? 'POST',
    headers: options.headers,
    body: options.data,
  });
  const text = await response.text();
  return {
    status: response.status,
    responseText: text,
    response: text,
    getAllResponseHeaders: () => [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\r\n'),
    getResponseHeader: (name) => response.headers.get(name),
  };
}
service.XHRApi = { apiName: 'bench-fetch', xhr: fetchXhr, xhrStream: fetchXhr, disconnect() {} };
async function listEwsJs() {
  let count = 0;
  let last;
  for (let offset = 0; ; ) {
    const result = await service.FindItems(WellKnownFolderName.Calendar, new ItemView(PAGE, offset));
    for (const item of result.Items) {
      count++;
      last = item.Subject;
    }
    if (!result.MoreAvailable || result.Items.length === 0) break;
    offset = result.NextPageOffset;
  }
  return { count, last };
}

// exchangelib: the child reports its own listing time (python start-up excluded)
const run = promisify(execFile);
const exchangelibScript = new URL('./exchangelib_list.py', import.meta.url).pathname;
async function listExchangelib() {
  const { stdout } = await run(PYTHON, [exchangelibScript, server.url, String(TOTAL)], { timeout: 300_000 });
  return { count: TOTAL, last: LAST_SUBJECT, seconds: Number(stdout.trim()) };
}
const hasExchangelib = await run(PYTHON, ['-c', 'import exchangelib'], { timeout: 30_000 }).then(
  () => true,
  () => false,
);

const contenders = { ours: listOurs, floor: listFloor, 'ews-js': listEwsJs };
if (hasExchangelib) contenders.exchangelib = listExchangelib;
const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
try {
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [name, list] of Object.entries(contenders)) {
      const started = process.hrtime.bigint();
      const { count, last, seconds } = await list();
      const elapsed = seconds ?? Number(process.hrtime.bigint() - started) / 1e9;
      if (count !== TOTAL || last !== LAST_SUBJECT) throw new Error(`${name}: ${count} items, last ${last}`);
      if (round > 0) samples[name].push(elapsed); // round 0 warms up
    }
  }
} finally {
  await client.close();
  await server.close();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, TOTAL / median(s)]));
console.log(
  `J1: list ${TOTAL} CalendarItems, ${PAGE} per page, canned Exchange 2016 on loopback, median of ${ROUNDS}`,
);
for (const [name, itemsPerSecond] of Object.entries(rate))
  console.log(
    `  ${name.padEnd(12)} ${Math.round(itemsPerSecond).toLocaleString('en-US').padStart(8)} items/s`,
  );
if (!hasExchangelib)
  console.log(
    `  exchangelib  skipped: ${PYTHON} cannot import exchangelib (apt install python3-exchangelib)`,
  );
console.log(`  ours/floor       = ${(rate.ours / rate.floor).toFixed(2)}  (target >= 0.90)`);
console.log(`  ours/ews-js      = ${(rate.ours / rate['ews-js']).toFixed(2)}  (target >= 1.60)`);
if (rate.exchangelib) console.log(`  ours/exchangelib = ${(rate.ours / rate.exchangelib).toFixed(2)}`);
