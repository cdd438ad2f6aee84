// `pnpm bench` (second part): the write path of bulk CreateItem/UpdateItem and of every FindItem.
// Writes 1,000 CalendarItems (the same values as the FindItem page bench) with toXml, in `create`
// mode (what CreateItem sends) and `full` mode (every field), then builds 1,000 requests' worth of
// the find-side pieces (ItemShape with fields, a four-clause Restriction, a SortOrder).
// Prints the median of each, in ms per 1,000, measured in one process with interleaved rounds, and
// its ratio to a floor run in the same rounds: a hand-written template-string writer of the very
// same XML (checked equal before timing), with a minimal escaper and no field tables or checks.

import {
  CalendarItemModel,
  filterFor,
  itemShape,
  MessageModel,
  restrictionXml,
  sortOrderXml,
  toXml,
} from '../dist/index.js';
import { calendarItem } from './calendar-page.mjs';

const COUNT = 1000;
const WARMUP_ROUNDS = 5;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const items = Array.from({ length: COUNT }, (_, i) => calendarItem(i));
// Writers returned strings before issue 16 and XmlFragments after; the bench measures either.
const text = (x) => (typeof x === 'string' ? x : x.xml);

let sink = 0;
function writeCreate() {
  for (const item of items) {
    const { itemId: _id, ...fields } = item;
    sink += text(toXml(CalendarItemModel, fields, { version: 'Exchange2016' })).length;
  }
}
function writeFull() {
  for (const item of items)
    sink += text(toXml(CalendarItemModel, item, { version: 'Exchange2016', mode: 'full' })).length;
}
const f = filterFor(MessageModel);
const filter = f.and(
  f.eq('isRead', false),
  f.contains('subject', 'status & risks'),
  f.gte('dateTimeReceived', new Date(Date.UTC(2024, 0, 1))),
  f.exists('categories'),
);
function writeFind() {
  for (let i = 0; i < COUNT; i++) {
    const shape = itemShape(MessageModel, {
      version: 'Exchange2016',
      operation: 'FindItem',
      fields: ['subject', 'dateTimeReceived', 'sender', 'isRead', 'importance'],
    });
    const restriction = restrictionXml(filter, { version: 'Exchange2016' });
    const sort = sortOrderXml(MessageModel, ['-dateTimeReceived', 'subject'], { version: 'Exchange2016' });
    sink += text(shape.xml).length + text(restriction.xml).length + text(sort).length;
  }
}

