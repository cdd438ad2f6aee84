import { childText, EwsProtocolError, type EwsResponse, el, type XmlFragment, type XmlNode } from '@ews/core';
import { boolean, enumKind, int } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';
import { childValue } from '../internal/scalar-values.js';

const OPERATION = 'GetUserRetentionPolicyTags';
// A mailbox sees its policy's tags and the personal tags it opted into: dozens, not thousands.
export const MAX_RETENTION_TAGS = 10_000;

/** t:ElcFolderType: which folder a tag applies to (`Personal`: a personal tag, `All`: a default policy tag). */
export type RetentionTagFolder =
  | 'Calendar'
  | 'Contacts'
  | 'DeletedItems'
  | 'Drafts'
  | 'Inbox'
  | 'JunkEmail'
  | 'Journal'
  | 'Notes'
  | 'Outbox'
  | 'SentItems'
  | 'Tasks'
  | 'All'
  | 'ManagedCustomFolder'
  | 'RssSubscriptions'
  | 'SyncIssues'
  | 'ConversationHistory'
  | 'Personal'
  | 'RecoverableItems'
  | 'NonIpmRoot';

export type RetentionAction =
  | 'None'
  | 'MoveToDeletedItems'
  | 'MoveToFolder'
  | 'DeleteAndAllowRecovery'
  | 'PermanentlyDelete'
  | 'MarkAsPastRetentionLimit'
  | 'MoveToArchive';

/** t:RetentionPolicyTagType. */
export interface RetentionPolicyTag {
  readonly displayName: string;
  /** The tag's GUID (what an item's RetentionTag / ArchiveTag names). */
  readonly retentionId: string;
  /** Days. */
  readonly retentionPeriod: number;
  readonly type: RetentionTagFolder;
  readonly retentionAction: RetentionAction;
  readonly description: string | undefined;
  readonly isVisible: boolean;
  readonly optedInto: boolean;
  readonly isArchive: boolean;
  readonly parentLabelIdentity: string | undefined;
  readonly priority: number | undefined;
}

const folderType = enumKind<RetentionTagFolder>('ElcFolderType', [
  'Calendar',
  'Contacts',
  'DeletedItems',
  'Drafts',
  'Inbox',
  'JunkEmail',
  'Journal',
  'Notes',
  'Outbox',
  'SentItems',
  'Tasks',
  'All',
  'ManagedCustomFolder',
  'RssSubscriptions',
  'SyncIssues',
  'ConversationHistory',
  'Personal',
  'RecoverableItems',
  'NonIpmRoot',
]);
const retentionAction = enumKind<RetentionAction>('RetentionActionType', [
  'None',
  'MoveToDeletedItems',
  'MoveToFolder',
  'DeleteAndAllowRecovery',
  'PermanentlyDelete',
  'MarkAsPastRetentionLimit',
  'MoveToArchive',
]);
// t:GuidType's pattern.
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export function buildGetUserRetentionPolicyTags(): XmlFragment {
  return el('m:GetUserRetentionPolicyTags');
}

function required<T>(value: T | undefined, name: string, index: number): T {
  if (value === undefined)
    throw new EwsProtocolError(`${OPERATION}: tag ${index + 1} has no ${name}`, { operation: OPERATION });
  return value;
}

function readTag(node: XmlNode, index: number): RetentionPolicyTag {
  if (node.name !== 'RetentionPolicyTag')
    throw new EwsProtocolError(`${OPERATION}: RetentionPolicyTags holds <${node.name.slice(0, 64)}>`, {
      operation: OPERATION,
    });
  const where = `${OPERATION}.RetentionPolicyTag[${index}]`;
  const retentionId = required(childText(node, 'RetentionId'), 'RetentionId', index).trim();
  if (!GUID.test(retentionId))
    throw new EwsProtocolError(`${where}.RetentionId: not a GUID`, { operation: OPERATION });
  const flag = (name: string) => required(childValue(node, name, boolean, where), name, index);
  return {
    displayName: required(childText(node, 'DisplayName'), 'DisplayName', index),
    retentionId,
    retentionPeriod: required(childValue(node, 'RetentionPeriod', int, where), 'RetentionPeriod', index),
    type: required(childValue(node, 'Type', folderType, where), 'Type', index),
    retentionAction: required(
      childValue(node, 'RetentionAction', retentionAction, where),
      'RetentionAction',
      index,
    ),
    description: childText(node, 'Description'),
    isVisible: flag('IsVisible'),
    optedInto: flag('OptedInto'),
    isArchive: flag('IsArchive'),
    parentLabelIdentity: childText(node, 'ParentLabelIdentity'),
    priority: childValue(node, 'Priority', int, where),
  };
}

/** The tags of the answer: every required field there and of its type, the count bounded. */
export function readGetUserRetentionPolicyTags(response: EwsResponse): readonly RetentionPolicyTag[] {
  const message = onlyMessage(response);
  const list = requiredChild(message.node, 'RetentionPolicyTags', OPERATION);
  const nodes = list.children;
  if (nodes.length > MAX_RETENTION_TAGS)
    throw new EwsProtocolError(`${OPERATION}: more than ${MAX_RETENTION_TAGS} tags`, {
      operation: OPERATION,
    });
  return nodes.map(readTag);
}
