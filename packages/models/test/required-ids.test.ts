import { describe, expect, it } from 'vitest';
import { FolderModel, fromXml, ItemIdModel, MessageModel, PersonaModel, toXml } from '../src/index.js';
import { AttachmentIdModel } from '../src/properties/attachments.js';
import { errorCodeOf } from './helpers/error-code.js';

// t:ItemIdType, FolderIdType and AttachmentIdType declare Id use="required" (xs:string), and
// Exchange never sends an empty one. An id element without it, or with Id="", names nothing: it is
// a broken answer (EWS_PROTOCOL, naming where), never an id `""` that a later call trips on as the
// caller's mistake.

const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

const CASES = [
  [
    'a Folder FolderId',
    FolderModel,
    (id: string) => `<t:Folder ${T}><t:FolderId ${id}/></t:Folder>`,
    'Folder.FolderId@Id',
  ],
  [
    'a Message ItemId',
    MessageModel,
    (id: string) => `<t:Message ${T}><t:ItemId ${id}/></t:Message>`,
    'Message.ItemId@Id',
  ],
  [
    'a Message ParentFolderId',
    MessageModel,
    (id: string) => `<t:Message ${T}><t:ItemId Id="AAMk="/><t:ParentFolderId ${id}/></t:Message>`,
    'Message.ParentFolderId@Id',
  ],
  [
    'a PersonaId',
    PersonaModel,
    (id: string) => `<t:Persona ${T}><t:PersonaId ${id}/></t:Persona>`,
    'Persona.PersonaId@Id',
  ],
  ['an AttachmentId', AttachmentIdModel, (id: string) => `<t:AttachmentId ${T} ${id}/>`, 'AttachmentId@Id'],
] as const;

describe('id elements are read only with their Id', () => {
  it.each(CASES)('%s with an Id is read', (_, model, xml) => {
    expect(() => fromXml(model, xml('Id="AAMkAGI=" ChangeKey="CQAAAA=="'))).not.toThrow();
  });

  it.each(CASES)('%s with Id="" is refused (EWS_PROTOCOL naming where)', (_, model, xml, where) => {
    expect(errorCodeOf(() => fromXml(model, xml('Id="" ChangeKey="CQAAAA=="')))).toBe('EWS_PROTOCOL');
    expect(() => fromXml(model, xml('Id=""'))).toThrow(`${where}: an id is never empty`);
  });

  it.each(CASES)('%s without its Id is refused, also as an empty element', (_, model, xml, where) => {
    expect(errorCodeOf(() => fromXml(model, xml('ChangeKey="CQAAAA=="')))).toBe('EWS_PROTOCOL');
    expect(() => fromXml(model, xml(''))).toThrow(`${where.replace('@Id', '')}: attribute Id is missing`);
  });

  it('an empty id is refused when written too: the caller gets EWS_INVALID_ARGUMENT', () => {
    expect(errorCodeOf(() => toXml(ItemIdModel, { id: '' }, { version: 'Exchange2016', mode: 'full' }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });
});
