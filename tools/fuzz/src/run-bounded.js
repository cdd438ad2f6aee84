// Runs one case and says how it ended: a value (normalized), an EwsError (its code), another
// exception, or no end within the time bound. Timers fire because replayed answers arrive on
// macrotasks (see replay.js), so even a call that loops on answers is stopped.

import { CASE_TIME_LIMIT_MS } from './budget.js';
import { plain } from './outcome.js';

/**
 * @param {() => Promise<unknown>} call
 * @param {import('../index.js').ErrorCodeOf} codeOf
 * @param {number} [limitMs]
 * @returns {Promise<import('../index.js').CaseOutcome>}
 */
export async function runBounded(call, codeOf, limitMs = CASE_TIME_LIMIT_MS) {
  let timer;
  const started = performance.now();
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout', limitMs }), limitMs);
  });
  const settled = (async () => {
    try {
      const value = await call();
      return { kind: 'value', value: plain(value, codeOf) };
    } catch (error) {
      const code = codeOf(error);
      if (code !== undefined) return { kind: 'error', code, message: String(error.message).slice(0, 300) };
      const name = error instanceof Error ? error.name : typeof error;
      const message =
        error instanceof Error ? String(error.message).slice(0, 300) : String(error).slice(0, 300);
      return { kind: 'crash', name, message };
    }
  })();
  try {
    const outcome = await Promise.race([settled, timeout]);
    return { ...outcome, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
