import { EwsInvalidArgumentError, EwsProtocolError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { fromXml, type Persona, PersonaModel } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';

/** Which persona GetPersona reads: by the PersonaId FindPeople gave, or by email address. */
export type PersonaTarget = string | { readonly personaId: string } | { readonly emailAddress: string };

function nonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new EwsInvalidArgumentError(`getPersona needs ${what} (a non-empty string)`);
  return value;
}

export function buildGetPersona(target: PersonaTarget): XmlFragment {
  if (typeof target === 'object' && target !== null && 'emailAddress' in target) {
    const address = nonEmpty(target.emailAddress, 'an email address');
    return el('m:GetPersona', {}, el('m:EmailAddress', {}, el('t:EmailAddress', {}, address)));
  }
  const id = nonEmpty(typeof target === 'string' ? target : target?.personaId, 'a persona id');
  return el('m:GetPersona', {}, el('m:PersonaId', { Id: id }));
}

/**
 * The one persona of a GetPersona answer (GetPersonaResponseMessage carries ResponseClass itself).
 * It must carry a PersonaId, and the one asked for when the request named one.
 */
export function readGetPersona(response: EwsResponse, target: PersonaTarget): Persona {
  const message = onlyMessage(response);
  const persona = fromXml(PersonaModel, requiredChild(message.node, 'Persona', 'GetPersona'));
  const fail = (text: string) => new EwsProtocolError(`GetPersona ${text}`, { operation: 'GetPersona' });
  if (persona.personaId === undefined) throw fail('answered a Persona without its PersonaId');
  const asked = typeof target === 'string' ? target : 'personaId' in target ? target.personaId : undefined;
  if (asked !== undefined && persona.personaId.id !== asked)
    throw fail('answered a different persona than the one asked for');
  return persona;
}
