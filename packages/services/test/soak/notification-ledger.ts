/**
 * The notification soak's judge. Two ledgers independent of the watch: the items the soak created
 * (in order: each one change), and every event the server generated (per subscription, with its
 * watermark). Against them, what the watch handed out — events and gaps, in the order it did:
 *
 * - every change is delivered exactly once, or lies inside a gap: after the last change delivered
 *   before the gap and before the first one delivered after it (what a gap tells the consumer to resync);
 * - nothing is delivered that the server did not generate, and no change twice.
 */
export interface LedgerEntry {
  readonly subscriptionId: string;
  readonly watermark: string;
  readonly itemId: string;
}

/** What the watch handed out, in order: an event (by its watermark and item) or a gap. */
export type Handed =
  | { readonly kind: 'event'; readonly watermark: string; readonly itemId: string | undefined }
  | { readonly kind: 'gap' };

export interface LedgerVerdict {
  /** Changes delivered exactly once. */
  readonly deliveredOnce: number;
  /** Changes not delivered, inside a gap. */
  readonly covered: number;
  /** Changes neither delivered nor inside a gap: silently missed. */
  readonly missing: readonly string[];
  /** Changes delivered more than once. */
  readonly duplicated: readonly string[];
  /** Delivered events the server never generated. */
  readonly invented: readonly string[];
}

export function judge(
  created: readonly string[],
  generated: readonly LedgerEntry[],
  handed: readonly Handed[],
): LedgerVerdict {
  const order = new Map(created.map((id, index) => [id, index]));
  const watermarks = new Set(generated.map((e) => e.watermark));
  const times = new Map<string, number>();
  const invented: string[] = [];
  // Gap windows in creation order: (last delivered before, first delivered after).
  const windows: [number, number][] = [];
  let lastBefore = -1;
  let open: number | undefined;
  for (const entry of handed) {
    if (entry.kind === 'gap') {
      open ??= lastBefore;
      continue;
    }
    if (!watermarks.has(entry.watermark)) invented.push(entry.watermark);
    const item = entry.itemId ?? '';
    times.set(item, (times.get(item) ?? 0) + 1);
    const index = order.get(item) ?? -1;
    if (open !== undefined) {
      windows.push([open, index]);
      open = undefined;
    }
    lastBefore = Math.max(lastBefore, index);
  }
  // A gap nothing was delivered after covers everything after it.
  if (open !== undefined) windows.push([open, Number.POSITIVE_INFINITY]);
  let deliveredOnce = 0;
  let covered = 0;
  const missing: string[] = [];
  created.forEach((item, index) => {
    const n = times.get(item) ?? 0;
    if (n === 1) deliveredOnce += 1;
    else if (n === 0 && windows.some(([after, before]) => index > after && index < before)) covered += 1;
    else if (n === 0) missing.push(item);
  });
  const duplicated = [...times].filter(([, n]) => n > 1).map(([item]) => item);
  return { deliveredOnce, covered, missing, duplicated, invented };
}
