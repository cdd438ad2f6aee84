// Writes src/soap/operation-responses.generated.ts from the vendored EWS schema
// (tools/ews-schema/schema): for every operation of services.wsdl, the element its answer's SOAP
// Body holds (the operation's output message → that message's part element, checked to be
// declared in messages.xsd; most are `{Operation}Response`, a few are not: GetPersona answers
// `GetPersonaResponseMessage`); for every answer element, where its ResponseMessages are and what
// they are called (messages.xsd); and in which namespace each element of an answer may have its
// children (messages.xsd and types.xsd, see answer-schema.mjs).
// Run: node packages/core/scripts/generate-operation-responses.mjs   (add --check to only compare)
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  answerContent,
  answerMessages,
  readAnswerSchema,
  responseMessageElements,
} from './answer-schema.mjs';

const schemaDirectory = new URL('../../../tools/ews-schema/schema/', import.meta.url);
const outputUrl = new URL('../src/soap/operation-responses.generated.ts', import.meta.url);

/** `{ operation, element }` for each wsdl:operation of the port type, sorted by operation. */
export function operationResponses(wsdl, messagesXsd) {
  const portType = /<wsdl:portType\b[^>]*>([\s\S]*?)<\/wsdl:portType>/.exec(wsdl)?.[1];
  if (portType === undefined) throw new Error('no wsdl:portType in services.wsdl');
  const parts = new Map();
  for (const [, name, body] of wsdl.matchAll(/<wsdl:message\s+name="(\w+)"\s*>([\s\S]*?)<\/wsdl:message>/g)) {
    const elements = [...body.matchAll(/<wsdl:part\s+name="\w+"\s+element="tns:(\w+)"\s*\/>/g)].map(
      (m) => m[1],
    );
    parts.set(name, elements);
  }
  const declared = new Set([...messagesXsd.matchAll(/<xs:element\s+name="(\w+)"/g)].map((m) => m[1]));
  const rows = [];
  // `name ="FindConversation"`: the wsdl spaces some attributes, so `=` may have blanks around it.
  const operations = [
    ...portType.matchAll(/<wsdl:operation\s+name\s*=\s*"(\w+)"\s*>([\s\S]*?)<\/wsdl:operation>/g),
  ];
  // Every operation element is read, or the generator stops: a form the pattern misses is never dropped.
  const opened = portType.match(/<wsdl:operation\b/g)?.length ?? 0;
  if (operations.length !== opened)
    throw new Error(`the port type has ${opened} wsdl:operation elements, ${operations.length} were read`);
  for (const [, operation, body] of operations) {
    const output = /<wsdl:output\s+message="tns:(\w+)"\s*\/>/.exec(body)?.[1];
    if (output === undefined) throw new Error(`${operation} has no output message`);
    const elements = parts.get(output);
    if (elements === undefined || elements.length !== 1) {
      throw new Error(`${operation}'s output message ${output} must have exactly one part`);
    }
    const [element] = elements;
    if (!declared.has(element))
      throw new Error(`${operation} answers ${element}, which messages.xsd does not declare`);
    rows.push({ operation, element });
  }
  if (new Set(rows.map((row) => row.operation)).size !== rows.length)
    throw new Error('an operation is listed twice');
  return rows.sort((a, b) => (a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : 0));
}

/**
 * The push-notification body Exchange posts to a subscriber (NotificationService's WSDL, not
 * vendored): not an operation of services.wsdl, but an answer a reader reads all the same.
 */
const OTHER_ANSWER_ELEMENTS = [{ operation: 'SendNotification', element: 'SendNotification' }];

/**
 * Operations whose ResponseMessages messages.xsd does not name: ArrayOfResponseMessagesType has no
 * `{Operation}ResponseMessage` for them, so their list may hold any ResponseMessage element.
 */
const UNNAMED_MESSAGES = new Set(['SetUserPhoto']);

/** Everything the generated file holds, from the three schema files. */
export function generatedTables(wsdl, messagesXsd, typesXsd) {
  const rows = operationResponses(wsdl, messagesXsd);
  const schema = readAnswerSchema(messagesXsd, typesXsd);
  const answers = [...rows, ...OTHER_ANSWER_ELEMENTS];
  const messages = answers.map(({ operation, element }) => ({
    element,
    ...answerMessages(schema, operation, element, UNNAMED_MESSAGES.has(operation)),
  }));
  const content = answerContent(
    schema,
    answers.map((answer) => answer.element),
  );
  return { rows, messages, responseMessages: responseMessageElements(schema), content };
}

const sorted = (items) => [...items].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * A JSON text as a single-quoted TypeScript string, on its own line as the formatter writes it.
 * The tables are JSON text, not object literals: V8 reads JSON for a fraction of what it pays to
 * compile a literal, and importing the package pays for what it compiles (cold start, issue 16).
 */
const jsonText = (value, indent) =>
  `${indent}'${JSON.stringify(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}',`;

