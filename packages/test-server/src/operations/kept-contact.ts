import type { StoredItem } from '../store/item-model.js';
import type { XmlElement } from '../xml/xml-tree.js';

const text = (element: XmlElement | undefined) => element?.text.trim();

/**
 * A contact's typed data (ResolveNames searches it, FileAs is filed from it) follows its kept
 * properties after an update: names, company, title, first e-mail address and phone number.
 */
export function syncContact(item: StoredItem): void {
  const contact = item.contact;
  const kept = item.properties;
  if (contact === undefined || kept === undefined) return;
  contact.givenName = text(kept['contacts:GivenName']) ?? contact.givenName;
  contact.surname = text(kept['contacts:Surname']) ?? contact.surname;
  contact.displayName = text(kept['contacts:DisplayName']) ?? contact.displayName;
  contact.companyName = text(kept['contacts:CompanyName']) ?? contact.companyName;
  contact.jobTitle = text(kept['contacts:JobTitle']) ?? contact.jobTitle;
  const emails = kept['contacts:EmailAddresses'];
  if (emails !== undefined) contact.emailAddress = text(emails.children[0]);
  const phones = kept['contacts:PhoneNumbers'];
  if (phones !== undefined) contact.phone = text(phones.children[0]);
}
