// Registers the properties of recorded scenarios with vitest: one test per scenario and
// mutation class that applies to its answers, each running the class's cases under fast-check,
// then one test holding the suite to its memory bound and printing its figures.

import {
  applicableAnswers,
  assertMutations,
  fuzzStats,
  fuzzTestTimeout,
  heapUsed,
  MUTATIONS,
  type MutationName,
  mapXml,
  RUN_RETAINED_HEAP_LIMIT_BYTES,
  recordIds,
} from '@ews-tools/fuzz';
import { describe, expect, it } from 'vitest';
import type { RecordedScenario } from './corpus.js';

/** Every mutation class, in the order the tests are listed. */
export const CLASSES: readonly MutationName[] = [
  'truncated',
  'messageDropped',
  'messageDuplicated',
  'messagesReordered',
  'messageRenamed',
  'answerRenamed',
  'namespaceSwappedStructure',
  'namespaceSwappedField',
  'foreignInserted',
  'nestedDeep',
  'forbiddenCharacter',
  'invalidUtf8',
  'hugeValue',
  'impossibleDate',
  'idMissing',
  'equivalentDocument',
  'textReplaced',
  'dateReplaced',
];

/**
 * Cases per (scenario, class) in CI, fewer for the classes whose cases take 50–500 ms (megabytes
 * of text, tens of thousands of levels); EWS_FUZZ_RUNS replaces them all.
 */
export const CI_RUNS_PER_CLASS = 7;
const CI_RUNS: Partial<Record<MutationName, number>> = { hugeValue: 2, nestedDeep: 2 };

export function registerScenarios(suite: string, recorded: readonly RecordedScenario[]): void {
  const heapAtStart = heapUsed(true);
  describe(suite, () => {
    for (const { scenario, target, exchanges } of recorded) {
      describe(scenario.name, () => {
        if (scenario.returnsIds) {
          it('ids: every id the valid answers carry reaches the caller', () => {
            const ids = exchanges.flatMap((exchange) => recordIds(mapXml(exchange.body)));
            expect(ids.length, 'the valid answers name no record').toBeGreaterThan(0);
            const lost = ids.filter(({ id }) => !target.leaves.has(id));
            expect(lost, 'ids in the answers that the caller never gets').toEqual([]);
          });
        }
        for (const name of CLASSES) {
          if (applicableAnswers(target, name).length === 0) continue;
          const runs = CI_RUNS[name] ?? CI_RUNS_PER_CLASS;
          it(`${name}: ${MUTATIONS[name].summary}`, { timeout: fuzzTestTimeout(runs) }, async () => {
            await assertMutations(target, name, { name: `${suite} / ${scenario.name}`, runs });
          });
        }
      });
    }
    it(`memory: the suite's cases leave at most ${RUN_RETAINED_HEAP_LIMIT_BYTES / 2 ** 20} MiB of heap behind`, () => {
      const stats = fuzzStats();
      const retained = heapUsed(true) - heapAtStart;
      console.log(
        `fuzz ${suite}: ${stats.planned} cases planned, ${stats.cases} run in ${stats.properties} properties, ${(stats.ms / 1000).toFixed(1)} s; ` +
          `slowest case ${stats.maxCaseMs.toFixed(0)} ms; most heap held by a case ${(stats.maxCaseHeapBytes / 2 ** 20).toFixed(1)} MiB; ` +
          `heap retained ${(retained / 2 ** 20).toFixed(1)} MiB`,
      );
      expect(retained).toBeLessThan(RUN_RETAINED_HEAP_LIMIT_BYTES);
    });
  });
}
