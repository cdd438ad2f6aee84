import { base64 } from '../kinds/base64.js';
import { listOf, wrapped } from '../kinds/list-kinds.js';
import { modelKind } from '../kinds/model-kind.js';
import { text } from '../kinds/scalar-kinds.js';
import { AttendeeModel } from './attendee.js';
import { ItemIdModel } from './item-id.js';
import { MailboxModel } from './mailbox.js';

/** t:ArrayOfStringsType (Categories, Companies, Children): `<t:String>` children. */
export const stringList = listOf(text, 'String');
/** t:ArrayOfBinaryType (certificates): `<t:Base64Binary>` children. */
export const binaryList = listOf(base64, 'Base64Binary');
/** `<t:ItemId Id="…" ChangeKey="…"/>` (also FolderId-shaped ParentFolderId). */
export const itemId = modelKind(ItemIdModel);
export const mailbox = modelKind(MailboxModel);
/** t:SingleRecipientType: From, Sender, Organizer. */
export const singleMailbox = wrapped(mailbox, 'Mailbox');
/** t:ArrayOfRecipientsType: ToRecipients, CcRecipients, BccRecipients, ReplyTo. */
export const mailboxList = listOf(mailbox, 'Mailbox');
/** t:NonEmptyArrayOfAttendeesType: RequiredAttendees, OptionalAttendees, Resources. */
export const attendeeList = listOf(modelKind(AttendeeModel), 'Attendee');
