import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Directory, MailboxKind } from '../directory/directory.js';
import { PushDeliverer } from '../notifications/push-deliverer.js';
import { resolvePush, type TestServerPush } from '../notifications/push-options.js';
import { seedDemoContent } from '../seed/demo-content.js';
import { demoDirectory } from '../seed/demo-directory.js';
import { checkRooms, seedRoomBoard, type TestServerRooms, withRoomBoard } from '../seed/room-board.js';
import { RequestValidator } from '../soap/request-validator.js';
import { SERVER_VERSIONS, type ServerVersionName } from '../soap/server-versions.js';
import { ExchangeState } from '../store/exchange-state.js';
import { isMailboxCulture, MAILBOX_CULTURES } from '../store/mailbox-cultures.js';
import { loadStateFile, saveStateFile } from '../store/state-file.js';
import { BearerTokenIssuer, type IssueBearerTokenOptions, type TestServerBearer } from './bearer-auth.js';
import { OpenStreams } from './event-stream.js';
import { sendXml, serveEws } from './ews-endpoint.js';
import { FaultInjector, type TestServerFaults } from './faults.js';
import { notificationControls, type TestServerNotifications } from './notification-controls.js';
import { HttpAuthGate, type NtlmServerOptions } from './ntlm/http-auth-gate.js';
import { renderPoxAutodiscover } from './pox-autodiscover.js';
import { Recorder } from './recorder.js';
import { type TestServerSnapshot, takeSnapshot } from './snapshot.js';
import { serveSoapAutodiscover } from './soap-autodiscover.js';
import { resolveStreaming, type TestServerStreaming } from './streaming-options.js';
import { TestServerError } from './test-server-error.js';
import { generateSelfSignedCert, type TlsMaterial } from './tls-material.js';

export type TestServerSeed = 'demo' | 'empty';
export type TestServerAuth = 'basic' | 'ntlm' | 'bearer';
const AUTH_SCHEMES: readonly TestServerAuth[] = ['basic', 'ntlm', 'bearer'];

