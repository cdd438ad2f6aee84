import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { AuthContext, AuthHeaders, AuthRequest, AuthStrategy } from '../auth/strategy.js';
import { parseWwwAuthenticate } from '../auth/www-authenticate.js';
import { EwsAbortError, EwsAuthError, EwsTransportError } from '../errors/error-classes.js';
import { type Logger, silentLogger } from '../logging/logger.js';
import type { ConnectionInfo, EwsHttpResponse } from '../pipeline/http.js';
import { headerValues } from '../pipeline/http.js';
import { nextConnectionId } from '../transport/connection-ids.js';
import type { TlsOptions } from '../transport/tls-options.js';
import { AUTHENTICATED_USER_HEADER } from './loopback-auth-server.js';

export interface DriverRequest {
  readonly url: string | URL;
  readonly method?: 'POST' | 'GET' | undefined;
  readonly body?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly operation?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** 401 challenges answered before giving up. Default 4: well above what any scheme needs. */
  readonly maxRounds?: number | undefined;
  /** TLS for https URLs (e.g. the lab CA); the strategy's own `tls` is merged over it. */
  readonly tls?: TlsOptions | undefined;
  readonly logger?: Logger | undefined;
}

export interface DriverResult {
  readonly status: number;
  readonly headers: EwsHttpResponse['headers'];
  readonly body: string;
  /** HTTP requests sent, including the ones answered 401. */
  readonly requests: number;
  /** `X-Authlab-User` of the final answer, if any. */
  readonly user: string | undefined;
}

/**
 * Keeps sockets alive between sendWithAuth calls, so connection-bound schemes and nonce reuse can
 * be seen. Like core, it hands one AuthRequest object to authorize and every onChallenge of a call,
 * and tells each strategy it served when one of its sockets closes (`close()` closes them all).
 */
export interface DriverSession {
  send(strategy: AuthStrategy, request: DriverRequest): Promise<DriverResult>;
  close(): void;
}

const SOAP_HEADERS = { 'content-type': 'text/xml; charset=utf-8' } as const;

/**
 * A tiny reference client for auth strategies: authorize → send over node:http(s) →
 * on 401 onChallenge → send again, bounded by `maxRounds`. It mirrors the flow core's auth
 * policy runs, without the rest of the pipeline, so strategies can be tested on their own.
 */
