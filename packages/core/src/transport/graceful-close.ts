import type { Dispatcher } from 'undici';

/**
 * Lets in-flight requests finish for `graceMs`, then destroys what is left, so
 * close() never hangs on a server that stopped answering.
 */
export async function closeGracefully(dispatcher: Dispatcher, graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  try {
    const outcome = await Promise.race([dispatcher.close().then(() => 'closed' as const), graceOver]);
    if (outcome === 'timeout') await dispatcher.destroy();
  } catch {
    // Already destroyed: nothing left to release.
  } finally {
    clearTimeout(timer);
  }
}
