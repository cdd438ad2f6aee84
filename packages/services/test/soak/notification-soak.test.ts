/**
 * The notification soak (issue 15): a self-healing watch on an inbox while 2,000 items are created
 * and 10 disruptions are forced on it — streaming: connections dropped (some losing the events in
 * flight), stalled (no keep-alive) and subscriptions expired; pull: subscriptions expired while 3 % of
 * GetEvents calls lose their connection before or after the server acted. The server's own ledger of
 * generated events is the judge: every change delivered exactly once or covered by a `gap`, none
 * invented, none twice.
 *
 * Environment (optional): EWS_SOAK_DELIVERIES (2000), EWS_SOAK_DROPS (10).
 * From the repository root: `pnpm soak`.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type NotificationSoakRun, runNotificationSoak, type SoakMode } from './run-notification-soak.js';

function envInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name}=${text} is not a positive integer`);
  return value;
}

const DELIVERIES = envInteger('EWS_SOAK_DELIVERIES', 2_000);
const DROPS = envInteger('EWS_SOAK_DROPS', 10);
const TIMEOUT_MS = Math.max(60_000, DELIVERIES * 30);
const runs: NotificationSoakRun[] = [];

afterAll(() => {
  if (runs.length === 0) return;
  const rows = runs.map(
    (r) =>
      `| ${r.options.mode} | ${r.created} | ${r.generated} | ${r.delivered} | ${Object.entries(r.disruptions)
        .map(([k, n]) => `${k} ${n}`)
        .join(
          ', ',
        )} | ${r.injectedFaults} | ${r.reconnects} | ${r.gaps} | ${r.verdict.covered} | ${r.duplicatesRemoved} | ${r.verdict.missing.length} | ${r.verdict.duplicated.length} | ${(r.elapsedMs / 1000).toFixed(1)} s |`,
  );
  const table = [
    '| mode | changes | events generated | delivered | forced disruptions | GetEvents faults | reconnects | gaps | changes covered by gaps | duplicates removed | missed | delivered twice | time |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  console.log(`\n${table}\n`);
  const file = process.env.EWS_SOAK_REPORT;
  if (file !== undefined && file !== '') writeFileSync(file, `${table}\n`, { flag: 'a' });
});

describe.each<SoakMode>(['streaming', 'pull'])('notification soak, %s', (mode) => {
  it(
    `${DROPS} forced disruptions during ${DELIVERIES} deliveries: every change exactly once or covered by a gap`,
    async () => {
      const run = await runNotificationSoak({ mode, deliveries: DELIVERIES, disruptions: DROPS, batch: 20 });
      runs.push(run);
      const { verdict } = run;
      expect(
        Object.values(run.disruptions).reduce((a, b) => a + b, 0),
        'disruptions forced',
      ).toBe(DROPS);
      expect(run.created, 'changes made').toBe(DELIVERIES);
      expect(verdict.missing, 'changes neither delivered nor covered by a gap').toEqual([]);
      expect(verdict.duplicated, 'changes delivered twice').toEqual([]);
      expect(verdict.invented, 'events the server never generated').toEqual([]);
      expect(verdict.deliveredOnce + verdict.covered).toBe(DELIVERIES);
      // The disruptions must have been felt, or the soak proves nothing.
      expect(run.reconnects).toBeGreaterThanOrEqual(DROPS);
      if (mode === 'streaming') expect(run.gaps, 'events lost in flight are reported').toBeGreaterThan(0);
      if (mode === 'pull') {
        expect(run.injectedFaults).toBeGreaterThan(0);
        // Pull subscriptions resume from their watermark: nothing is lost, so no gap.
        expect(run.gaps).toBe(0);
      }
    },
    TIMEOUT_MS,
  );
});
