// `pnpm bench` (issue 5's targets), against a canned Exchange 2016 on loopback running in a
// process of its own (canned-server-process.mjs):
//   J1 – list 10,000 CalendarItems, 1,000 per FindItem page;
//   J2 – fetch 2,000 full items: FindItem for the ids, then GetItem in batches of 100.
// Contenders (contenders/*.mjs): ours (@ews/services), floor (undici + fast-xml-parser + a
// minimal mapping, sequential, buffering every item), ews-js (ews-javascript-api 0.15) and, for
// J1, exchangelib 4.9.0 in a child python if importable. Throughput: one process, rounds
// interleaved, round 0 warms up, median of ROUNDS. Peak RSS: J1 once per contender in a process
// of its own (rss-child.mjs), median of RSS_RUNS, measured twice: while iterating after a
// one-page warm-up (the target; rss-child.mjs says why) and for the whole process from a cold
// start (for the record). Prints a table and PASS/MISS per target;
// informational only (never fails on speed; a wrong item count does fail).
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import * as ewsJs from './contenders/ews-js.mjs';
import * as floor from './contenders/floor.mjs';
import * as ours from './contenders/ours.mjs';

const TOTAL = Number(process.env.BENCH_ITEMS ?? 10_000);
const J2_TOTAL = Math.min(TOTAL, Number(process.env.BENCH_J2_ITEMS ?? 2_000));
const PAGE = 1000;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const RSS_RUNS = Math.max(1, Number(process.env.BENCH_RSS_RUNS ?? 3));
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const subject = (i) => `Project sync #${i}: status, risks & next steps`;
const run = promisify(execFile);
const here = (file) => new URL(file, import.meta.url).pathname;

async function startServer() {
  const child = spawn(process.execPath, [here('canned-server-process.mjs'), String(TOTAL)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [url] = await createInterface({ input: child.stdout })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value]);
  if (!url) throw new Error('the canned server did not start');
  return { url, close: () => child.stdin.end() };
}

const server = await startServer();
const implementations = { ours, floor, 'ews-js': ewsJs };
const contenders = Object.fromEntries(
  Object.entries(implementations).map(([name, module]) => [name, module.create(server.url, { page: PAGE })]),
);
const hasExchangelib = await run(PYTHON, ['-c', 'import exchangelib'], { timeout: 30_000 }).then(
  () => true,
  () => false,
);
async function exchangelibJ1() {
  const { stdout } = await run(PYTHON, [here('exchangelib_list.py'), server.url, String(TOTAL)], {
    timeout: 300_000,
  });
  return { count: TOTAL, last: subject(TOTAL - 1), seconds: Number(stdout.trim()) };
}

