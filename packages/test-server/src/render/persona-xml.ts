import type { PersonaRecord } from '../directory/personas.js';
import { el, textEl, type XmlContent, type XmlFragment } from '../xml/xml-writer.js';
import { formatDateTime } from './values.js';

/** What a persona is rendered with: FindPeople's default shape, or GetPersona's whole persona. */
export type PersonaDetail = 'default' | 'full';

// Attribution ids are local to one persona: its one source is "0".
const ATTRIBUTION = '0';
// The directory has no item id; Exchange names its GAL source with an id of its own.
const DIRECTORY_SOURCE_ID = 'AAMkADdirectory';

function emailAddress(name: string, persona: PersonaRecord): XmlContent {
  if (persona.emailAddress === undefined) return undefined;
  return el(
    name,
    null,
    textEl('t:Name', persona.displayName),
    textEl('t:EmailAddress', persona.emailAddress),
    textEl('t:RoutingType', 'SMTP'),
    textEl('t:MailboxType', persona.mailboxType),
  );
}

function attributed(arrayName: string, valueName: string, value: XmlContent | undefined): XmlContent {
  if (value === undefined) return undefined;
  return el(
    arrayName,
    null,
    el(valueName, null, value, el('t:Attributions', null, textEl('t:Attribution', ATTRIBUTION))),
  );
}

function attributedString(arrayName: string, value: string | undefined): XmlContent {
  return value === undefined
    ? undefined
    : attributed(arrayName, 't:StringAttributedValue', textEl('t:Value', value));
}

function phone(number: string): XmlContent[] {
  return [textEl('t:Number', number), textEl('t:Type', 'Business')];
}

/** The persona's one attribution (t:PersonaAttributionType): where its values came from. */
function attributions(persona: PersonaRecord): XmlFragment {
  const source = persona.source;
  return el(
    't:Attributions',
    null,
    el(
      't:Attribution',
      null,
      textEl('t:Id', ATTRIBUTION),
      el('t:SourceId', { Id: source.kind === 'store' ? source.itemId : DIRECTORY_SOURCE_ID }),
      textEl('t:DisplayName', source.kind === 'store' ? 'Outlook' : 'GAL'),
      textEl('t:IsWritable', source.kind === 'store'),
      textEl('t:IsQuickContact', false),
      textEl('t:IsHidden', false),
      source.kind === 'store' ? el('t:FolderId', { Id: source.folderId }) : undefined,
    ),
  );
}

/** t:Persona in types.xsd order; `full` adds the attributed values GetPersona returns. */
export function personaXml(persona: PersonaRecord, detail: PersonaDetail, name = 't:Persona'): XmlFragment {
  const lastFirst =
    persona.surname === undefined
      ? persona.displayName
      : `${persona.surname}, ${persona.givenName ?? ''}`.trim();
  const full = detail === 'full';
  return el(
    name,
    null,
    el('t:PersonaId', { Id: persona.id }),
    textEl('t:PersonaType', persona.personaType),
    textEl('t:CreationTime', persona.creationTime && formatDateTime(persona.creationTime)),
    textEl('t:DisplayNameFirstLastSortKey', persona.displayName),
    textEl('t:DisplayNameLastFirstSortKey', lastFirst),
    textEl('t:CompanyNameSortKey', persona.companyName),
    textEl('t:DisplayName', persona.displayName),
    textEl('t:DisplayNameFirstLast', persona.displayName),
    textEl('t:DisplayNameLastFirst', lastFirst),
    textEl('t:FileAs', lastFirst),
    textEl('t:GivenName', persona.givenName),
    textEl('t:Surname', persona.surname),
    textEl('t:Title', persona.title),
    textEl('t:Department', persona.department),
    textEl('t:CompanyName', persona.companyName),
    emailAddress('t:EmailAddress', persona),
    persona.emailAddress === undefined
      ? undefined
      : el('t:EmailAddresses', null, emailAddress('t:Address', persona)),
    persona.businessPhone === undefined ? undefined : el('t:PhoneNumber', null, phone(persona.businessPhone)),
    full ? attributions(persona) : undefined,
    full ? attributedString('t:DisplayNames', persona.displayName) : undefined,
    full ? attributedString('t:GivenNames', persona.givenName) : undefined,
    full ? attributedString('t:Surnames', persona.surname) : undefined,
    full && persona.businessPhone !== undefined
      ? attributed(
          't:BusinessPhoneNumbers',
          't:PhoneNumberAttributedValue',
          el('t:Value', null, phone(persona.businessPhone)),
        )
      : undefined,
    full
      ? attributed('t:Emails1', 't:EmailAddressAttributedValue', emailAddress('t:Value', persona))
      : undefined,
    full ? attributedString('t:Titles', persona.title) : undefined,
    full ? attributedString('t:Departments', persona.department) : undefined,
    full ? attributedString('t:CompanyNames', persona.companyName) : undefined,
  );
}
