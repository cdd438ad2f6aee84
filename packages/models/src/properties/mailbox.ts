import { enumKind } from '../kinds/enum-kind.js';
import { modelKind } from '../kinds/model-kind.js';
import { text } from '../kinds/scalar-kinds.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';
import { ItemIdModel } from './item-id.js';

/** types.xsd MailboxTypeType. */
export const mailboxType = enumKind('MailboxType', [
  'Unknown',
  'OneOff',
  'Mailbox',
  'PublicDL',
  'PrivateDL',
  'Contact',
  'PublicFolder',
  'GroupMailbox',
  'ImplicitContact',
  'User',
]);

/** t:EmailAddressType: a sender, recipient or organizer. */
export const MailboxModel = defineModel({
  name: 'Mailbox',
  xmlName: 'Mailbox',
  fields: [
    field('name', text, { xmlName: 'Name' }),
    field('emailAddress', text, { xmlName: 'EmailAddress' }),
    field('routingType', text, { xmlName: 'RoutingType' }),
    field('mailboxType', mailboxType, { xmlName: 'MailboxType' }),
    field('itemId', modelKind(ItemIdModel), { xmlName: 'ItemId' }),
    field('originalDisplayName', text, { xmlName: 'OriginalDisplayName', minVersion: 'Exchange2013' }),
  ],
});

export type Mailbox = InferModel<typeof MailboxModel>;