const jobs = {
  J1: { total: TOTAL, run: (c) => c.j1() },
  J2: { total: J2_TOTAL, run: (c) => c.j2(J2_TOTAL) },
};
const samples = { J1: {}, J2: {} };
const rss = {};
try {
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [job, { total, run: runJob }] of Object.entries(jobs)) {
      const entries = Object.entries(contenders).map(([name, c]) => [name, () => runJob(c)]);
      if (job === 'J1' && hasExchangelib) entries.push(['exchangelib', exchangelibJ1]);
      // Alternate who goes first, so no contender always runs on a freshly collected heap.
      if (round % 2 === 1) entries.reverse();
      for (const [name, list] of entries) {
        const started = process.hrtime.bigint();
        const { count, last, seconds } = await list();
        const elapsed = seconds ?? Number(process.hrtime.bigint() - started) / 1e9;
        if (count !== total || last !== subject(total - 1))
          throw new Error(`${job} ${name}: ${count} items, last ${last}`);
        if (round > 0) {
          samples[job][name] ??= [];
          samples[job][name].push(total / elapsed);
        }
      }
    }
  }
  for (let runIndex = 0; runIndex < RSS_RUNS; runIndex++) {
    for (const mode of ['warm', 'cold']) {
      for (const name of Object.keys(implementations)) {
        const { stdout } = await run(
          process.execPath,
          [here('rss-child.mjs'), name, server.url, String(PAGE), mode],
          { timeout: 300_000 },
        );
        const result = JSON.parse(stdout);
        if (result.count !== TOTAL || result.last !== subject(TOTAL - 1))
          throw new Error(`RSS ${mode} ${name}: ${result.count} items, last ${result.last}`);
        rss[mode] ??= {};
        rss[mode][name] ??= [];
        rss[mode][name].push(result);
      }
    }
  }
} finally {
  await Promise.all(Object.values(contenders).map((c) => c.close()));
  server.close();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = (job, name) => (samples[job][name] ? median(samples[job][name]) : undefined);
const rssMedian = (mode, name, key) => {
  const runs = rss[mode]?.[name];
  return runs ? median(runs.map((r) => r[key])) : undefined;
};
const peak = (name, mode = 'warm') => rssMedian(mode, name, 'peakMb');
const baseline = (name) => rssMedian('warm', name, 'baselineMb');
const fmt = (value, digits = 0) =>
  value === undefined
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `\nservices bench: canned Exchange 2016 on loopback (own process), median of ${ROUNDS} rounds, node ${process.version}`,
);
for (const [job, title] of [
  ['J1', `J1 list ${fmt(TOTAL)} CalendarItems, ${fmt(PAGE)} per FindItem page`],
  ['J2', `J2 fetch ${fmt(J2_TOTAL)} full items: FindItem ids, GetItem batches of 100`],
]) {
  console.log(`\n${title}`);
  console.log(
    `  ${'implementation'.padEnd(14)} ${'items/s'.padStart(9)} ${'÷ floor'.padStart(8)} ${'÷ ews-js'.padStart(9)}${job === 'J1' ? `  ${'peak RSS'.padStart(9)}  ${'(at start)'.padStart(10)}  ${'cold process'.padStart(12)}` : ''}`,
  );
  for (const name of ['ours', 'floor', 'ews-js', 'exchangelib'].filter((n) => samples[job][n])) {
    const itemsPerSecond = rate(job, name);
    let line = `  ${name.padEnd(14)} ${fmt(itemsPerSecond).padStart(9)} ${fmt(itemsPerSecond / rate(job, 'floor'), 2).padStart(8)} ${fmt(itemsPerSecond / rate(job, 'ews-js'), 2).padStart(9)}`;
    if (job === 'J1' && peak(name) !== undefined)
      line += `  ${`${fmt(peak(name))} MB`.padStart(9)}  ${`${fmt(baseline(name))} MB`.padStart(10)}  ${`${fmt(peak(name, 'cold'))} MB`.padStart(12)}`;
    console.log(line);
  }
}
console.log(
  '  peak RSS: while iterating, after a one-page warm-up (rss-child.mjs); cold process: from its start,\n' +
    "  including V8's one-time compile of undici's HTTP parser that every undici process pays",
);
if (!hasExchangelib)
  console.log(
    `  exchangelib    skipped: ${PYTHON} cannot import exchangelib (apt install python3-exchangelib)`,
  );

const targets = [
  ['J1 ours ≥ 0.9 × floor', rate('J1', 'ours') / rate('J1', 'floor'), (r) => r >= 0.9, 2],
  ['J1 ours ≥ 1.6 × ews-js', rate('J1', 'ours') / rate('J1', 'ews-js'), (r) => r >= 1.6, 2],
  ['J2 ours ≥ 1.5 × floor', rate('J2', 'ours') / rate('J2', 'floor'), (r) => r >= 1.5, 2],
  ['J1 peak RSS ours ≤ 0.5 × floor', peak('ours') / peak('floor'), (r) => r <= 0.5, 2],
];
const coldRatio = peak('ours', 'cold') / peak('floor', 'cold');
console.log('\ntargets (informational)');
for (const [name, value, met, digits] of targets)
  console.log(`  ${name.padEnd(32)} ${fmt(value, digits).padStart(6)}  ${met(value) ? 'PASS' : 'MISS'}`);
console.log(`  ${'(cold process, for the record)'.padEnd(32)} ${fmt(coldRatio, 2).padStart(6)}`);
