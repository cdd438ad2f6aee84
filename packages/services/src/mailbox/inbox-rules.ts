import {
  child,
  children,
  childText,
  EwsProtocolError,
  type EwsResponse,
  el,
  responseMessageError,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean, enumKind, int, isDistinguishedFolderId } from '@ews/models';
import { targetFolderIdXml } from '../internal/ids.js';
import { onlyMessage, soleMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import { itemRefOf } from '../operations/item-id-results.js';
import { type FolderRef, mailboxFolderRef } from '../refs.js';

/**
 * A rule's target folder (MoveToFolder, CopyToFolder): a folder id, or a distinguished folder of
 * the rules' mailbox. A distinguished folder given without `mailbox` is sent naming the rules'
 * mailbox: without it Exchange would take the signed-in user's folder, which a rule in another
 * mailbox cannot move to.
 */
export type RuleFolder = FolderRef;
export type RuleImportance = 'Low' | 'Normal' | 'High';

/** t:RulePredicatesType (the common part): conditions and exceptions. */
export interface RulePredicates {
  readonly categories?: readonly string[] | undefined;
  readonly containsBodyStrings?: readonly string[] | undefined;
  readonly containsHeaderStrings?: readonly string[] | undefined;
  readonly containsRecipientStrings?: readonly string[] | undefined;
  readonly containsSenderStrings?: readonly string[] | undefined;
  readonly containsSubjectOrBodyStrings?: readonly string[] | undefined;
  readonly containsSubjectStrings?: readonly string[] | undefined;
  readonly fromAddresses?: readonly string[] | undefined;
  readonly hasAttachments?: boolean | undefined;
  readonly importance?: RuleImportance | undefined;
  readonly notSentToMe?: boolean | undefined;
  readonly sentCcMe?: boolean | undefined;
  readonly sentOnlyToMe?: boolean | undefined;
  readonly sentToAddresses?: readonly string[] | undefined;
  readonly sentToMe?: boolean | undefined;
  readonly sentToOrCcMe?: boolean | undefined;
}

/** t:RuleActionsType (without SMS alerts and server replies). */
export interface RuleActions {
  readonly assignCategories?: readonly string[] | undefined;
  readonly copyToFolder?: RuleFolder | undefined;
  readonly delete?: boolean | undefined;
  readonly forwardAsAttachmentToRecipients?: readonly string[] | undefined;
  readonly forwardToRecipients?: readonly string[] | undefined;
  readonly markImportance?: RuleImportance | undefined;
  readonly markAsRead?: boolean | undefined;
  readonly moveToFolder?: RuleFolder | undefined;
  readonly permanentDelete?: boolean | undefined;
  readonly redirectToRecipients?: readonly string[] | undefined;
  readonly stopProcessingRules?: boolean | undefined;
}

/** t:RuleType (exchangelib's Rule). `id` is set by the server; leave it out when creating. */
export interface InboxRule {
  readonly id?: string | undefined;
  readonly displayName: string;
  /** 1 runs first. */
  readonly priority: number;
  readonly isEnabled: boolean;
  readonly isNotSupported?: boolean | undefined;
  readonly isInError?: boolean | undefined;
  readonly conditions?: RulePredicates | undefined;
  readonly exceptions?: RulePredicates | undefined;
  readonly actions?: RuleActions | undefined;
}

type FieldKind = 'strings' | 'addresses' | 'boolean' | 'importance' | 'folder';

// t:ImportanceChoicesType: another value is a broken answer, not an importance to cast to.
const importance = enumKind<RuleImportance>('ImportanceChoicesType', ['Low', 'Normal', 'High']);

// Wire order is table order (the schema's xs:sequence).
const PREDICATE_FIELDS: readonly (readonly [keyof RulePredicates, string, FieldKind])[] = [
  ['categories', 'Categories', 'strings'],
  ['containsBodyStrings', 'ContainsBodyStrings', 'strings'],
  ['containsHeaderStrings', 'ContainsHeaderStrings', 'strings'],
  ['containsRecipientStrings', 'ContainsRecipientStrings', 'strings'],
  ['containsSenderStrings', 'ContainsSenderStrings', 'strings'],
  ['containsSubjectOrBodyStrings', 'ContainsSubjectOrBodyStrings', 'strings'],
  ['containsSubjectStrings', 'ContainsSubjectStrings', 'strings'],
  ['fromAddresses', 'FromAddresses', 'addresses'],
  ['hasAttachments', 'HasAttachments', 'boolean'],
  ['importance', 'Importance', 'importance'],
  ['notSentToMe', 'NotSentToMe', 'boolean'],
  ['sentCcMe', 'SentCcMe', 'boolean'],
  ['sentOnlyToMe', 'SentOnlyToMe', 'boolean'],
  ['sentToAddresses', 'SentToAddresses', 'addresses'],
  ['sentToMe', 'SentToMe', 'boolean'],
  ['sentToOrCcMe', 'SentToOrCcMe', 'boolean'],
];

const ACTION_FIELDS: readonly (readonly [keyof RuleActions, string, FieldKind])[] = [
  ['assignCategories', 'AssignCategories', 'strings'],
  ['copyToFolder', 'CopyToFolder', 'folder'],
  ['delete', 'Delete', 'boolean'],
  ['forwardAsAttachmentToRecipients', 'ForwardAsAttachmentToRecipients', 'addresses'],
  ['forwardToRecipients', 'ForwardToRecipients', 'addresses'],
  ['markImportance', 'MarkImportance', 'importance'],
  ['markAsRead', 'MarkAsRead', 'boolean'],
  ['moveToFolder', 'MoveToFolder', 'folder'],
  ['permanentDelete', 'PermanentDelete', 'boolean'],
  ['redirectToRecipients', 'RedirectToRecipients', 'addresses'],
  ['stopProcessingRules', 'StopProcessingRules', 'boolean'],
];

function fieldXml(xmlName: string, kind: FieldKind, value: unknown, mailbox: string): XmlFragment {
  const name = `t:${xmlName}`;
  switch (kind) {
    case 'strings':
      return el(
        name,
        {},
        (value as readonly string[]).map((s) => el('t:String', {}, s)),
      );
    case 'addresses':
      return el(
        name,
        {},
        (value as readonly string[]).map((a) =>
          el('t:Address', {}, [el('t:EmailAddress', {}, a), el('t:RoutingType', {}, 'SMTP')]),
        ),
      );
    case 'folder': {
      const folder = mailboxFolderRef(mailbox, value as RuleFolder);
      return el(name, {}, targetFolderIdXml(folder, 'UpdateInboxRules'));
    }
    default:
      return el(name, {}, String(value));
  }
}

function fieldsXml<T extends object>(
  wrapper: string,
  table: readonly (readonly [keyof T, string, FieldKind])[],
  values: T | undefined,
  mailbox: string,
): XmlFragment | undefined {
  if (values === undefined) return undefined;
  const inner = table
    .filter(([key]) => values[key] !== undefined)
    .map(([key, xmlName, kind]) => fieldXml(xmlName, kind, values[key], mailbox));
  return el(`t:${wrapper}`, {}, inner);
}

function ruleXml(rule: InboxRule, mailbox: string): XmlFragment {
  return el('t:Rule', {}, [
    rule.id === undefined ? undefined : el('t:RuleId', {}, rule.id),
    el('t:DisplayName', {}, rule.displayName),
    el('t:Priority', {}, String(rule.priority)),
    el('t:IsEnabled', {}, String(rule.isEnabled)),
    fieldsXml('Conditions', PREDICATE_FIELDS, rule.conditions, mailbox),
    fieldsXml('Exceptions', PREDICATE_FIELDS, rule.exceptions, mailbox),
    fieldsXml('Actions', ACTION_FIELDS, rule.actions, mailbox),
  ]);
}

function fieldValue(node: XmlNode, kind: FieldKind, where: string): unknown {
  switch (kind) {
    case 'strings':
      return children(node, 'String').map((s) => s.text);
    case 'addresses':
      return children(node, 'Address').map((a) => childText(a, 'EmailAddress') ?? '');
    case 'boolean':
      return boolean.fromText(node.text, where);
    case 'folder':
      return ruleFolderOf(node, where);
    case 'importance':
      return importance.fromText(node.text, where);
  }
}

/**
 * A rule action's t:TargetFolderIdType: a FolderId with its Id, or a DistinguishedFolderId naming a
 * known folder (and its mailbox, when the answer names one). Anything else names no folder: a
 * broken answer, not a target `""`.
 */
function ruleFolderOf(node: XmlNode, where: string): RuleFolder {
  const byId = child(node, 'FolderId');
  if (byId !== undefined) {
    const ref = itemRefOf(byId);
    if (ref === undefined) throw new EwsProtocolError(`${where}: a FolderId without its Id`, INBOX_RULES);
    return ref;
  }
  const element = child(node, 'DistinguishedFolderId');
  const distinguished = itemRefOf(element)?.id;
  if (distinguished === undefined || !isDistinguishedFolderId(distinguished))
    throw new EwsProtocolError(`${where}: no FolderId or known DistinguishedFolderId`, INBOX_RULES);
  const mailbox = childText(child(element, 'Mailbox'), 'EmailAddress')?.trim();
  return mailbox ? { distinguishedId: distinguished, mailbox } : { distinguishedId: distinguished };
}
const INBOX_RULES = { operation: 'GetInboxRules' } as const;

function readFields<T extends object>(
  table: readonly (readonly [keyof T, string, FieldKind])[],
  node: XmlNode | undefined,
): T | undefined {
  if (node === undefined) return undefined;
  const entries = table.flatMap(([key, xmlName, kind]) => {
    const field = child(node, xmlName);
    return field === undefined
      ? []
      : [[key, fieldValue(field, kind, `Rule.${node.name}.${xmlName}`)] as const];
  });
  return Object.fromEntries(entries) as T;
}

function readRule(node: XmlNode): InboxRule {
  const flag = (name: string) => childValue(node, name, boolean, 'Rule');
  // Required by the schema: a missing one is malformed too.
  const priority = int.fromText(childText(node, 'Priority') ?? '', 'Rule.Priority');
  const optional = {
    isNotSupported: flag('IsNotSupported'),
    isInError: flag('IsInError'),
    conditions: readFields<RulePredicates>(PREDICATE_FIELDS, child(node, 'Conditions')),
    exceptions: readFields<RulePredicates>(PREDICATE_FIELDS, child(node, 'Exceptions')),
    actions: readFields<RuleActions>(ACTION_FIELDS, child(node, 'Actions')),
  };
  return {
    id: childText(node, 'RuleId'),
    displayName: childText(node, 'DisplayName') ?? '',
    priority,
    isEnabled: flag('IsEnabled') ?? false,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

export function buildGetInboxRules(mailbox: string): XmlFragment {
  return el('m:GetInboxRules', {}, el('m:MailboxSmtpAddress', {}, mailbox));
}

/** The mailbox's rules in priority order, and whether Outlook keeps a rule blob the server cannot show. */
export interface InboxRules {
  readonly rules: readonly InboxRule[];
  readonly outlookRuleBlobExists: boolean;
}

export function readGetInboxRules(response: EwsResponse): InboxRules {
  const message = onlyMessage(response);
  return {
    rules: children(child(message.node, 'InboxRules'), 'Rule').map(readRule),
    outlookRuleBlobExists:
      childValue(message.node, 'OutlookRuleBlobExists', boolean, 'GetInboxRulesResponse') ?? false,
  };
}

/** One change in UpdateInboxRules. */
export type InboxRuleOperation =
  | { readonly create: InboxRule }
  | { readonly set: InboxRule & { readonly id: string } }
  | { readonly delete: string };

export interface UpdateInboxRulesParams {
  readonly mailbox: string;
  readonly operations: readonly InboxRuleOperation[];
  /** Drops rules only Outlook understands; Exchange refuses changes while such a blob exists otherwise. */
  readonly removeOutlookRuleBlob?: boolean | undefined;
}

export function buildUpdateInboxRules(params: UpdateInboxRulesParams): XmlFragment {
  const operations = params.operations.map((operation) => {
    if ('create' in operation)
      return el('t:CreateRuleOperation', {}, ruleXml(operation.create, params.mailbox));
    if ('set' in operation) return el('t:SetRuleOperation', {}, ruleXml(operation.set, params.mailbox));
    return el('t:DeleteRuleOperation', {}, el('t:RuleId', {}, operation.delete));
  });
  return el('m:UpdateInboxRules', {}, [
    el('m:MailboxSmtpAddress', {}, params.mailbox),
    el('m:RemoveOutlookRuleBlob', {}, params.removeOutlookRuleBlob ?? true),
    el('m:Operations', {}, operations),
  ]);
}

/**
 * Throws the response's error when the update was refused; the message of an
 * ErrorInboxRulesValidationError lists each failing operation's index and field.
 */
export function readUpdateInboxRules(response: EwsResponse): void {
  const message = soleMessage(response);
  if (message.responseClass !== 'Error') return;
  const details = children(child(message.node, 'RuleOperationErrors'), 'RuleOperationError').flatMap(
    (failure) =>
      children(child(failure, 'ValidationErrors'), 'Error').map(
        (error) =>
          `operation ${childText(failure, 'OperationIndex')}: ${childText(error, 'FieldURI')} ${childText(error, 'ErrorCode')}`,
      ),
  );
  const error = responseMessageError(message, 'UpdateInboxRules');
  if (details.length > 0) error.message = `${error.message} (${details.join('; ')})`;
  throw error;
}
