import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Directory, MailboxKind } from '../directory/directory.js';
import { OPERATIONS } from '../operations/registry.js';
import { seedDemoContent } from '../seed/demo-content.js';
import { demoDirectory } from '../seed/demo-directory.js';
import { handleSoap } from '../soap/handle-soap.js';
import { SERVER_VERSIONS, type ServerVersionName } from '../soap/server-versions.js';
import { ExchangeState } from '../store/exchange-state.js';
import { authenticateBasic } from './basic-auth.js';
import { renderPoxAutodiscover } from './pox-autodiscover.js';
import { Recorder } from './recorder.js';
import { TestServerError } from './test-server-error.js';

export type TestServerSeed = 'demo' | 'empty';
export type TestServerAuth = 'basic';

export interface TestServerOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  readonly host?: '127.0.0.1' | '::1' | 'localhost';
  readonly serverVersion?: ServerVersionName;
  /** `demo` (default): a seeded company; `empty`: the same accounts with empty mailboxes. */
  readonly seed?: TestServerSeed;
  readonly auth?: readonly TestServerAuth[];
  /** A directory to write every request and response body to, as numbered files. */
  readonly record?: string;
  /** The server's clock ("now"); seeded calendars are placed around it. Default: the real clock. */
  readonly now?: () => Date;
  /** Closes the server when aborted. */
  readonly signal?: AbortSignal;
  /** Called with unexpected exceptions (they are answered with a 500 fault). Default: ignore. */
  readonly onInternalError?: (error: unknown) => void;
}

export interface TestServerMailbox {
  readonly address: string;
  readonly name: string;
  readonly password: string;
  readonly kind: MailboxKind;
}

export interface TestServerRoomList {
  readonly address: string;
  readonly name: string;
  readonly rooms: readonly string[];
}

export interface TestServer {
  /** The EWS endpoint, e.g. http://127.0.0.1:PORT/EWS/Exchange.asmx */
  readonly url: string;
  /** POX Autodiscover endpoint (minimal: answers with the EWS URL). */
  readonly autodiscoverUrl: string;
  readonly serverVersion: { readonly name: ServerVersionName; readonly build: string };
  /** Sign-in data of the people (kind `user`), for quick starts. */
  readonly credentials: readonly { readonly username: string; readonly password: string }[];
  readonly mailboxes: readonly TestServerMailbox[];
  readonly roomLists: readonly TestServerRoomList[];
  close(): Promise<void>;
}

const EWS_PATH = '/ews/exchange.asmx';
const AUTODISCOVER_PATH = '/autodiscover/autodiscover.xml';
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/xml; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

function buildState(options: TestServerOptions): ExchangeState {
  const directory: Directory = demoDirectory();
  const state = new ExchangeState(
    directory,
    SERVER_VERSIONS[options.serverVersion ?? 'Exchange2016'],
    options.now ?? (() => new Date()),
  );
  if ((options.seed ?? 'demo') === 'demo') seedDemoContent(state);
  return state;
}

/** Starts an in-memory Exchange 2016 on loopback. Resolves once it is listening. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host))
    throw new TestServerError('TEST_SERVER_OPTIONS', 'the test server listens on loopback only');
  const versionName = options.serverVersion ?? 'Exchange2016';
  if (!(versionName in SERVER_VERSIONS)) {
    throw new TestServerError('TEST_SERVER_OPTIONS', `unknown serverVersion ${versionName}`);
  }
  const auth = options.auth ?? ['basic'];
  if (auth.length === 0 || auth.some((scheme) => scheme !== 'basic')) {
    throw new TestServerError('TEST_SERVER_OPTIONS', 'auth must list one or more of: basic');
  }
  options.signal?.throwIfAborted();
  const state = buildState(options);
  const recorder = options.record === undefined ? undefined : new Recorder(options.record);
  const report = options.onInternalError ?? (() => {});
  let ewsUrl = '';

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]?.toLowerCase() ?? '/';
      const caller = authenticateBasic(state.directory, req.headers.authorization);
      if (caller === undefined) {
        send(res, 401, '', { 'WWW-Authenticate': `Basic realm="${host}"` });
        return;
      }
      if (req.method !== 'POST' || (path !== EWS_PATH && path !== AUTODISCOVER_PATH)) {
        send(res, path === EWS_PATH || path === AUTODISCOVER_PATH ? 405 : 404, '');
        return;
      }
      const body = await readBody(req);
      if (body === undefined) {
        send(res, 413, '');
        return;
      }
      if (path === AUTODISCOVER_PATH) {
        const answer = renderPoxAutodiscover(state, body, ewsUrl);
        send(res, answer === undefined ? 404 : 200, answer ?? '');
        return;
      }
      const reply = handleSoap(state, caller, body, OPERATIONS, report);
      await recorder?.record(reply.operation, body, reply.body);
      send(res, reply.status, reply.body);
    })().catch((error: unknown) => {
      report(error);
      if (!res.headersSent) send(res, 500, '');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  ewsUrl = `${origin}/EWS/Exchange.asmx`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });

  const profile = SERVER_VERSIONS[versionName];
  return {
    url: ewsUrl,
    autodiscoverUrl: `${origin}/autodiscover/autodiscover.xml`,
    serverVersion: {
      name: versionName,
      build: `${profile.majorVersion}.${profile.minorVersion}.${profile.majorBuildNumber}.${profile.minorBuildNumber}`,
    },
    credentials: state.directory.mailboxes
      .filter((m) => m.kind === 'user')
      .map((m) => ({ username: m.address, password: m.password })),
    mailboxes: state.directory.mailboxes.map((m) => ({
      address: m.address,
      name: m.name,
      password: m.password,
      kind: m.kind,
    })),
    roomLists: state.directory.roomLists.map((l) => ({
      address: l.address,
      name: l.name,
      rooms: [...l.rooms],
    })),
    close,
  };
}