// The floor: the same elements as template strings, fields named by hand.
const esc = (v) => (/[&<>\r]/.test(v) ? v.replace(/[&<>\r]/g, (c) => ESC[c]) : v);
const escA = (v) => (/[&<>"'\t\n\r]/.test(v) ? v.replace(/[&<>"'\t\n\r]/g, (c) => ESC[c]) : v);
const ESC = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const iso = (d) => d.toISOString().replace('.000Z', 'Z');
const mailbox = (m) =>
  `<t:Mailbox><t:Name>${esc(m.name)}</t:Name><t:EmailAddress>${esc(m.emailAddress)}</t:EmailAddress><t:RoutingType>${m.routingType}</t:RoutingType></t:Mailbox>`;
function floorItem(v, full) {
  let x = '<t:CalendarItem>';
  if (full) {
    x += `<t:ItemId Id="${escA(v.itemId.id)}" ChangeKey="${escA(v.itemId.changeKey)}"/>`;
    x += `<t:ItemClass>${esc(v.itemClass)}</t:ItemClass>`;
  }
  x += `<t:Subject>${esc(v.subject)}</t:Subject><t:Categories>`;
  for (const c of v.categories) x += `<t:String>${esc(c)}</t:String>`;
  x += `</t:Categories><t:Importance>${v.importance}</t:Importance><t:Start>${iso(v.start)}</t:Start><t:End>${iso(v.end)}</t:End>`;
  x += `<t:IsAllDayEvent>${v.isAllDay}</t:IsAllDayEvent><t:LegacyFreeBusyStatus>${v.legacyFreeBusyStatus}</t:LegacyFreeBusyStatus><t:Location>${esc(v.location)}</t:Location>`;
  if (full) {
    x += `<t:IsMeeting>${v.isMeeting}</t:IsMeeting><t:IsCancelled>${v.isCancelled}</t:IsCancelled><t:IsRecurring>${v.isRecurring}</t:IsRecurring>`;
    x += `<t:Organizer>${mailbox(v.organizer)}</t:Organizer>`;
  }
  x += '<t:RequiredAttendees>';
  for (const a of v.requiredAttendees)
    x += `<t:Attendee>${mailbox(a.mailbox)}<t:ResponseType>${a.responseType}</t:ResponseType></t:Attendee>`;
  return `${x}</t:RequiredAttendees></t:CalendarItem>`;
}
const fieldUri = (uri) => `<t:FieldURI FieldURI="${escA(uri)}"/>`;
const floorShape = (uris) =>
  `<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${[...uris].sort().map(fieldUri).join('')}</t:AdditionalProperties></m:ItemShape>`;
const compare = (name, uri, value) =>
  `<t:${name}>${fieldUri(uri)}<t:FieldURIOrConstant><t:Constant Value="${escA(value)}"/></t:FieldURIOrConstant></t:${name}>`;
function floorRestriction(since) {
  return `<m:Restriction><t:And>${compare('IsEqualTo', 'message:IsRead', '0')}<t:Contains ContainmentMode="Substring" ContainmentComparison="Exact">${fieldUri('item:Subject')}<t:Constant Value="${escA('status & risks')}"/></t:Contains>${compare('IsGreaterThanOrEqualTo', 'item:DateTimeReceived', iso(since))}<t:Exists>${fieldUri('item:Categories')}</t:Exists></t:And></m:Restriction>`;
}
const floorSort = (keys) =>
  `<m:SortOrder>${keys.map(([uri, order]) => `<t:FieldOrder Order="${order}">${fieldUri(uri)}</t:FieldOrder>`).join('')}</m:SortOrder>`;
const SHAPE_URIS = ['item:Subject', 'item:DateTimeReceived', 'item:Importance', 'message:IsRead'];
const SORT_KEYS = [
  ['item:DateTimeReceived', 'Descending'],
  ['item:Subject', 'Ascending'],
];
function floorCreate() {
  for (const item of items) sink += floorItem(item, false).length;
}
function floorFull() {
  for (const item of items) sink += floorItem(item, true).length;
}
function floorFind() {
  for (let i = 0; i < COUNT; i++) {
    const since = new Date(Date.UTC(2024, 0, 1));
    sink += floorShape(SHAPE_URIS).length + floorRestriction(since).length + floorSort(SORT_KEYS).length;
  }
}

// The floor must write what we write, or the ratio means nothing.
for (const [i, item] of items.entries()) {
  const { itemId: _id, ...fields } = item;
  const ours = [
    text(toXml(CalendarItemModel, fields, { version: 'Exchange2016' })),
    text(toXml(CalendarItemModel, item, { version: 'Exchange2016', mode: 'full' })),
  ];
  if (ours[0] !== floorItem(item, false) || ours[1] !== floorItem(item, true))
    throw new Error(`the floor writes item ${i} otherwise than toXml`);
}
{
  const shape = itemShape(MessageModel, {
    version: 'Exchange2016',
    operation: 'FindItem',
    fields: ['subject', 'dateTimeReceived', 'sender', 'isRead', 'importance'],
  });
  const restriction = restrictionXml(filter, { version: 'Exchange2016' });
  const sort = sortOrderXml(MessageModel, ['-dateTimeReceived', 'subject'], { version: 'Exchange2016' });
  const ours = text(shape.xml) + text(restriction.xml) + text(sort);
  const floor =
    floorShape(SHAPE_URIS) + floorRestriction(new Date(Date.UTC(2024, 0, 1))) + floorSort(SORT_KEYS);
  if (ours !== floor) throw new Error('the floor writes the find pieces otherwise than models');
}

const contenders = {
  'toXml create': writeCreate,
  'floor create': floorCreate,
  'toXml full': writeFull,
  'floor full': floorFull,
  'find pieces': writeFind,
  'floor find': floorFind,
};
const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (const [name, run] of Object.entries(contenders)) {
    const t0 = performance.now();
    run();
    const ms = performance.now() - t0;
    if (round >= WARMUP_ROUNDS) times[name].push(ms);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const FLOOR_OF = { 'toXml create': 'floor create', 'toXml full': 'floor full', 'find pieces': 'floor find' };
console.log(`models write path, ${COUNT} values, median of ${ROUNDS} rounds (BENCH_ROUNDS)`);
for (const [name, floor] of Object.entries(FLOOR_OF)) {
  const ours = median(times[name]);
  const base = median(times[floor]);
  console.log(
    `${name.padEnd(14)} ${ours.toFixed(2).padStart(8)} ms   floor ${base.toFixed(2).padStart(7)} ms   ${(ours / base).toFixed(2)}x the floor`,
  );
}
if (sink === 0) console.log('(nothing written)');
