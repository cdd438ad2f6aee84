import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse, body: string) => void;

/** A loopback HTTP(S) server that numbers the sockets it accepted. */
export interface LoopbackServer {
  readonly url: string;
  readonly port: number;
  /** Server-side socket number of each request, in arrival order. */
  readonly requestSockets: number[];
  /** How many sockets were accepted (TLS: handshakes completed). */
  readonly socketCount: () => number;
  /** Destroys every accepted socket (forces clients to reconnect). */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startServer(
  handler: Handler,
  tls?: https.ServerOptions,
  host: '127.0.0.1' | 'localhost' = '127.0.0.1',
): Promise<LoopbackServer> {
  const numbers = new WeakMap<Socket, number>();
  const open = new Set<Socket>();
  const requestSockets: number[] = [];
  let count = 0;
  const listener = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    requestSockets.push(numbers.get(request.socket) ?? -1);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, response, Buffer.concat(chunks).toString('utf8')));
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  const onSocket = (socket: Socket): void => {
    numbers.set(socket, ++count);
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  server.on(tls ? 'secureConnection' : 'connection', onSocket);
  // Sockets that never finish the TLS handshake must also be closable.
  if (tls)
    server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    requestSockets,
    socketCount: () => count,
    dropConnections: () => {
      for (const socket of open) socket.destroy();
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers every request with a small SOAP-shaped body. */
export const okHandler: Handler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
  response.end('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>');
};

/** A request as the pipeline would hand it to the transport. */
export function ewsRequest(url: string, signal: AbortSignal = new AbortController().signal) {
  return {
    url: new URL(url),
    method: 'POST' as const,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>',
    operation: 'GetFolder',
    signal,
  };
}