export function render({ rows, messages, responseMessages, content }) {
  const irregular = rows
    .filter((row) => row.element !== `${row.operation}Response`)
    .map((row) => row.operation);
  const answerMessages = Object.fromEntries(
    messages.map(({ element, self, list, single }) => [
      element,
      {
        ...(self ? { self: true } : {}),
        ...(list === undefined ? {} : { list: { names: list.names, required: list.required } }),
        ...(single === undefined ? {} : { single: { required: single.required } }),
      },
    ]),
  );
  const children = Object.fromEntries(
    sorted(content.children.keys()).map((parent) => [
      parent,
      sorted(content.children.get(parent).keys())
        .flatMap((name) =>
          sorted(content.children.get(parent).get(name)).map((ns) => (ns === 'm' ? name : `t:${name}`)),
        )
        .join(' '),
    ]),
  );
  const answerContent = {
    responseMessageElements: responseMessages,
    messagesElementChildren: children,
    typesContentElements: sorted(content.typesContent),
    openContentElements: { messages: sorted(content.openMessages), types: sorted(content.openTypes) },
  };
  const lines = [
    '// Generated by packages/core/scripts/generate-operation-responses.mjs from',
    '// tools/ews-schema/schema/services.wsdl, messages.xsd and types.xsd. Do not edit by hand.',
    '// The tables are JSON text: V8 reads JSON for a fraction of what it pays to compile an object',
    '// literal, and every import of the package would pay that (cold start).',
    '',
    '/**',
    " * Every operation of services.wsdl → the element (in the EWS messages namespace) its answer's",
    ` * SOAP Body holds. ${rows.length} operations; not \`{Operation}Response\`: ${irregular.join(', ')}.`,
    ' */',
    'export const OPERATION_RESPONSE_ELEMENTS: {',
    ...rows.map((row) => `  readonly ${row.operation}: '${row.element}';`),
    '} = Object.freeze(',
    '  JSON.parse(',
    jsonText(Object.fromEntries(rows.map((row) => [row.operation, row.element])), '    '),
    '  ),',
    ');',
    '',
    '/** An operation services.wsdl defines, e.g. `GetItem`. */',
    'export type EwsOperation = keyof typeof OPERATION_RESPONSE_ELEMENTS;',
    '',
    '/** Where an answer element has its ResponseMessages (see ANSWER_MESSAGES). */',
    'export interface AnswerMessages {',
    '  /** The answer element is a ResponseMessage itself (it extends ResponseMessageType). */',
    '  readonly self?: true;',
    '  /**',
    '   * Its `ResponseMessages` child holds only elements with these names (`any`: any ResponseMessage',
    '   * element), and must be there when `required`.',
    '   */',
    "  readonly list?: { readonly names: readonly string[] | 'any'; readonly required: boolean };",
    '  /** Its `ResponseMessage` child is one (GetUserOofSettings), and must be there when `required`. */',
    '  readonly single?: { readonly required: boolean };',
    '}',
    '',
    '/**',
    ' * Every answer element (each operation of services.wsdl, and the push-notification body',
    ' * `SendNotification`) → where its ResponseMessages are and their names, from messages.xsd. The',
    " * list type most answers share (ArrayOfResponseMessagesType) allows every operation's message, so",
    " * there the operation's own, `{Operation}ResponseMessage`, is named; " +
      `${[...UNNAMED_MESSAGES].join(', ')} ${UNNAMED_MESSAGES.size === 1 ? 'has' : 'have'} none in messages.xsd.`,
    ' * An answer with none of these (GetUserAvailability: FreeBusyResponse/ResponseMessage) is its',
    " * reader's to walk.",
    ' */',
    'export const ANSWER_MESSAGES: Readonly<Record<string, AnswerMessages>> = Object.freeze(',
    '  JSON.parse(',
    jsonText(answerMessages, '    '),
    '  ),',
    ');',
    '',
    '/** What the answer reader checks namespaces with (see answer-content.ts). */',
    'export interface AnswerContentTables {',
    '  /** Every element name messages.xsd declares with a ResponseMessage type (extending ResponseMessageType). */',
    '  readonly responseMessageElements: readonly string[];',
    '  /**',
    '   * The elements of the messages namespace an answer can hold (walked from the answer elements) →',
    '   * the local names of their children: in the messages namespace, or `t:` in the types namespace.',
    '   */',
    '  readonly messagesElementChildren: Readonly<Record<string, string>>;',
    '  /**',
    '   * Elements of the messages namespace in answers whose type is one of types.xsd: all their children',
    '   * are of the types namespace (types.xsd refers to no other).',
    '   */',
    '  readonly typesContentElements: readonly string[];',
    '  /** Elements whose content is xs:any (any namespace), of the messages and of the types namespace. */',
    '  readonly openContentElements: { readonly messages: readonly string[]; readonly types: readonly string[] };',
    '}',
    '',
    'let answerContent: AnswerContentTables | undefined;',
    '',
    '/** The answer content tables, read on first use: importing the package does not pay for them. */',
    'export function answerContentTables(): AnswerContentTables {',
    '  answerContent ??= deepFreeze(',
    '    JSON.parse(',
    jsonText(answerContent, '      '),
    '    ),',
    '  );',
    '  return answerContent as AnswerContentTables;',
    '}',
    '',
    'function deepFreeze<T>(value: T): T {',
    "  if (typeof value === 'object' && value !== null) {",
    '    for (const inner of Object.values(value)) deepFreeze(inner);',
    '    Object.freeze(value);',
    '  }',
    '  return value;',
    '}',
    '',
  ];
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url;
if (isMain) {
  const tables = generatedTables(
    readFileSync(new URL('services.wsdl', schemaDirectory), 'utf8'),
    readFileSync(new URL('messages.xsd', schemaDirectory), 'utf8'),
    readFileSync(new URL('types.xsd', schemaDirectory), 'utf8'),
  );
  const text = render(tables);
  if (process.argv.includes('--check')) {
    if (readFileSync(outputUrl, 'utf8') !== text) {
      console.error(
        'operation-responses.generated.ts is stale: run scripts/generate-operation-responses.mjs',
      );
      process.exit(1);
    }
    console.log(`operation-responses.generated.ts is up to date (${tables.rows.length} operations)`);
  } else {
    writeFileSync(outputUrl, text);
    console.log(`wrote ${tables.rows.length} operations`);
  }
}
