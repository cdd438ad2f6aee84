// Exchange-shaped answers (as Microsoft's EWS reference shows them: default namespaces on the
// answer, the header Exchange 2013 SP1 writes) for what @ews/test-server does not answer with a
// success: its demo mailboxes have no archive, and it serves no FindPeople.

const HEADER =
  '<s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="0" MajorBuildNumber="847" MinorBuildNumber="31" ' +
  'Version="V2_8" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types" ' +
  'xmlns="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema"/></s:Header>';

/** A whole SOAP answer around `<{operation}Response>` (Microsoft's layout, default namespaces). */
export function exchangeAnswer(operation: string, content: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">${HEADER}` +
    '<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<${operation}Response xmlns="http://schemas.microsoft.com/exchange/services/2006/messages" ` +
    `xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">${content}</${operation}Response>` +
    '</s:Body></s:Envelope>'
  );
}

/** ArchiveItem's answer: one message per item with the archived copy's new id. */
export function archiveItemAnswer(count: number): string {
  const messages = Array.from(
    { length: count },
    (_, index) =>
      '<ArchiveItemResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode>' +
      `<Items><t:Message><t:ItemId Id="AAMkADArchived${index}AAA=" ChangeKey="CQAAABYAAAArchive${index}"/></t:Message></Items>` +
      '</ArchiveItemResponseMessage>',
  ).join('');
  return exchangeAnswer('ArchiveItem', `<ResponseMessages>${messages}</ResponseMessages>`);
}

/** FindPeople's answer as exchangelib's captured one, with three personas (its own has one). */
export function findPeopleAnswer(): string {
  // t:Persona: ArrayOfPeopleType's Persona is of the types namespace, as in Microsoft's FindPeople
  // example (captured from Exchange: `<Persona xmlns="…/types">` inside `<People>`).
  const persona = (id: string, name: string, address: string, score: number) =>
    `<t:Persona><t:PersonaId Id="${id}"/><t:DisplayName>${name}</t:DisplayName>` +
    `<t:EmailAddress><t:Name>${name}</t:Name><t:EmailAddress>${address}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:EmailAddress>` +
    `<t:RelevanceScore>${score}</t:RelevanceScore></t:Persona>`;
  return exchangeAnswer(
    'FindPeople',
    '<ResponseCode>NoError</ResponseCode><People>' +
      persona('AAAA=', 'Foo B. Smith', 'foo@example.com', 2147483647) +
      persona('AAAB=', 'Fob Ørsted &amp; Co', 'fob@example.com', 2147483000) +
      persona('AAAC=', 'Fon Lee', 'fon@example.com', 12) +
      '</People><TotalNumberOfPeopleInView>3</TotalNumberOfPeopleInView>',
  ).replace('<FindPeopleResponse xmlns', '<FindPeopleResponse ResponseClass="Success" xmlns');
}
