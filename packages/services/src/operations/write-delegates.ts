import {
  child,
  decodeResponseMessage,
  EwsInvalidArgumentError,
  type EwsResponse,
  el,
  nonNegativeInteger,
  type ResponseMessage,
  type XmlFragment,
} from '@ews/core';
import { checkMessage } from '../internal/messages.js';
import { allFailed, MAX_ENTRIES_PER_REQUEST, protocolFailure, readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import {
  type DelegateFolderPermissionLevel,
  type DelegatePermissions,
  type DelegateUser,
  type DeliverMeetingRequests,
  readDelegate,
} from './get-delegate.js';

/*
 * AddDelegate, UpdateDelegate and RemoveDelegate: the answer holds one
 * DelegateUserResponseMessageType per user sent, in the request's order. They are paired by
 * position only when the count matches, and a delegate answered for another user than the one
 * sent at that position fails that entry (EWS_PROTOCOL) instead of being taken as its result.
 */

/** Who a delegate is: a primary SMTP address, or a t:UserId by address, SID or display name. */
export type DelegateUserRef =
  | string
  | { readonly primarySmtpAddress: string }
  | { readonly sid: string }
  | { readonly displayName: string };

/** A folder level a delegate can be given (`Custom` is only ever read: Exchange refuses to set it). */
export type WritableDelegateLevel = Exclude<DelegateFolderPermissionLevel, 'Custom'>;

export interface DelegateInput {
  readonly user: DelegateUserRef;
  /** Folders left out are `None` when adding and unchanged when updating. */
  readonly permissions?: Partial<Record<keyof DelegatePermissions, WritableDelegateLevel>> | undefined;
  readonly receiveCopiesOfMeetingMessages?: boolean | undefined;
  readonly viewPrivateItems?: boolean | undefined;
}

const FOLDERS = [
  ['calendar', 'CalendarFolderPermissionLevel'],
  ['tasks', 'TasksFolderPermissionLevel'],
  ['inbox', 'InboxFolderPermissionLevel'],
  ['contacts', 'ContactsFolderPermissionLevel'],
  ['notes', 'NotesFolderPermissionLevel'],
  ['journal', 'JournalFolderPermissionLevel'],
] as const satisfies readonly (readonly [keyof DelegatePermissions, string])[];
const LEVELS: ReadonlySet<string> = new Set(['None', 'Editor', 'Reviewer', 'Author']);
const DELIVERY: ReadonlySet<string> = new Set([
  'DelegatesOnly',
  'DelegatesAndMe',
  'DelegatesAndSendInformationToMe',
  'NoForward',
]);
const FOLDER_KEYS: ReadonlySet<string> = new Set(FOLDERS.map(([key]) => key));

function invalid(operation: string, why: string): EwsInvalidArgumentError {
  return new EwsInvalidArgumentError(`${operation}: ${why}`);
}

/** The t:UserId children of a ref, checked: exactly one way of naming the user, non-empty. */
function userIdXml(user: DelegateUserRef, operation: string): XmlFragment {
  const ref = typeof user === 'string' ? { primarySmtpAddress: user } : user;
  if (typeof ref !== 'object' || ref === null)
    throw invalid(operation, 'a delegate is an address or a UserId');
  const keys = (['sid', 'primarySmtpAddress', 'displayName'] as const).filter((k) => k in ref);
  const [key] = keys;
  const value = key === undefined ? undefined : (ref as Record<string, unknown>)[key];
  if (keys.length !== 1 || typeof value !== 'string' || value.trim() === '')
    throw invalid(operation, 'a delegate is named by exactly one of primarySmtpAddress, sid or displayName');
  const element =
    key === 'sid' ? 't:SID' : key === 'primarySmtpAddress' ? 't:PrimarySmtpAddress' : 't:DisplayName';
  return el('t:UserId', {}, el(element, {}, value));
}

function delegateUserXml(input: DelegateInput, operation: string): XmlFragment {
  if (typeof input !== 'object' || input === null)
    throw invalid(operation, 'a delegate is { user, permissions, … }');
  const { permissions } = input;
  let permissionsXml: XmlFragment | undefined;
  if (permissions !== undefined) {
    if (typeof permissions !== 'object' || permissions === null)
      throw invalid(operation, 'permissions is { calendar, tasks, inbox, contacts, notes, journal }');
    for (const key of Object.keys(permissions))
      if (!FOLDER_KEYS.has(key)) throw invalid(operation, `'${key}' is not a delegate folder`);
    const levels = FOLDERS.map(([key, element]) => {
      const level = permissions[key];
      if (level === undefined) return undefined;
      if (!LEVELS.has(level))
        throw invalid(operation, `${key}: '${String(level)}' is not None, Reviewer, Author or Editor`);
      return el(`t:${element}`, {}, level);
    });
    permissionsXml = el('t:DelegatePermissions', {}, levels);
  }
  const flag = (name: string, value: boolean | undefined) => {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw invalid(operation, `${name} is a boolean`);
    return el(`t:${name}`, {}, value);
  };
  return el('t:DelegateUser', {}, [
    userIdXml(input.user, operation),
    permissionsXml,
    flag('ReceiveCopiesOfMeetingMessages', input.receiveCopiesOfMeetingMessages),
    flag('ViewPrivateItems', input.viewPrivateItems),
  ]);
}

function deliveryXml(value: DeliverMeetingRequests | undefined, operation: string): XmlFragment | undefined {
  if (value === undefined) return undefined;
  if (!DELIVERY.has(value))
    throw invalid(operation, `'${String(value)}' is not a DeliverMeetingRequests value`);
  return el('m:DeliverMeetingRequests', {}, value);
}

const mailboxXml = (mailbox: string) => el('m:Mailbox', {}, el('t:EmailAddress', {}, mailbox));

function nonEmpty<T>(list: readonly T[], operation: string): readonly T[] {
  if (!Array.isArray(list) || list.length === 0) throw invalid(operation, 'name at least one delegate');
  return list;
}

export function buildAddDelegate(
  mailbox: string,
  delegates: readonly DelegateInput[],
  deliverMeetingRequests?: DeliverMeetingRequests,
): XmlFragment {
  const users = nonEmpty(delegates, 'AddDelegate').map((d) => delegateUserXml(d, 'AddDelegate'));
  return el('m:AddDelegate', {}, [
    mailboxXml(mailbox),
    el('m:DelegateUsers', {}, users),
    deliveryXml(deliverMeetingRequests, 'AddDelegate'),
  ]);
}

/** UpdateDelegate: delegates to change, where meeting requests go, or both (at least one). */
export function buildUpdateDelegate(
  mailbox: string,
  delegates: readonly DelegateInput[],
  deliverMeetingRequests?: DeliverMeetingRequests,
): XmlFragment {
  if (!Array.isArray(delegates)) throw invalid('UpdateDelegate', 'delegates is a list');
  if (delegates.length === 0 && deliverMeetingRequests === undefined)
    throw invalid('UpdateDelegate', 'name delegates to change or a DeliverMeetingRequests value');
  const users = delegates.map((d) => delegateUserXml(d, 'UpdateDelegate'));
  const usersXml = users.length === 0 ? undefined : el('m:DelegateUsers', {}, users);
  return el('m:UpdateDelegate', {}, [
    mailboxXml(mailbox),
    usersXml,
    deliveryXml(deliverMeetingRequests, 'UpdateDelegate'),
  ]);
}

export function buildRemoveDelegate(mailbox: string, users: readonly DelegateUserRef[]): XmlFragment {
  const ids = nonEmpty(users, 'RemoveDelegate').map((u) => userIdXml(u, 'RemoveDelegate'));
  return el('m:RemoveDelegate', {}, [mailboxXml(mailbox), el('m:UserIds', {}, ids)]);
}

/** Whether the delegate answered is the user sent (by the way it was named). */
function sameUser(sent: DelegateUserRef, answered: DelegateUser): boolean {
  const ref = typeof sent === 'string' ? { primarySmtpAddress: sent } : sent;
  const id = answered.userId;
  if ('primarySmtpAddress' in ref)
    return id.primarySmtpAddress?.toLowerCase() === ref.primarySmtpAddress.toLowerCase();
  if ('sid' in ref) return id.sid === undefined || id.sid.toLowerCase() === ref.sid.toLowerCase();
  return id.displayName === undefined || id.displayName === ref.displayName;
}

/**
 * One outcome per user sent. An answer without ResponseMessages is its own ResponseClass: an
 * Error is thrown (the whole request failed, e.g. ErrorNonExistentMailbox); a Success for a
 * request that named users is a count mismatch (every entry fails).
 */
function readDelegateOutcomes<T>(
  response: EwsResponse,
  operation: string,
  sent: number,
  read: (message: ResponseMessage, index: number) => Outcome<T>,
): readonly Outcome<T>[] {
  nonNegativeInteger('sent', sent, { max: MAX_ENTRIES_PER_REQUEST });
  if (child(response.node, 'ResponseMessages') === undefined) {
    checkMessage(decodeResponseMessage(response.node, 0, operation), operation);
    return sent === 0 ? [] : allFailed(operation, sent, 0);
  }
  return readOutcomes(response, operation, sent, read);
}

/** Add/UpdateDelegate: each user's delegate as the server now holds it, paired strictly. */
export function readWriteDelegates(
  response: EwsResponse,
  operation: 'AddDelegate' | 'UpdateDelegate',
  sent: readonly DelegateInput[],
): readonly Outcome<DelegateUser>[] {
  return readDelegateOutcomes<DelegateUser>(response, operation, sent.length, (message, index) => {
    const node = child(message.node, 'DelegateUser');
    if (node === undefined)
      return protocolFailure(operation, `${operation}: a success without its DelegateUser`);
    const delegate = readDelegate(node);
    const asked = (sent[index] as DelegateInput).user;
    if (!sameUser(asked, delegate))
      return protocolFailure(operation, `${operation}: entry ${index + 1} answered for another user`);
    return { ok: true, value: delegate };
  });
}

/** RemoveDelegate: one outcome per user sent (a success carries nothing). */
export function readRemoveDelegate(response: EwsResponse, sent: number): readonly Outcome<true>[] {
  return readDelegateOutcomes(response, 'RemoveDelegate', sent, () => ({ ok: true, value: true }));
}
