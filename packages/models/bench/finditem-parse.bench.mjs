// `pnpm bench`: parse a 1,000-item FindItem page of CalendarItems (~1.6 MB) into typed objects.
// Contenders, measured in the same process, rounds interleaved:
//   ours  – parseXml once, then fromXml(CalendarItemModel, node) per item;
//   core  – @ews/core's parseXml once, then fromXml(CalendarItemModel, fromCoreNode(node)) per
//           item (what the services do: one parse per response, shared with core's decoding);
//   floor – fast-xml-parser with default options and a minimal hand-written mapping of the same
//           fields (no validation, no error paths): the least work that yields the same objects;
//   raw   – our parseXml with the same hand-written mapping: what fromXml's table-driven,
//           validating mapping costs over the bare minimum on the same tree;
//   peer  – ews-javascript-api 0.15: ExchangeService.FindItems through its public API, with an
//           XHR implementation that returns the canned page (its parser works on the response
//           text, so no network is involved).
// Prints medians and the ratios ours/floor (target <= 1.2) and peer/ours (target >= 2).

import { parseXml as parseCoreXml } from '@ews/core';
import {
  ExchangeService,
  ExchangeVersion,
  ItemView,
  Uri,
  WebCredentials,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { XMLParser } from 'fast-xml-parser';
import { CalendarItemModel, fromCoreNode, fromXml, parseXml, toXml } from '../dist/index.js';
import { findItemPage } from './calendar-page.mjs';

const ITEMS = 1000;
const WARMUP_ROUNDS = 5;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const page = findItemPage(ITEMS, { CalendarItemModel, toXml });

const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const itemsOf = (doc) =>
  asArray(
    doc.Envelope.Body.FindItemResponse.ResponseMessages.FindItemResponseMessage.RootFolder.Items.CalendarItem,
  );

function parseOurs() {
  return itemsOf(parseXml(page)).map((node) => fromXml(CalendarItemModel, node));
}

function coreItemsOf(root) {
  const body = root.children.find((node) => node.name === 'Body');
  const message = body.children[0].children[0].children[0];
  return message.children.find((node) => node.name === 'RootFolder').children[0].children;
}
function parseViaCore() {
  return coreItemsOf(parseCoreXml(page)).map((node) => fromXml(CalendarItemModel, fromCoreNode(node)));
}

const floorParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
});
const mailbox = (m) => ({ name: m.Name, emailAddress: m.EmailAddress, routingType: m.RoutingType });
function parseFloor() {
  return itemsOf(floorParser.parse(page)).map(handMapping);
}
function parseRaw() {
  return itemsOf(parseXml(page)).map(handMapping);
}
function handMapping(n) {
  return {
    itemId: { id: n.ItemId['@_Id'], changeKey: n.ItemId['@_ChangeKey'] },
    itemClass: n.ItemClass,
    subject: n.Subject,
    categories: asArray(n.Categories?.String),
    importance: n.Importance,
    start: new Date(n.Start),
    end: new Date(n.End),
    isAllDay: n.IsAllDayEvent === 'true',
    legacyFreeBusyStatus: n.LegacyFreeBusyStatus,
    location: n.Location,
    isMeeting: n.IsMeeting === 'true',
    isCancelled: n.IsCancelled === 'true',
    isRecurring: n.IsRecurring === 'true',
    organizer: mailbox(n.Organizer.Mailbox),
    requiredAttendees: asArray(n.RequiredAttendees?.Attendee).map((a) => ({
      mailbox: mailbox(a.Mailbox),
      responseType: a.ResponseType,
    })),
  };
}

const service = new ExchangeService(ExchangeVersion.Exchange2016);
service.Credentials = new WebCredentials('bench', 'not-a-secret');
service.Url = new Uri('https://127.0.0.1/EWS/Exchange.asmx');
const cannedResponse = {
  status: 200,
  responseText: page,
  response: page,
  getAllResponseHeaders: () => 'content-type: text/xml; charset=utf-8',
  getResponseHeader: (name) => (name.toLowerCase() === 'content-type' ? 'text/xml; charset=utf-8' : null),
};
service.XHRApi = {
  apiName: 'bench-canned',
  xhr: async () => cannedResponse,
  xhrStream: async () => cannedResponse,
  disconnect() {},
};
async function parsePeer() {
  const result = await service.FindItems(WellKnownFolderName.Calendar, new ItemView(ITEMS));
  // Touch the typed properties, as a caller would.
  return result.Items.map((item) => ({ subject: item.Subject, start: item.Start, location: item.Location }));
}

function check(name, items, subjectOf) {
  if (items.length !== ITEMS) throw new Error(`${name}: ${items.length} items instead of ${ITEMS}`);
  const last = subjectOf(items[ITEMS - 1]);
  if (last !== `Project sync #${ITEMS - 1}: status, risks & next steps`)
    throw new Error(`${name}: wrong subject ${last}`);
}

async function time(run) {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const contenders = { ours: parseOurs, core: parseViaCore, floor: parseFloor, raw: parseRaw, peer: parsePeer };
check('ours', parseOurs(), (i) => i.subject);
check('core', parseViaCore(), (i) => i.subject);
check('floor', parseFloor(), (i) => i.subject);
check('raw', parseRaw(), (i) => i.subject);
check('peer', await parsePeer(), (i) => i.subject);

const samples = { ours: [], core: [], floor: [], raw: [], peer: [] };
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (const [name, run] of Object.entries(contenders)) {
    const ms = await time(run);
    if (round >= WARMUP_ROUNDS) samples[name].push(ms);
  }
}

const ours = median(samples.ours);
const core = median(samples.core);
const floor = median(samples.floor);
const raw = median(samples.raw);
const peer = median(samples.peer);
console.log(
  `FindItem page: ${ITEMS} CalendarItems, ${(page.length / 1e6).toFixed(2)} MB, median of ${ROUNDS} rounds`,
);
console.log(`  ours  (@ews/models parseXml + fromXml)     ${ours.toFixed(1)} ms`);
console.log(`  core  (@ews/core parseXml + fromCoreNode)  ${core.toFixed(1)} ms`);
console.log(`  floor (fast-xml-parser + hand mapping)     ${floor.toFixed(1)} ms`);
console.log(`  raw   (our parseXml + hand mapping)        ${raw.toFixed(1)} ms`);
console.log(`  peer  (ews-javascript-api FindItems)       ${peer.toFixed(1)} ms`);
console.log(`  ours/floor = ${(ours / floor).toFixed(2)}  (target <= 1.20)`);
console.log(`  ours/raw   = ${(ours / raw).toFixed(2)}  (cost of the table-driven, validating mapping)`);
console.log(`  peer/ours  = ${(peer / ours).toFixed(2)}  (target >= 2.00)`);
console.log(`  core/ours  = ${(core / ours).toFixed(2)}  (reading through @ews/core's tree instead)`);
