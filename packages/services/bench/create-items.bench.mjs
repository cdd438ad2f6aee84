// `pnpm bench` (issue 16's J3), against the canned Exchange 2016 on loopback in a process of its
// own (canned-server-process.mjs):
//   J3 – create 1,000 CalendarItems, 100 per CreateItem: the bench's items (calendar-page.mjs,
//        the same values the models write bench writes) without their ids; each answer names
//        each new item's id.
// Contenders (contenders/*.mjs): ours (`account.calendar.create(items)`, the bulk API as a user
// calls it: 100 a request, 4 in flight), floor (undici POST of a template CreateItem, one request
// after the other, fast-xml-parser for the ids), ews-js (ews-javascript-api 0.15: Appointment
// objects, service.CreateItems 100 at a time, one after the other). Throughput: one process,
// rounds interleaved (the order alternates), round 0 warms up, median items/s of BENCH_ROUNDS,
// and each contender's ratio to the floor and to ews-js from the same rounds. Informational: it
// fails on a wrong count or id, never on speed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { calendarItem } from '../../models/bench/calendar-page.mjs';
import * as ewsJs from './contenders/ews-js.mjs';
import * as floor from './contenders/floor.mjs';
import * as ours from './contenders/ours.mjs';

const TOTAL = Number(process.env.BENCH_J3_ITEMS ?? 1000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const here = (file) => new URL(file, import.meta.url).pathname;
const items = Array.from({ length: TOTAL }, (_, i) => {
  const { itemId: _id, ...fields } = calendarItem(i);
  return fields;
});
const lastId = calendarItem(TOTAL - 1).itemId.id;

const child = spawn(process.execPath, [here('canned-server-process.mjs'), '1'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const { value: url } = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
if (!url) throw new Error('the canned server did not start');

const contenders = Object.fromEntries(
  Object.entries({ ours, floor, 'ews-js': ewsJs }).map(([name, module]) => [
    name,
    module.create(url, { page: 1000 }),
  ]),
);
const samples = {};
try {
  for (let round = 0; round <= ROUNDS; round++) {
    const entries = Object.entries(contenders);
    if (round % 2 === 1) entries.reverse();
    for (const [name, contender] of entries) {
      const started = process.hrtime.bigint();
      const { count, last } = await contender.j3(items);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (count !== TOTAL || last !== lastId) throw new Error(`J3 ${name}: ${count} ids, last ${last}`);
      if (round > 0) {
        samples[name] ??= [];
        samples[name].push(TOTAL / seconds);
      }
    }
  }
} finally {
  await Promise.all(Object.values(contenders).map((c) => c.close()));
  child.stdin.end();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = (name) => (samples[name] ? median(samples[name]) : undefined);
const fmt = (value, digits = 0) =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(
  `\nJ3 create ${fmt(TOTAL)} CalendarItems, 100 per CreateItem (canned Exchange 2016, own process), median of ${ROUNDS} rounds, node ${process.version}`,
);
console.log(
  `  ${'implementation'.padEnd(14)} ${'items/s'.padStart(9)} ${'÷ floor'.padStart(8)} ${'÷ ews-js'.padStart(9)}`,
);
for (const name of Object.keys(samples))
  console.log(
    `  ${name.padEnd(14)} ${fmt(rate(name)).padStart(9)} ${fmt(rate(name) / rate('floor'), 2).padStart(8)} ${fmt(rate(name) / rate('ews-js'), 2).padStart(9)}`,
  );
