import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  type AddressInfo,
  createServer as createTcpServer,
  type Socket,
  type Server as TcpServer,
} from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { TestPki } from './test-pki.js';

/** An answer a virtual host gives. */
export interface FakeAnswer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Takes the response over (status, headers and body) instead of `body`: to stream or to stall. */
  readonly respond?: (res: ServerResponse) => void;
}

/** A request a virtual host received. */
export interface SeenRequest {
  readonly method: string;
  /** `https://host/path` as the client addressed it (scheme from the server it reached). */
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

export type FakeHandler = (request: SeenRequest) => FakeAnswer | Promise<FakeAnswer>;

/**
 * Many virtual hosts on two loopback servers (one HTTPS, one HTTP). Host names are "resolved" by
 * the undici connector this returns: known names go to 127.0.0.1, unknown names fail with
 * ENOTFOUND, as a real resolver would. Nothing listens beyond 127.0.0.1.
 */
export class FakeInternet {
  readonly seen: SeenRequest[] = [];
  readonly #routes = new Map<string, FakeHandler>();
  readonly #hosts = new Set<string>();
  readonly #blackHoles = new Set<string>();
  readonly #https: Server;
  readonly #http: Server;
  /** Accepts TCP connections and never sends a byte: no TLS handshake, no HTTP answer. */
  readonly #silent: TcpServer;
  readonly #silentSockets = new Set<Socket>();
  /** Connections the black hole accepted. */
  blackHoleConnections = 0;

  private constructor(pki: TestPki) {
    this.#https = createHttpsServer({ cert: pki.cert, key: pki.key }, (req, res) =>
      this.#serve('https', req, res),
    );
    this.#http = createHttpServer((req, res) => this.#serve('http', req, res));
    this.#silent = createTcpServer((socket) => {
      this.blackHoleConnections += 1;
      this.#silentSockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => this.#silentSockets.delete(socket));
    });
  }

  static async start(pki: TestPki): Promise<FakeInternet> {
    const internet = new FakeInternet(pki);
    await Promise.all([listen(internet.#https), listen(internet.#http), listen(internet.#silent)]);
    return internet;
  }

  /** Makes `host` resolve to a loopback server that accepts connections and never answers. */
  blackHole(host: string): this {
    this.#blackHoles.add(host.toLowerCase());
    return this;
  }

  /** Makes `host` resolvable (answering 404 to anything without a route). */
  addHost(host: string): this {
    this.#hosts.add(host.toLowerCase());
    return this;
  }

  /**
   * Answers `METHOD url`. A list of answers is served in turn, the last one repeating.
   * The URL's host becomes resolvable.
   */
  route(method: 'GET' | 'POST', url: string, answer: FakeAnswer | readonly FakeAnswer[] | FakeHandler): this {
    const parsed = new URL(url);
    this.addHost(parsed.hostname);
    let handler: FakeHandler;
    if (typeof answer === 'function') handler = answer;
    else {
      const queue = Array.isArray(answer) ? [...answer] : [answer as FakeAnswer];
      handler = () => (queue.length > 1 ? queue.shift() : queue[0]) ?? { status: 500 };
    }
    this.#routes.set(`${method} ${parsed.protocol}//${parsed.host}${parsed.pathname}`.toLowerCase(), handler);
    return this;
  }

  /** An undici dispatcher that resolves the fake host names (for `transport: { dispatcher }`). */
  dispatcher(ca: string): Agent {
    const connector = buildConnector({ ca, rejectUnauthorized: true });
    const ports = { https: port(this.#https), http: port(this.#http), silent: port(this.#silent) };
    return new Agent({
      connect: (options, callback) => {
        const host = options.hostname.toLowerCase();
        if (this.#blackHoles.has(host)) {
          connector(
            { ...options, hostname: '127.0.0.1', port: String(ports.silent), servername: host },
            callback,
          );
          return;
        }
        if (!this.#hosts.has(host)) {
          const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
            code: 'ENOTFOUND',
            hostname: host,
          });
          process.nextTick(() => callback(error, null));
          return;
        }
        const secure = options.protocol === 'https:';
        connector(
          {
            ...options,
            hostname: '127.0.0.1',
            port: String(secure ? ports.https : ports.http),
            servername: host,
          },
          callback,
        );
      },
    });
  }

  /** Requests seen, as `METHOD url` lines. */
  lines(): string[] {
    return this.seen.map((request) => `${request.method} ${request.url}`);
  }

  async close(): Promise<void> {
    for (const socket of this.#silentSockets) socket.destroy();
    await Promise.all(
      [this.#https, this.#http, this.#silent].map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      ),
    );
  }

  #serve(scheme: 'http' | 'https', req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const host = (req.headers.host ?? '').toLowerCase();
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const request: SeenRequest = {
          method: req.method ?? 'GET',
          url: `${scheme}://${host}${path}`,
          authorization: req.headers.authorization,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.seen.push(request);
        const handler = this.#routes.get(`${request.method} ${request.url}`.toLowerCase());
        const answer: FakeAnswer = handler ? await handler(request) : { status: 404 };
        if (answer.respond) {
          answer.respond(res);
          return;
        }
        const body = answer.body ?? '';
        res.writeHead(answer.status, {
          'content-type': 'text/xml; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
          ...answer.headers,
        });
        res.end(body);
      })().catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  }
}

function listen(server: Server | TcpServer): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function port(server: Server | TcpServer): number {
  return (server.address() as AddressInfo).port;
}
