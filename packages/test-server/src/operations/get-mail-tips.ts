import type { DirectoryMailbox, RoomList } from '../directory/directory.js';
import { formatDateTime } from '../render/values.js';
import { NS } from '../soap/namespaces.js';
import { successMessage, successParts } from '../soap/response-messages.js';
import type { OofSettings } from '../store/mailbox-store.js';
import { child, childText, descend } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import type { OperationContext, OperationHandler } from './operation-context.js';

// Exchange's default message size limit (10 MB), reported as MaxMessageSize.
const MAX_MESSAGE_SIZE = 10 * 1024 * 1024;

type Tip =
  | 'OutOfOfficeMessage'
  | 'MailboxFullStatus'
  | 'CustomMailTip'
  | 'ExternalMemberCount'
  | 'TotalMemberCount'
  | 'MaxMessageSize'
  | 'DeliveryRestriction'
  | 'ModerationStatus'
  | 'InvalidRecipient';

// What `All` means here: every tip this server computes (Scope and suggestions are left out).
const ALL_TIPS: readonly Tip[] = [
  'OutOfOfficeMessage',
  'MailboxFullStatus',
  'CustomMailTip',
  'ExternalMemberCount',
  'TotalMemberCount',
  'MaxMessageSize',
  'DeliveryRestriction',
  'ModerationStatus',
  'InvalidRecipient',
];

type Recipient =
  | { readonly kind: 'mailbox'; readonly mailbox: DirectoryMailbox }
  | { readonly kind: 'list'; readonly list: RoomList }
  | { readonly kind: 'unknown'; readonly address: string };

function requestedTips(text: string | undefined): ReadonlySet<Tip> {
  const names = (text ?? '').trim().split(/\s+/);
  if (names.includes('All')) return new Set(ALL_TIPS);
  return new Set(ALL_TIPS.filter((tip) => names.includes(tip)));
}

function findRecipient(ctx: OperationContext, address: string): Recipient {
  const mailbox = ctx.state.mailbox(address);
  if (mailbox !== undefined) return { kind: 'mailbox', mailbox };
  const wanted = address.toLowerCase();
  const list = ctx.state.directory.roomLists.find((l) => l.address.toLowerCase() === wanted);
  return list === undefined ? { kind: 'unknown', address } : { kind: 'list', list };
}

function recipientAddress(recipient: Recipient): XmlContent {
  const [name, address, type] =
    recipient.kind === 'mailbox'
      ? [recipient.mailbox.name, recipient.mailbox.address, 'Mailbox']
      : recipient.kind === 'list'
        ? [recipient.list.name, recipient.list.address, 'PublicDL']
        : [undefined, recipient.address, undefined];
  return el(
    't:RecipientAddress',
    null,
    textEl('t:Name', name),
    textEl('t:EmailAddress', address),
    textEl('t:RoutingType', 'SMTP'),
    textEl('t:MailboxType', type),
  );
}

/** The automatic reply a sender would get now; Exchange sends an empty ReplyBody when none is active. */
function outOfOffice(oof: OofSettings, now: Date, internalSender: boolean): XmlContent {
  const scheduledNow =
    oof.state === 'Scheduled' &&
    oof.start !== undefined &&
    oof.end !== undefined &&
    oof.start <= now &&
    now < oof.end;
  const active = oof.state === 'Enabled' || scheduledNow;
  const message = !active
    ? undefined
    : internalSender
      ? oof.internalReply
      : oof.externalAudience === 'All'
        ? oof.externalReply
        : undefined;
  return el(
    't:OutOfOffice',
    null,
    el('t:ReplyBody', null, message ? textEl('t:Message', message) : el('t:Message', null)),
    scheduledNow && message && oof.start !== undefined && oof.end !== undefined
      ? el(
          't:Duration',
          null,
          textEl('t:StartTime', formatDateTime(oof.start)),
          textEl('t:EndTime', formatDateTime(oof.end)),
        )
      : undefined,
  );
}

// Rooms carry a custom tip (as Exchange admins commonly set one); people have none.
function customTip(mailbox: DirectoryMailbox): string {
  return mailbox.kind === 'room' && mailbox.capacity !== undefined
    ? `${mailbox.name} is a meeting room for ${mailbox.capacity} people.`
    : '';
}

function mailTips(
  ctx: OperationContext,
  recipient: Recipient,
  tips: ReadonlySet<Tip>,
  internalSender: boolean,
): XmlContent {
  // Only the requested tips that apply to this kind of recipient are returned.
  const want = (applies: unknown, tip: Tip, content: () => XmlContent) =>
    applies && tips.has(tip) ? content() : undefined;
  const known = recipient.kind !== 'unknown';
  const mailbox = recipient.kind === 'mailbox' ? recipient.mailbox : undefined;
  const store = mailbox === undefined ? undefined : ctx.state.storeFor(mailbox.address);
  const domain = `@${ctx.state.directory.domain.toLowerCase()}`;
  const members = recipient.kind === 'list' ? recipient.list.rooms : mailbox ? [mailbox.address] : [];
  const external = members.filter((a) => !a.toLowerCase().endsWith(domain)).length;
  return el(
    'm:MailTips',
    null,
    recipientAddress(recipient),
    el('t:PendingMailTips', null),
    want(store, 'OutOfOfficeMessage', () => store && outOfOffice(store.oof, ctx.now, internalSender)),
    want(mailbox, 'MailboxFullStatus', () => textEl('t:MailboxFull', false)),
    want(mailbox, 'CustomMailTip', () => mailbox && textEl('t:CustomMailTip', customTip(mailbox))),
    want(known, 'TotalMemberCount', () => textEl('t:TotalMemberCount', members.length)),
    want(known, 'ExternalMemberCount', () => textEl('t:ExternalMemberCount', external)),
    want(known, 'MaxMessageSize', () => textEl('t:MaxMessageSize', MAX_MESSAGE_SIZE)),
    want(known, 'DeliveryRestriction', () => textEl('t:DeliveryRestricted', false)),
    want(known, 'ModerationStatus', () => textEl('t:IsModerated', false)),
    want(true, 'InvalidRecipient', () => textEl('t:InvalidRecipient', !known)),
  );
}

/**
 * GetMailTips: per recipient what Outlook shows before sending — the automatic reply (from the
 * mailbox's OOF settings), member counts for distribution lists (the room lists), size limits,
 * and InvalidRecipient for addresses the directory does not know.
 */
export const getMailTips: OperationHandler = (ctx, request) => {
  const sender = childText(child(request, 'SendingAs'), 'EmailAddress')?.trim() ?? ctx.actor.address;
  const internalSender = ctx.state.mailbox(sender) !== undefined;
  const tips = requestedTips(childText(request, 'MailTipsRequested'));
  const messages = (child(request, 'Recipients')?.children ?? []).map((entry) => {
    const address = descend(entry, 'EmailAddress')?.text.trim() ?? '';
    return successMessage(
      'MailTipsResponseMessageType',
      mailTips(ctx, findRecipient(ctx, address), tips, internalSender),
    );
  });
  return el(
    'm:GetMailTipsResponse',
    { ResponseClass: 'Success', 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
    successParts(el('m:ResponseMessages', null, messages)),
  );
};
