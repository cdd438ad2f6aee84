import { EwsError, type RequestFate } from '@ews/core';
import { describe, expect, it } from 'vitest';
import {
  codeOf,
  type EntryResult,
  fateOf,
  reconcileCreate,
  reconcileDelete,
  reconcileMove,
  type ServerItem,
} from './reconcile.js';

// The soak's verdicts come from this reconciler; these cases show it catches each kind of wrong
// report, so a passing soak means the client was right, not that the checks were blind.

const INBOX = 'inbox-id';
const TARGET = 'target-id';
const item = (id: string, subject: string, parentFolderId = INBOX): ServerItem => ({
  id,
  subject,
  parentFolderId,
});
const ok = (id?: string): EntryResult => ({ ok: true, value: id === undefined ? undefined : { id } });
const failed = (
  fate: RequestFate | undefined,
  code: 'EWS_TRANSPORT' | 'EWS_THROTTLED' | 'EWS_PROTOCOL' = 'EWS_TRANSPORT',
): EntryResult => ({
  ok: false,
  error: new EwsError(code, 'test', { requestFate: fate }),
});

describe('reconcileCreate', () => {
  const subjects = ['s0', 's1', 's2'];
  const after = [item('a', 's0'), item('b', 's1'), item('c', 's2')];

  it('finds nothing wrong in right reports', () => {
    const figures = reconcileCreate({
      subjects,
      folderId: INBOX,
      results: [ok('a'), ok('b'), ok('c')],
      after,
    });
    expect(figures.mismatches).toEqual([]);
    expect(figures).toMatchObject({ sent: 3, results: 3, reportedOk: 3, serverDone: 3, duplicates: 0 });
  });

  it('catches results shifted onto other items (a dropped message), and the input left without one', () => {
    const figures = reconcileCreate({ subjects, folderId: INBOX, results: [ok('b'), ok('c')], after });
    expect(figures.mismatches.map((m) => [m.index, m.kind])).toEqual([
      [0, 'reported done, wrong id'],
      [1, 'reported done, wrong id'],
      [2, 'result count'],
    ]);
  });

  it('catches a result too many (a duplicated message)', () => {
    const figures = reconcileCreate({
      subjects,
      folderId: INBOX,
      results: [ok('a'), ok('a'), ok('b'), ok('c')],
      after,
    });
    expect(figures.mismatches.map((m) => [m.index, m.kind])).toEqual([
      [1, 'reported done, wrong id'],
      [2, 'reported done, wrong id'],
      [3, 'result count'],
    ]);
  });

  it('catches "created" for an item the server lacks, in another folder, or without an id', () => {
    const figures = reconcileCreate({
      subjects,
      folderId: INBOX,
      results: [ok('a'), ok('b'), ok()],
      after: [item('a', 's0'), item('b', 's1', TARGET), item('c', 's2')],
    });
    expect(figures.mismatches.map((m) => [m.index, m.kind, m.detail])).toEqual([
      [1, 'reported done, wrong id', 'the reported id names an item in another folder'],
      [2, 'reported done, wrong id', 'reported done without an id'],
    ]);
    const missing = reconcileCreate({ subjects: ['s9'], folderId: INBOX, results: [ok('z')], after });
    expect(missing.mismatches.map((m) => m.kind)).toEqual(['reported done, not done']);
  });

  it('holds "not done" fates to it, and counts unknown fates both ways', () => {
    const figures = reconcileCreate({
      subjects: ['s0', 's1', 's2', 's3', 's4', 's5'],
      folderId: INBOX,
      results: [
        failed('not-executed', 'EWS_THROTTLED'),
        failed('not-sent'),
        failed('unknown'),
        failed('unknown'),
        { ok: false, error: new Error('not an EwsError') },
        failed('executed', 'EWS_PROTOCOL'),
      ],
      after: [item('a', 's0'), item('c', 's2'), item('e', 's4'), item('f', 's5')],
    });
    expect(figures.mismatches.map((m) => [m.index, m.kind])).toEqual([
      [0, 'fate wrong'],
      [5, 'fate wrong'],
    ]);
    expect(figures.failedByFate).toEqual({
      'not-sent': 1,
      'not-executed': 1,
      executed: 1,
      unknown: 2,
      none: 1,
    });
    expect(figures.failed).toEqual({
      'EWS_THROTTLED not-executed': 1,
      'EWS_TRANSPORT not-sent': 1,
      'EWS_TRANSPORT unknown': 2,
      'Error none': 1,
      'EWS_PROTOCOL executed': 1,
    });
    // s2 and s4 (unknown, none) were created; s3 was not.
    expect([figures.unknownDone, figures.unknownNotDone]).toEqual([2, 1]);
  });

  it('counts items created twice', () => {
    const figures = reconcileCreate({
      subjects,
      folderId: INBOX,
      results: [ok('a'), ok('b'), ok('c')],
      after: [...after, item('a2', 's0'), item('a3', 's0'), item('x', 'not ours'), item('y', 'not ours')],
    });
    expect(figures.duplicates).toBe(2);
    expect(figures.mismatches).toEqual([]);
  });
});

