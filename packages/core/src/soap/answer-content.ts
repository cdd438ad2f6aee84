import { deferredXmlContentRules, type XmlChildRule, type XmlContentRules } from '../xml/content-rules.js';
import {
  EWS_ERRORS_NAMESPACE,
  EWS_MESSAGES_NAMESPACE,
  EWS_TYPES_NAMESPACE,
  SOAP_ENVELOPE_NAMESPACE,
} from './namespaces.js';
import { answerContentTables } from './operation-responses.generated.js';

/*
 * Where each element of an EWS answer may be, namespace-wise, from the schema (the tables are
 * generated from messages.xsd and types.xsd): what decodeSoapEnvelope reads answers with, so that
 * an element moved to a foreign namespace, or between the messages and types namespaces, is
 * refused instead of reading as absent (a subject that "is not there", a list that is empty).
 *
 * - SOAP 1.1 Envelope: Header, Body and (after Body) namespace-qualified elements of any namespace;
 *   Header: header blocks of any namespace; Body: the answer (messages) or a Fault, whose children
 *   are unqualified (decodeSoapEnvelope and decodeSoapFault check names and order, and refuse a
 *   foreign element in the Body with a message that names it).
 * - messages: children in the messages or types namespace; for an element messages.xsd declares,
 *   each child it declares in the namespace it declares it (a `t:RootFolder` in a
 *   FindItemResponseMessage is refused), and only types-namespace children below an element whose
 *   type is one of types.xsd (`m:Items` holds `t:Message`…).
 * - types: children in the types namespace only (types.xsd refers to no other).
 * - xs:any content (MessageXml, and the few types.xsd elements whose content is xs:any): any
 *   namespace; nothing below a foreign element there is checked (readers skip it).
 */

const MESSAGES = EWS_MESSAGES_NAMESPACE;
const TYPES = EWS_TYPES_NAMESPACE;
const MESSAGES_OR_TYPES = Object.freeze([MESSAGES, TYPES]);
const OPEN: XmlChildRule = Object.freeze({ foreign: true });

/**
 * Where Exchange writes another namespace than its published schema says, and Microsoft's own
 * client (the EWS Managed API, which reads with namespaces checked) reads what Exchange writes:
 * both are allowed there. GetStreamingEvents: `m:Notifications` holds `m:Notification`
 * (GetStreamingEventsResults.LoadFromXml; Microsoft's GetStreamingEvents example), and
 * `m:ErrorSubscriptionIds` holds `m:SubscriptionId` (GetStreamingEventsResponse), where
 * types.xsd's array types have them in the types namespace.
 */
const EXCHANGE_DEVIATIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  Notifications: { Notification: MESSAGES_OR_TYPES },
  ErrorSubscriptionIds: { SubscriptionId: MESSAGES_OR_TYPES },
};

/** The rules of the messages namespace's elements, from the generated tables. */
function messagesElementRules(): Record<string, XmlChildRule> {
  const {
    messagesElementChildren: MESSAGES_ELEMENT_CHILDREN,
    typesContentElements: TYPES_CONTENT_ELEMENTS,
    openContentElements: OPEN_CONTENT_ELEMENTS,
  } = answerContentTables();
  const rules: Record<string, XmlChildRule> = Object.create(null);
  for (const [parent, names] of Object.entries(MESSAGES_ELEMENT_CHILDREN)) {
    const children: Record<string, string> = Object.create(null);
    for (const name of names === '' ? [] : names.split(' ')) {
      if (name.startsWith('t:')) children[name.slice(2)] = TYPES;
      else children[name] = MESSAGES;
    }
    rules[parent] = { namespaces: MESSAGES_OR_TYPES, children };
  }
  for (const name of TYPES_CONTENT_ELEMENTS)
    rules[name] = {
      namespaces: [TYPES],
      children: Object.hasOwn(EXCHANGE_DEVIATIONS, name) ? EXCHANGE_DEVIATIONS[name] : undefined,
    };
  for (const name of OPEN_CONTENT_ELEMENTS.messages) rules[name] = OPEN;
  return rules;
}

function typesElementRules(): Record<string, XmlChildRule> {
  const rules: Record<string, XmlChildRule> = Object.create(null);
  for (const name of answerContentTables().openContentElements.types) rules[name] = OPEN;
  return rules;
}

/**
 * The content rules of an EWS answer (SOAP 1.1 envelope, EWS messages, types and errors). Compiled
 * on the first read that uses them: importing the package does not pay for the tables.
 */
export const EWS_ANSWER_CONTENT: XmlContentRules = deferredXmlContentRules(() => ({
  namespaces: {
    [SOAP_ENVELOPE_NAMESPACE]: { namespaces: [SOAP_ENVELOPE_NAMESPACE, MESSAGES] },
    [MESSAGES]: { namespaces: MESSAGES_OR_TYPES },
    [TYPES]: { namespaces: [TYPES] },
    [EWS_ERRORS_NAMESPACE]: { namespaces: [EWS_ERRORS_NAMESPACE] },
  },
  elements: {
    [SOAP_ENVELOPE_NAMESPACE]: {
      Envelope: OPEN,
      Header: OPEN,
      // The answer or a Fault; decodeSoapEnvelope names what else it finds there.
      Body: { foreign: true, namespaces: [SOAP_ENVELOPE_NAMESPACE, MESSAGES] },
      // faultcode, faultstring, faultactor and detail are unqualified (no namespace).
      Fault: { foreign: true, namespaces: [] },
    },
    [MESSAGES]: messagesElementRules(),
    [TYPES]: typesElementRules(),
  },
}));
