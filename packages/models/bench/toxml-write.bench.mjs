// `pnpm bench` (second part): the write path of bulk CreateItem/UpdateItem and of every FindItem.
// Writes 1,000 CalendarItems (the same values as the FindItem page bench) with toXml, in `create`
// mode (what CreateItem sends) and `full` mode (every field), then builds 1,000 requests' worth of
// the find-side pieces (ItemShape with fields, a four-clause Restriction, a SortOrder).
// Prints the median of each, in ms per 1,000, measured in one process with interleaved rounds.

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

const contenders = { 'toXml create': writeCreate, 'toXml full': writeFull, 'find pieces': writeFind };
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
for (const [name, xs] of Object.entries(times))
  console.log(`${name.padEnd(14)} ${median(xs).toFixed(2).padStart(8)} ms per ${COUNT}`);
if (sink === 0) console.log('(nothing written)');
