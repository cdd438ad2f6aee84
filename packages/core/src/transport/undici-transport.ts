import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import { silentLogger } from '../logging/logger.js';
import { MAX_TIMER_MS, nonNegativeInteger, positiveInteger } from '../options/numeric-options.js';
import type { EwsHttpRequest, EwsHttpResponse } from '../pipeline/http.js';
import { DEFAULT_USER_AGENT } from '../version.js';
import { ClientGroups } from './client-groups.js';
import { ConnectionClosedListeners } from './connection-closed-listeners.js';
import { nextConnectionId } from './connection-ids.js';
import { type ExchangeDefaults, exchange, type Route } from './exchange.js';
import { closeGracefully } from './graceful-close.js';
import { LeasePool } from './lease-pool.js';
import { createProxyResolver } from './proxy-config.js';
import type { SocketSlot } from './response-collector.js';
import { createTlsConnector } from './tls-connector.js';
import { TrackedClient } from './tracked-client.js';
import { createTrackedConnector } from './tracked-connector.js';
import type { ConnectionLease, Transport } from './transport.js';
import { toNodeTlsOptions } from './undici-tls.js';
import { type UndiciTransportOptions, undiciTransportDefaults } from './undici-transport-options.js';

export type {
  ProxyOption,
  ProxyWithCredentials,
  UndiciTransportOptions,
} from './undici-transport-options.js';

/**
 * The HTTP transport: keep-alive pools on undici (HTTP/1.1 only, because IIS does
 * Windows auth over HTTP/1.1), TLS and proxy options, and leased single-socket
 * clients for connection-bound auth. It never touches undici's global dispatcher.
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): Transport {
  const settings = resolveSettings(options);
  const logger = options.logger ?? silentLogger;
  if (options.tls?.insecureSkipVerify === true) {
    logger.warn(
      'TLS certificate verification is OFF (tls.insecureSkipVerify): use it only with test servers',
    );
  }
  const resolveProxy = createProxyResolver(options.proxy, options.env ?? process.env);
  const connector = createTlsConnector({
    tls: toNodeTlsOptions(options.tls),
    timeoutMs: settings.connectTimeoutMs,
    resumeSessions: options.tls?.resumeSessions !== false,
  });
  // Whoever keeps state per socket (connection-bound auth) hears of its close.
  const closedListeners = new ConnectionClosedListeners();
  if (options.onConnectionClosed) closedListeners.add(options.onConnectionClosed);
  const closing = new AbortController();
  const defaults: ExchangeDefaults = {
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    headersTimeoutMs: settings.headersTimeoutMs,
    bodyTimeoutMs: settings.bodyTimeoutMs,
  };

  const routeFor = (target: URL): Route => {
    const proxy = resolveProxy(target);
    if (!proxy) return direct(target);
    return target.protocol === 'http:'
      ? { target, origin: proxy.url, forward: proxy, tunnel: undefined }
      : { target, origin: new URL(target.origin), forward: undefined, tunnel: proxy };
  };

  /** One undici Client whose sockets we number and watch. */
  const createClient = (route: Route): TrackedClient => {
    const slot: SocketSlot = { current: undefined };
    const connect = createTrackedConnector(
      {
        connector,
        tunnel: route.tunnel,
        connectTimeoutMs: settings.connectTimeoutMs,
        nextConnectionId,
        onConnectionClosed: (info) => closedListeners.notify(info),
        signal: closing.signal,
      },
      slot,
    );
    return new TrackedClient(
      route.origin,
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
  };

  // Created lazily: a transport that is never used opens nothing.
  let pools: ClientGroups | undefined;
  const ownPools = (): ClientGroups => {
    pools ??= new ClientGroups(settings.connections, createClient);
    return pools;
  };

  const leases = new LeasePool({
    limit: settings.connections,
    createClient,
    send: (client, route, request) => exchange(client, route, request, defaults),
    discard: (client) => {
      void client.destroy().catch(() => {});
    },
  });

  let closed = false;
  const refuse = (operation: string): EwsInvalidArgumentError =>
    new EwsInvalidArgumentError(`${operation}: this transport is closed; create a new one`, { operation });

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    closing.abort();
    const ours = [...leases.drain(refuse('lease')), ...(pools?.drain() ?? [])];
    await closeGracefully(ours, settings.closeGraceMs);
  };

  return {
    send(request: EwsHttpRequest): Promise<EwsHttpResponse> {
      if (closed) return Promise.reject(refuse(request.operation));
      // A dispatcher of your own does its own routing (and proxying).
      if (options.dispatcher) return exchange(options.dispatcher, direct(request.url), request, defaults);
      const route = routeFor(request.url);
      return exchange(ownPools().pick(route), route, request, defaults);
    },
    async lease(origin: URL, signal: AbortSignal): Promise<ConnectionLease> {
      if (closed) throw refuse('lease');
      return leases.lease(routeFor(new URL(origin.origin)), signal, 'lease');
    },
    close,
    [Symbol.asyncDispose]: close,
    addConnectionClosedListener: (listener) => closedListeners.add(listener),
  };
}

function direct(target: URL): Route {
  return { target, origin: new URL(target.origin), forward: undefined, tunnel: undefined };
}

type Settings = { -readonly [K in keyof typeof undiciTransportDefaults]: number };

// More sockets than this to one server is a mistake, not a pool (Exchange allows 27 EWS calls per user at once).
const MAX_CONNECTIONS = 1_024;

/** Each number checked as what it is: a count, or whole milliseconds a timer can hold (undici wants integers). */
const SETTING_CHECKS: { readonly [K in keyof Settings]: (name: string, value: unknown) => number } = {
  connections: (name, value) => positiveInteger(name, value, { max: MAX_CONNECTIONS }),
  keepAliveTimeoutMs: wholeMs,
  connectTimeoutMs: wholeMs,
  headersTimeoutMs: wholeMs,
  bodyTimeoutMs: wholeMs,
  closeGraceMs: (name, value) => nonNegativeInteger(name, value, { max: MAX_TIMER_MS }),
};

function wholeMs(name: string, value: unknown): number {
  return positiveInteger(name, value, { max: MAX_TIMER_MS });
}

function resolveSettings(options: UndiciTransportOptions): Settings {
  const settings: Settings = { ...undiciTransportDefaults };
  for (const key of Object.keys(undiciTransportDefaults) as (keyof Settings)[]) {
    const value = options[key];
    if (value !== undefined) settings[key] = SETTING_CHECKS[key](key, value);
  }
  return settings;
}
