// One property: a mutation class applied to the answers of one call, each case judged against
// the valid answer's value, within the time and memory bounds, counted for the suite's figures.

import fc from 'fast-check';
import { mutationCase } from './arbitraries.js';
import { CASE_HEAP_LIMIT_BYTES, fuzzParameters, isLargeRun, MAX_SHRINKS } from './budget.js';
import { judge } from './judge.js';
import { MUTATIONS, targetCount } from './mutations.js';

const stats = {
  properties: 0,
  planned: 0,
  cases: 0,
  ms: 0,
  maxCaseMs: 0,
  maxCaseHeapBytes: 0,
  maxRetainedBytes: 0,
};

/** Cases run in this process so far (for the suites' closing figures). */
export function fuzzStats() {
  return { ...stats };
}

/** Sizes of huge values: up to 1 MiB in CI, up to 16 MiB in a larger run. */
export function hugeSizes() {
  return isLargeRun() ? [16_384, 1_048_576, 4_194_304, 16_777_216] : [16_384, 262_144, 1_048_576];
}

/** Depths of deep nesting: up to 20,000 levels in CI, 200,000 in a larger run. */
export function nestingDepths() {
  return isLargeRun() ? [64, 1000, 5000, 20_000, 200_000] : [64, 1000, 5000, 20_000];
}

/** The answers of `target` a class applies to (their indexes). */
export function applicableAnswers(target, className) {
  return target.answers.flatMap((answer, index) => (targetCount(answer, className) > 0 ? [index] : []));
}

/**
 * Checks one mutation class against one target with fast-check; throws fast-check's report
 * (seed, path, shrunk counterexample and the reason) when a case fails.
 *
 * @param {import('../index.js').FuzzTarget} target
 * @param {string} className
 * @param {{ readonly name: string; readonly runs: number }} options
 */
export async function assertMutations(target, className, options) {
  const mutation = MUTATIONS[className];
  if (mutation === undefined) throw new Error(`unknown mutation class ${className}`);
  const answers = applicableAnswers(target, className);
  if (answers.length === 0) throw new Error(`${className} applies to none of ${options.name}'s answers`);
  const extra = { sizes: hugeSizes(), depths: nestingDepths() };
  const started = performance.now();
  stats.properties += 1;
  const cases = fc.limitShrink(mutationCase(answers), MAX_SHRINKS);
  const property = fc.asyncProperty(cases, async (drawn) => {
    const answer = target.answers[drawn.answer];
    const mutated = mutation.apply(answer, drawn.pick, drawn.variant, {
      ...extra,
      n1: drawn.n1,
      text: drawn.text,
    });
    const tier = mutated.tier ?? mutation.tier;
    const caseHeap = process.memoryUsage().heapUsed;
    const { outcome, runaway } = await target.run(
      { index: drawn.answer, text: mutated.text, bytes: mutated.bytes },
      drawn.chunkSeed,
    );
    const heapGrowth = process.memoryUsage().heapUsed - caseHeap;
    stats.cases += 1;
    stats.maxCaseMs = Math.max(stats.maxCaseMs, outcome.ms ?? 0);
    stats.maxCaseHeapBytes = Math.max(stats.maxCaseHeapBytes, heapGrowth);
    const verdict = runaway
      ? { ok: false, reason: 'kept sending requests against the replayed answers (a loop)' }
      : judge({
          tier,
          baseline: target.baseline,
          expected: mutated.expect?.(target.baseline),
          outcome,
          requiredCodes: target.requiredCodes,
        });
    if (!verdict.ok) throw new FuzzCaseError(`answer #${drawn.answer}, ${mutated.note}: ${verdict.reason}`);
    if (heapGrowth > CASE_HEAP_LIMIT_BYTES)
      throw new FuzzCaseError(
        `${mutated.note}: the case held ${heapGrowth} bytes of heap (limit ${CASE_HEAP_LIMIT_BYTES})`,
      );
  });
  const parameters = fuzzParameters(`${options.name} / ${className}`, options.runs);
  stats.planned += parameters.numRuns;
  const details = await fc.check(property, parameters);
  stats.ms += performance.now() - started;
  if (details.failed) throw new Error(report(options.name, className, mutation.tier, details));
}

/** A case that broke the property (its message is the reason). */
class FuzzCaseError extends Error {
  name = 'FuzzCaseError';
}

/** The failure, the reason first, then how to replay exactly this case. */
function report(name, className, tier, details) {
  const error = details.errorInstance;
  const reason = error instanceof FuzzCaseError ? error.message : `threw ${error?.name}: ${error?.message}`;
  const lines = [
    `${name} / ${className} (tier ${tier}): ${reason}`,
    `  after ${details.numRuns} case(s), shrunk ${details.numShrinks} time(s); case ${JSON.stringify(details.counterexample?.[0])}`,
    `  replay: EWS_FUZZ_SEED=${details.seed} EWS_FUZZ_PATH=${details.counterexamplePath} (and -t with this test's name)`,
  ];
  if (!(error instanceof FuzzCaseError) && error?.stack)
    lines.push(error.stack.split('\n').slice(0, 6).join('\n'));
  return lines.join('\n');
}
