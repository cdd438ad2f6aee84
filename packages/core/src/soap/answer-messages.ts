import {
  ANSWER_MESSAGES,
  type AnswerMessages,
  answerContentTables,
} from './operation-responses.generated.js';

/** Built on first use, as the table it comes from: importing the package does not pay for it. */
let responseMessageNames: ReadonlySet<string> | undefined;

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
  responseMessageNames ??= new Set(answerContentTables().responseMessageElements);
  return responseMessageNames.has(name);
}
