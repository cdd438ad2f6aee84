import { invalidArgument } from '../errors.js';

const MINUTE_MS = 60_000;
const OFFSET = /GMT(?:([+-])(\d\d):(\d\d))?$/;

/** The UTC offset, in minutes east of UTC, that the runtime's IANA data gives a zone at an instant. */
export type OffsetAt = (epochMs: number) => number;

/** Reads offsets through one Intl.DateTimeFormat (created once, reused for every instant). */
export function intlOffsets(ianaZone: string): OffsetAt {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: ianaZone, timeZoneName: 'longOffset' });
  } catch (error) {
    throw invalidArgument(`The runtime does not know the time zone '${ianaZone}'`, error);
  }
  return (epochMs) => {
    const match = OFFSET.exec(format.format(epochMs));
    if (match === null) throw invalidArgument(`Intl gave no UTC offset for '${ianaZone}'`);
    if (match[1] === undefined) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === '-' ? -minutes : minutes;
  };
}

/** A change of offset: at `epochMs` the zone goes from `before` to `after` (minutes east of UTC). */
export interface OffsetChange {
  readonly epochMs: number;
  readonly before: number;
  readonly after: number;
}

// Offsets never change twice within this step in the years Exchange cares about (the shortest
// stretches, Ramadan pauses, last weeks); the exact minute is then found by bisection.
const STEP_MS = 2 * 24 * 60 * MINUTE_MS;

/** Every offset change in [fromMs, toMs), to the minute. */
export function offsetChanges(offsetAt: OffsetAt, fromMs: number, toMs: number): OffsetChange[] {
  const changes: OffsetChange[] = [];
  let previousMs = fromMs;
  let previous = offsetAt(fromMs);
  for (let ms = Math.min(fromMs + STEP_MS, toMs); previousMs < toMs; ms = Math.min(ms + STEP_MS, toMs)) {
    const current = offsetAt(ms);
    if (current !== previous) {
      let low = previousMs; // offset `previous`
      let high = ms; // offset differs from `previous`
      while (high - low > MINUTE_MS) {
        const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
        if (offsetAt(middle) === previous) low = middle;
        else high = middle;
      }
      changes.push({ epochMs: high, before: previous, after: offsetAt(high) });
      // Re-read from the change: a second change inside the same step is still caught.
      previousMs = high;
      previous = offsetAt(high);
      ms = high;
      continue;
    }
    previousMs = ms;
    previous = current;
  }
  return changes;
}
