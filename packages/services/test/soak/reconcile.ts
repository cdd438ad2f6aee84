import { EwsError } from '@ews/core';

// Reconciles what a bulk verb reported, entry by entry, with what the server holds. Pure: it sees
// the results and two views of the server's items (before and after the phase), nothing else, so
// its verdicts do not depend on how the client reached them.

/** One item as the server's snapshot has it (only what the checks need). */
export interface ServerItem {
  readonly id: string;
  readonly parentFolderId: string;
  readonly subject: string | undefined;
}

/** One result per input, as @ews/services' bulk verbs give them. */
export type EntryResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: Error };

/** `requestFate` of a failed entry; `none` when the error says nothing (not an EwsError, or no fate). */
export type ReportedFate = 'not-sent' | 'not-executed' | 'executed' | 'unknown' | 'none';

export type MismatchKind =
  /** Reported done (ok), but the server did not do it. */
  | 'reported done, not done'
  /** Reported done with an id that names another item, another folder, or nothing. */
  | 'reported done, wrong id'
  /** A failed entry whose fate says "not done" (not-sent, not-executed, executed) while it was done. */
  | 'fate wrong'
  /** An input without a result, or a result without an input. */
  | 'result count';

export interface Mismatch {
  readonly phase: Phase;
  /** The input (or, for extra results, result) index. */
  readonly index: number;
  readonly kind: MismatchKind;
  readonly detail: string;
}

export type Phase = 'create' | 'move' | 'delete';

export interface PhaseFigures {
  readonly phase: Phase;
  /** Inputs handed to the bulk verb. */
  readonly sent: number;
  /** Results it returned (must equal `sent`). */
  readonly results: number;
  readonly reportedOk: number;
  /** Failed entries by `code[/responseCode] fate`. */
  readonly failed: Readonly<Record<string, number>>;
  /** Failed entries by fate. */
  readonly failedByFate: Readonly<Record<ReportedFate, number>>;
  /** Inputs the server did act on (created, moved, deleted), whatever was reported. */
  readonly serverDone: number;
  /** Failed entries of fate unknown (or none) that the server did, and did not, act on. */
  readonly unknownDone: number;
  readonly unknownNotDone: number;
  /** Items beyond the first that share a subject of this run after the phase (a re-sent create). */
  readonly duplicates: number;
  readonly mismatches: readonly Mismatch[];
}

/** What the server did for one input, and how to check an id reported for it. */
interface EntryTruth {
  readonly done: boolean;
  /** Why `value` (the reported result) does not name what the server made; undefined when it does. */
  readonly checkValue: (value: unknown) => string | undefined;
}

const NOT_DONE_FATES: ReadonlySet<ReportedFate> = new Set(['not-sent', 'not-executed', 'executed']);

export function fateOf(error: Error): ReportedFate {
  if (!EwsError.isInstance(error)) return 'none';
  return error.requestFate ?? 'none';
}