export interface TestServerOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  readonly host?: '127.0.0.1' | '::1' | 'localhost';
  readonly serverVersion?: ServerVersionName;
  /**
   * `demo` (default): a seeded company; `empty`: the same accounts with empty mailboxes and no room
   * lists (GetRoomLists answers none), as a fresh deployment has.
   */
  readonly seed?: TestServerSeed;
  /**
   * More room lists of many rooms, each room with a day of bookings (a room board, a free-room
   * search): `{ lists: 5, roomsPerList: 100 }` adds `building1@` … `building5@` with 100 rooms each.
   * Added to either seed. Default: none.
   */
  readonly rooms?: TestServerRooms;
  /**
   * Added round-trip time, in milliseconds: every HTTP request the server answers (EWS,
   * Autodiscover, authentication challenges) waits this long before it is handled, as if client
   * and server were a network apart. Default 0. Unlike `faults.slow`, every request pays it.
   */
  readonly latencyMs?: number;
  /**
   * Told about every EWS request as it arrives (before faults, validation or execution), with the
   * operation its body names (the element, as `faults.operations` names it: `GetUserAvailabilityRequest`
   * for GetUserAvailability), for tests and benchmarks that count what a client sent.
   */
  readonly onRequest?: (request: { readonly operation: string | undefined }) => void;
  /**
   * The mailboxes' language (default `en-US`): default folders carry its names, e.g. `da-DK` →
   * "Indbakke", "Kalender". One of `MAILBOX_CULTURES`.
   */
  readonly culture?: string;
  /** Every person gets an archive mailbox (`archiveroot`, `archivemsgfolderroot`, …). Default: none. */
  readonly archive?: boolean;
  /**
   * Public folders under `publicfoldersroot` (Announcements, Projects, Company Calendar, Company
   * Contacts). Default: none, and `publicfoldersroot` answers ErrorNoPublicFolderReplicaAvailable.
   */
  readonly publicFolders?: boolean;
  /**
   * Schemes offered in WWW-Authenticate, in this order (default `['basic']`). `ntlm` offers
   * `Negotiate` and `NTLM` as IIS does, verifies NTLMv2 (and the MIC) and authenticates the connection.
   * `bearer` offers OAuth2 Bearer as Exchange Online does (see `bearer`).
   */
  readonly auth?: readonly TestServerAuth[];
  /** Bearer settings: a token verifier (default: tokens from `server.issueBearerToken`), authorization_uri. */
  readonly bearer?: TestServerBearer;
  /** GetStreamingEvents timing (scale a "minute" down for tests) and the open-connection limit. */
  readonly streaming?: TestServerStreaming;
  /** Push subscriptions: how long a StatusFrequency "minute" lasts (scale it down for tests), callback timeout, retries. */
  readonly push?: TestServerPush;
  /** NTLM settings, e.g. `{ channelBinding: 'required' }` for Extended Protection over https. */
  readonly ntlm?: NtlmServerOptions;
  /** A directory to write every request and response body to, as numbered files. */
  readonly record?: string;
  /** The server's clock ("now"); seeded calendars are placed around it. Default: the real clock. */
  readonly now?: () => Date;
  /**
   * Validates every EWS request against the schema in `schemaDir` (the EWS XSDs with
   * soap11-envelope.xsd) and answers invalid ones with ErrorSchemaValidation, as Exchange does.
   * Engine `auto` (default): a resident python3 with lxml when available (~1 ms per request),
   * else one `xmllint` run per request (~0.2 s of CPU each). Default: off.
   */
  readonly validateRequests?:
    | false
    | { readonly schemaDir: string; readonly engine?: 'auto' | 'lxml' | 'xmllint'; readonly python?: string };
  /**
   * HTTPS: `true` generates a self-signed certificate for localhost/127.0.0.1/::1 with the `openssl`
   * CLI at start; or pass your own PEM `{ cert, key }`. The certificate is on the result as `tls.ca`.
   */
  readonly tls?: boolean | TlsMaterial;
  /** A JSON file written by `saveState` to start from instead of the seed's content. */
  readonly loadState?: string;
  /** Simulated throttling and network trouble, deterministic from `faults.seed`. Default: none. */
  readonly faults?: TestServerFaults;
  /**
   * Closes a keep-alive connection after it was idle this long, in milliseconds, without
   * announcing it in a `Keep-Alive` header (as IIS does). Default: Node's 5000, announced.
   * Short values let tests reconnect after the server closed an idle connection.
   */
  readonly keepAliveTimeoutMs?: number;
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
  /** With `tls`: the server certificate (PEM) and the CA to trust (for a self-signed one, the same PEM). */
  readonly tls: { readonly cert: string; readonly ca: string } | undefined;
  /** POX Autodiscover endpoint (minimal: answers with the EWS URL). */
  readonly autodiscoverUrl: string;
  /** SOAP Autodiscover endpoint (GetUserSettings), e.g. http://127.0.0.1:PORT/autodiscover/autodiscover.svc */
  readonly autodiscoverSoapUrl: string;
  readonly serverVersion: { readonly name: ServerVersionName; readonly build: string };
  /** Sign-in data of the people (kind `user`), for quick starts. */
  readonly credentials: readonly { readonly username: string; readonly password: string }[];
  readonly mailboxes: readonly TestServerMailbox[];
  readonly roomLists: readonly TestServerRoomList[];
  /**
   * A Bearer token for `mailbox` that the default verifier accepts until it expires (by the server's
   * `now`). Test-only: HMAC-signed with a random key per server.
   */
  issueBearerToken(mailbox: string, options?: IssueBearerTokenOptions): string;
  /** Writes every mailbox's folders and items to a JSON file (`loadState` starts from it). */
  saveState(path: string): Promise<void>;
  /**
   * A deep, frozen copy of every mailbox's folders and items as the server holds them right now,
   * for tests that compare what a client did with what the server did.
   */
  snapshot(): TestServerSnapshot;
  /** Faults and a ledger for notifications: drop, end or stall streams, expire subscriptions. */
  readonly notifications: TestServerNotifications;
  close(): Promise<void>;
}

