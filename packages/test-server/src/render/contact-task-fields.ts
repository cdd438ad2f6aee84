import { STATUS_DESCRIPTION } from '../store/task-progress.js';
import { el, textEl } from '../xml/xml-writer.js';
import { bool, date, type ItemField } from './field-types.js';
import { taskRecurrenceXml } from './recurrence-xml.js';

/** ContactItemType's properties, in schema order. */
export const CONTACT_FIELDS: readonly ItemField[] = [
  {
    uri: 'contacts:FileAs',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) =>
      textEl(
        't:FileAs',
        v.item.contact ? `${v.item.contact.surname}, ${v.item.contact.givenName}` : undefined,
      ),
  },
  {
    uri: 'contacts:DisplayName',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) => textEl('t:DisplayName', v.item.contact?.displayName),
    value: (v) => v.item.contact?.displayName,
  },
  {
    uri: 'contacts:GivenName',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) => textEl('t:GivenName', v.item.contact?.givenName),
    value: (v) => v.item.contact?.givenName,
  },
  {
    uri: 'contacts:CompanyName',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) => textEl('t:CompanyName', v.item.contact?.companyName),
    value: (v) => v.item.contact?.companyName,
  },
  {
    uri: 'contacts:EmailAddresses',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) =>
      v.item.contact?.emailAddress === undefined
        ? undefined
        : el('t:EmailAddresses', null, el('t:Entry', { Key: 'EmailAddress1' }, v.item.contact.emailAddress)),
    value: (v) => v.item.contact?.emailAddress,
  },
  {
    uri: 'contacts:PhoneNumbers',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) =>
      v.item.contact?.phone === undefined
        ? undefined
        : el('t:PhoneNumbers', null, el('t:Entry', { Key: 'BusinessPhone' }, v.item.contact.phone)),
  },
  {
    uri: 'contacts:JobTitle',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) => textEl('t:JobTitle', v.item.contact?.jobTitle),
    value: (v) => v.item.contact?.jobTitle,
  },
  {
    uri: 'contacts:Surname',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) => textEl('t:Surname', v.item.contact?.surname),
    value: (v) => v.item.contact?.surname,
  },
];

/** TaskType's properties, in schema order. */
export const TASK_FIELDS: readonly ItemField[] = [
  {
    uri: 'task:DueDate',
    kinds: ['Task'],
    inDefault: true,
    write: (v) => date('t:DueDate', v.item.task?.dueDate),
    value: (v) => v.item.task?.dueDate,
  },
  {
    uri: 'task:IsComplete',
    kinds: ['Task'],
    inDefault: true,
    write: (v) => bool('t:IsComplete', v.item.task?.status === 'Completed'),
    value: (v) => v.item.task?.status === 'Completed',
  },
  {
    uri: 'task:PercentComplete',
    kinds: ['Task'],
    inDefault: true,
    write: (v) => textEl('t:PercentComplete', v.item.task?.percentComplete),
    value: (v) => v.item.task?.percentComplete,
  },
  {
    uri: 'task:Recurrence',
    kinds: ['Task'],
    inDefault: false,
    getItemOnly: true,
    write: (v) => (v.item.task?.recurrence ? taskRecurrenceXml(v.item.task.recurrence) : undefined),
  },
  {
    uri: 'task:Status',
    kinds: ['Task'],
    inDefault: true,
    write: (v) => textEl('t:Status', v.item.task?.status),
    value: (v) => v.item.task?.status,
  },
  {
    uri: 'task:StatusDescription',
    kinds: ['Task'],
    inDefault: false,
    write: (v) => textEl('t:StatusDescription', v.item.task && STATUS_DESCRIPTION[v.item.task.status]),
    value: (v) => v.item.task && STATUS_DESCRIPTION[v.item.task.status],
  },
];

/** Every field the test server knows, in wire order: ItemType's fields, then each kind's own. */
