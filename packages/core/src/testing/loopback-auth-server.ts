import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AuthServerHandler } from './auth-server-handler.js';

/** One request the loopback server answered. */
export interface LoopbackAuthExchange {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly status: number;
  readonly user: string | undefined;
}

export interface LoopbackAuthServer {
  /** `http://127.0.0.1:<port>/EWS/Exchange.asmx` */
  readonly url: string;
  /** Every request so far, in order. */
  readonly exchanges: readonly LoopbackAuthExchange[];
  close(): Promise<void>;
}

export interface LoopbackAuthServerOptions {
  /** Answer every request with a 401 and fresh challenges, whatever it carries. */
  readonly alwaysReject?: boolean | undefined;
  /** Hard stop: more requests than this are answered 429, so a retry storm cannot spin forever. */
  readonly maxRequests?: number | undefined;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The header a test reads to learn which user the server authenticated (same as the authlab). */
export const AUTHENTICATED_USER_HEADER = 'x-authlab-user';

/**
 * A loopback HTTP server (127.0.0.1, ephemeral port) that plays the server side of one
 * auth scheme through `handler` and answers authenticated requests with a small SOAP 1.1
 * EWS response naming the user.
 */
export async function startLoopbackAuthServer(
  handler: AuthServerHandler,
  options: LoopbackAuthServerOptions = {},
): Promise<LoopbackAuthServer> {
  const maxRequests = options.maxRequests ?? 100;
  const exchanges: LoopbackAuthExchange[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // The body is bounded: a conformance request is a small SOAP envelope.
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
    const request = {
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
    };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    if (exchanges.length >= maxRequests) {
      exchanges.push({ ...request, status: 429, user: undefined });
      res.writeHead(429, { 'content-type': 'text/plain' }).end('too many requests');
      return;
    }
    const verdict = options.alwaysReject
      ? { ok: false as const }
      : handler.verify({ ...request, headers, body });
    if (verdict.ok) {
      exchanges.push({ ...request, status: 200, user: verdict.user });
      res
        .writeHead(200, {
          'content-type': 'text/xml; charset=utf-8',
          [AUTHENTICATED_USER_HEADER]: verdict.user,
        })
        .end(soapResponse(verdict.user));
      return;
    }
    exchanges.push({ ...request, status: 401, user: undefined });
    res.setHeader('www-authenticate', [...handler.challenges({ stale: verdict.stale === true })]);
    res.writeHead(401, { 'content-type': 'text/plain' }).end('401 Unauthorized');
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
    exchanges,
    async close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

function soapResponse(user: string): string {
  const safeUser = user.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
    '<s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" ' +
    'Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>' +
    '<s:Body><m:GetFolderResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>' +
    '<m:GetFolderResponseMessage ResponseClass="Error">' +
    `<m:MessageText>loopback auth server: authenticated as ${safeUser}</m:MessageText>` +
    '<m:ResponseCode>ErrorInvalidOperation</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>' +
    '</m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse></s:Body></s:Envelope>'
  );
}