/** `EWS_RESPONSE/ErrorItemNotFound`, `EWS_TRANSPORT`, `Error` (not an EwsError). */
export function codeOf(error: Error): string {
  if (!EwsError.isInstance(error)) return error.name;
  const responseCode = (error as { readonly responseCode?: unknown }).responseCode;
  return typeof responseCode === 'string' ? `${error.code}/${responseCode}` : error.code;
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { readonly id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/** Items beyond the first per subject, among the subjects this run made. */
export function countDuplicates(items: readonly ServerItem[], subjects: ReadonlySet<string>): number {
  const seen = new Map<string, number>();
  for (const item of items) {
    if (item.subject === undefined || !subjects.has(item.subject)) continue;
    seen.set(item.subject, (seen.get(item.subject) ?? 0) + 1);
  }
  let extra = 0;
  for (const count of seen.values()) extra += count - 1;
  return extra;
}

function reconcile(
  phase: Phase,
  truths: readonly EntryTruth[],
  results: readonly EntryResult[],
  duplicates: number,
): PhaseFigures {
  const mismatches: Mismatch[] = [];
  const failed: Record<string, number> = {};
  const failedByFate: Record<ReportedFate, number> = {
    'not-sent': 0,
    'not-executed': 0,
    executed: 0,
    unknown: 0,
    none: 0,
  };
  let reportedOk = 0;
  let serverDone = 0;
  let unknownDone = 0;
  let unknownNotDone = 0;
  truths.forEach((truth, index) => {
    if (truth.done) serverDone += 1;
    const result = results[index];
    if (result === undefined) {
      mismatches.push({ phase, index, kind: 'result count', detail: 'no result for this input' });
      return;
    }
    if (result.ok) {
      reportedOk += 1;
      if (!truth.done) {
        mismatches.push({
          phase,
          index,
          kind: 'reported done, not done',
          detail: 'the server did not act on it',
        });
        return;
      }
      const wrong = truth.checkValue(result.value);
      if (wrong !== undefined)
        mismatches.push({ phase, index, kind: 'reported done, wrong id', detail: wrong });
      return;
    }
    const fate = fateOf(result.error);
    const key = `${codeOf(result.error)} ${fate}`;
    failed[key] = (failed[key] ?? 0) + 1;
    failedByFate[fate] += 1;
    if (NOT_DONE_FATES.has(fate)) {
      if (truth.done) {
        mismatches.push({
          phase,
          index,
          kind: 'fate wrong',
          detail: `reported ${key} but the server did act on it`,
        });
      }
    } else if (truth.done) unknownDone += 1;
    else unknownNotDone += 1;
  });
  for (let index = truths.length; index < results.length; index += 1) {
    mismatches.push({ phase, index, kind: 'result count', detail: 'a result without an input' });
  }
  return {
    phase,
    sent: truths.length,
    results: results.length,
    reportedOk,
    failed,
    failedByFate,
    serverDone,
    unknownDone,
    unknownNotDone,
    duplicates,
    mismatches,
  };
}

function byId(items: readonly ServerItem[]): Map<string, ServerItem> {
  return new Map(items.map((item) => [item.id, item]));
}

/** CreateItem: input i is done when an item with its subject exists; an ok id must name that item. */
export function reconcileCreate(input: {
  readonly subjects: readonly string[];
  readonly folderId: string;
  readonly results: readonly EntryResult[];
  readonly after: readonly ServerItem[];
}): PhaseFigures {
  const after = byId(input.after);
  const present = new Set(input.after.map((item) => item.subject));
  const truths = input.subjects.map(
    (subject): EntryTruth => ({
      done: present.has(subject),
      checkValue: (value) => namesItem(after, value, subject, input.folderId),
    }),
  );
  return reconcile('create', truths, input.results, countDuplicates(input.after, new Set(input.subjects)));
}

/**
 * MoveItem: input i (an id) is done when that item left its folder; an ok id must name an item in
 * the target folder with the moved item's subject.
 */
export function reconcileMove(input: {
  readonly ids: readonly string[];
  readonly targetFolderId: string;
  readonly subjects: ReadonlySet<string>;
  readonly results: readonly EntryResult[];
  readonly before: readonly ServerItem[];
  readonly after: readonly ServerItem[];
}): PhaseFigures {
  const before = byId(input.before);
  const after = byId(input.after);
  const truths = input.ids.map((id): EntryTruth => {
    const moved = before.get(id);
    return {
      done: moved !== undefined && !after.has(id),
      checkValue: (value) => namesItem(after, value, moved?.subject, input.targetFolderId),
    };
  });
  return reconcile('move', truths, input.results, countDuplicates(input.after, input.subjects));
}

/** DeleteItem (HardDelete): input i (an id) is done when that item was there before and is gone. */
export function reconcileDelete(input: {
  readonly ids: readonly string[];
  readonly subjects: ReadonlySet<string>;
  readonly results: readonly EntryResult[];
  readonly before: readonly ServerItem[];
  readonly after: readonly ServerItem[];
}): PhaseFigures {
  const before = byId(input.before);
  const after = byId(input.after);
  const truths = input.ids.map(
    (id): EntryTruth => ({
      done: before.has(id) && !after.has(id),
      checkValue: () => undefined,
    }),
  );
  return reconcile('delete', truths, input.results, countDuplicates(input.after, input.subjects));
}

function namesItem(
  items: ReadonlyMap<string, ServerItem>,
  value: unknown,
  subject: string | undefined,
  folderId: string,
): string | undefined {
  const id = idOf(value);
  if (id === undefined) return 'reported done without an id';
  const item = items.get(id);
  if (item === undefined) return `the reported id ${id.slice(0, 24)}… is not on the server`;
  if (item.subject !== subject) return `the reported id names "${item.subject}", not "${subject}"`;
  if (item.parentFolderId !== folderId) return `the reported id names an item in another folder`;
  return undefined;
}