export function createDriverSession(): DriverSession {
  // One keep-alive agent per origin and TLS material; maxSockets 1 keeps a handshake on one socket.
  const agents: { origin: string; sources: readonly unknown[]; agent: HttpAgent }[] = [];
  // Ids from core's process-wide counter, as a custom Transport must: a strategy shared by two
  // sessions (the kit's interleaved check) must never see one id for two sockets.
  const socketIds = new WeakMap<Socket, number>();
  // As core does: every strategy that used this session hears of each of its sockets closing.
  const strategies = new Set<AuthStrategy>();

  function agentFor(url: URL, sources: readonly [TlsOptions | undefined, TlsOptions | undefined]): HttpAgent {
    const found = agents.find(
      (entry) => entry.origin === url.origin && entry.sources.every((s, i) => s === sources[i]),
    );
    if (found) return found.agent;
    const options = { keepAlive: true, maxSockets: 1 };
    const tls: TlsOptions = { ...sources[0], ...sources[1] };
    const agent =
      url.protocol === 'https:' ? new HttpsAgent({ ...options, ...toNodeTls(tls) }) : new HttpAgent(options);
    agents.push({ origin: url.origin, sources, agent });
    return agent;
  }

  function connectionOf(socket: Socket): ConnectionInfo {
    let id = socketIds.get(socket);
    if (id === undefined) {
      id = nextConnectionId();
      socketIds.set(socket, id);
      const info: ConnectionInfo = { id };
      socket.once('close', () => {
        for (const strategy of strategies) {
          try {
            strategy.onConnectionClosed?.(info);
          } catch {
            // Core swallows a listener's throw too.
          }
        }
      });
    }
    return { id };
  }

  function exchange(
    url: URL,
    request: DriverRequest,
    headers: AuthHeaders | undefined,
    tls: readonly [TlsOptions | undefined, TlsOptions | undefined],
    signal: AbortSignal,
  ): Promise<EwsHttpResponse> {
    const agent = agentFor(url, tls);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<EwsHttpResponse>((resolve, reject) => {
      let req: ReturnType<typeof send>;
      try {
        req = send(url, {
          method: request.method ?? 'POST',
          agent,
          signal,
          headers: { ...SOAP_HEADERS, ...request.headers, ...headers },
        });
      } catch (error) {
        // Bad TLS material (e.g. a wrong PKCS#12 passphrase) fails while building the request.
        const code = (error as NodeJS.ErrnoException).code;
        reject(
          new EwsTransportError(
            `Could not set up the request to ${url.host}: ${code ?? 'TLS setup failed'}`,
            { cause: error, transportCode: code },
          ),
        );
        return;
      }
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (signal.aborted) reject(new EwsAbortError('The operation was aborted', { cause: signal.reason }));
        else
          reject(
            new EwsTransportError(`Request to ${url.host} failed: ${error.code ?? error.message}`, {
              cause: error,
              transportCode: error.code,
            }),
          );
      });
      req.on('response', (res: IncomingMessage) => {
        // Read the socket now: once the body ends, the agent takes it back and res.socket is null.
        const connection = connectionOf(res.socket as Socket);
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as EwsHttpResponse['headers'],
            body: Buffer.concat(chunks).toString('utf8'),
            connection,
          });
        });
      });
      req.end(request.body ?? (request.method === 'GET' ? undefined : ''));
    });
  }

  async function send(strategy: AuthStrategy, request: DriverRequest): Promise<DriverResult> {
    strategies.add(strategy);
    const url = new URL(request.url);
    const signal = request.signal ?? new AbortController().signal;
    const maxRounds = request.maxRounds ?? 4;
    const tls = [request.tls, strategy.tls] as const;
    const authRequest: AuthRequest = {
      url,
      method: request.method ?? 'POST',
      headers: { ...SOAP_HEADERS, ...request.headers },
      // What goes on the wire, as core would hand it: a POST without a body sends an empty one.
      body: request.body ?? (request.method === 'GET' ? undefined : ''),
      operation: request.operation ?? 'GetFolder',
    };
    const context = (round: number, connection: ConnectionInfo | undefined): AuthContext => ({
      signal,
      logger: request.logger ?? silentLogger,
      connection,
      round,
      sideRequest: (side) =>
        exchange(
          side.url,
          { url: side.url, method: side.method, body: side.body, headers: side.headers },
          undefined,
          tls,
          signal,
        ),
    });

    let requests = 0;
    let round = 0;
    let headers = await strategy.authorize(authRequest, context(0, undefined));
    for (;;) {
      const response = await exchange(url, request, headers, tls, signal);
      requests += 1;
      if (response.status !== 401) {
        await strategy.onSuccess?.(response, context(round, response.connection));
        const user = headerValues(response, AUTHENTICATED_USER_HEADER)[0];
        return { status: response.status, headers: response.headers, body: response.body, requests, user };
      }
      const challenges = parseWwwAuthenticate(headerValues(response, 'www-authenticate'));
      const offeredSchemes = challenges.map((challenge) => challenge.scheme);
      const refused = (): EwsAuthError =>
        new EwsAuthError(
          `The server at ${url.host} refused ${strategy.scheme} authentication after ${requests} request(s); ` +
            `it offers: ${offeredSchemes.join(', ') || 'no scheme'}.`,
          { offeredSchemes, attemptedScheme: strategy.scheme, operation: authRequest.operation },
        );
      if (round >= maxRounds || !strategy.onChallenge) throw refused();
      round += 1;
      headers = await strategy.onChallenge(
        { request: authRequest, response, challenges },
        context(round, response.connection),
      );
      if (!headers) throw refused();
    }
  }

  return {
    send,
    close(): void {
      for (const entry of agents.splice(0)) entry.agent.destroy();
    },
  };
}

/** One authenticated exchange through a fresh driver session (closed afterwards). */
export async function sendWithAuth(strategy: AuthStrategy, request: DriverRequest): Promise<DriverResult> {
  const session = createDriverSession();
  try {
    return await session.send(strategy, request);
  } finally {
    session.close();
  }
}

function toNodeTls(tls: TlsOptions): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const key of ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername'] as const) {
    const value = tls[key];
    if (value !== undefined) options[key] = Array.isArray(value) ? [...value] : value;
  }
  if (tls.insecureSkipVerify) options.rejectUnauthorized = false;
  return options;
}
