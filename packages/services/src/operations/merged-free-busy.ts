import { EwsProtocolError, integerInRange } from '@ews/core';
import { instant } from './working-hours.js';

/*
 * t:MergedFreeBusy: one digit per MergedFreeBusyIntervalInMinutes of the TimeWindow. Microsoft's
 * MergedFreeBusy reference lists 0 Free, 1 Tentative, 2 Busy, 3 OOF, 4 No data; Exchange 2013 and
 * later add 5 for WorkingElsewhere. Any other character, or a string that does not cover the
 * window, is a broken answer (EWS_PROTOCOL): the schedule it would give is a guess.
 */

export type MergedBusyType = 'Free' | 'Tentative' | 'Busy' | 'OOF' | 'NoData' | 'WorkingElsewhere';

const DIGITS: readonly MergedBusyType[] = ['Free', 'Tentative', 'Busy', 'OOF', 'NoData', 'WorkingElsewhere'];

/** One interval of the merged string. */
export interface FreeBusySlot {
  readonly start: Date;
  /** The interval's end (the window's end for a last, shorter interval). */
  readonly end: Date;
  readonly busyType: MergedBusyType;
}

/**
 * The merged string read as slots from `start`, `intervalMinutes` apart. Its length must be the
 * number of whole or started intervals in [start, end) — whole-interval rounding either way is
 * accepted, since only the last slot's length depends on it.
 */
export function decodeMergedFreeBusy(
  merged: string,
  start: Date,
  end: Date,
  intervalMinutes: number,
): FreeBusySlot[] {
  const step = integerInRange('intervalMinutes', intervalMinutes, 5, 1440) * 60_000;
  const span = end.getTime() - start.getTime();
  const whole = Math.floor(span / step);
  const started = Math.ceil(span / step);
  if (merged.length !== whole && merged.length !== started)
    throw new EwsProtocolError(
      `GetUserAvailability answered a MergedFreeBusy of ${merged.length} intervals for a window of ${started}`,
      { operation: 'GetUserAvailability' },
    );
  const slots: FreeBusySlot[] = [];
  for (let index = 0; index < merged.length; index++) {
    const busyType = DIGITS[merged.charCodeAt(index) - 48];
    if (busyType === undefined)
      throw new EwsProtocolError(
        `GetUserAvailability answered a MergedFreeBusy with '${merged.charAt(index)}' (digits 0-5 only)`,
        { operation: 'GetUserAvailability' },
      );
    const from = start.getTime() + index * step;
    slots.push({ start: instant(from), end: instant(Math.min(from + step, end.getTime())), busyType });
  }
  return slots;
}
