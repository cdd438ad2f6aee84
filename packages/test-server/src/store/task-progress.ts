import type { XmlElement } from '../xml/xml-tree.js';
import type { StoredItem, TaskData, TaskStatus } from './item-model.js';

/*
 * How Exchange keeps a task's Status, PercentComplete, CompleteDate and IsComplete consistent:
 * Completed is 100 % with a CompleteDate (the server's "now" unless the task already has one, as
 * exchangelib notes the server sets it); 100 % is Completed; a completed task set below 100 % is
 * reopened (InProgress) and, reopened, loses its CompleteDate. IsComplete is Status == Completed
 * (written from the status). Other combinations (NotStarted at 40 %) are kept as sent.
 * CompleteDate lives in the item's property bag, as a client that sets it keeps it.
 */

const COMPLETE_DATE = 'task:CompleteDate';

function completeDateElement(now: Date): XmlElement {
  return { name: 'CompleteDate', attrs: {}, children: [], text: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

function setStatus(item: StoredItem, task: TaskData, status: TaskStatus, now: Date): void {
  const wasCompleted = task.status === 'Completed';
  task.status = status;
  const properties = { ...(item.properties ?? {}) };
  if (status === 'Completed') {
    task.percentComplete = 100;
    properties[COMPLETE_DATE] ??= completeDateElement(now);
  } else {
    // Reopening a completed task clears its CompleteDate (a date a client set otherwise stays).
    if (wasCompleted) delete properties[COMPLETE_DATE];
  }
  item.properties = properties;
}

/** The task after its Status was set. */
export function afterStatus(item: StoredItem, task: TaskData, status: TaskStatus, now: Date): void {
  setStatus(item, task, status, now);
}

/** The task after its PercentComplete was set (0…100, checked by the caller). */
export function afterPercent(item: StoredItem, task: TaskData, percent: number, now: Date): void {
  task.percentComplete = percent;
  if (percent === 100) setStatus(item, task, 'Completed', now);
  else if (task.status === 'Completed') setStatus(item, task, 'InProgress', now);
}

/** A new task: Completed (by status or 100 %) is 100 % with a CompleteDate. */
export function newTaskProgress(item: StoredItem, now: Date): void {
  const task = item.task;
  if (task === undefined) return;
  if (task.status === 'Completed' || task.percentComplete === 100) setStatus(item, task, 'Completed', now);
}

/** task:StatusDescription as Exchange writes it (English). */
export const STATUS_DESCRIPTION: Readonly<Record<TaskStatus, string>> = {
  NotStarted: 'Not Started',
  InProgress: 'In Progress',
  Completed: 'Completed',
  WaitingOnOthers: 'Waiting on someone else',
  Deferred: 'Deferred',
};