describe('reconcileMove', () => {
  const subjects = new Set(['s0', 's1']);
  const before = [item('a', 's0'), item('b', 's1')];

  it('accepts a move to the target with the new id; catches a claimed move that did not happen', () => {
    const after = [item('a2', 's0', TARGET), item('b', 's1')];
    const right = reconcileMove({
      ids: ['a', 'b'],
      targetFolderId: TARGET,
      subjects,
      results: [ok('a2'), failed('not-executed', 'EWS_THROTTLED')],
      before,
      after,
    });
    expect(right.mismatches).toEqual([]);
    expect(right.serverDone).toBe(1);
    const wrong = reconcileMove({
      ids: ['a', 'b'],
      targetFolderId: TARGET,
      subjects,
      results: [ok('a2'), ok('b')],
      before,
      after,
    });
    expect(wrong.mismatches.map((m) => [m.index, m.kind])).toEqual([[1, 'reported done, not done']]);
  });

  it('catches a new id that names another item, and a "not executed" move that happened', () => {
    const after = [item('a2', 's0', TARGET), item('b2', 's1', TARGET)];
    const figures = reconcileMove({
      ids: ['a', 'b'],
      targetFolderId: TARGET,
      subjects,
      results: [ok('b2'), failed('not-executed', 'EWS_THROTTLED')],
      before,
      after,
    });
    expect(figures.mismatches.map((m) => [m.index, m.kind])).toEqual([
      [0, 'reported done, wrong id'],
      [1, 'fate wrong'],
    ]);
  });
});

describe('reconcileDelete', () => {
  const subjects = new Set(['s0', 's1', 's2']);
  const before = [item('a', 's0'), item('b', 's1'), item('c', 's2')];

  it('catches "deleted" for an item still there and "not sent" for one that is gone', () => {
    const figures = reconcileDelete({
      ids: ['a', 'b', 'c'],
      subjects,
      results: [ok(), failed('not-sent'), failed('unknown')],
      before,
      after: [item('a', 's0')],
    });
    expect(figures.mismatches.map((m) => [m.index, m.kind])).toEqual([
      [0, 'reported done, not done'],
      [1, 'fate wrong'],
    ]);
    expect([figures.unknownDone, figures.unknownNotDone]).toEqual([1, 0]);
  });

  it('a stale id (gone before the phase) refused by the server is no mismatch', () => {
    const figures = reconcileDelete({
      ids: ['gone'],
      subjects,
      results: [failed('executed', 'EWS_PROTOCOL')],
      before,
      after: before,
    });
    expect(figures.mismatches).toEqual([]);
    expect(figures.serverDone).toBe(0);
  });
});

describe('codeOf and fateOf', () => {
  it('name the code, the response code when there is one, and the fate', () => {
    const response = Object.assign(new EwsError('EWS_RESPONSE', 'x', { requestFate: 'executed' }), {
      responseCode: 'ErrorItemNotFound',
    });
    expect([codeOf(response), fateOf(response)]).toEqual(['EWS_RESPONSE/ErrorItemNotFound', 'executed']);
    expect([codeOf(new TypeError('x')), fateOf(new TypeError('x'))]).toEqual(['TypeError', 'none']);
    expect(fateOf(new EwsError('EWS_PROTOCOL', 'x'))).toBe('none');
  });
});
