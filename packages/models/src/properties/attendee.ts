import { responseType } from '../generated/item-enums.js';
import { dateTime } from '../kinds/date-time.js';
import { modelKind } from '../kinds/model-kind.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';
import { MailboxModel } from './mailbox.js';

/** t:AttendeeType: a meeting attendee and how they answered. */
export const AttendeeModel = defineModel({
  name: 'Attendee',
  xmlName: 'Attendee',
  fields: [
    field('mailbox', modelKind(MailboxModel), { xmlName: 'Mailbox', flags: { required: true } }),
    field('responseType', responseType, { xmlName: 'ResponseType' }),
    // The server records these; a client has nothing to say in them.
    field('lastResponseTime', dateTime, { xmlName: 'LastResponseTime', flags: { readOnly: true } }),
    field('proposedStart', dateTime, {
      xmlName: 'ProposedStart',
      minVersion: 'Exchange2013',
      flags: { readOnly: true },
    }),
    field('proposedEnd', dateTime, {
      xmlName: 'ProposedEnd',
      minVersion: 'Exchange2013',
      flags: { readOnly: true },
    }),
  ],
});

export type Attendee = InferModel<typeof AttendeeModel>;
