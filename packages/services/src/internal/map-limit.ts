import { EwsAbortError } from '@ews/core';

/**
 * Runs `task` over `inputs` with at most `concurrency` in flight; results keep input order.
 * Stops starting new tasks once `signal` aborts (tasks in flight see the same signal).
 */
export async function mapLimit<T, R>(
  inputs: readonly T[],
  concurrency: number,
  signal: AbortSignal | undefined,
  task: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      if (signal?.aborted) throw new EwsAbortError('The operation was aborted', { cause: signal.reason });
      const index = next++;
      results[index] = await task(inputs[index] as T, index);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, inputs.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/** `items` in consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
