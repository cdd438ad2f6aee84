import { dateTime } from '../kinds/date-time.js';
import { enumKind } from '../kinds/enum-kind.js';
import { listOf } from '../kinds/list-kinds.js';
import { modelKind } from '../kinds/model-kind.js';
import { boolean, text } from '../kinds/scalar-kinds.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';
import { MailboxModel } from './mailbox.js';
import { itemId } from './property-kinds.js';
import { simpleContent } from './simple-content.js';

/** t:CompleteNameType: a contact's name parts, as the server composes them (read-only). */
export const CompleteNameModel = defineModel({
  name: 'CompleteName',
  xmlName: 'CompleteName',
  fields: (
    [
      ['title', 'Title'],
      ['firstName', 'FirstName'],
      ['middleName', 'MiddleName'],
      ['lastName', 'LastName'],
      ['suffix', 'Suffix'],
      ['initials', 'Initials'],
      ['fullName', 'FullName'],
      ['nickname', 'Nickname'],
      ['yomiFirstName', 'YomiFirstName'],
      ['yomiLastName', 'YomiLastName'],
    ] as const
  ).map(([name, xmlName]) => field(name, text, { xmlName })),
});
export type CompleteName = InferModel<typeof CompleteNameModel>;

/** t:EffectiveRightsType: what the caller may do with an item or folder. */
export const EffectiveRightsModel = defineModel({
  name: 'EffectiveRights',
  xmlName: 'EffectiveRights',
  fields: [
    field('createAssociated', boolean, { xmlName: 'CreateAssociated', flags: { required: true } }),
    field('createContents', boolean, { xmlName: 'CreateContents', flags: { required: true } }),
    field('createHierarchy', boolean, { xmlName: 'CreateHierarchy', flags: { required: true } }),
    field('delete', boolean, { xmlName: 'Delete', flags: { required: true } }),
    field('modify', boolean, { xmlName: 'Modify', flags: { required: true } }),
    field('read', boolean, { xmlName: 'Read', flags: { required: true } }),
    field('viewPrivateItems', boolean, { xmlName: 'ViewPrivateItems' }),
  ],
});
export type EffectiveRights = InferModel<typeof EffectiveRightsModel>;

/** t:ReminderMessageDataType: what a reminder message is about (Exchange 2013 SP1+). */
export const ReminderMessageDataModel = defineModel({
  name: 'ReminderMessageData',
  xmlName: 'ReminderMessageData',
  fields: [
    field('reminderText', text, { xmlName: 'ReminderText' }),
    field('location', text, { xmlName: 'Location' }),
    field('startTime', dateTime, { xmlName: 'StartTime' }),
    field('endTime', dateTime, { xmlName: 'EndTime' }),
    field('associatedCalendarItemId', itemId, { xmlName: 'AssociatedCalendarItemId' }),
  ],
});
export type ReminderMessageData = InferModel<typeof ReminderMessageDataModel>;

/** One t:InternetHeaderType: `<t:InternetMessageHeader HeaderName="X-Mailer">…</…>`. */
export interface InternetMessageHeader {
  readonly name: string;
  readonly value: string;
}
/** t:NonEmptyArrayOfInternetHeadersType (Item.InternetMessageHeaders). */
export const internetMessageHeaders = listOf(
  simpleContent<InternetMessageHeader>('InternetMessageHeader', [
    { name: 'name', xmlName: 'HeaderName', kind: text, required: true },
  ]),
  'InternetMessageHeader',
);

export const memberStatus = enumKind('MemberStatus', ['Unrecognized', 'Normal', 'Demoted']);
/** t:MemberType: one entry of a distribution list. */
export const DistributionListMemberModel = defineModel({
  name: 'DistributionListMember',
  xmlName: 'Member',
  fields: [
    field('key', text, { xmlName: 'Key', flags: { attribute: true } }),
    field('mailbox', modelKind(MailboxModel), { xmlName: 'Mailbox' }),
    field('status', memberStatus, { xmlName: 'Status' }),
  ],
});
export type DistributionListMember = InferModel<typeof DistributionListMemberModel>;
/** t:MembersListType (DistributionList.Members). */
export const distributionListMembers = listOf(modelKind(DistributionListMemberModel), 'Member');

export const completeName = modelKind(CompleteNameModel);
export const effectiveRights = modelKind(EffectiveRightsModel);
export const reminderMessageData = modelKind(ReminderMessageDataModel);
