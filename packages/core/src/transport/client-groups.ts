import type { Route } from './exchange.js';
import type { TrackedClient } from './tracked-client.js';

/**
 * The keep-alive pool: up to `limit` single-socket clients per origin. A request
 * goes to the oldest idle client (so sequential requests stay on one warm socket),
 * else to a new client while under the limit, else queues on the least busy one.
 * (undici's Pool spreads sequential requests over two sockets, which wastes the
 * handshakes Exchange front ends charge for.)
 */
export class ClientGroups {
  readonly #groups = new Map<string, TrackedClient[]>();
  readonly #limit: number;
  readonly #create: (route: Route) => TrackedClient;

  constructor(limit: number, create: (route: Route) => TrackedClient) {
    this.#limit = limit;
    this.#create = create;
  }

  /** Clients are grouped by the origin they connect to (the target, or a forward proxy). */
  pick(route: Route): TrackedClient {
    const key = route.origin.origin;
    let group = this.#groups.get(key);
    if (!group) {
      group = [];
      this.#groups.set(key, group);
    }
    const idle = group.find((client) => client.stats.size === 0);
    if (idle) return idle;
    if (group.length < this.#limit) {
      const client = this.#create(route);
      group.push(client);
      return client;
    }
    return group.reduce((best, client) => (client.stats.size < best.stats.size ? client : best));
  }

  /** Every client, emptied out of the groups (for close()). */
  drain(): TrackedClient[] {
    const all = [...this.#groups.values()].flat();
    this.#groups.clear();
    return all;
  }
}
