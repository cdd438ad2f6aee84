import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';

/** What the proxy saw of one CONNECT tunnel or forwarded request. */
export interface ProxiedRequest {
  readonly kind: 'connect' | 'forward';
  /** `host:port` for CONNECT, the absolute URL for forwarded requests. */
  readonly target: string;
  readonly proxyAuthorization: string | undefined;
  /** Host header of a forwarded request. */
  readonly host: string | undefined;
}

export interface TestProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly seen: readonly ProxiedRequest[];
  close(): Promise<void>;
}

export interface TestProxyOptions {
  /** When set, requests without exactly this Proxy-Authorization get 407. */
  readonly requireAuthorization?: string;
}

/**
 * A small HTTP proxy on 127.0.0.1: CONNECT tunnels (for https targets) and
 * absolute-form forwarding (for http targets). It records what it saw.
 */
export async function startTestProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const seen: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const authorized = (header: string | undefined): boolean =>
    options.requireAuthorization === undefined || header === options.requireAuthorization;

  const server = http.createServer((request, response) => {
    const proxyAuthorization = request.headers['proxy-authorization'];
    seen.push({ kind: 'forward', target: request.url ?? '', proxyAuthorization, host: request.headers.host });
    if (!authorized(proxyAuthorization)) {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', 'content-length': '0' }).end();
      return;
    }
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request(
      request.url ?? '',
      { method: request.method, headers, agent: false },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('socket', track);
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connection', track);
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const proxyAuthorization = request.headers['proxy-authorization'];
    seen.push({ kind: 'connect', target: request.url ?? '', proxyAuthorization, host: undefined });
    if (!authorized(proxyAuthorization)) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
      );
      return;
    }
    const [host, port] = splitAuthority(request.url ?? '');
    const upstream = net.connect({ host, port }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function splitAuthority(authority: string): [string, number] {
  const index = authority.lastIndexOf(':');
  return [authority.slice(0, index).replace(/^\[|\]$/g, ''), Number(authority.slice(index + 1))];
}
