import type { Dispatcher } from 'undici';

/**
 * Closes `dispatchers`, letting in-flight requests finish for `graceMs`, then
 * destroys what is left, so close() never hangs on a server that stopped answering.
 */
export async function closeGracefully(dispatchers: readonly Dispatcher[], graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const closing = Promise.all(dispatchers.map((dispatcher) => dispatcher.close().catch(() => {})));
  try {
    const outcome = await Promise.race([closing.then(() => 'closed' as const), graceOver]);
    if (outcome === 'timeout') {
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.destroy().catch(() => {})));
    }
  } finally {
    clearTimeout(timer);
  }
}
