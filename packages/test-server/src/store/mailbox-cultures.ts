/**
 * Folder display names in a mailbox's language, by folder tree key (distinguished-folders.ts).
 * Exchange names the default folders in the mailbox's language when the mailbox is first opened
 * (Set-MailboxRegionalConfiguration -LocalizeDefaultFolderName). Source: the names exchangelib 4.9
 * recorded from real servers (folders/known_folders.py, LOCALIZED_NAMES); folders it has no name for
 * keep their English name here — the table holds only what a source gives.
 */
const CULTURE_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'en-US': {},
  'da-DK': {
    msgfolderroot: 'Informationslagerets øverste niveau',
    calendar: 'Kalender',
    contacts: 'Kontaktpersoner',
    companies: 'Firmaer',
    conversationactionsettings: 'Indstillinger for samtalehandlinger',
    deleteditems: 'Slettet post',
    drafts: 'Kladder',
    files: 'Filer',
    inbox: 'Indbakke',
    junkemail: 'Uønsket e-mail',
    notes: 'Noter',
    outbox: 'Udbakke',
    reminders: 'Påmindelser',
    sentitems: 'Sendt post',
    tasks: 'Opgaver',
  },
  'de-DE': {
    calendar: 'Kalender',
    contacts: 'Kontakte',
    deleteditems: 'Gelöschte Elemente',
    drafts: 'Entwürfe',
    inbox: 'Posteingang',
    junkemail: 'Junk-E-Mail',
    outbox: 'Postausgang',
    sentitems: 'Gesendete Elemente',
    tasks: 'Aufgaben',
  },
  'es-ES': {
    calendar: 'Calendario',
    contacts: 'Contactos',
    deleteditems: 'Elementos eliminados',
    drafts: 'Borradores',
    inbox: 'Bandeja de entrada',
    junkemail: 'Correo no deseado',
    outbox: 'Bandeja de salida',
    sentitems: 'Elementos enviados',
    tasks: 'Tareas',
  },
  'fr-CA': {
    calendar: 'Calendrier',
    contacts: 'Contacts',
    deleteditems: 'Éléments supprimés',
    drafts: 'Brouillons',
    inbox: 'Boîte de réception',
    junkemail: 'Courrier indésirables',
    outbox: "Boîte d'envoi",
    sentitems: 'Éléments envoyés',
    tasks: 'Tâches',
  },
  'nl-NL': {
    calendar: 'Agenda',
    contacts: 'Contactpersonen',
    deleteditems: 'Verwijderde items',
    drafts: 'Concepten',
    inbox: 'Postvak IN',
    junkemail: 'Ongewenste e-mail',
    outbox: 'Postvak UIT',
    sentitems: 'Verzonden items',
    tasks: 'Taken',
  },
  'sv-SE': {
    calendar: 'Kalender',
    contacts: 'Kontakter',
    deleteditems: 'Borttaget',
    drafts: 'Utkast',
    inbox: 'Inkorgen',
    junkemail: 'Skräppost',
    outbox: 'Utkorgen',
    sentitems: 'Skickat',
    tasks: 'Uppgifter',
  },
};

/** The cultures `culture` accepts. */
export const MAILBOX_CULTURES: readonly string[] = Object.keys(CULTURE_NAMES);

export type MailboxCulture = string;

/** The display name of tree row `key` in `culture`, or `english` when the table has none. */
export function localizedFolderName(culture: MailboxCulture, key: string, english: string): string {
  return CULTURE_NAMES[culture]?.[key] ?? english;
}

export function isMailboxCulture(culture: string): boolean {
  return Object.hasOwn(CULTURE_NAMES, culture);
}
