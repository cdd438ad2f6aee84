import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextConnectionId } from '../../src/index.js';
import { createDriverSession, startLoopbackAuthServer } from '../../src/testing/index.js';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';
import { getFolderInboxResponse } from '../helpers/exchange-responses.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';
import { socketIdOfOneCall } from '../helpers/socket-id-of-one-call.js';

// nextConnectionId() is how a custom Transport numbers its sockets: its ids must never name a
// socket of core's own transport (or of another copy of core), since one auth strategy shared by
// several transports keys its per-socket state by ConnectionInfo.id.

const servers: FakeEwsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Opens a fresh socket on core's transport (the server closes each) and returns its id. */
async function coreSocketId(url: URL): Promise<number | undefined> {
  const transport = createUndiciTransport();
  try {
    return await socketIdOfOneCall(transport, url);
  } finally {
    await transport.close();
  }
}

describe('nextConnectionId (public, for custom transports)', () => {
  it("never collides with the ids of core's own transport, however the two interleave", async () => {
    const server = await startFakeEws(() => ({
      headers: { connection: 'close' },
      body: getFolderInboxResponse(),
    }));
    servers.push(server);
    const url = new URL(server.url);
    const minted: number[] = [];
    const core: number[] = [];
    for (let round = 0; round < 4; round++) {
      minted.push(nextConnectionId(), nextConnectionId());
      const id = await coreSocketId(url);
      expect(id).toBeTypeOf('number');
      core.push(id as number);
    }
    const all = [...minted, ...core];
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(Number.isSafeInteger(id) && id > 0).toBe(true);
  });

  it("the conformance kit's reference driver numbers its sockets from the same counter", async () => {
    const server = await startLoopbackAuthServer({
      scheme: 'None',
      challenges: () => [],
      verify: () => ({ ok: true, user: 'anyone' }),
    });
    const seen: number[] = [];
    const strategy = {
      specVersion: 'ews.auth.v1',
      scheme: 'None',
      binding: 'request',
      authorize: (_request: unknown, context: { connection?: { id: number } | undefined }) => {
        if (context.connection) seen.push(context.connection.id);
        return undefined;
      },
      onSuccess: (response: { connection?: { id: number } | undefined }) => {
        if (response.connection) seen.push(response.connection.id);
      },
    } as const;
    try {
      for (let i = 0; i < 2; i++) {
        const before = nextConnectionId();
        const session = createDriverSession();
        await session.send(strategy, { url: server.url });
        session.close();
        const after = nextConnectionId();
        // Two sessions used to number their sockets 1, 2, ... each: one id for two sockets.
        expect(seen.at(-1)).toBeGreaterThan(before);
        expect(seen.at(-1)).toBeLessThan(after);
      }
      expect(new Set(seen).size).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('is shared by every copy of core loaded in the process (ESM and CJS builds, two versions)', async () => {
    const first = nextConnectionId();
    vi.resetModules();
    const copy = (await import('../../src/transport/connection-ids.js')) as {
      nextConnectionId: () => number;
    };
    expect(copy.nextConnectionId).not.toBe(nextConnectionId);
    const fromCopy = copy.nextConnectionId();
    const again = nextConnectionId();
    expect(fromCopy).toBeGreaterThan(first);
    expect(again).toBeGreaterThan(fromCopy);
  });
});
