import { type DistributionGroup, findGroup, type RoomList } from '../directory/directory.js';
import { errorMessage, operationResponse, successMessage } from '../soap/response-messages.js';
import type { StoredItem } from '../store/item-model.js';
import { child, childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlFragment } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { indexedPage, pagingAttrs } from './paging.js';
import { resolveItem } from './resolve-item.js';

/** One member as ExpandDL lists it (t:EmailAddressType). */
interface Member {
  readonly name: string | undefined;
  readonly address: string | undefined;
  readonly routingType: string | undefined;
  readonly mailboxType: string;
  readonly itemId: string | undefined;
}

const noResults = () => new ResponseError('ErrorNameResolutionNoResults', 'No results were found.');

/** A directory address as a member: a mailbox, a group (PublicDL), or an address outside (OneOff). */
function directoryMember(ctx: OperationContext, address: string): Member {
  const mailbox = ctx.state.mailbox(address);
  if (mailbox !== undefined)
    return {
      name: mailbox.name,
      address: mailbox.address,
      routingType: 'SMTP',
      mailboxType: 'Mailbox',
      itemId: undefined,
    };
  const group = findGroup(ctx.state.directory, address);
  if (group !== undefined)
    return {
      name: group.name,
      address: group.address,
      routingType: 'SMTP',
      mailboxType: 'PublicDL',
      itemId: undefined,
    };
  return { name: undefined, address, routingType: 'SMTP', mailboxType: 'OneOff', itemId: undefined };
}

function publicMembers(ctx: OperationContext, list: RoomList | DistributionGroup): Member[] {
  const addresses = 'rooms' in list ? list.rooms : list.members;
  return addresses.map((address) => directoryMember(ctx, address));
}

/** A private list's members as CreateItem/UpdateItem kept them (t:MembersListType). */
function privateMembers(item: StoredItem): Member[] {
  const members = item.properties?.['distributionlist:Members'];
  return childrenNamed(members, 'Member').flatMap((member) => {
    const mailbox = child(member, 'Mailbox');
    if (mailbox === undefined) return [];
    const itemId = child(mailbox, 'ItemId')?.attrs.Id;
    const address = childText(mailbox, 'EmailAddress');
    const type = childText(mailbox, 'MailboxType') ?? (itemId === undefined ? 'OneOff' : 'Contact');
    return [
      {
        name: childText(mailbox, 'Name'),
        address,
        routingType: childText(mailbox, 'RoutingType') ?? (address === undefined ? undefined : 'SMTP'),
        mailboxType: type,
        itemId,
      },
    ];
  });
}

function membersOf(ctx: OperationContext, mailbox: XmlElement | undefined): Member[] {
  const itemIdEl = child(mailbox, 'ItemId');
  if (itemIdEl !== undefined) {
    const { view } = resolveItem(ctx, itemIdEl);
    // A private list is a t:DistributionList item; any other item is not a list to expand.
    if (view.item.kind !== 'DistributionList') throw noResults();
    return privateMembers(view.item);
  }
  const address = childText(mailbox, 'EmailAddress')?.trim() ?? '';
  const wanted = address.toLowerCase();
  const list =
    ctx.state.directory.roomLists.find((l) => l.address.toLowerCase() === wanted) ??
    findGroup(ctx.state.directory, address);
  if (list === undefined) throw noResults();
  return publicMembers(ctx, list);
}

function memberXml(member: Member): XmlFragment {
  return el(
    't:Mailbox',
    null,
    textEl('t:Name', member.name),
    textEl('t:EmailAddress', member.address),
    textEl('t:RoutingType', member.routingType),
    textEl('t:MailboxType', member.mailboxType),
    member.itemId === undefined ? undefined : el('t:ItemId', { Id: member.itemId }),
  );
}

/**
 * ExpandDL: one level of a public list (a room list or a directory group, by address) or of a
 * private list (a t:DistributionList in a contacts folder, by ItemId). Nested lists appear as
 * members of type PublicDL or PrivateDL; the caller expands them if it wants to.
 */
export const expandDL: OperationHandler = (ctx, request) => {
  try {
    const members = membersOf(ctx, child(request, 'Mailbox'));
    const page = indexedPage(members, undefined);
    return operationResponse('ExpandDL', [
      successMessage(
        'ExpandDLResponseMessage',
        el('m:DLExpansion', pagingAttrs(page), page.items.map(memberXml)),
      ),
    ]);
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return operationResponse('ExpandDL', [errorMessage('ExpandDLResponseMessage', error)]);
  }
};
