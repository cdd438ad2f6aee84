import { Agent, buildConnector, type Dispatcher, Pool } from 'undici';
import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import { silentLogger } from '../logging/logger.js';
import type { EwsHttpRequest, EwsHttpResponse } from '../pipeline/http.js';
import { DEFAULT_USER_AGENT } from '../version.js';
import { type ExchangeDefaults, exchange, type Route } from './exchange.js';
import { closeGracefully } from './graceful-close.js';
import { LeasePool } from './lease-pool.js';
import { createProxyResolver } from './proxy-config.js';
import type { SocketSlot } from './response-collector.js';
import { TrackedClient } from './tracked-client.js';
import { createTrackedConnector } from './tracked-connector.js';
import type { ConnectionLease, Transport } from './transport.js';
import { undiciTransportDefaults, type UndiciTransportOptions } from './undici-transport-options.js';
import { toNodeTlsOptions } from './undici-tls.js';

export type { ProxyOption, ProxyWithCredentials, UndiciTransportOptions } from './undici-transport-options.js';

/**
 * The HTTP transport: keep-alive pools on undici (HTTP/1.1 only, because IIS does
 * Windows auth over HTTP/1.1), TLS and proxy options, and leased single-socket
 * clients for connection-bound auth. It never touches undici's global dispatcher.
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): Transport {
  const settings = resolveSettings(options);
  const logger = options.logger ?? silentLogger;
  if (options.tls?.insecureSkipVerify === true) {
    logger.warn('TLS certificate verification is OFF (tls.insecureSkipVerify): use it only with test servers');
  }
  const resolveProxy = createProxyResolver(options.proxy, options.env ?? process.env);
  const connectTls = buildConnector({
    ...toNodeTlsOptions(options.tls),
    allowH2: false,
    timeout: settings.connectTimeoutMs,
  } as buildConnector.BuildOptions);
  let lastConnectionId = 0;
  /** Every client we created, so close() can destroy them after the grace period. */
  const clients = new Set<TrackedClient>();
  const defaults: ExchangeDefaults = {
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    headersTimeoutMs: settings.headersTimeoutMs,
    bodyTimeoutMs: settings.bodyTimeoutMs,
  };

  const routeFor = (target: URL): Route => {
    const proxy = resolveProxy(target);
    if (proxy && target.protocol === 'http:') return { target, origin: proxy.url, forward: proxy };
    return direct(target);
  };

  /** One undici Client whose sockets we number and watch. */
  const createClient = (origin: URL): TrackedClient => {
    const slot: SocketSlot = { current: undefined };
    const tunnel = origin.protocol === 'https:' ? resolveProxy(origin) : undefined;
    const connect = createTrackedConnector(
      {
        connect: connectTls,
        tunnel,
        connectTimeoutMs: settings.connectTimeoutMs,
        nextConnectionId: () => ++lastConnectionId,
        onConnectionClosed: options.onConnectionClosed,
      },
      slot,
    );
    const client = new TrackedClient(
      origin,
      {
        connect,
        pipelining: 1,
        allowH2: false,
        keepAliveTimeout: settings.keepAliveTimeoutMs,
        headersTimeout: settings.headersTimeoutMs,
        bodyTimeout: settings.bodyTimeoutMs,
      },
      slot,
    );
    clients.add(client);
    return client;
  };

  let agent: Agent | undefined;
  const ownAgent = (): Agent => {
    agent ??= new Agent({
      factory: (origin) =>
        new Pool(origin, {
          connections: settings.connections,
          factory: (poolOrigin) => createClient(new URL(String(poolOrigin))),
        }),
    });
    return agent;
  };

  const leases = new LeasePool({
    limit: settings.connections,
    createClient: (route) => createClient(route.origin),
    send: (client, route, request) => exchange(client, route, request, defaults),
    discard: (client) => {
      clients.delete(client);
      void client.destroy().catch(() => {});
    },
  });

  let closed = false;
  const refuse = (operation: string): EwsInvalidArgumentError =>
    new EwsInvalidArgumentError(`${operation}: this transport is closed; create a new one`, { operation });

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    const ours: Dispatcher[] = leases.drain(refuse('lease'));
    if (agent) ours.push(agent);
    await closeGracefully(ours, clients, settings.closeGraceMs);
    clients.clear();
  };

  return {
    send(request: EwsHttpRequest): Promise<EwsHttpResponse> {
      if (closed) return Promise.reject(refuse(request.operation));
      const dispatcher = options.dispatcher ?? ownAgent();
      // A dispatcher of your own does its own routing (and proxying).
      const route = options.dispatcher ? direct(request.url) : routeFor(request.url);
      return exchange(dispatcher, route, request, defaults);
    },
    async lease(origin: URL, signal: AbortSignal): Promise<ConnectionLease> {
      if (closed) throw refuse('lease');
      return leases.lease(routeFor(new URL(origin.origin)), signal, 'lease');
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function direct(target: URL): Route {
  return { target, origin: new URL(target.origin), forward: undefined };
}

type Settings = { -readonly [K in keyof typeof undiciTransportDefaults]: number };

function resolveSettings(options: UndiciTransportOptions): Settings {
  const settings: Settings = { ...undiciTransportDefaults };
  for (const key of Object.keys(undiciTransportDefaults) as (keyof Settings)[]) {
    const value = options[key];
    if (value === undefined) continue;
    const minimum = key === 'connections' ? 1 : key === 'closeGraceMs' ? 0 : 1;
    if (!Number.isInteger(value) || value < minimum) {
      throw new EwsInvalidArgumentError(`${key} must be an integer of at least ${minimum}, got ${value}`);
    }
    settings[key] = value;
  }
  return settings;
}
