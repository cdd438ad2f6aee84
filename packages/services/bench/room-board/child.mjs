// One @ews contender of the J4 room board in a process of its own, so its wall time and peak RSS
// are its own (the Python contenders run the same way):
//   node child.mjs <ews-recommended|ews-naive> <url> <user> <password> <now ISO> <passes>
// Reads the board `passes` times, each with a new client (new connections): the first pass is the
// cold process (the JIT, undici's parser compile), later ones what a long-running app pays.
// Prints one JSON line: the seconds of each pass, the board's sizes and digests (board.mjs; every
// pass must read the same board), the RSS after the imports and the process's peak RSS (MB).
import { createBasicAuth, EwsClient } from '@ews/core';
import { Account } from '../../dist/index.js';
import { boardWindows, summarize } from './board.mjs';

const [name, url, user, password, nowIso, passes = '1'] = process.argv.slice(2);
const { roomBoard } = await import(`./${name}.mjs`);
const baselineMb = process.memoryUsage().rss / 2 ** 20;
const seconds = [];
let summary;
for (let pass = 0; pass < Number(passes); pass++) {
  const started = process.hrtime.bigint();
  const client = new EwsClient({
    url,
    auth: createBasicAuth({ username: user, password }),
    allowInsecureHttp: true,
  });
  const account = new Account({ primarySmtpAddress: user, client, accessType: 'delegate' });
  const board = await roomBoard(account, boardWindows(new Date(nowIso)));
  await client.close();
  seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  const read = summarize(board);
  if (summary !== undefined && JSON.stringify(read) !== JSON.stringify(summary))
    throw new Error(`${name}: pass ${pass + 1} read a different board`);
  summary = read;
}
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ seconds, ...summary, baselineMb, peakMb })}\n`);
