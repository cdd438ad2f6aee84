import { EwsInvalidArgumentError, type EwsResponse, el, type XmlChild, type XmlFragment } from '@ews/core';
import { targetFolderIdXml } from '../internal/ids.js';
import { readOutcomes } from '../internal/outcomes.js';
import { utcDateTime } from '../internal/xml.js';
import type { Outcome } from '../outcome.js';
import type { ItemRef, MailboxFolderRef } from '../refs.js';
import type { DeleteType } from './delete-item.js';
import { conversationIdXml } from './get-conversation-items.js';

const OPERATION = 'ApplyConversationAction';

/** t:FlagType: a follow-up flag on every item of the conversation. */
export interface ConversationFlag {
  readonly status: 'NotFlagged' | 'Flagged' | 'Complete';
  readonly startDate?: Date | undefined;
  readonly dueDate?: Date | undefined;
  readonly completeDate?: Date | undefined;
}

/**
 * One action on one conversation (t:ConversationActionType). Each kind carries exactly what the
 * schema and Exchange need for it, so a Move without its destination or a Delete without its
 * DeleteType cannot be written. `context`: the folder whose items the action touches (absent: the
 * conversation's items in every folder of the mailbox the request acts in).
 */
export type ConversationAction = {
  readonly conversationId: ItemRef;
  readonly context?: MailboxFolderRef | undefined;
} & (
  | { readonly action: 'Move'; readonly destination: MailboxFolderRef }
  | { readonly action: 'Copy'; readonly destination: MailboxFolderRef }
  | { readonly action: 'Delete'; readonly deleteType: DeleteType }
  | {
      readonly action: 'SetReadState';
      readonly isRead: boolean;
      readonly suppressReadReceipts?: boolean | undefined;
    }
  | { readonly action: 'Flag'; readonly flag: ConversationFlag }
  /** Categories on every current and later item; an empty list stops it. */
  | {
      readonly action: 'AlwaysCategorize';
      readonly categories: readonly string[];
      readonly processRightAway?: boolean | undefined;
    }
  /** Every current and later item to Deleted Items; `enable: false` stops it. */
  | {
      readonly action: 'AlwaysDelete';
      readonly enable: boolean;
      readonly processRightAway?: boolean | undefined;
    }
  /** Every current and later item to `destination`; undefined stops it. */
  | {
      readonly action: 'AlwaysMove';
      readonly destination: MailboxFolderRef | undefined;
      readonly processRightAway?: boolean | undefined;
    }
);

export type ConversationActionKind = ConversationAction['action'];

const DELETE_TYPES: readonly DeleteType[] = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'];
const FLAG_STATUSES: readonly ConversationFlag['status'][] = ['NotFlagged', 'Flagged', 'Complete'];

function folder(name: string, ref: MailboxFolderRef): XmlFragment {
  if (ref === undefined || ref === null)
    throw new EwsInvalidArgumentError(`${OPERATION}: ${name} is required`);
  return el(`t:${name}`, {}, targetFolderIdXml(ref, OPERATION));
}
const flagBool = (name: string, value: boolean | undefined): XmlFragment | undefined =>
  value === undefined ? undefined : el(`t:${name}`, {}, requireBoolean(name, value));

function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new EwsInvalidArgumentError(`${OPERATION}: ${name} must be true or false`);
  return value;
}

function date(name: string, value: Date | undefined): XmlFragment | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new EwsInvalidArgumentError(`${OPERATION}: flag ${name} must be a valid Date`);
  return el(`t:${name}`, {}, utcDateTime(value));
}

/** The children of one t:ConversationAction after Action and ConversationId, in schema order. */
function actionBody(action: ConversationAction): XmlChild {
  const context = action.context === undefined ? undefined : folder('ContextFolderId', action.context);
  switch (action.action) {
    case 'Move':
    case 'Copy':
      return [context, folder('DestinationFolderId', action.destination)];
    case 'Delete':
      if (!DELETE_TYPES.includes(action.deleteType))
        throw new EwsInvalidArgumentError(
          `${OPERATION}: deleteType must be one of ${DELETE_TYPES.join(', ')}`,
        );
      return [context, el('t:DeleteType', {}, action.deleteType)];
    case 'SetReadState':
      return [
        context,
        el('t:IsRead', {}, requireBoolean('isRead', action.isRead)),
        flagBool('SuppressReadReceipts', action.suppressReadReceipts),
      ];
    case 'Flag': {
      const { flag } = action;
      if (!FLAG_STATUSES.includes(flag?.status))
        throw new EwsInvalidArgumentError(
          `${OPERATION}: flag.status must be one of ${FLAG_STATUSES.join(', ')}`,
        );
      return [
        context,
        el('t:Flag', {}, [
          el('t:FlagStatus', {}, flag.status),
          date('StartDate', flag.startDate),
          date('DueDate', flag.dueDate),
          date('CompleteDate', flag.completeDate),
        ]),
      ];
    }
    case 'AlwaysCategorize': {
      if (
        !Array.isArray(action.categories) ||
        action.categories.some((c) => typeof c !== 'string' || c === '')
      )
        throw new EwsInvalidArgumentError(`${OPERATION}: categories must be non-empty strings`);
      return [
        context,
        flagBool('ProcessRightAway', action.processRightAway),
        el(
          't:Categories',
          {},
          action.categories.map((c) => el('t:String', {}, c)),
        ),
      ];
    }
    case 'AlwaysDelete':
      return [
        context,
        flagBool('ProcessRightAway', action.processRightAway),
        el('t:EnableAlwaysDelete', {}, requireBoolean('enable', action.enable)),
      ];
    case 'AlwaysMove':
      return [
        context,
        flagBool('ProcessRightAway', action.processRightAway),
        action.destination === undefined ? undefined : folder('DestinationFolderId', action.destination),
      ];
    default:
      throw new EwsInvalidArgumentError(
        `${OPERATION}: unknown action ${String((action as { action?: unknown }).action).slice(0, 40)}`,
      );
  }
}

export function buildApplyConversationAction(actions: readonly ConversationAction[]): XmlFragment {
  if (actions.length === 0)
    throw new EwsInvalidArgumentError('ApplyConversationAction needs at least one action');
  const body = actions.map((action) =>
    el('t:ConversationAction', {}, [
      el('t:Action', {}, action.action),
      conversationIdXml(action.conversationId),
      actionBody(action),
    ]),
  );
  return el('m:ApplyConversationAction', {}, el('m:ConversationActions', {}, body));
}

/** One outcome per action, in request order (`sent`: how many actions the request held). */
export function readApplyConversationAction(response: EwsResponse, sent: number): readonly Outcome<true>[] {
  return readOutcomes(response, OPERATION, sent, () => ({ ok: true, value: true }));
}
