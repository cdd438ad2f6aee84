// Bundled by run.mjs with esbuild into one file and run from a folder with no node_modules: an app
// that bundles @ews/client (as serverless deployments do) must find everything it loads in the
// bundle. Sends one POST over loopback through core's undici transport.
import { createServer } from 'node:http';
import { createUndiciTransport } from '@ews/client';

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.setHeader('content-type', 'text/xml; charset=utf-8');
    response.end('<ok/>');
  });
});
await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
const url = new URL(`http://127.0.0.1:${server.address().port}/EWS/Exchange.asmx`);
const transport = createUndiciTransport();
try {
  const lease = await transport.lease(url, AbortSignal.timeout(10_000));
  const answer = await lease.send({
    url,
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: '<x/>',
    operation: 'GetFolder',
    signal: AbortSignal.timeout(10_000),
  });
  lease.release();
  if (answer.status !== 200) throw new Error(`bundled transport: status ${answer.status}`);
  console.log('bundled @ews/client: one loopback POST answered 200');
} finally {
  await transport.close();
  server.close();
}
