import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemSrvResolver } from './dns.js';

// A tiny authoritative DNS server on 127.0.0.1 (UDP), answering SRV queries from a table.
const ZONE: Readonly<Record<string, readonly (readonly [number, number, number, string])[]>> = {
  '_autodiscover._tcp.contoso.test': [
    [10, 5, 443, 'ad1.contoso.test'],
    [0, 0, 8443, 'ad0.contoso.test'],
  ],
};
const SILENT = '_autodiscover._tcp.silent.test';

function encodeName(name: string): Buffer {
  const labels = name
    .split('.')
    .filter(Boolean)
    .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)]));
  return Buffer.concat([...labels, Buffer.from([0])]);
}

function readQuestion(query: Buffer): { name: string; end: number } {
  const labels: string[] = [];
  let at = 12;
  for (let length = query[at] ?? 0; length > 0 && labels.length < 64; length = query[at] ?? 0) {
    labels.push(query.subarray(at + 1, at + 1 + length).toString());
    at += 1 + length;
  }
  return { name: labels.join('.').toLowerCase(), end: at + 1 + 4 };
}

function answer(query: Buffer): Buffer | undefined {
  const { name, end } = readQuestion(query);
  if (name === SILENT) return undefined;
  const records = ZONE[name];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(records ? 0x8400 : 0x8403, 2); // response, authoritative; NXDOMAIN if unknown
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records?.length ?? 0, 6);
  const answers = (records ?? []).map(([priority, weight, port, target]) => {
    const rdata = Buffer.concat([
      Buffer.from([priority >> 8, priority & 255, weight >> 8, weight & 255, port >> 8, port & 255]),
      encodeName(target),
    ]);
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(33, 0); // SRV
    fixed.writeUInt16BE(1, 2); // IN
    fixed.writeUInt32BE(60, 4);
    fixed.writeUInt16BE(rdata.length, 8);
    return Buffer.concat([Buffer.from([0xc0, 12]), fixed, rdata]);
  });
  return Buffer.concat([header, query.subarray(12, end), ...answers]);
}

let server: Socket;
let servers: string[];

beforeAll(async () => {
  server = createSocket('udp4');
  server.on('message', (query, peer) => {
    const reply = answer(query);
    if (reply) server.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
  servers = [`127.0.0.1:${(server.address() as AddressInfo).port}`];
});

afterAll(() => {
  server.close();
});

describe('systemSrvResolver (node:dns against a loopback DNS server)', () => {
  it('returns the SRV records as the server sent them', async () => {
    const records = await systemSrvResolver({ servers }).resolveSrv('_autodiscover._tcp.contoso.test', {
      signal: new AbortController().signal,
    });
    expect([...records].sort((a, b) => a.priority - b.priority)).toEqual([
      { priority: 0, weight: 0, port: 8443, name: 'ad0.contoso.test' },
      { priority: 10, weight: 5, port: 443, name: 'ad1.contoso.test' },
    ]);
  });

  it('reads NXDOMAIN as no records', async () => {
    expect(
      await systemSrvResolver({ servers }).resolveSrv('_autodiscover._tcp.nowhere.test', {
        signal: new AbortController().signal,
      }),
    ).toEqual([]);
  });

  it('stops waiting for a silent server when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = systemSrvResolver({ servers, timeoutMs: 10_000 }).resolveSrv(SILENT, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(pending).rejects.toThrow('stop');
  });
});
