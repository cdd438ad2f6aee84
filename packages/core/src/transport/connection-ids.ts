/**
 * Socket ids, unique within the process rather than within one transport: a strategy is often
 * shared (the app hands the one it gave Autodiscover to its EwsClient, or to several clients),
 * and per-transport numbering would let one transport's socket 1 closing make the strategy forget
 * another transport's socket 1 (for Negotiate, mid-handshake). A counter, never reset; 2^53 ids.
 */
let lastConnectionId = 0;

export function nextConnectionId(): number {
  lastConnectionId += 1;
  return lastConnectionId;
}
