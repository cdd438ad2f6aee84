import type { Transport } from '../../src/transport/transport.js';

/** One POST through a lease of `transport`; the id of the socket it went on. */
export async function socketIdOfOneCall(
  transport: Transport,
  url: string | URL,
): Promise<number | undefined> {
  const target = new URL(url);
  const lease = await transport.lease(target, new AbortController().signal);
  const response = await lease.send({
    url: target,
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: '<x/>',
    operation: 'GetFolder',
    signal: new AbortController().signal,
  });
  lease.release();
  return response.connection?.id;
}
