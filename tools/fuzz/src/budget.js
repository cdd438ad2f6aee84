// How many cases, from which seed, within which bounds. CI runs a fixed number of cases from
// fixed seeds (a failure replays exactly); the environment asks for more or for random seeds.
//
//   EWS_FUZZ_RUNS=<n>      cases per property instead of the suite's CI count (e.g. 2000)
//   EWS_FUZZ_SEED=<n>      the seed of every property (replay a printed failure with its path)
//   EWS_FUZZ_SEED=random   a fresh seed per property (printed with any failure)
//   EWS_FUZZ_PATH=<path>   fast-check's path of a printed failure (with its seed: that case only)

import v8 from 'node:v8';
import vm from 'node:vm';

/** Wall-clock bound of one case (a call against replayed answers, or one reader call). */
export const CASE_TIME_LIMIT_MS = 10_000;
/** Heap a single case may still hold when it has settled (bytes), measured after it. */
export const CASE_HEAP_LIMIT_BYTES = 512 * 1024 * 1024;
/** Heap a whole property may leave behind after a full collection (bytes). */
export const RUN_RETAINED_HEAP_LIMIT_BYTES = 64 * 1024 * 1024;
/** Requests one case may send before it counts as a runaway loop. */
export const CASE_REQUEST_LIMIT = 500;

/** Cases per property: the suite's CI count, or EWS_FUZZ_RUNS. */
export function fuzzRuns(ciRuns) {
  const configured = process.env.EWS_FUZZ_RUNS;
  if (configured === undefined || configured === '') return ciRuns;
  const runs = Number(configured);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`EWS_FUZZ_RUNS must be a positive integer, got ${configured}`);
  return runs;
}

/** Shrink steps after a failure: enough for a small counterexample, bounded for CI's time. */
export const MAX_SHRINKS = 40;

/**
 * A test timeout for a property of `ciRuns` cases that never cuts a run short: every case (and
 * shrink step) may use its whole time bound. The bound that matters is CASE_TIME_LIMIT_MS.
 */
export function fuzzTestTimeout(ciRuns) {
  return (fuzzRuns(ciRuns) + MAX_SHRINKS + 2) * CASE_TIME_LIMIT_MS;
}

/** Whether the run is larger than CI's (sizes of huge values grow with it). */
export function isLargeRun() {
  return process.env.EWS_FUZZ_RUNS !== undefined && process.env.EWS_FUZZ_RUNS !== '';
}

/** fast-check parameters for the property `name`: fixed seed per name unless the environment says otherwise. */
export function fuzzParameters(name, ciRuns) {
  const configured = process.env.EWS_FUZZ_SEED;
  let seed;
  if (configured === 'random') seed = (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  else if (configured !== undefined && configured !== '') {
    seed = Number(configured);
    if (!Number.isInteger(seed))
      throw new Error(`EWS_FUZZ_SEED must be an integer or "random", got ${configured}`);
  } else seed = hash(name);
  const path = process.env.EWS_FUZZ_PATH;
  return {
    seed,
    numRuns: fuzzRuns(ciRuns),
    ...(path ? { path } : {}),
  };
}

/** A stable 32-bit seed from a property's name (FNV-1a). */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

let collect;
/** A full garbage collection (node's gc, exposed at run time), so heap figures mean retained memory. */
export function collectGarbage() {
  if (collect === undefined) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc');
  }
  collect();
}

/** Heap in use now, after a full collection when `settled`. */
export function heapUsed(settled = false) {
  if (settled) collectGarbage();
  return process.memoryUsage().heapUsed;
}
