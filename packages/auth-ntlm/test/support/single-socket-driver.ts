/**
 * Drives an AuthStrategy over ONE keep-alive socket, the way @ews/core's auth policy drives a
 * connection-bound scheme on a leased connection: authorize, then onChallenge per 401 (bounded),
 * onSuccess on the final answer, onConnectionClosed when the socket closes. Used where the tests
 * need to watch the socket directly.
 */
import { type Agent, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  type AuthChallengeParam,
  type AuthContext,
  type AuthRequest,
  type AuthStrategy,
  type ConnectionInfo,
  type EwsHttpResponse,
  silentLogger,
} from '@ews/core';

export interface DriverResult {
  readonly response: EwsHttpResponse;
  /** HTTP requests this call sent. */
  readonly requests: number;
  /** True when the strategy gave up (returned undefined from onChallenge). */
  readonly gaveUp: boolean;
}

const MAX_ROUNDS = 3;

/** Parses `WWW-Authenticate` values of the simple shapes NTLM servers send (`NTLM`, `NTLM <token>`). */
function parseChallenges(values: readonly string[]): AuthChallengeParam[] {
  return values.flatMap((value) =>
    value.split(',').map((part) => {
      const [scheme = '', token] = part.trim().split(/\s+/);
      return token ? { scheme, params: {}, token } : { scheme, params: {} };
    }),
  );
}

export class SingleSocketDriver {
  readonly #agent: Agent;
  readonly #ids = new WeakMap<Socket, number>();
  #nextId = 1;
  #current: Socket | undefined;
  readonly sockets: Socket[] = [];

  constructor(
    readonly url: URL,
    readonly strategy: AuthStrategy,
    readonly tls: { readonly ca?: string } = {},
  ) {
    this.#agent =
      url.protocol === 'https:'
        ? new HttpsAgent({ keepAlive: true, maxSockets: 1, ...(tls.ca ? { ca: tls.ca } : {}) })
        : new HttpAgent({ keepAlive: true, maxSockets: 1 });
  }

  #info(socket: Socket | undefined): ConnectionInfo | undefined {
    if (!socket || socket.destroyed) return undefined;
    const id = this.#ids.get(socket);
    if (id === undefined) return undefined;
    const certificate =
      'getPeerCertificate' in socket ? (socket as TLSSocket).getPeerCertificate().raw : undefined;
    return certificate ? { id, peerCertificate: new Uint8Array(certificate) } : { id };
  }

  #context(signal: AbortSignal, round: number, connection: ConnectionInfo | undefined): AuthContext {
    return {
      signal,
      logger: silentLogger,
      connection,
      round,
      sideRequest: () => Promise.reject(new Error('no side requests in this driver')),
    };
  }

  #send(headers: Record<string, string>, body: string): Promise<EwsHttpResponse> {
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(this.url, {
        method: 'POST',
        agent: this.#agent,
        headers: { ...headers, 'content-type': 'text/xml' },
      });
      req.on('socket', (socket: Socket) => {
        if (!this.#ids.has(socket)) {
          const id = this.#nextId++;
          this.#ids.set(socket, id);
          this.sockets.push(socket);
          socket.once('close', () => this.strategy.onConnectionClosed?.({ id }));
        }
        this.#current = socket;
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const normalized: Record<string, string | readonly string[]> = {};
          for (const [name, value] of Object.entries(res.headers))
            if (value !== undefined) normalized[name] = value;
          const auth = res.headers['www-authenticate'];
          if (auth !== undefined) normalized['www-authenticate'] = Array.isArray(auth) ? auth : [auth];
          resolve({
            status: res.statusCode ?? 0,
            headers: normalized,
            body: Buffer.concat(chunks).toString('utf8'),
            connection: this.#info(req.socket ?? undefined),
          });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async call(
    body = '<GetFolder/>',
    signal: AbortSignal = new AbortController().signal,
  ): Promise<DriverResult> {
    const request: AuthRequest = { url: this.url, method: 'POST', headers: {}, body, operation: 'GetFolder' };
    let round = 0;
    let requests = 0;
    let headers = await this.strategy.authorize(
      request,
      this.#context(signal, round, this.#info(this.#current)),
    );
    for (;;) {
      requests += 1;
      const response = await this.#send({ ...(headers ?? {}) }, body);
      if (response.status !== 401) {
        await this.strategy.onSuccess?.(response, this.#context(signal, round, response.connection));
        return { response, requests, gaveUp: false };
      }
      if (round >= MAX_ROUNDS) return { response, requests, gaveUp: false };
      round += 1;
      const challenges = parseChallenges(
        (response.headers['www-authenticate'] as readonly string[] | undefined) ?? [],
      );
      headers = await this.strategy.onChallenge?.(
        { request, response, challenges },
        this.#context(signal, round, response.connection),
      );
      if (!headers) return { response, requests, gaveUp: true };
    }
  }

  close(): void {
    this.#agent.destroy();
  }
}
