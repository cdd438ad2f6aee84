import type { Dispatcher } from 'undici';

/**
 * Closes `dispatchers`, letting in-flight requests finish for `graceMs`, then
 * destroys them and every client they own, so close() never hangs on a server that
 * stopped answering. (An undici Agent forgets its pools once close() starts, so
 * the clients are passed in separately to be destroyed directly.)
 */
export async function closeGracefully(
  dispatchers: readonly Dispatcher[],
  clients: Iterable<Dispatcher>,
  graceMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const closing = Promise.all(dispatchers.map((dispatcher) => dispatcher.close().catch(() => {})));
  try {
    const outcome = await Promise.race([closing.then(() => 'closed' as const), graceOver]);
    if (outcome === 'timeout') {
      const everything = [...dispatchers, ...clients];
      await Promise.all(everything.map((dispatcher) => dispatcher.destroy().catch(() => {})));
    }
  } finally {
    clearTimeout(timer);
  }
}
