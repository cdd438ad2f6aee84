// One contender's J1 in a process of its own, for an honest peak RSS (nothing else in the heap):
// `node rss-child.mjs <ours|floor|ews-js> <url> <page>`. Prints one JSON line: the item count,
// the last subject, the RSS before listing and the peak RSS of the process (MB).
const [name, url, page] = process.argv.slice(2);
const { create } = await import(`./contenders/${name}.mjs`);
const contender = create(url, { page: Number(page) });
const baselineMb = process.memoryUsage().rss / 2 ** 20;
const { count, last } = await contender.j1();
await contender.close();
// maxRSS is in kilobytes.
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ count, last, baselineMb, peakMb })}\n`);
