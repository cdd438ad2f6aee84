// `pnpm bench`: parse a 1,000-item FindItem page of CalendarItems (~1.6 MB) into typed objects.
// Contenders, measured in the same process, rounds interleaved:
//   ours  – @ews/core's parseXml once, then fromXml(CalendarItemModel, node) per item (what the
//           services do: one parse per response; the codec reads core's nodes directly);
//   floor – fast-xml-parser with default options and a minimal hand-written mapping of the same
//           fields (no validation, no error paths): the least work that yields the same objects;
//   raw   – core's parseXml with the same hand-written mapping: what fromXml's table-driven,
//           validating mapping costs over the bare minimum on the same tree;
//   peer  – ews-javascript-api 0.15: ExchangeService.FindItems through its public API, with an
//           XHR implementation that returns the canned page (its parser works on the response
//           text, so no network is involved).
// Prints medians and the ratios ours/floor (target <= 1.2) and peer/ours (target >= 2).

import { parseXml } from '@ews/core';
import {
  ExchangeService,
  ExchangeVersion,
  ItemView,
  Uri,
  WebCredentials,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { XMLParser } from 'fast-xml-parser';
import { CalendarItemModel, fromXml, toXml } from '../dist/index.js';
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

function coreItemsOf(root) {
  const body = root.children.find((node) => node.name === 'Body');
  const message = body.children[0].children[0].children[0];
  return message.children.find((node) => node.name === 'RootFolder').children[0].children;
}
function parseOurs() {
  return coreItemsOf(parseXml(page)).map((node) => fromXml(CalendarItemModel, node));
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
  return coreItemsOf(parseXml(page)).map((node) => handMapping(treeOf(node)));
}
/** A core node as the plain object the hand mapping reads (names to text or nested objects). */
function treeOf(node) {
  if (node.children.length === 0) {
    let hasAttributes = false;
    for (const _ in node.attributes) hasAttributes = true;
    if (!hasAttributes) return node.text;
  }
  const out = {};
  for (const name in node.attributes) out[`@_${name}`] = node.attributes[name];
  for (const child of node.children) {
    const value = treeOf(child);
    const existing = out[child.name];
    if (existing === undefined) out[child.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[child.name] = [existing, value];
  }
  return out;
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

const contenders = { ours: parseOurs, floor: parseFloor, raw: parseRaw, peer: parsePeer };
check('ours', parseOurs(), (i) => i.subject);
check('floor', parseFloor(), (i) => i.subject);
check('raw', parseRaw(), (i) => i.subject);
check('peer', await parsePeer(), (i) => i.subject);

const samples = { ours: [], floor: [], raw: [], peer: [] };
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (const [name, run] of Object.entries(contenders)) {
    const ms = await time(run);
    if (round >= WARMUP_ROUNDS) samples[name].push(ms);
  }
}

const ours = median(samples.ours);
const floor = median(samples.floor);
const raw = median(samples.raw);
const peer = median(samples.peer);
console.log(
  `FindItem page: ${ITEMS} CalendarItems, ${(page.length / 1e6).toFixed(2)} MB, median of ${ROUNDS} rounds`,
);
console.log(`  ours  (@ews/core parseXml + fromXml)       ${ours.toFixed(1)} ms`);
console.log(`  floor (fast-xml-parser + hand mapping)     ${floor.toFixed(1)} ms`);
console.log(`  raw   (core parseXml + hand mapping)       ${raw.toFixed(1)} ms`);
console.log(`  peer  (ews-javascript-api FindItems)       ${peer.toFixed(1)} ms`);
console.log(`  ours/floor = ${(ours / floor).toFixed(2)}  (target <= 1.20)`);
console.log(`  ours/raw   = ${(ours / raw).toFixed(2)}  (cost of the table-driven, validating mapping)`);
console.log(`  peer/ours  = ${(peer / ours).toFixed(2)}  (target >= 2.00)`);
