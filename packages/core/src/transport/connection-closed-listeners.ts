import type { ConnectionInfo } from '../pipeline/http.js';

/** Hears that a socket closed (see Transport.addConnectionClosedListener). */
export type ConnectionClosedListener = (connection: ConnectionInfo) => void;

/**
 * The listeners a transport tells of its closed sockets. A listener's throw is swallowed: it
 * runs from the socket's `close` event, where a throw would crash the event loop turn, and one
 * listener must not keep the others from hearing of the close.
 */
export class ConnectionClosedListeners {
  readonly #listeners = new Set<ConnectionClosedListener>();

  /** Adds a listener; the function returned removes it (call it more than once: no harm). */
  add(listener: ConnectionClosedListener): () => void {
    // A wrapper of its own, so adding the same function twice gives two independent entries.
    const entry: ConnectionClosedListener = (connection) => listener(connection);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  notify(connection: ConnectionInfo): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(connection);
      } catch {
        // See the class comment.
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }
}
