import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import type { ConnectionInfo, EwsHttpRequest, EwsHttpResponse } from '../pipeline/http.js';
import type { Route } from './exchange.js';
import type { TrackedClient } from './tracked-client.js';
import type { ConnectionLease } from './transport.js';
import { abortError } from './transport-errors.js';

interface Waiter {
  readonly resolve: (client: TrackedClient) => void;
  readonly reject: (error: unknown) => void;
}

interface Group {
  readonly clients: Set<TrackedClient>;
  readonly idle: TrackedClient[];
  readonly waiters: Waiter[];
}

export interface LeasePoolOptions {
  /** Leases per origin. */
  readonly limit: number;
  readonly createClient: (route: Route) => TrackedClient;
  readonly send: (client: TrackedClient, route: Route, request: EwsHttpRequest) => Promise<EwsHttpResponse>;
  /** Closes or destroys a client we no longer need. */
  readonly discard: (client: TrackedClient) => void;
}

/**
 * Dedicated single-socket clients per origin for connection-bound auth: each lease
 * owns one client (pipelining 1, one connection), so its requests share a socket.
 */
export class LeasePool {
  readonly #options: LeasePoolOptions;
  readonly #groups = new Map<string, Group>();

  constructor(options: LeasePoolOptions) {
    this.#options = options;
  }

  async lease(route: Route, signal: AbortSignal, operation: string): Promise<ConnectionLease> {
    if (signal.aborted) throw abortError(signal, operation, false);
    const group = this.#group(route.target.origin);
    const client =
      group.idle.pop() ?? this.#create(group, route) ?? (await this.#wait(group, signal, operation));
    return this.#wrap(group, route, client);
  }

  /** Every client, for close(); waiters are refused with `error`. */
  drain(error: Error): TrackedClient[] {
    const all: TrackedClient[] = [];
    for (const group of this.#groups.values()) {
      for (const waiter of group.waiters.splice(0)) waiter.reject(error);
      all.push(...group.clients);
      group.clients.clear();
      group.idle.length = 0;
    }
    this.#groups.clear();
    return all;
  }

  #group(key: string): Group {
    let group = this.#groups.get(key);
    if (!group) {
      group = { clients: new Set(), idle: [], waiters: [] };
      this.#groups.set(key, group);
    }
    return group;
  }

  #create(group: Group, route: Route): TrackedClient | undefined {
    if (group.clients.size >= this.#options.limit) return undefined;
    const client = this.#options.createClient(route);
    group.clients.add(client);
    return client;
  }

  #wait(group: Group, signal: AbortSignal, operation: string): Promise<TrackedClient> {
    return new Promise<TrackedClient>((resolve, reject) => {
      const onAbort = (): void => {
        const index = group.waiters.indexOf(waiter);
        if (index !== -1) group.waiters.splice(index, 1);
        reject(abortError(signal, operation, false));
      };
      const waiter: Waiter = {
        resolve: (client) => {
          signal.removeEventListener('abort', onAbort);
          resolve(client);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      group.waiters.push(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #release(group: Group, route: Route, client: TrackedClient, broken: boolean): void {
    if (!group.clients.has(client)) return; // the pool was drained by close()
    if (broken) {
      group.clients.delete(client);
      this.#options.discard(client);
      const waiter = group.waiters.shift();
      if (waiter) {
        const replacement = this.#create(group, route);
        if (replacement) waiter.resolve(replacement);
      }
      return;
    }
    const waiter = group.waiters.shift();
    if (waiter) waiter.resolve(client);
    else group.idle.push(client);
  }

  #wrap(group: Group, route: Route, client: TrackedClient): ConnectionLease {
    let released = false;
    const send = this.#options.send;
    return {
      get connection(): ConnectionInfo | undefined {
        return client.slot.current;
      },
      send: (request) => {
        if (released) {
          return Promise.reject(new EwsInvalidArgumentError('This connection lease was already released'));
        }
        if (request.url.origin !== route.target.origin) {
          return Promise.reject(
            new EwsInvalidArgumentError(
              `This lease is for ${route.target.origin}, not ${request.url.origin}`,
            ),
          );
        }
        return send(client, route, request);
      },
      release: (broken = false) => {
        if (released) return;
        released = true;
        this.#release(group, route, client, broken);
      },
    };
  }
}
