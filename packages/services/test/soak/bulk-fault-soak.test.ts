/**
 * The bulk fault soak (issue 12): bulkCreate, then bulkMove, then bulkDelete of 5,000 items against
 * an in-process @ews/test-server that resets 5% of the connections before it acts and 5% after it
 * acted, answers 5% with ErrorServerBusy and 2% with HTTP 503, and gives 1% of its answers one
 * ResponseMessage too few or too many. It runs under core's `faultTolerant` retry policy and under
 * the default fail-fast one, then reconciles every reported result with the server's own state
 * (`server.snapshot()`):
 *
 * - 0 mismatches: nothing reported done that is not (a created item the server lacks, or whose
 *   reported id names another item; a moved item not in the target folder; a deleted item still
 *   there); no failed entry whose fate says "not done" (not-sent, not-executed, executed) while the
 *   server did it (fate unknown may go either way: both are counted); one result per input;
 * - 0 duplicates: no item created twice (a CreateItem re-sent after it had run).
 *
 * The figures are printed as Markdown tables at the end of the run (and written to the file
 * EWS_SOAK_REPORT names, if set). Environment (all optional):
 *
 * - EWS_SOAK_ITEMS (5000): items per policy; e.g. EWS_SOAK_ITEMS=50000 for the long run.
 * - EWS_SOAK_SEED (12): the server's fault seed.
 * - EWS_SOAK_WRONG_COUNT_RATE (0.01): share of answers with a wrong message count; 0 switches the
 *   fault off (to see the other faults alone).
 * - EWS_SOAK_CHUNK (25): items per request (smaller than the verbs' default of 100, so that a run
 *   makes enough requests for every fault to happen several times).
 *
 * From the repository root: `pnpm soak` (or `EWS_SOAK_ITEMS=50000 pnpm soak`).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { figuresTable } from './figures-table.js';
import type { Mismatch } from './reconcile.js';
import { runSoak, type SoakPolicy, type SoakRun } from './run-soak.js';

function envNumber(name: string, fallback: number, valid: (n: number) => boolean): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!valid(value)) throw new Error(`${name}=${text} is not a valid value`);
  return value;
}

const positiveInteger = (n: number) => Number.isSafeInteger(n) && n >= 1;
const ITEMS = envNumber('EWS_SOAK_ITEMS', 5_000, positiveInteger);
const SEED = envNumber('EWS_SOAK_SEED', 12, Number.isSafeInteger);
const WRONG_COUNT_RATE = envNumber('EWS_SOAK_WRONG_COUNT_RATE', 0.01, (n) => n >= 0 && n <= 1);
const CHUNK = envNumber('EWS_SOAK_CHUNK', 25, positiveInteger);
// Measured: ~6 s per 5,000 items and policy on 2 busy cores; the bound leaves room for slow CI.
const TIMEOUT_MS = Math.max(60_000, ITEMS * 24);

const runs: SoakRun[] = [];

afterAll(() => {
  if (runs.length === 0) return;
  const figures = figuresTable(runs);
  console.log(`\n${figures}\n`);
  const file = process.env.EWS_SOAK_REPORT;
  if (file !== undefined && file !== '') writeFileSync(file, `${figures}\n`);
});

function describeMismatches(mismatches: readonly Mismatch[]): string {
  const shown = mismatches.slice(0, 8).map((m) => `${m.phase} #${m.index}: ${m.kind} (${m.detail})`);
  return `${mismatches.length} mismatch(es): ${shown.join('; ')}${mismatches.length > 8 ? '; …' : ''}`;
}

describe.each<SoakPolicy>(['faultTolerant', 'failFast'])('bulk fault soak, %s retry policy', (policy) => {
  it(
    `bulkCreate, bulkMove and bulkDelete of ${ITEMS} items: every result matches the server, no duplicates`,
    async () => {
      const run = await runSoak({
        policy,
        items: ITEMS,
        seed: SEED,
        wrongCountRate: WRONG_COUNT_RATE,
        chunkSize: CHUNK,
        concurrency: 4,
      });
      runs.push(run);

      // Without the faults the soak proves nothing: every kind must have happened.
      const kinds = ['resetBeforeExecute', 'resetAfterExecute', 'serverBusy', 'http503'];
      if (WRONG_COUNT_RATE > 0) kinds.push('wrongMessageCount (dropped)', 'wrongMessageCount (duplicated)');
      for (const kind of kinds) expect(run.faults[kind] ?? 0, `faults injected: ${kind}`).toBeGreaterThan(0);

      const [create, move, remove] = run.phases;
      // Each phase acted on what the previous one reported, so it must have had work.
      expect(create?.sent).toBe(ITEMS);
      expect(move?.sent ?? 0).toBeGreaterThan(0);
      expect(remove?.sent ?? 0).toBeGreaterThan(0);

      const mismatches = run.phases.flatMap((phase) => phase.mismatches);
      expect(mismatches.length, describeMismatches(mismatches)).toBe(0);
      for (const phase of run.phases) {
        expect(phase.results, `${phase.phase}: one result per input`).toBe(phase.sent);
        expect(phase.duplicates, `${phase.phase}: items created twice`).toBe(0);
      }
    },
    TIMEOUT_MS,
  );
});
