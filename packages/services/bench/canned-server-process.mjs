// The canned server in a process of its own, so that serving pages costs the contenders nothing
// and concurrent GetItem batches really overlap with the client's parsing. Started by the bench:
// `node canned-server-process.mjs <total>`; prints its URL on the first line of stdout and
// stops when its stdin closes (the bench ending, also by a crash).
import { CalendarItemModel, toXml } from '@ews/models';
import { startCannedServer } from './canned-server.mjs';

const total = Number(process.argv[2] ?? 10_000);
const server = await startCannedServer({
  total,
  renderItem: (item) => toXml(CalendarItemModel, item, { version: 'Exchange2016', mode: 'full' }).xml,
});
process.stdout.write(`${server.url}\n`);
process.stdin.on('end', () => server.close().then(() => process.exit(0)));
process.stdin.resume();
