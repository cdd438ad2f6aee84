import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake server does with one request. */
export type FakeReply =
  | {
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string | string[]>>;
      readonly body?: string;
      /** Sent instead of `body`, byte for byte (e.g. bytes that are not UTF-8). */
      readonly bytes?: Uint8Array;
    }
  /** Never answer (the socket stays open until the server closes). */
  | 'hang'
  /** Read the whole request, then destroy the socket without answering. */
  | 'destroy';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** Server-side socket number: equal numbers mean the same TCP connection. */
  readonly socket: number;
}

export interface FakeEwsServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Distinct TCP connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

/** A loopback HTTP server for client tests: answers each request with `handler`'s reply. */
export async function startFakeEws(
  handler: (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>,
): Promise<FakeEwsServer> {
  const sockets = new Map<Socket, number>();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      socket: sockets.get(req.socket) ?? -1,
    };
    requests.push(recorded);
    const reply = await handler(recorded, requests.length - 1);
    if (reply === 'hang') return;
    if (reply === 'destroy') {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'text/xml; charset=utf-8', ...reply.headers });
    res.end(reply.bytes ?? reply.body ?? '');
  });
  server.on('connection', (socket: Socket) => sockets.set(socket, sockets.size + 1));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
    requests,
    connections: () => sockets.size,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
