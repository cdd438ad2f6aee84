import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the loopback server treats a request that carries a Negotiate token. */
export type NegotiateServerMode =
  /** 200 without a final token, and forgets the connection: every request needs a new token. */
  | 'per-request'
  /** 200 with a final Negotiate token that is not a valid GSS token (a forged answer). */
  | 'forged-final-token';

export interface NegotiateExchange {
  readonly socket: number;
  readonly authorization: string | undefined;
  readonly status: number;
}

export interface NegotiateServer {
  readonly url: string;
  readonly exchanges: readonly NegotiateExchange[];
  close(): Promise<void>;
}

const MAX_REQUESTS = 50;

function ewsBody(operation: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<m:${operation}Response xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
<m:ResponseMessages><m:${operation}ResponseMessage ResponseClass="Error">
<m:MessageText>loopback: authenticated via [Negotiate]</m:MessageText><m:ResponseCode>ErrorInvalidOperation</m:ResponseCode>
<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey></m:${operation}ResponseMessage></m:ResponseMessages>
</m:${operation}Response></s:Body></s:Envelope>`;
}

/**
 * A loopback server (127.0.0.1, port 0) that speaks the HTTP side of Negotiate without a
 * keytab: it cannot check tickets, so it accepts any token and records it, to test what the
 * client sends and how it treats the server's answers.
 */
export async function startNegotiateServer(mode: NegotiateServerMode): Promise<NegotiateServer> {
  const exchanges: NegotiateExchange[] = [];
  const sockets = new Set<Socket>();
  const socketIds = new WeakMap<Socket, number>();
  let nextSocketId = 1;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => answer(req, res));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socketIds.set(socket, nextSocketId++);
    socket.on('close', () => sockets.delete(socket));
  });

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const authorization = req.headers.authorization;
    const socket = socketIds.get(req.socket) ?? 0;
    if (exchanges.length >= MAX_REQUESTS) {
      res.writeHead(429).end();
      return;
    }
    const hasToken = authorization !== undefined && /^Negotiate \S+$/.test(authorization);
    if (!hasToken) {
      exchanges.push({ socket, authorization, status: 401 });
      res.writeHead(401, { 'www-authenticate': 'Negotiate', 'content-length': '0' }).end();
      return;
    }
    exchanges.push({ socket, authorization, status: 200 });
    const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8' };
    if (mode === 'forged-final-token') {
      headers['www-authenticate'] = `Negotiate ${Buffer.from('not a GSS token').toString('base64')}`;
    }
    res.writeHead(200, headers).end(ewsBody('GetFolder'));
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
    exchanges,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
