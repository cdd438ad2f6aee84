import { afterEach, describe, expect, it } from 'vitest';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';
import { getFolderInboxResponse } from '../helpers/exchange-responses.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';
import { socketIdOfOneCall } from '../helpers/socket-id-of-one-call.js';
import { waitFor } from '../helpers/wait-for.js';

// Transport.addConnectionClosedListener on core's own transport: every listener hears each closed
// socket once, a listener's throw does not keep the others from hearing it, and the remover works.

const servers: FakeEwsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('createUndiciTransport().addConnectionClosedListener', () => {
  it('reports each closed socket to every listener until it is removed', async () => {
    const server = await startFakeEws(() => ({
      headers: { connection: 'close' },
      body: getFolderInboxResponse(),
    }));
    servers.push(server);
    const fromOptions: number[] = [];
    const transport = createUndiciTransport({ onConnectionClosed: (info) => fromOptions.push(info.id) });
    const heard: number[] = [];
    const removed: number[] = [];
    transport.addConnectionClosedListener?.(() => {
      throw new Error('a listener that throws');
    });
    transport.addConnectionClosedListener?.((info) => heard.push(info.id));
    const remove = transport.addConnectionClosedListener?.((info) => removed.push(info.id));
    const send = () => socketIdOfOneCall(transport, server.url);
    const first = await send();
    await waitFor(() => heard.length === 1);
    remove?.();
    remove?.();
    const second = await send();
    await waitFor(() => heard.length === 2);
    await transport.close();
    expect(heard).toEqual([first, second]);
    expect(fromOptions).toEqual([first, second]);
    expect(removed).toEqual([first]);
  });

  it('two transports never give two sockets the same id (a strategy shared by both would confuse them)', async () => {
    const server = await startFakeEws(() => ({ body: getFolderInboxResponse() }));
    servers.push(server);
    const ids: (number | undefined)[] = [];
    for (let i = 0; i < 2; i++) {
      const transport = createUndiciTransport();
      ids.push(await socketIdOfOneCall(transport, server.url));
      await transport.close();
    }
    expect(ids.every((id) => typeof id === 'number')).toBe(true);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
