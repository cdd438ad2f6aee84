// The test server for the J4 room board, in a process of its own so that serving costs the
// contenders nothing: `node server-process.mjs <lists> <roomsPerList> <latencyMs>`. Room lists
// of rooms with a day of bookings (the `rooms` option), `latencyMs` of added round-trip time on
// every request, and a count of the EWS requests by operation (the `onRequest` option).
// Prints its URL on the first line of stdout; then, for each line on stdin, `counts` prints the
// counts since the last `counts` as one JSON line and starts again from zero. Stops when stdin
// closes (the bench ending, also by a crash).
import { createInterface } from 'node:readline';
import { startTestServer } from '@ews/test-server';

const [lists, roomsPerList, latencyMs] = process.argv.slice(2).map(Number);
let counts = {};
const server = await startTestServer({
  seed: 'empty',
  rooms: { lists, roomsPerList },
  latencyMs,
  // GetUserAvailability's body element is GetUserAvailabilityRequest; count it by its operation.
  onRequest: ({ operation = 'unknown' }) => {
    const name = operation.replace(/Request$/, '');
    counts[name] = (counts[name] ?? 0) + 1;
  },
});
process.stdout.write(`${server.url}\n`);
createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (line.trim() !== 'counts') return;
    process.stdout.write(`${JSON.stringify(counts)}\n`);
    counts = {};
  })
  .on('close', () => server.close().then(() => process.exit(0)));
