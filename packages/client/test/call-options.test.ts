import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bareSignalsOf } from '../../../tools/call-options.mjs';

// The Account verbs @ews/client re-exposes take `{ signal, timeoutMs }` (core's CallOptions), as
// @ews/services' do; a verb added here with a bare signal fails this test.

/** What takes a signal without timeoutMs on purpose, and why. */
const KEPT: Readonly<Record<string, string>> = {
  'raceAbort(signal)': "@ews/core's abort helper, re-exported for auth plugins",
  'throwIfAborted(signal)': "@ews/core's abort helper, re-exported for auth plugins",
  'withHeaders(request)': "@ews/core's request helper: a request carries the call's signal",
  'withRequest(changes)': "@ews/core's request helper: a request carries the call's signal",
  'withRequest(request)': "@ews/core's request helper: a request carries the call's signal",
};

describe('@ews/client verbs take { signal, timeoutMs }', () => {
  it('nothing public takes a bare signal except the listed helpers', () => {
    expect(bareSignalsOf(fileURLToPath(new URL('../src/index.ts', import.meta.url)))).toEqual(
      Object.keys(KEPT).sort(),
    );
  }, 60_000);
});