const EWS_PATH = '/ews/exchange.asmx';
const AUTODISCOVER_PATH = '/autodiscover/autodiscover.xml';
const SOAP_AUTODISCOVER_PATH = '/autodiscover/autodiscover.svc';
const POST_PATHS = new Set([EWS_PATH, AUTODISCOVER_PATH, SOAP_AUTODISCOVER_PATH]);
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

function buildState(options: TestServerOptions): ExchangeState {
  const seed = options.seed ?? 'demo';
  const demo = demoDirectory();
  const seeded: Directory = seed === 'demo' ? demo : { ...demo, roomLists: [], groups: [] };
  const directory = options.rooms === undefined ? seeded : withRoomBoard(seeded, options.rooms);
  const state = new ExchangeState(
    directory,
    SERVER_VERSIONS[options.serverVersion ?? 'Exchange2016'],
    options.now ?? (() => new Date()),
    {
      culture: options.culture ?? 'en-US',
      archive: options.archive ?? false,
      publicFolders: options.publicFolders ?? false,
    },
  );
  if (seed === 'demo') seedDemoContent(state);
  if (options.rooms !== undefined) seedRoomBoard(state, options.rooms);
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
  if (options.seed !== undefined && options.seed !== 'demo' && options.seed !== 'empty') {
    throw new TestServerError('TEST_SERVER_OPTIONS', `unknown seed ${String(options.seed)}`);
  }
  if (options.culture !== undefined && !isMailboxCulture(options.culture)) {
    throw new TestServerError(
      'TEST_SERVER_OPTIONS',
      `culture must be one of: ${MAILBOX_CULTURES.join(', ')}`,
    );
  }
  const auth = options.auth ?? ['basic'];
  if (auth.length === 0 || auth.some((scheme) => !AUTH_SCHEMES.includes(scheme))) {
    throw new TestServerError(
      'TEST_SERVER_OPTIONS',
      `auth must list one or more of: ${AUTH_SCHEMES.join(', ')}`,
    );
  }
  const keepAliveTimeoutMs = options.keepAliveTimeoutMs;
  if (keepAliveTimeoutMs !== undefined && !(Number.isInteger(keepAliveTimeoutMs) && keepAliveTimeoutMs > 0)) {
    throw new TestServerError('TEST_SERVER_OPTIONS', 'keepAliveTimeoutMs must be a positive integer');
  }
  const latencyMs = options.latencyMs ?? 0;
  if (!(Number.isSafeInteger(latencyMs) && latencyMs >= 0)) {
    throw new TestServerError('TEST_SERVER_OPTIONS', 'latencyMs must be a whole number >= 0');
  }
  checkRooms(options.rooms);
  options.signal?.throwIfAborted();
  // Options are checked before anything that needs cleaning up (the validator's process) starts.
  const faults = options.faults === undefined ? undefined : new FaultInjector(options.faults);
  const streaming = resolveStreaming(options.streaming);
  const push = resolvePush(options.push);
  const tls =
    options.tls === true
      ? await generateSelfSignedCert(options.signal)
      : options.tls === false || options.tls === undefined
        ? undefined
        : options.tls;
  const state = buildState(options);
  if (options.loadState !== undefined) await loadStateFile(state, options.loadState);
  const recorder = options.record === undefined ? undefined : new Recorder(options.record);
  const report = options.onInternalError ?? (() => {});
  const validator =
    options.validateRequests === undefined || options.validateRequests === false
      ? undefined
      : await RequestValidator.create(options.validateRequests.schemaDir, {
          ...(options.validateRequests.engine === undefined
            ? {}
            : { engine: options.validateRequests.engine }),
          ...(options.validateRequests.python === undefined
            ? {}
            : { python: options.validateRequests.python }),
        });
  const closed = new AbortController();
  // Push deliveries run off the request path; closing the server (the `closed` signal) stops them all.
  const pushes = new PushDeliverer({ state, options: push, closed: closed.signal, report });
  const endpoint = {
    state,
    validator,
    recorder,
    faults,
    streaming,
    streams: new OpenStreams(),
    closed: closed.signal,
    report,
    onRequest: options.onRequest,
  };
  const issuer = new BearerTokenIssuer(state.now);
  const verifyBearer = options.bearer?.verify;
  let ewsUrl = '';
  const gate = new HttpAuthGate({
    directory: state.directory,
    schemes: auth,
    ntlm: options.ntlm ?? {},
    bearer: {
      authorizationUri: options.bearer?.authorizationUri,
      verify: async (token, signal) =>
        verifyBearer === undefined
          ? issuer.check(token)
          : ((await verifyBearer(token, { signal })) ?? 'invalid'),
    },
    realm: host,
    now: options.now ?? (() => new Date()),
  });

  const listener: RequestListener = (req, res) => {
    // An explicit Connection header keeps Node from announcing `Keep-Alive: timeout=N`, which
    // clients (undici) answer by closing early: the idle close then comes from the server.
    if (keepAliveTimeoutMs !== undefined && res.shouldKeepAlive) res.setHeader('Connection', 'keep-alive');
    void (async () => {
      // The network's share of the round trip, paid once per request (closing the server cuts it short).
      if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: closed.signal });
      const path = (req.url ?? '/').split('?')[0]?.toLowerCase() ?? '/';
      // A token check in flight stops when the client goes away or the server closes.
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      const caller = await gate.authenticate(req, res, AbortSignal.any([closed.signal, gone.signal]));
      if (caller === undefined) return;
      if (req.method !== 'POST' || !POST_PATHS.has(path)) {
        sendXml(res, POST_PATHS.has(path) ? 405 : 404, '');
        return;
      }
      const body = await readBody(req);
      if (body === undefined) {
        sendXml(res, 413, '');
        return;
      }
      if (path === SOAP_AUTODISCOVER_PATH) {
        const reply = serveSoapAutodiscover({ state, ewsUrl }, body);
        sendXml(res, reply.status, reply.body);
        return;
      }
      if (path === AUTODISCOVER_PATH) {
        const answer = renderPoxAutodiscover(state, body, ewsUrl);
        sendXml(res, answer === undefined ? 404 : 200, answer ?? '');
        return;
      }
      const ifNoneMatch = req.headers['if-none-match'];
      await serveEws(endpoint, res, caller, body, { ifNoneMatch });
    })().catch((error: unknown) => {
      // Requests cut off by close() (their xmllint run is aborted) are not server errors.
      if (!closed.signal.aborted) report(error);
      if (!res.headersSent) sendXml(res, 500, '');
      else res.destroy();
    });
  };
  let server: ReturnType<typeof createServer> | ReturnType<typeof createHttpsServer>;
  try {
    server =
      tls === undefined
        ? createServer(listener)
        : createHttpsServer({ cert: tls.cert, key: tls.key }, listener);
  } catch (error) {
    await validator?.close();
    throw new TestServerError('TEST_SERVER_TLS', `tls: unusable cert or key: ${String(error)}`);
  }

  if (keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await validator?.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  ewsUrl = `${origin}/EWS/Exchange.asmx`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      closed.abort();
      pushes.close();
      server.close(() => resolve());
      server.closeAllConnections();
    }).then(() => validator?.close());
    return closing;
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });

  const profile = SERVER_VERSIONS[versionName];
  return {
    url: ewsUrl,
    tls: tls === undefined ? undefined : { cert: tls.cert, ca: tls.cert },
    autodiscoverUrl: `${origin}/autodiscover/autodiscover.xml`,
    autodiscoverSoapUrl: `${origin}/autodiscover/autodiscover.svc`,
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
    issueBearerToken: (mailbox, issueOptions) => {
      const known = state.mailbox(mailbox);
      if (known === undefined) throw new TestServerError('TEST_SERVER_OPTIONS', `no mailbox ${mailbox}`);
      return issuer.issue(known.address, issueOptions);
    },
    saveState: (path) => saveStateFile(state, path),
    snapshot: () => takeSnapshot(state),
    notifications: notificationControls(state, endpoint.streams),
    close,
  };
}
