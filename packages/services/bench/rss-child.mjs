// One contender's J1 in a process of its own, for an honest peak RSS (nothing else in the heap):
// `node rss-child.mjs <ours|floor|ews-js> <url> <page> <warm|cold>`. Prints one JSON line: the
// item count, the last subject, the RSS before listing and the peak RSS (MB).
//
// warm – what the target measures, the memory of iterating: the contender first reads one small
//   page through its own client, the process waits SETTLE_MS, the kernel's high-water mark is
//   reset (/proc/self/clear_refs, Linux) and the peak is the high-water mark after J1. The
//   warm-up matters because every undici process pays a one-time transient at its first
//   responses: V8 compiles undici's HTTP parser (llhttp, WebAssembly) with TurboFan in the
//   background, about 29 MB of compiler memory for ~200–350 ms (`--trace-wasm-compilation-times`
//   shows it). It is the same for every contender and says nothing about how they iterate: the
//   warm-up leaves each client as any later call finds it (a connection open), and ours reads
//   every page streamed whether or not its client has sent a call before.
// cold – the whole process from its start (that transient included), for the record.
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const SETTLE_MS = Number(process.env.BENCH_RSS_SETTLE_MS ?? 1000);
const [name, url, page, mode = 'warm'] = process.argv.slice(2);
const { create } = await import(`./contenders/${name}.mjs`);
const contender = create(url, { page: Number(page) });
const highWaterMb = () =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
if (mode === 'warm') {
  await contender.warm();
  await sleep(SETTLE_MS);
  writeFileSync('/proc/self/clear_refs', '5');
}
const baselineMb = process.memoryUsage().rss / 2 ** 20;
const { count, last } = await contender.j1();
const peakMb = mode === 'warm' ? highWaterMb() : process.resourceUsage().maxRSS / 1024;
await contender.close();
process.stdout.write(`${JSON.stringify({ count, last, baselineMb, peakMb })}\n`);
