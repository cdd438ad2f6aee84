import {
  ANSWER_MESSAGES,
  type AnswerMessages,
  RESPONSE_MESSAGE_ELEMENTS,
} from './operation-responses.generated.js';

const RESPONSE_MESSAGE_NAMES: ReadonlySet<string> = new Set(RESPONSE_MESSAGE_ELEMENTS);

/**
 * Where the answer element `element` (a local name of the messages namespace) has its
 * ResponseMessages and what they are called, as messages.xsd says; undefined for an element the
 * schema does not declare as an answer.
 */
export function answerMessagesOf(element: string): AnswerMessages | undefined {
  return Object.hasOwn(ANSWER_MESSAGES, element) ? ANSWER_MESSAGES[element] : undefined;
}

/** Whether messages.xsd declares an element named `name` with a ResponseMessage type. */
export function isResponseMessageElement(name: string): boolean {
  return RESPONSE_MESSAGE_NAMES.has(name);
}
