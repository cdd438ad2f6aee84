import {
  child,
  children,
  decodeResponseMessage,
  EwsProtocolError,
  type EwsResponse,
  el,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean, enumKind, fromXml, type InferModel, UserIdModel } from '@ews/models';
import { checkMessage, everyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';

export type DelegateFolderPermissionLevel = 'None' | 'Editor' | 'Reviewer' | 'Author' | 'Custom';

/** t:DelegatePermissionsType; a folder the server leaves out is `None`. */
export interface DelegatePermissions {
  readonly calendar: DelegateFolderPermissionLevel;
  readonly tasks: DelegateFolderPermissionLevel;
  readonly inbox: DelegateFolderPermissionLevel;
  readonly contacts: DelegateFolderPermissionLevel;
  readonly notes: DelegateFolderPermissionLevel;
  readonly journal: DelegateFolderPermissionLevel;
}

export interface DelegateUser {
  readonly userId: InferModel<typeof UserIdModel>;
  readonly permissions: DelegatePermissions;
  readonly receiveCopiesOfMeetingMessages: boolean;
  readonly viewPrivateItems: boolean;
}

export type DeliverMeetingRequests =
  | 'DelegatesOnly'
  | 'DelegatesAndMe'
  | 'DelegatesAndSendInformationToMe'
  | 'NoForward';

export interface GetDelegateResult {
  readonly delegates: readonly DelegateUser[];
  readonly deliverMeetingRequests: DeliverMeetingRequests | undefined;
}

export function buildGetDelegate(
  mailbox: string,
  options: { readonly includePermissions?: boolean } = {},
): XmlFragment {
  return el(
    'm:GetDelegate',
    { IncludePermissions: options.includePermissions ?? true },
    el('m:Mailbox', {}, el('t:EmailAddress', {}, mailbox)),
  );
}

// The schema's enumerations: a value outside them is a broken answer, not `None` or a cast.
const permissionLevel = enumKind<DelegateFolderPermissionLevel>('DelegateFolderPermissionLevelType', [
  'None',
  'Editor',
  'Reviewer',
  'Author',
  'Custom',
]);
const deliverMeetingRequests = enumKind<DeliverMeetingRequests>('DeliverMeetingRequestsType', [
  'DelegatesOnly',
  'DelegatesAndMe',
  'DelegatesAndSendInformationToMe',
  'NoForward',
]);

/** A folder the server leaves out of DelegatePermissions is `None` (all are minOccurs 0). */
function level(node: XmlNode | undefined, name: string): DelegateFolderPermissionLevel {
  return childValue(node, name, permissionLevel, 'DelegatePermissions') ?? 'None';
}

export function readDelegate(node: XmlNode): DelegateUser {
  const userId = child(node, 'UserId');
  // t:DelegateUserType: UserId minOccurs 1; a delegate without it is nobody in particular.
  if (userId === undefined)
    throw new EwsProtocolError('GetDelegate answered a DelegateUser without its UserId', {
      operation: 'GetDelegate',
    });
  const permissions = child(node, 'DelegatePermissions');
  const flag = (name: string) => childValue(node, name, boolean, 'DelegateUser') ?? false;
  return {
    userId: fromXml(UserIdModel, userId),
    permissions: {
      calendar: level(permissions, 'CalendarFolderPermissionLevel'),
      tasks: level(permissions, 'TasksFolderPermissionLevel'),
      inbox: level(permissions, 'InboxFolderPermissionLevel'),
      contacts: level(permissions, 'ContactsFolderPermissionLevel'),
      notes: level(permissions, 'NotesFolderPermissionLevel'),
      journal: level(permissions, 'JournalFolderPermissionLevel'),
    },
    receiveCopiesOfMeetingMessages: flag('ReceiveCopiesOfMeetingMessages'),
    viewPrivateItems: flag('ViewPrivateItems'),
  };
}

/**
 * The mailbox's delegates (an error for any of them is thrown) and where meeting requests go.
 * Without user ids the request fixes no count (one message per delegate); the answer's own
 * ResponseClass (GetDelegateResponse carries one around its messages) is checked too. No
 * ResponseMessages is no delegates; an empty one is refused (the schema requires a message there).
 */
export function readGetDelegate(response: EwsResponse): GetDelegateResult {
  if (response.node.attributes.ResponseClass !== undefined)
    checkMessage(decodeResponseMessage(response.node, 0, 'GetDelegate'), 'GetDelegate');
  const delegates = everyMessage(response, 'optional').flatMap((message) =>
    children(checkMessage(message, 'GetDelegate').node, 'DelegateUser').map(readDelegate),
  );
  return {
    delegates,
    deliverMeetingRequests: childValue(
      response.node,
      'DeliverMeetingRequests',
      deliverMeetingRequests,
      'GetDelegateResponse',
    ),
  };
}
