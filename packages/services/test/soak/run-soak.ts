import { createBasicAuth, failFast, faultTolerant, type RetryPolicy } from '@ews/core';
import { MessageModel } from '@ews/models';
import { type InjectedFault, startTestServer, type TestServerFaults } from '@ews/test-server';
import { Account, type ItemRef } from '../../src/index.js';
import {
  type EntryResult,
  type PhaseFigures,
  reconcileCreate,
  reconcileDelete,
  reconcileMove,
  type ServerItem,
} from './reconcile.js';

export type SoakPolicy = 'faultTolerant' | 'failFast';

export interface SoakOptions {
  readonly policy: SoakPolicy;
  readonly items: number;
  readonly seed: number;
  /** Share of requests whose answer gets one ResponseMessage dropped or duplicated. */
  readonly wrongCountRate: number;
  readonly chunkSize: number;
  readonly concurrency: number;
}

export interface SoakRun {
  readonly options: SoakOptions;
  readonly phases: readonly PhaseFigures[];
  /** What the server injected, by fault kind (and change, for wrongMessageCount). */
  readonly faults: Readonly<Record<string, number>>;
  /** Requests of the three bulk operations the server received. */
  readonly requests: number;
  readonly elapsedMs: number;
}

const MAILBOX = 'alice@contoso.test';
const OPERATIONS = ['CreateItem', 'MoveItem', 'DeleteItem'];

/** Issue 12's mix: resets before and after the server acted, throttling, 503, wrong counts. */
export function soakFaults(
  seed: number,
  wrongCountRate: number,
  onFault: (fault: InjectedFault) => void,
): TestServerFaults {
  return {
    seed,
    operations: OPERATIONS,
    resetBeforeExecute: { rate: 0.05 },
    resetAfterExecute: { rate: 0.05 },
    // Short waits: the soak measures correctness, not patience (Exchange asks for seconds).
    serverBusy: { rate: 0.05, backOffMilliseconds: 5 },
    http503: { rate: 0.02, retryAfterSeconds: 0 },
    ...(wrongCountRate > 0 ? { wrongMessageCount: { rate: wrongCountRate } } : {}),
    onFault,
  };
}

/** Retries with waits of a few milliseconds, bounded per call. */
function retryOf(policy: SoakPolicy): RetryPolicy {
  return policy === 'failFast'
    ? failFast()
    : faultTolerant({ maxTotalWaitMs: 5_000, baseDelayMs: 2, maxDelayMs: 50, maxAttempts: 20 });
}

function serverItems(snapshot: {
  readonly mailbox: (address: string) => { readonly items: readonly ServerItem[] };
}): ServerItem[] {
  return snapshot
    .mailbox(MAILBOX)
    .items.map(({ id, parentFolderId, subject }) => ({ id, parentFolderId, subject }));
}

function itemRefOf(result: EntryResult): ItemRef | undefined {
  if (!result.ok || typeof result.value !== 'object' || result.value === null) return undefined;
  const { id } = result.value as { readonly id?: unknown };
  return typeof id === 'string' ? (result.value as ItemRef) : undefined;
}

/**
 * One soak: a fresh in-process test server (empty mailboxes) with the fault mix on the three bulk
 * operations, an Account with `policy`, then bulkCreate into the Inbox, bulkMove of what was
 * reported created to a folder of its own, bulkDelete (HardDelete) of what the client then
 * believes exists; after each phase every result is reconciled with the server's snapshot.
 */
export async function runSoak(options: SoakOptions): Promise<SoakRun> {
  const faults: Record<string, number> = {};
  let requests = 0;
  const server = await startTestServer({
    seed: 'empty',
    faults: soakFaults(options.seed, options.wrongCountRate, (fault) => {
      const key = fault.change === undefined ? fault.kind : `${fault.kind} (${fault.change})`;
      faults[key] = (faults[key] ?? 0) + 1;
    }),
  });
  const password = server.mailboxes.find((m) => m.address === MAILBOX)?.password ?? '';
  const account = new Account({
    primarySmtpAddress: MAILBOX,
    client: {
      url: server.url,
      auth: createBasicAuth({ username: MAILBOX, password }),
      allowInsecureHttp: true,
      retry: retryOf(options.policy),
      timeoutMs: 30_000,
      policies: [
        {
          name: 'count-bulk-requests',
          send(request, next) {
            if (OPERATIONS.includes(request.operation)) requests += 1;
            return next(request);
          },
        },
      ],
    },
  });
  const started = performance.now();
  try {
    // Not a faulted operation: the soak's folders are set up cleanly.
    const target = await account.msgFolderRoot.createFolder(`Soak target ${options.policy}`);
    const targetFolderId = 'id' in target.ref ? target.ref.id : '';
    const inboxId = server.snapshot().mailbox(MAILBOX).folder('inbox').id;
    const bulk = { chunkSize: options.chunkSize, concurrency: options.concurrency };

    const subjects = Array.from({ length: options.items }, (_, i) => `soak ${options.policy} ${i}`);
    const subjectSet = new Set(subjects);
    const created = await account.bulkCreate(
      MessageModel,
      subjects.map((subject) => ({ subject })),
      { ...bulk, folder: account.inbox.ref, messageDisposition: 'SaveOnly' },
    );
    const afterCreate = serverItems(server.snapshot());
    const create = reconcileCreate({ subjects, folderId: inboxId, results: created, after: afterCreate });

    // What a caller would move: every item the client was told it created.
    const toMove = created.map(itemRefOf).filter((ref): ref is ItemRef => ref !== undefined);
    const moved = await account.bulkMove(toMove, target.ref, bulk);
    const afterMove = serverItems(server.snapshot());
    const move = reconcileMove({
      ids: toMove.map((ref) => ref.id),
      targetFolderId,
      subjects: subjectSet,
      results: moved,
      before: afterCreate,
      after: afterMove,
    });

    // What a caller would delete: the new id of what moved, the old id of what did not (or may not).
    const toDelete = toMove.map((ref, index) => {
      const result = moved[index];
      return (result === undefined ? undefined : itemRefOf(result)) ?? ref;
    });
    const deleted = await account.bulkDelete(toDelete, { ...bulk, deleteType: 'HardDelete' });
    const afterDelete = serverItems(server.snapshot());
    const remove = reconcileDelete({
      ids: toDelete.map((ref) => ref.id),
      subjects: subjectSet,
      results: deleted,
      before: afterMove,
      after: afterDelete,
    });
    return {
      options,
      phases: [create, move, remove],
      faults,
      requests,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await account.close();
    await server.close();
  }
}
